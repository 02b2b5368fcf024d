"""Convolutional, dense and activation layers, in NCHW like PyTorch (lessons 4-7).

The functional :func:`conv2d` takes the arguments of
``torch.nn.functional.conv2d`` and computes what it computes: a
cross-correlation (no flip), summed over input channels, plus a bias. Its
input is a batch ``(N, C, H, W)`` or a single image ``(C, H, W)``.

Each operation comes twice: ``*_reference`` loops over output elements, as
plain as the formula; the fast version gathers every kernel-sized window of a
sample into the columns of a matrix (im2col) and multiplies by the weights in
one matrix product, a few samples at a time. The layers (:class:`Conv2D`, :class:`Dense`,
:class:`ReLU`, :class:`Flatten`) hold their parameters and compute
``backward``, checked against finite differences and PyTorch in the tests.

Floating-point inputs keep their precision when input and weights are both
float32; everything else is computed in float64.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_real_array, check_int
from .windows import (
    as_batch,
    output_hw,
    pad_hw,
    pair,
    real_keeping_float32,
    unbatch,
)


def _float_pair(x: np.ndarray, weight: np.ndarray):
    """Compute in float32 only when both operands are float32."""
    dtype = np.float32 if x.dtype == weight.dtype == np.float32 else np.float64
    return x.astype(dtype, copy=False), weight.astype(dtype, copy=False)


def _checked_conv(x, weight, bias, stride, padding, dilation):
    x, unbatched = as_batch(x)
    weight = real_keeping_float32(weight, "weight")
    if weight.ndim != 4:
        raise ValueError(
            f"weight must be 4-D (out_channels, in_channels, kH, kW), got shape {weight.shape}"
        )
    if x.shape[1] != weight.shape[1]:
        raise ValueError(
            f"x has {x.shape[1]} channels but weight expects {weight.shape[1]} "
            f"(weight shape {weight.shape} is (out_channels, in_channels, kH, kW))"
        )
    x, weight = _float_pair(x, weight)
    if bias is not None:
        bias = as_real_array(bias, "bias", ndim=1, copy=False).astype(x.dtype)
        if bias.shape[0] != weight.shape[0]:
            raise ValueError(
                f"bias must have one value per output channel ({weight.shape[0]}), "
                f"got {bias.shape[0]}"
            )
    stride = pair(stride, "stride", 1)
    padding = pair(padding, "padding", 0)
    dilation = pair(dilation, "dilation", 1)
    out_hw = output_hw(x.shape[2:], weight.shape[2:], stride, padding, dilation)
    return x, unbatched, weight, bias, stride, padding, dilation, out_hw


# --- convolution: reference -----------------------------------------------------


def conv2d_reference(x, weight, bias=None, stride=1, padding=0, dilation=1):
    """Convolution layer by the definition: one output element at a time.

    ``out[n, o, i, j] = bias[o] + sum over c, a, b of
    weight[o, c, a, b] * x_padded[n, c, i * s + a * d, j * s + b * d]``.

    Parameters and returns as for :func:`conv2d`.

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> conv2d_reference(x, np.ones((1, 1, 2, 2)), bias=[0.5])
    array([[[[ 8.5, 12.5],
             [20.5, 24.5]]]])
    """
    x, unbatched, weight, bias, stride, padding, dilation, (oh, ow) = _checked_conv(
        x, weight, bias, stride, padding, dilation)
    x_padded = pad_hw(x, padding)
    (sh, sw), (dh, dw) = stride, dilation
    n_out, _, kh, kw = weight.shape
    out = np.zeros((x.shape[0], n_out, oh, ow), dtype=x.dtype)
    for n in range(x.shape[0]):
        for o in range(n_out):
            for i in range(oh):
                for j in range(ow):
                    patch = x_padded[n, :, i * sh : i * sh + dh * (kh - 1) + 1 : dh,
                                     j * sw : j * sw + dw * (kw - 1) + 1 : dw]
                    out[n, o, i, j] = np.sum(patch * weight[o])
                    if bias is not None:
                        out[n, o, i, j] += bias[o]
    return unbatch(out, unbatched)


def conv2d_backward_reference(x, weight, grad_out, stride=1, padding=0, dilation=1):
    """Gradients of :func:`conv2d` by the chain rule, one output element at a time.

    Each output element ``out[n, o, i, j]`` was a sum of products
    ``weight[o, c, a, b] * x_padded[n, c, ...]``; its gradient flows back to
    both factors of every product. A weight is shared by all positions
    ``(i, j)``, so its gradient is the sum over all of them.

    Parameters
    ----------
    x : ndarray, shape (N, C, H, W)
    weight : ndarray, shape (O, C, kH, kW)
    grad_out : ndarray, shape (N, O, OH, OW)
        Gradient of the loss with respect to the output.
    stride, padding, dilation : int or pair

    Returns
    -------
    grad_x : ndarray, shape (N, C, H, W)
    grad_weight : ndarray, shape (O, C, kH, kW)
    grad_bias : ndarray, shape (O,)

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> grad_x, grad_w, grad_b = conv2d_backward_reference(
    ...     x, np.ones((1, 1, 2, 2)), np.ones((1, 1, 2, 2)))
    >>> grad_w[0, 0]  # each weight met four pixels: their sum
    array([[ 8., 12.],
           [20., 24.]])
    >>> grad_b
    array([4.])
    """
    x, unbatched, weight, _, stride, padding, dilation, (oh, ow) = _checked_conv(
        x, weight, None, stride, padding, dilation)
    grad_out = _checked_grad(grad_out, (x.shape[0], weight.shape[0], oh, ow), unbatched)
    x_padded = pad_hw(x, padding)
    (sh, sw), (dh, dw), (ph, pw) = stride, dilation, padding
    kh, kw = weight.shape[2:]
    grad_padded = np.zeros_like(x_padded)
    grad_weight = np.zeros_like(weight)
    for n in range(x.shape[0]):
        for o in range(weight.shape[0]):
            for i in range(oh):
                for j in range(ow):
                    rows = slice(i * sh, i * sh + dh * (kh - 1) + 1, dh)
                    cols = slice(j * sw, j * sw + dw * (kw - 1) + 1, dw)
                    g = grad_out[n, o, i, j]
                    grad_weight[o] += g * x_padded[n, :, rows, cols]
                    grad_padded[n, :, rows, cols] += g * weight[o]
    grad_x = grad_padded[:, :, ph : ph + x.shape[2], pw : pw + x.shape[3]]
    return unbatch(grad_x, unbatched), grad_weight, grad_out.sum(axis=(0, 2, 3))


def _checked_grad(grad_out, expected_shape, unbatched):
    grad = np.asarray(grad_out)
    if unbatched and grad.ndim == 3:
        grad = grad[None]
    grad = grad.astype(np.result_type(grad.dtype, np.float32), copy=False)
    if grad.shape != tuple(expected_shape):
        raise ValueError(
            f"grad_out must have the shape of the forward output, {tuple(expected_shape)}, "
            f"got {grad.shape}"
        )
    return grad


# --- convolution: fast (im2col, one sample at a time) ------------------------------


def conv2d(x, weight, bias=None, stride=1, padding=0, dilation=1):
    """2-D convolution layer, as ``torch.nn.functional.conv2d``: cross-correlation.

    ``out[n, o] = bias[o] + sum over c of correlate(x[n, c], weight[o, c])``,
    with zero padding, stride and dilation; a stride that does not fit drops
    the last rows and columns, as PyTorch does.

    Parameters
    ----------
    x : array_like, shape (N, C, H, W) or (C, H, W)
    weight : array_like, shape (O, C, kH, kW)
        One filter per output channel, one kernel per input channel.
    bias : array_like, shape (O,), optional
    stride, padding, dilation : int or (int, int)
        ``padding`` zeros are added on each side.

    Returns
    -------
    ndarray, shape (N, O, OH, OW), or (O, OH, OW) for an unbatched input
        ``OH = floor((H + 2 padding - dilation (kH - 1) - 1) / stride) + 1``.

    Raises
    ------
    ValueError
        Wrong number of dimensions, channel mismatch, bias of the wrong length,
        a kernel larger than the padded input, stride or dilation below 1,
        negative padding, empty axes.
    TypeError
        Non-numeric data, or a stride/padding/dilation that is not an int or pair.

    Examples
    --------
    A 2 x 2 filter that adds the four pixels it covers, with stride 2:

    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> conv2d(x, np.ones((1, 1, 2, 2)), stride=2)
    array([[[[10., 18.],
             [42., 50.]]]])
    """
    x, unbatched, weight, bias, stride, padding, dilation, out_hw = _checked_conv(
        x, weight, bias, stride, padding, dilation)
    columns = _Columns(x, weight.shape[2:], stride, padding, dilation, out_hw)
    return unbatch(_conv2d_of_columns(columns, weight, bias), unbatched)


def _conv2d_of_columns(columns, weight, bias):
    """:func:`conv2d` of checked arguments, from their im2col columns: (N, O, OH, OW).

    The bias rides in the matrix product: the columns end with a row of ones
    and the weight matrix with a column of biases.
    """
    n_out = weight.shape[0]
    matrix = weight.reshape(n_out, -1)
    extra = np.zeros((n_out, 1), dtype=matrix.dtype) if bias is None else bias[:, None]
    matrix = np.concatenate([matrix, extra], axis=1)
    oh, ow = columns.out_hw
    out = np.empty((columns.samples, n_out, oh, ow), dtype=columns.dtype)
    products = np.empty((n_out, columns.size * columns.length), dtype=columns.dtype)
    for chunk in columns.chunks():
        # (O, C kH kW + 1) @ (C kH kW + 1, samples * OH * row): one BLAS call per chunk,
        # into one reused buffer (a fresh large array per chunk costs page faults).
        cols = columns.of(chunk)
        product = np.matmul(matrix, cols, out=products[:, : cols.shape[1]])
        product = product.reshape(n_out, -1, oh, columns.row)
        out[chunk] = product[:, :, :, :ow].transpose(1, 0, 2, 3)
    return out


class _Columns:
    """The im2col matrix of a few samples at a time, in one reused buffer.

    The padded input is stored channel by channel (C, N, height, width), each
    image flat, one row of pixels after the other, so
    that the taps of a kernel at output pixel ``(i, j)`` sit at
    ``i * stride_h * width + j * stride_w + offset(a, b)``. For a stride that
    divides the row step, every row of the im2col matrix is then one evenly
    strided slice of the flat image: the matrix is copied with one slice per
    channel and tap, long runs that NumPy copies fast. The price is a few
    "wide" columns per output row that read past the row's end (``row - OW``
    of them); their results are computed and dropped.

    Row ``(c, a, b)`` of ``of(chunk)`` holds tap ``(a, b)`` of channel ``c``
    for every wide output position of the chunk's samples, sample by sample:
    shape (C kH kW + 1, samples * OH * row); the last row is ones (the bias).
    Chunks are sized so the buffer stays small enough to stay in cache.
    """

    ELEMENTS = 1 << 18  # at most about this many numbers in the buffer (measured)

    def __init__(self, x, kernel_hw, stride, padding, dilation, out_hw):
        (kh, kw), (sh, sw), (ph, pw), (dh, dw) = kernel_hw, stride, padding, dilation
        self.kernel_hw, self.stride, self.padding, self.out_hw = kernel_hw, stride, padding, out_hw
        self.input_hw = x.shape[2:]
        self.samples, self.channels = x.shape[:2]
        self.dtype = x.dtype
        oh = out_hw[0]
        width = x.shape[3] + 2 * pw
        while (sh * width) % sw:  # zeros on the right until a row is a whole number of strides
            width += 1
        self.width, self.row = width, sh * width // sw
        # Rows below the padding, so the wide columns of the last output row stay inside.
        height = max(x.shape[2] + 2 * ph, oh * sh + dh * (kh - 1) + 1)
        # Channels first: the copies and sums below then run over memory in order.
        self.padded = np.zeros((self.channels, self.samples, height, width), dtype=x.dtype)
        self.padded[:, :, ph : ph + x.shape[2], pw : pw + x.shape[3]] = x.transpose(1, 0, 2, 3)
        self.offsets = [a * dh * width + b * dw for a in range(kh) for b in range(kw)]
        self.length = oh * self.row  # wide positions per sample
        per_sample = (self.channels * kh * kw + 1) * self.length
        self.size = max(1, min(self.samples, self.ELEMENTS // per_sample))
        rows = self.channels * kh * kw
        self.buffer = np.empty((rows + 1, self.size * self.length), dtype=x.dtype)
        self.buffer[rows] = 1.0

    def chunks(self):
        """Slices of samples, ``size`` at a time."""
        return [slice(start, min(start + self.size, self.samples))
                for start in range(0, self.samples, self.size)]

    def flat(self, padded: np.ndarray, chunk: slice) -> np.ndarray:
        """Padded samples (C, N, height, width) of ``chunk`` as (C, samples, height * width)."""
        return padded[:, chunk].reshape(self.channels, chunk.stop - chunk.start, -1)

    def tap(self, flat: np.ndarray, offset: int) -> np.ndarray:
        """Tap ``offset`` at every wide output position: (C, samples, OH * row), a view."""
        sw = self.stride[1]
        return flat[:, :, offset : offset + sw * (self.length - 1) + 1 : sw]

    def of(self, chunk: slice) -> np.ndarray:
        count = chunk.stop - chunk.start
        taps = len(self.offsets)
        columns = self.buffer[:, : count * self.length]
        grid = columns[:-1].reshape(self.channels, taps, count, self.length)
        flat = self.flat(self.padded, chunk)
        for t, offset in enumerate(self.offsets):
            np.copyto(grid[:, t], self.tap(flat, offset))
        return columns

    def wide(self, grad: np.ndarray) -> np.ndarray:
        """An output gradient (samples, O, OH, OW) as (O, samples * OH * row), zero when wide."""
        count, n_out, oh, ow = grad.shape
        out = np.zeros((n_out, count, oh, self.row), dtype=self.dtype)
        out[:, :, :, :ow] = grad.transpose(1, 0, 2, 3)
        return out.reshape(n_out, -1)


def conv2d_backward(x, weight, grad_out, stride=1, padding=0, dilation=1):
    """Gradients of :func:`conv2d`, fast: two matrix products per chunk of samples.

    With ``cols`` the im2col matrix of the samples (C kH kW, S OH OW) and
    ``g`` their output gradient (O, S OH OW): ``grad_weight += g @ cols.T``
    (the shared weight sums the gradients of every position) and the input
    gradient is ``weight.T @ g`` scattered back over the windows (col2im).

    Parameters and returns as for :func:`conv2d_backward_reference`.

    Examples
    --------
    >>> x = np.arange(9.0).reshape(1, 1, 3, 3)
    >>> grad_x, grad_w, grad_b = conv2d_backward(x, np.ones((1, 1, 2, 2)), np.ones((1, 1, 2, 2)))
    >>> grad_x[0, 0]  # how many windows each pixel belongs to
    array([[1., 2., 1.],
           [2., 4., 2.],
           [1., 2., 1.]])
    """
    x, unbatched, weight, _, stride, padding, dilation, out_hw = _checked_conv(
        x, weight, None, stride, padding, dilation)
    grad_out = _checked_grad(grad_out, (x.shape[0], weight.shape[0], *out_hw), unbatched)
    grad_out = grad_out.astype(x.dtype, copy=False)
    columns = _Columns(x, weight.shape[2:], stride, padding, dilation, out_hw)
    grad_x, grad_weight, grad_bias = _conv2d_backward_of_columns(columns, weight, grad_out)
    return unbatch(grad_x, unbatched), grad_weight, grad_bias


def _conv2d_backward_of_columns(columns, weight, grad_out):
    """Input, weight and bias gradients of :func:`conv2d`, from the columns of its input.

    ``grad_out`` is checked, (N, O, OH, OW), in the dtype of the columns;
    returns (N, C, H, W), (O, C, kH, kW) and (O,). The row of ones at the end
    of the columns gives the bias gradient in the same matrix product as the
    weights'.
    """
    n_out = weight.shape[0]
    matrix = weight.reshape(n_out, -1)
    grad_matrix_t = np.zeros((matrix.shape[1] + 1, n_out), dtype=columns.dtype)
    grad_padded = np.zeros_like(columns.padded)
    taps = len(columns.offsets)
    buffer = np.empty((matrix.shape[1], columns.size * columns.length), dtype=columns.dtype)
    for chunk in columns.chunks():
        g = columns.wide(grad_out[chunk])  # (O, samples * OH * row)
        grad_matrix_t += columns.of(chunk) @ g.T  # transposed: the faster orientation
        count = chunk.stop - chunk.start
        grad_columns = np.matmul(matrix.T, g, out=buffer[:, : g.shape[1]])  # reused buffer
        grad_columns = grad_columns.reshape(columns.channels, taps, count, columns.length)
        flat = columns.flat(grad_padded, chunk)
        for t, offset in enumerate(columns.offsets):
            # col2im: each tap's gradient goes back where the tap read (wide ones add zeros).
            columns.tap(flat, offset)[...] += grad_columns[:, t]
    (ph, pw), (h, w) = columns.padding, columns.input_hw
    grad_x = grad_padded[:, :, ph : ph + h, pw : pw + w].transpose(1, 0, 2, 3)
    return grad_x, grad_matrix_t[:-1].T.reshape(weight.shape), grad_matrix_t[-1]


# --- layers ----------------------------------------------------------------------------


def _uniform_init(rng, fan_in: int, shape) -> np.ndarray:
    """PyTorch's default initialisation: uniform in +-1/sqrt(fan_in)."""
    bound = 1.0 / np.sqrt(fan_in)
    return rng.uniform(-bound, bound, size=shape)


class Layer:
    """What every layer offers: ``forward``, ``backward`` and its parameters."""

    def parameters(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """(value, gradient) pairs of the trainable arrays; empty for most layers."""
        return []

    def __call__(self, x):
        return self.forward(x)


class _Weighted(Layer):
    """A layer with ``weight`` and an optional ``bias``, and their gradients."""

    def parameters(self):
        pairs = [(self.weight, self.grad_weight)]
        if self.bias is not None:
            pairs.append((self.bias, self.grad_bias))
        return pairs

    def parameter_count(self) -> int:
        """Number of weights plus number of biases."""
        return int(self.weight.size + (0 if self.bias is None else self.bias.size))


class Conv2D(_Weighted):
    """A convolutional layer: ``out_channels`` filters of ``in_channels`` kernels each.

    Parameters
    ----------
    in_channels, out_channels : int >= 1
    kernel_size : int or (int, int)
    stride, padding : int or (int, int)
    bias : bool
    seed : int, optional
        Seed of the random initial weights (PyTorch's default scheme).

    Attributes
    ----------
    weight : ndarray, shape (out_channels, in_channels, kH, kW)
    bias : ndarray, shape (out_channels,), or None
    grad_weight, grad_bias : ndarray
        Filled by :meth:`backward`.

    Examples
    --------
    >>> layer = Conv2D(3, 8, kernel_size=3, padding=1, seed=0)
    >>> layer.weight.shape, layer.forward(np.zeros((2, 3, 16, 16))).shape
    ((8, 3, 3, 3), (2, 8, 16, 16))
    >>> layer.parameter_count()  # 8 * (3 * 3 * 3 + 1)
    224
    """

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0,
                 bias=True, seed=None):
        in_channels = check_int(in_channels, "in_channels", 1)
        out_channels = check_int(out_channels, "out_channels", 1)
        kh, kw = pair(kernel_size, "kernel_size", 1)
        self.stride = pair(stride, "stride", 1)
        self.padding = pair(padding, "padding", 0)
        rng = np.random.default_rng(seed)
        fan_in = in_channels * kh * kw
        self.weight = _uniform_init(rng, fan_in, (out_channels, in_channels, kh, kw))
        self.bias = _uniform_init(rng, fan_in, (out_channels,)) if bias else None
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = None if self.bias is None else np.zeros_like(self.bias)
        self._columns = None  # of the last input: backward reuses them

    def forward(self, x):
        """(N, C_in, H, W) -> (N, C_out, OH, OW); keeps x's im2col columns for backward."""
        x, self._unbatched, weight, bias, stride, padding, dilation, out_hw = _checked_conv(
            x, self.weight, self.bias, self.stride, self.padding, 1)
        self._columns = _Columns(x, weight.shape[2:], stride, padding, dilation, out_hw)
        return unbatch(_conv2d_of_columns(self._columns, weight, bias), self._unbatched)

    def backward(self, grad_out):
        """Gradient w.r.t. the input; stores grad_weight and grad_bias."""
        if self._columns is None:
            raise RuntimeError("call forward before backward")
        columns = self._columns
        grad_out = _checked_grad(
            grad_out, (columns.samples, self.weight.shape[0], *columns.out_hw), self._unbatched
        ).astype(columns.dtype, copy=False)
        weight = self.weight.astype(columns.dtype, copy=False)
        grad_x, self.grad_weight, grad_bias = _conv2d_backward_of_columns(
            columns, weight, grad_out)
        if self.bias is not None:
            self.grad_bias = grad_bias
        return unbatch(grad_x, self._unbatched)



class Dense(_Weighted):
    """A fully connected layer: ``x @ weight.T + bias``, as ``torch.nn.Linear``.

    Parameters
    ----------
    in_features, out_features : int >= 1
    bias : bool
    seed : int, optional

    Attributes
    ----------
    weight : ndarray, shape (out_features, in_features)
    bias : ndarray, shape (out_features,), or None

    Examples
    --------
    >>> layer = Dense(4, 2, seed=0)
    >>> layer.forward(np.ones((5, 4))).shape, layer.parameter_count()
    ((5, 2), 10)
    """

    def __init__(self, in_features, out_features, bias=True, seed=None):
        in_features = check_int(in_features, "in_features", 1)
        out_features = check_int(out_features, "out_features", 1)
        rng = np.random.default_rng(seed)
        self.weight = _uniform_init(rng, in_features, (out_features, in_features))
        self.bias = _uniform_init(rng, in_features, (out_features,)) if bias else None
        self.grad_weight = np.zeros_like(self.weight)
        self.grad_bias = None if self.bias is None else np.zeros_like(self.bias)
        self._x = None

    def forward(self, x):
        """(N, in_features) -> (N, out_features)."""
        x = as_real_array(x, "x", copy=False)
        if x.ndim != 2 or x.shape[1] != self.weight.shape[1]:
            raise ValueError(f"x must have shape (N, {self.weight.shape[1]}), got {x.shape}")
        self._x = x
        out = x @ self.weight.T
        return out if self.bias is None else out + self.bias

    def backward(self, grad_out):
        """(N, out_features) -> (N, in_features); stores grad_weight and grad_bias."""
        if self._x is None:
            raise RuntimeError("call forward before backward")
        grad_out = np.asarray(grad_out, dtype=float)
        if grad_out.shape != (self._x.shape[0], self.weight.shape[0]):
            raise ValueError(f"grad_out must have shape {(self._x.shape[0], self.weight.shape[0])},"
                             f" got {grad_out.shape}")
        self.grad_weight = grad_out.T @ self._x
        if self.bias is not None:
            self.grad_bias = grad_out.sum(axis=0)
        return grad_out @ self.weight



class ReLU(Layer):
    """``max(0, x)``, element by element; the gradient passes where x > 0.

    float32 stays float32; anything else is computed in float64.

    Examples
    --------
    >>> relu = ReLU()
    >>> relu.forward(np.array([-1.0, 0.0, 2.0])), relu.backward(np.ones(3))
    (array([0., 0., 2.]), array([0., 0., 1.]))
    """

    def __init__(self):
        self._positive = None

    def forward(self, x):
        x = real_keeping_float32(x, "x")
        self._positive = x > 0
        # max(x, 0) without branches: np.where is several times slower on random signs.
        # Adding 0 turns -0.0 into 0.0; NaN stays NaN, as in PyTorch.
        out = np.maximum(x, 0)
        out += 0
        return out

    def backward(self, grad_out):
        if self._positive is None:
            raise RuntimeError("call forward before backward")
        grad = np.asarray(grad_out)
        out = grad * self._positive  # 0 where x <= 0 (also branch-free), then -0.0 -> 0.0
        out += 0
        return out


class Flatten(Layer):
    """(N, C, H, W) -> (N, C * H * W), the bridge from feature maps to a dense layer.

    Examples
    --------
    >>> flatten = Flatten()
    >>> flatten.forward(np.zeros((2, 3, 4, 4))).shape, flatten.backward(np.zeros((2, 48))).shape
    ((2, 48), (2, 3, 4, 4))
    """

    def __init__(self):
        self._shape = None

    def forward(self, x):
        x = np.asarray(x)
        if x.ndim < 2:
            raise ValueError(f"x must have a batch axis and at least one more, got {x.shape}")
        self._shape = x.shape
        return x.reshape(x.shape[0], -1)

    def backward(self, grad_out):
        if self._shape is None:
            raise RuntimeError("call forward before backward")
        return np.asarray(grad_out).reshape(self._shape)
