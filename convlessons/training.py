"""Training a small network in NumPy (lesson 7): loss, container, optimisers, batches.

:func:`feature_maps` looks inside a network: the output of each layer for one image.

Everything is deterministic given the seeds: the initial weights (each
layer's ``seed``), the order of the mini-batches (:func:`batches`'s ``rng``),
and nothing else is random.
"""

from __future__ import annotations

from contextlib import contextmanager

import numpy as np

from ._validation import as_real_array, check_int
from .layers import Layer


def softmax(logits) -> np.ndarray:
    """Probabilities from scores, row by row: ``exp(z) / sum(exp(z))``.

    The largest score is subtracted first, which changes nothing
    mathematically but keeps ``exp`` from overflowing.

    Parameters
    ----------
    logits : array_like, shape (N, K)

    Returns
    -------
    ndarray, shape (N, K); every row sums to 1

    Examples
    --------
    >>> softmax([[0.0, 0.0], [1000.0, 0.0]]).round(3)
    array([[0.5, 0.5],
           [1. , 0. ]])
    """
    logits = as_real_array(logits, "logits", ndim=2)
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


def _checked_labels(labels, logits):
    labels = np.asarray(labels)
    if labels.ndim != 1 or labels.shape[0] != logits.shape[0]:
        raise ValueError(f"labels must have shape ({logits.shape[0]},), got {labels.shape}")
    if not np.issubdtype(labels.dtype, np.integer):
        raise TypeError(f"labels must be integers (class numbers), got dtype {labels.dtype}")
    if labels.min() < 0 or labels.max() >= logits.shape[1]:
        raise ValueError(f"labels must lie in 0..{logits.shape[1] - 1}, "
                         f"got {labels.min()}..{labels.max()}")
    return labels


def cross_entropy(logits, labels) -> tuple[float, np.ndarray]:
    """Softmax cross-entropy, averaged over the batch, and its gradient.

    ``loss = mean over n of -log(softmax(logits)[n, labels[n]])``; its
    gradient with respect to the logits is ``(softmax - one_hot) / N``.

    Parameters
    ----------
    logits : array_like, shape (N, K)
    labels : array_like of int, shape (N,), values in 0..K-1

    Returns
    -------
    loss : float
    grad : ndarray, shape (N, K)

    Examples
    --------
    >>> loss, grad = cross_entropy([[0.0, 0.0]], [1])
    >>> round(loss, 4), grad  # log 2, and the push: down on class 0, up on class 1
    (0.6931, array([[ 0.5, -0.5]]))
    """
    logits = as_real_array(logits, "logits", ndim=2)
    labels = _checked_labels(labels, logits)
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probabilities = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    rows = np.arange(logits.shape[0])
    loss = float(-log_probabilities[rows, labels].mean())
    grad = np.exp(log_probabilities)
    grad[rows, labels] -= 1.0
    return loss, grad / logits.shape[0]


class Sequential(Layer):
    """Layers applied one after the other; backward runs them in reverse.

    Examples
    --------
    >>> from convlessons.layers import Dense, ReLU
    >>> model = Sequential([Dense(4, 3, seed=0), ReLU(), Dense(3, 2, seed=1)])
    >>> model.forward(np.ones((5, 4))).shape, model.parameter_count()
    ((5, 2), 23)
    """

    def __init__(self, layers):
        self.layers = list(layers)
        for layer in self.layers:
            if not (hasattr(layer, "forward") and hasattr(layer, "backward")):
                raise TypeError(f"every layer needs forward and backward, got {layer!r}")

    def forward(self, x):
        for layer in self.layers:
            x = layer.forward(x)
        return x

    def backward(self, grad):
        for layer in reversed(self.layers):
            grad = layer.backward(grad)
        return grad

    def parameters(self):
        return [pair for layer in self.layers for pair in layer.parameters()]

    def parameter_count(self) -> int:
        return int(sum(value.size for value, _ in self.parameters()))

    def predict(self, x, batch_size: int = 256) -> np.ndarray:
        """Class numbers with the highest score, computed in batches."""
        x = np.asarray(x)
        return np.concatenate([self.forward(x[i : i + batch_size]).argmax(axis=1)
                               for i in range(0, len(x), batch_size)])


class SGD:
    """Stochastic gradient descent with momentum: ``v = m v - lr g; w += v``.

    Updates the model's parameters in place, reading the gradients that the
    last ``backward`` stored.

    Examples
    --------
    >>> from convlessons.layers import Dense
    >>> layer = Dense(1, 1, bias=False, seed=0)
    >>> layer.weight[:] = 1.0
    >>> layer.grad_weight = np.array([[0.5]])
    >>> SGD(layer, learning_rate=0.1).step()
    >>> layer.weight
    array([[0.95]])
    """

    def __init__(self, model, learning_rate=0.01, momentum=0.0):
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be positive, got {learning_rate!r}")
        if not 0 <= momentum < 1:
            raise ValueError(f"momentum must be in [0, 1), got {momentum!r}")
        self.model, self.learning_rate, self.momentum = model, learning_rate, momentum
        self._velocity = [np.zeros_like(value) for value, _ in model.parameters()]

    def step(self) -> None:
        for (value, grad), velocity in zip(self.model.parameters(), self._velocity, strict=True):
            velocity *= self.momentum
            velocity -= self.learning_rate * grad
            value += velocity


class Adam:
    """Adam: momentum on the gradient and on its square, with bias correction.

    Parameters
    ----------
    model : Layer
        Anything with ``parameters()`` returning (value, gradient) pairs.
    learning_rate : float
    betas : (float, float)
    eps : float
    weight_decay : float
        Decoupled weight decay (AdamW): every step also shrinks each weight by
        ``learning_rate * weight_decay`` times itself, pulling unused weights
        towards 0. 0 turns it off.

    Examples
    --------
    >>> from convlessons.layers import Dense
    >>> layer = Dense(1, 1, bias=False, seed=0)
    >>> layer.weight[:] = 1.0
    >>> layer.grad_weight = np.array([[0.5]])
    >>> Adam(layer, learning_rate=0.1).step()  # the first step is lr times sign(grad)
    >>> layer.weight.round(6)
    array([[0.9]])
    """

    def __init__(self, model, learning_rate=0.001, betas=(0.9, 0.999), eps=1e-8,
                 weight_decay=0.0):
        if not learning_rate > 0:
            raise ValueError(f"learning_rate must be positive, got {learning_rate!r}")
        if not weight_decay >= 0:
            raise ValueError(f"weight_decay must be >= 0, got {weight_decay!r}")
        self.model, self.learning_rate, self.weight_decay = model, learning_rate, weight_decay
        self.beta1, self.beta2 = betas
        self.eps = eps
        self._first = [np.zeros_like(value) for value, _ in model.parameters()]
        self._second = [np.zeros_like(value) for value, _ in model.parameters()]
        self._steps = 0

    def step(self) -> None:
        self._steps += 1
        correction1 = 1 - self.beta1**self._steps
        correction2 = 1 - self.beta2**self._steps
        pairs = zip(self.model.parameters(), self._first, self._second, strict=True)
        for (value, grad), first, second in pairs:
            if self.weight_decay:
                value *= 1 - self.learning_rate * self.weight_decay
            first *= self.beta1
            first += (1 - self.beta1) * grad
            second *= self.beta2
            second += (1 - self.beta2) * grad**2
            value -= (self.learning_rate * (first / correction1)
                      / (np.sqrt(second / correction2) + self.eps))


def batches(x, y, batch_size: int, rng=None):
    """Mini-batches ``(x[i], y[i])`` in a shuffled order (in order when ``rng`` is None).

    Examples
    --------
    >>> x, y = np.arange(5), np.arange(5) * 10
    >>> [b[1].tolist() for b in batches(x, y, 2)]
    [[0, 10], [20, 30], [40]]
    """
    batch_size = check_int(batch_size, "batch_size", 1)
    if len(x) != len(y):
        raise ValueError(f"x and y must have the same length, got {len(x)} and {len(y)}")
    order = np.arange(len(x)) if rng is None else rng.permutation(len(x))
    for start in range(0, len(x), batch_size):
        chosen = order[start : start + batch_size]
        yield x[chosen], y[chosen]


@contextmanager
def one_blas_thread():
    """Run NumPy's matrix products on one thread inside the ``with`` block.

    The products of a small network are tiny: threads cost more to wake
    than they save (about 4x slower on a busy 2-core machine), and one
    thread also adds the numbers in a fixed order, so training is
    reproducible to the last bit on a given machine.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def train_epoch(model, optimiser, x, y, batch_size=32, rng=None) -> float:
    """One pass over the training data; returns the mean loss over the batches.

    Examples
    --------
    >>> from convlessons.layers import Dense
    >>> model = Sequential([Dense(2, 2, seed=0)])
    >>> x, y = np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0, 1])
    >>> optimiser = SGD(model, learning_rate=1.0)
    >>> first = train_epoch(model, optimiser, x, y, batch_size=2)
    >>> later = [train_epoch(model, optimiser, x, y, batch_size=2) for _ in range(20)][-1]
    >>> later < first
    True
    """
    losses = []
    with one_blas_thread():
        for x_batch, y_batch in batches(x, y, batch_size, rng):
            loss, grad = cross_entropy(model.forward(x_batch), y_batch)
            model.backward(grad)
            optimiser.step()
            losses.append(loss)
    return float(np.mean(losses))


def accuracy(model, x, y) -> float:
    """Fraction of samples whose highest-scoring class is the label.

    Examples
    --------
    >>> from convlessons.layers import Dense
    >>> model = Dense(2, 2, bias=False)
    >>> model.weight = np.eye(2)
    >>> accuracy(Sequential([model]), np.array([[2.0, 1.0], [0.0, 3.0]]), np.array([0, 0]))
    0.5
    """
    with one_blas_thread():
        predictions = (model.predict(x) if hasattr(model, "predict")
                       else model.forward(x).argmax(1))
    return float(np.mean(predictions == np.asarray(y)))


def cosine_learning_rate(base: float, epoch: int, epochs: int) -> float:
    """A learning rate that glides from ``base`` down towards 0 along half a cosine.

    Large steps early move fast; small steps late settle into a minimum
    instead of bouncing around it.

    Examples
    --------
    >>> [round(cosine_learning_rate(0.01, e, 4), 5) for e in range(4)]
    [0.01, 0.00854, 0.005, 0.00146]
    """
    epoch = check_int(epoch, "epoch", 0)
    epochs = check_int(epochs, "epochs", 1)
    return float(base * 0.5 * (1.0 + np.cos(np.pi * epoch / epochs)))


# --- inside a trained network -----------------------------------------------------


def _layer_name(layer) -> str:
    return {"Conv2D": "conv", "MaxPool2D": "max pool", "AvgPool2D": "avg pool",
            "SumPool2D": "sum pool", "ReLU": "ReLU", "Flatten": "flatten",
            "Dense": "dense"}.get(type(layer).__name__, type(layer).__name__)


def checked_model(model):
    """``model`` itself, once it is known to have a list of layers (a Sequential).

    Examples
    --------
    >>> checked_model(Sequential([]))  # doctest: +ELLIPSIS
    <convlessons.training.Sequential object at ...>
    >>> checked_model("net")
    Traceback (most recent call last):
    ...
    TypeError: model must be a Sequential (with a list of layers), got 'net'
    """
    if getattr(model, "layers", None) is None:
        raise TypeError(f"model must be a Sequential (with a list of layers), got {model!r}")
    return model


def feature_maps(model, image):
    """Run one image through a :class:`Sequential`, keeping every stage.

    A stage is the output of a layer that still has the (channels, height,
    width) shape of an image; a ReLU is merged with the layer before it
    ("conv 1 + ReLU"). Layers are numbered by kind: conv 1, conv 2, max
    pool 1, ...

    Parameters
    ----------
    model : Sequential
        Its first layer takes (N, C, H, W) batches.
    image : array_like, shape (H, W) or (C, H, W)

    Returns
    -------
    stages : list of (str, ndarray of shape (C, H, W))
    scores : ndarray, shape (K,)
        The model's output (the logits) for this image.

    Examples
    --------
    >>> from convlessons.layers import Conv2D, Dense, Flatten, ReLU
    >>> from convlessons.pooling import MaxPool2D
    >>> model = Sequential([Conv2D(1, 2, 3, padding=1, seed=0), ReLU(), MaxPool2D(2),
    ...                     Flatten(), Dense(32, 10, seed=1)])
    >>> stages, scores = feature_maps(model, np.zeros((8, 8)))
    >>> [(name, maps.shape) for name, maps in stages], scores.shape
    ([('conv 1 + ReLU', (2, 8, 8)), ('max pool 1', (2, 4, 4))], (10,))
    """
    layers = checked_model(model).layers
    x = as_real_array(image, "image")
    if x.ndim == 2:
        x = x[None]
    if x.ndim != 3:
        raise ValueError(f"image must have shape (H, W) or (C, H, W), got {x.shape}")
    x = x[None]
    stages, counts = [], {}
    for layer in layers:
        x = layer.forward(x)
        name = _layer_name(layer)
        if x.ndim != 4:
            continue
        if name == "ReLU" and stages:
            stages[-1] = (f"{stages[-1][0]} + ReLU", x[0])
            continue
        counts[name] = counts.get(name, 0) + 1
        stages.append((f"{name} {counts[name]}", x[0]))
    scores = np.asarray(x, dtype=float).reshape(-1)
    return stages, scores
