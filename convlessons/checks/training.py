"""Checkers for the exercises of lesson 7, the capstone: a network that learns its kernels.

The expected values come from formulas written here in NumPy: the parameter
count of the lesson's family of networks, the softmax cross-entropy and its
gradient (the tests confirm the gradient with finite differences), one step
of Adam, a confusion matrix counted one sample at a time, and a shift by
whole pixels; never from ``convlessons.training`` or ``convlessons.layers``, so
a bug in the package cannot make a wrong answer pass. The classifiers that
:func:`evaluate_breaking_shift` hands to the answer are small, deterministic
rules defined here, whose answers the checker finds by its own search.

Shapes follow PyTorch: a batch of scores (logits) is ``(N, K)``, N samples and
K classes, and a batch of labels ``(N,)`` holds class numbers ``0..K-1``.

Examples
--------
>>> from convlessons.checks.training import check_cnn_parameter_count
>>> def no_biases(filters):
...     f1, f2, f3 = filters
...     return 9 * f1 + 9 * f1 * f2 + 9 * f2 * f3 + 10 * f3 * 2 * 2
>>> check_cnn_parameter_count(no_biases)  # doctest: +ELLIPSIS
❌ cnn_parameter_count: not yet.
   case 1 of 10: on filters=(1, 1, 1) (the example above) you answered 67, but the ...
   You left out the biases: ...
"""

from __future__ import annotations

import math
import re

import numpy as np

from ._core import (
    RETURNED_INPUT_HINT,
    CaseFailed,
    Suspect,
    Verdict,
    call,
    checker,
    compare,
    diagnose,
    hidden_cases,
    input_lines,
    int_tuple,
    named_case,
    random_shape,
    run,
    show,
    whole_number,
)

# --- exercise 1: cnn_parameter_count ----------------------------------------------------

_CNN_HINT = ("Hint: go layer by layer. A 3 x 3 convolution from c_in to c_out channels holds "
             "c_out * (c_in * 9 + 1) numbers; padding 1 keeps the 8 x 8 size, each pooling "
             "halves it; the dense layer holds 10 * (its inputs + 1).")


def _cnn_layers(f1: int, f2: int, f3: int) -> list[tuple[str, int]]:
    """The parameters of each layer of the family, counted from their shapes."""
    return [
        (f"conv 1 -> {f1}", f1 * (1 * 3 * 3 + 1)),
        (f"conv {f1} -> {f2}", f2 * (f1 * 3 * 3 + 1)),
        (f"conv {f2} -> {f3}", f3 * (f2 * 3 * 3 + 1)),
        (f"dense {f3 * 2 * 2} -> 10", 10 * (f3 * 2 * 2 + 1)),
    ]


def _judge_cnn(answer, filters, description):
    f1, f2, f3 = filters
    layers = _cnn_layers(f1, f2, f3)
    expected = sum(count for _, count in layers)
    got = whole_number(call(answer, (filters,), description, ("filters",)), description,
                       "a number of parameters")
    if got == expected:
        return

    def total(conv_bias=1, dense_bias=1, dense_inputs=f3 * 4, first_channels=1,
              per_kernel=9, one_kernel=False):
        ins = (1, 1, 1) if one_kernel else (first_channels, f1, f2)
        convs = sum(out * (c_in * per_kernel + conv_bias)
                    for c_in, out in zip(ins, (f1, f2, f3), strict=True))
        return convs + 10 * (dense_inputs + dense_bias)

    known = diagnose(got, [
        Suspect(total(conv_bias=0, dense_bias=0),
                "You left out the biases: each filter of a convolution has one, and so has "
                "each of the 10 outputs of the dense layer."),
        Suspect(total(conv_bias=0), "You left out the biases of the convolutions: one per "
                                    "filter."),
        Suspect(total(dense_bias=0), "You left out the 10 biases of the dense layer, one per "
                                     "class."),
        Suspect(total(dense_inputs=f3 * 8 * 8),
                "Your dense layer sees f3 * 8 * 8 numbers, but each 2 x 2 max pooling halves "
                "the height and the width: 8 x 8 -> 4 x 4 -> 2 x 2, so flatten gives "
                "f3 * 2 * 2."),
        Suspect(total(dense_inputs=f3 * 4 * 4),
                "Your dense layer sees f3 * 4 * 4 numbers: there are two poolings, 8 -> 4 -> 2, "
                "so flatten gives f3 * 2 * 2."),
        Suspect(total(dense_inputs=f3),
                "Your dense layer sees only f3 numbers, but flatten keeps every pixel of every "
                "channel: f3 channels of 2 x 2 pixels, f3 * 2 * 2 numbers."),
        Suspect(total(one_kernel=True),
                "You gave each filter a single 3 x 3 kernel, but a filter holds one kernel per "
                "input channel: the second convolution has f1 * 9 weights per filter."),
        Suspect(total(first_channels=3),
                "A digit is a grayscale image: the first convolution has 1 input channel, "
                "not 3."),
        Suspect(total(per_kernel=3), "A 3 x 3 kernel holds 9 weights, not 3."),
        Suspect(expected - 9 * (f3 * 4 + 1),
                "The dense layer has one output per class, 10 of them, each with f3 * 2 * 2 "
                "weights and a bias."),
    ])
    raise CaseFailed(
        f"on {description} you answered {got}, but the network holds {expected} parameters.",
        *([known] if known else [
            "Layer by layer: " + ", ".join(f"{name}: {count}" for name, count in layers) + ".",
            _CNN_HINT]))


def _random_filters(rng):
    """Two networks with random filter counts, all three different."""
    return [named_case("hidden", filters=tuple(int(n) for n in rng.choice(np.arange(1, 129), 3,
                                                                           replace=False)))
            for _ in range(2)]


def evaluate_cnn_parameter_count(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(filters)``: the parameters of the lesson's CNN with other filter counts.

    ``filters`` is a tuple ``(f1, f2, f3)`` of ints >= 1. The network takes
    ``(1, 8, 8)`` digits: convolution 1 -> f1, ReLU, convolution f1 -> f2, ReLU,
    2 x 2 max pooling, convolution f2 -> f3, ReLU, 2 x 2 max pooling, flatten,
    dense ``f3 * 2 * 2 -> 10``; every convolution has 3 x 3 kernels, padding 1
    and biases. The expected count, an int, is the sum of
    ``c_out * (c_in * 9 + 1)`` over the convolutions and ``10 * (f3 * 4 + 1)``.

    Examples
    --------
    >>> def count(filters):
    ...     f1, f2, f3 = filters
    ...     return f1 * 10 + f2 * (9 * f1 + 1) + f3 * (9 * f2 + 1) + 10 * (4 * f3 + 1)
    >>> evaluate_cnn_parameter_count(count).passed
    True
    >>> evaluate_cnn_parameter_count(lambda filters: 30634).passed
    False
    """
    filters = [
        ((1, 1, 1), "the example above"),
        ((32, 32, 64), "the lesson's CNN"),
        ((4, 8, 16),),
        ((2, 3, 5), "three different counts"),
        ((8, 8, 8),),
        ((16, 32, 64),),
        ((64, 32, 16), "fewer filters deeper in"),
        ((1, 2, 1),),
        ((3, 1, 2), "a bottleneck of one channel"),
        ((100, 100, 100), "a large network"),
    ]
    cases = [named_case(*label, filters=counts) for counts, *label in filters]
    return run("cnn_parameter_count", answer, cases, _judge_cnn,
               hidden=hidden_cases(hidden_seed, _random_filters))


check_cnn_parameter_count = checker(evaluate_cnn_parameter_count)


# --- exercise 2: softmax_cross_entropy_gradient ------------------------------------------

_CE_HINT = ("Hint: p = exp(z - max) / sum(exp(z - max)) row by row; loss = mean over the "
            "batch of -log p[n, labels[n]]; grad = (p - one_hot(labels)) / N.")

_OVERFLOW_HINT = ("np.exp overflows to inf above about 709, and below about -745 every "
                  "exp underflows to 0, giving 0 / 0. Subtract each row's largest logit "
                  "before np.exp: the softmax does not change, and the largest term becomes "
                  "exp(0) = 1.")

_LOG_HINT = ("The probability of the label is so small here that it rounds to 0, and "
             "log(0) = -inf. Compute the log-probabilities directly, without np.log of the "
             "softmax: log p = (z - max) - log(sum(exp(z - max))).")


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def _cross_entropy(logits: np.ndarray, labels: np.ndarray) -> tuple[float, np.ndarray]:
    """The checker's loss and gradient: mean of -log p[label], and (p - one_hot) / N."""
    logits = logits.astype(float)
    log_p = _log_softmax(logits)
    rows = np.arange(len(logits))
    loss = float(-log_p[rows, labels].mean())
    grad = np.exp(log_p)
    grad[rows, labels] -= 1.0
    return loss, grad / len(logits)


def _one_hot(labels: np.ndarray, classes: int) -> np.ndarray:
    hot = np.zeros((len(labels), classes))
    hot[np.arange(len(labels)), labels] = 1.0
    return hot


def _loss_number(loss, description):
    """The answer's loss as a Python float, or a CaseFailed that says why it is not one."""
    if isinstance(loss, (str, bytes)):
        raise CaseFailed(f"on {description} your loss is {show(loss, inline=True)} (text); "
                         "it should be one number.")
    try:
        values = np.asarray(loss, dtype=float)
    except Exception:  # not a number, or an object whose conversion raises
        raise CaseFailed(f"on {description} your loss is {show(loss, inline=True)} "
                         f"({type(loss).__name__}); it should be one number.") from None
    if values.size != 1:
        raise CaseFailed(
            f"on {description} your loss has shape {values.shape}: "
            f"{show(values, inline=True)}.",
            "The loss is one number: the mean over the batch of the samples' losses "
            "-log p[n, labels[n]].",
        )
    if not isinstance(loss, (float, np.floating)):
        raise CaseFailed(f"on {description} your loss is {show(loss, inline=True)} "
                         f"({type(loss).__name__}); the task asks for a float.",
                         "The loss is one number, the mean over the batch of the samples' "
                         "losses: return it as float(loss), not in an array or a list.")
    return float(loss)


def _judge_loss(got_loss, logits, labels, expected_loss, description):
    """Fail with the mistake's name unless the loss is ``expected_loss``."""
    n, k = logits.shape
    z = logits.astype(float)
    log_p = _log_softmax(z)
    rows = np.arange(n)
    # As arrays, so that diagnose compares with the tolerance of same().
    known = diagnose(np.array(got_loss), [Suspect(np.array(value), hint) for value, hint in [
        (expected_loss * n if n > 1 else None,
         "You added the samples' losses: average them (divide the sum by N)."),
        (expected_loss / k if k > 1 else None,
         "You averaged over all N x K entries; only the N entries of the labels count: "
         "sum -log p[n, labels[n]] over the batch and divide by N."),
        (-expected_loss if expected_loss else None,
         "Your loss has the wrong sign: it is -log p, which is never negative."),
        (expected_loss / math.log(2) if expected_loss else None,
         "Use the natural logarithm, np.log, not log2."),
        (expected_loss / math.log(10) if expected_loss else None,
         "Use the natural logarithm, np.log, not log10."),
        (float(-log_p[rows, z.argmax(axis=1)].mean()),
         "You took the probability of the highest-scoring class; the loss looks at the "
         "probability of the label, p[n, labels[n]]."),
        (float(-log_p[rows, labels].sum() / k) if n > 1 else None,
         "Divide by N, the number of samples, not by K, the number of classes."),
    ] if value is not None], _CE_HINT)
    raise CaseFailed(f"on {description} your loss is {got_loss:.6g}, expected "
                     f"{expected_loss:.6g}.", known)


def _judge_cross_entropy(answer, logits, labels, description):
    expected_loss, expected_grad = _cross_entropy(logits, labels)
    n, k = logits.shape
    result = call(answer, (logits, labels), description, ("logits", "labels"))
    if isinstance(result, np.ndarray) or not isinstance(result, (tuple, list)) \
            or len(result) != 2:
        raise CaseFailed(
            f"on {description} your function returned {show(result, inline=True)} "
            f"({type(result).__name__}).",
            "Return a pair: `return loss, grad`, the loss a number and grad an array of the "
            f"shape of the logits, {logits.shape}.",
        )
    loss, grad = result
    got_loss = _loss_number(loss, description)
    huge_gap = bool(np.any(logits.max(axis=1) - logits[np.arange(n), labels] > 700))
    finite_hint = _LOG_HINT if huge_gap else _OVERFLOW_HINT
    if not math.isfinite(got_loss):
        raise CaseFailed(f"on {description} your loss is {got_loss}; expected "
                         f"{expected_loss:.6g}.", finite_hint)
    if not math.isclose(got_loss, expected_loss, rel_tol=1e-6, abs_tol=1e-9):
        _judge_loss(got_loss, logits, labels, expected_loss, description)
    try:
        with np.errstate(all="ignore"):
            infinite = not np.all(np.isfinite(np.asarray(grad, dtype=float)))
    except Exception:  # not numbers: compare() below says what it is
        infinite = False
    if infinite:
        raise CaseFailed(f"on {description} your grad holds inf or nan where every entry "
                         "should be a finite number.", finite_hint)
    p = np.exp(_log_softmax(logits.astype(float)))
    at_top = (p - _one_hot(logits.argmax(axis=1), k)) / n
    compare(grad, expected_grad, f"{description} (the loss is right; the grad is not)",
            _CE_HINT, kind="f", suspects=[
                # Where the top class and the label are two classes of two, both mistakes
                # give the same grad: name both.
                Suspect(at_top if k == 2 and np.allclose(at_top, -expected_grad) else None,
                        "Your gradient has the wrong sign (it is p - one_hot), or you "
                        "subtracted 1 at the highest-scoring class, not at the label's "
                        "column, labels[n]."),
                Suspect(expected_grad.T if n != k else None,
                        "Your grad is transposed: one row per sample, one column per class."),
                Suspect(expected_grad * n, "You forgot to divide the gradient by N: the loss "
                                           "is a mean over the batch, so each sample's "
                                           "gradient counts 1 / N."),
                Suspect(-expected_grad, "Your gradient has the wrong sign: it is p - one_hot, "
                                        "positive for the other classes (raising them raises "
                                        "the loss) and negative at the label."),
                Suspect(p / n, "You left out the one-hot part: subtract 1 at each sample's "
                               "label, p[n, labels[n]] - 1."),
                Suspect(p, "You left out the one-hot part (subtract 1 at each sample's label) "
                           "and the division by N."),
                Suspect((p - 1.0) / n, "Subtract 1 only at the label's column, not from every "
                                       "entry of the row."),
                Suspect(at_top,
                        "Subtract 1 at the label's column, labels[n], not at the "
                        "highest-scoring class."),
                Suspect((p - _one_hot(labels, k)) / k,
                        "Divide by N, the number of samples, not by K, the number of classes."),
            ])


def _logits_case(logits, labels, text):
    shown = (f"logits={show(logits, inline=True)}, labels={labels.tolist()}"
             if logits.size <= 6 else
             f"logits of shape {logits.shape} ({logits.dtype}), labels of shape {labels.shape}")
    return (logits, labels, f"{shown} ({text})")


def _random_logits(rng):
    """A random batch of float logits, one of integer logits, one with a row of huge ones."""
    n, k = int(rng.integers(2, 9)), int(rng.integers(2, 12))
    huge = rng.normal(size=(n, k)) * 3
    huge[0] *= 400
    return [_logits_case(rng.normal(size=(n, k)) * 3, rng.integers(0, k, size=n),
                         "hidden: float logits"),
            _logits_case(rng.integers(-5, 6, size=(n, k)), rng.integers(0, k, size=n),
                         "hidden: integer logits"),
            _logits_case(huge, rng.integers(0, k, size=n), "hidden: huge logits")]


def _cross_entropy_cases():
    rng = np.random.default_rng(71)

    def labels(n, k):
        return rng.integers(0, k, size=n)

    return [_logits_case(*case) for case in [
        (np.array([[0.0, 0.0]]), np.array([1]), "the first example above"),
        (np.array([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]), np.array([2, 0]),
         "the second example above"),
        (rng.normal(size=(4, 10)).round(2) * 2, labels(4, 10), "4 digits, 10 classes"),
        (np.array([[3, 1, 0, -2, 5]]), np.array([0]), "a single sample, integer logits"),
        (rng.normal(size=(5, 3)).round(2), np.array([2, 2, 0, 2, 1]),
         "a label that comes back"),
        (np.array([[1000.0, 0.0, -1000.0], [0.0, 1000.0, 0.0]]), np.array([0, 1]),
         "huge logits"),
        (np.array([[-1000.0, -1000.0, -1000.0]]), np.array([2]),
         "three equal, very negative logits"),
        (rng.normal(size=(2, 100)).round(2) * 3, labels(2, 100), "100 classes"),
        (np.array([[800.0, 0.0], [0.0, 0.0]]), np.array([1, 0]),
         "a confident wrong answer: the label's logit 800 below the top one"),
        (np.array([[3.0], [-2.0]]), np.array([0, 0]), "a single class"),
        (rng.normal(size=(64, 10)).round(2) * 4, labels(64, 10), "a batch of 64"),
    ]]


def evaluate_softmax_cross_entropy_gradient(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(logits, labels)``: the softmax cross-entropy and its gradient.

    ``logits`` has shape (N, K), floats or ints, and ``labels`` shape (N,),
    ints in ``0..K-1``. The answer must return ``(loss, grad)``: the number
    ``mean over n of -log softmax(logits)[n, labels[n]]`` and a new float
    array ``(softmax(logits) - one_hot(labels)) / N`` of shape (N, K), finite
    even for logits of +-1000, without modifying its inputs.

    Examples
    --------
    >>> def loss_and_grad(logits, labels):
    ...     z = logits - logits.max(axis=1, keepdims=True)
    ...     log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    ...     rows = np.arange(len(z))
    ...     grad = np.exp(log_p)
    ...     grad[rows, labels] -= 1
    ...     return -log_p[rows, labels].mean(), grad / len(z)
    >>> evaluate_softmax_cross_entropy_gradient(loss_and_grad).passed
    True
    >>> def naive(logits, labels):
    ...     p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    ...     grad = p.copy()
    ...     grad[np.arange(len(p)), labels] -= 1
    ...     return -np.log(p[np.arange(len(p)), labels]).mean(), grad / len(p)
    >>> check_softmax_cross_entropy_gradient(naive)  # doctest: +ELLIPSIS
    ❌ softmax_cross_entropy_gradient: not yet.
       case 6 of 11: on logits=[[ 1000., 0., -1000.], [ 0., 1000., 0.]], ... your loss is nan; ...
       np.exp overflows to inf above about 709, ...
    """
    return run("softmax_cross_entropy_gradient", answer, _cross_entropy_cases(),
               _judge_cross_entropy, hidden=hidden_cases(hidden_seed, _random_logits))


check_softmax_cross_entropy_gradient = checker(evaluate_softmax_cross_entropy_gradient)


# --- exercise 3: adam_step --------------------------------------------------------------

_ADAM_HINT = ("Hint: first = b1 * first + (1 - b1) * grad; second = b2 * second + (1 - b2) * "
              "grad ** 2; then divide them by (1 - b1 ** step) and (1 - b2 ** step), and "
              "subtract learning_rate * first_hat / (sqrt(second_hat) + eps) from the weight.")

_ADAM_NAMES = ("weight", "grad", "first", "second", "step", "learning_rate", "betas", "eps")


def _adam(weight, grad, first, second, step, learning_rate=0.001, betas=(0.9, 0.999),
          eps=1e-8, *, corrected=(True, True), shift=0, eps_inside=False, square=True,
          sign=-1.0, old_moments=False, swap_betas=False, swap_weights=False):
    """One Adam step; the keyword-only switches make the common mistakes."""
    b1, b2 = (betas[1], betas[0]) if swap_betas else betas
    old1, old2 = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    g = np.asarray(grad, dtype=float)
    if swap_weights:
        new1 = (1 - b1) * old1 + b1 * g
        new2 = (1 - b2) * old2 + b2 * (g**2 if square else g)
    else:
        new1 = b1 * old1 + (1 - b1) * g
        new2 = b2 * old2 + (1 - b2) * (g**2 if square else g)
    use1, use2 = (old1, old2) if old_moments else (new1, new2)
    t = step + shift
    with np.errstate(all="ignore"):
        hat1 = use1 / (1 - b1**t) if corrected[0] else use1
        hat2 = use2 / (1 - b2**t) if corrected[1] else use2
        root = np.sqrt(hat2 + eps) if eps_inside else np.sqrt(hat2) + eps
        new_weight = np.asarray(weight, dtype=float) + sign * learning_rate * hat1 / root
    return new_weight, new1, new2


_ADAM_MISTAKES = [
    ({"corrected": (False, False)},
     "You left out the bias corrections: divide first by (1 - beta1 ** step) and second by "
     "(1 - beta2 ** step) before using them. Without them the first steps are far too small, "
     "because both averages start at 0."),
    ({"corrected": (True, False)},
     "Correct the second moment too: second_hat = second / (1 - beta2 ** step)."),
    ({"corrected": (False, True)},
     "Correct the first moment too: first_hat = first / (1 - beta1 ** step)."),
    ({"shift": 1}, "step is the number of this step, counted from 1: use beta ** step, not "
                   "beta ** (step + 1)."),
    ({"shift": -1}, "step is the number of this step, counted from 1: use beta ** step, not "
                    "beta ** (step - 1)."),
    ({"eps_inside": True}, "eps goes outside the square root: sqrt(second_hat) + eps."),
    ({"square": False}, "The second moment averages the squared gradient, grad ** 2."),
    ({"sign": 1.0}, "Subtract the step from the weight: Adam, like all gradient descent, moves "
                    "against the gradient."),
    ({"old_moments": True},
     "Order of operations: update first and second with this step's gradient before using "
     "them; your step used the averages of the previous step."),
    ({"swap_betas": True}, "beta1 (0.9 by default) belongs to the first moment, the mean of "
                           "the gradient, and beta2 to the second."),
    ({"swap_weights": True},
     "The old average keeps the large weight: first = beta1 * first + (1 - beta1) * grad."),
]


def _judge_adam(answer, args, description):
    expected = _adam(*args)
    # The answer's own copies of the arguments come back too, to recognise them.
    result, given = call(lambda *copies: (answer(*copies), copies), args, description,
                         _ADAM_NAMES[: len(args)], explain=lambda crash: [
                             "Keep the signature of the exercise: adam_step(weight, grad, first, "
                             "second, step, learning_rate=0.001, betas=(0.9, 0.999), eps=1e-8), "
                             "defaults included."]
                         if re.search(r"raised TypeError: .*argument", crash) else [])
    if isinstance(result, np.ndarray) or not isinstance(result, (tuple, list)) \
            or len(result) != 3:
        raise CaseFailed(
            f"on {description} your function returned {show(result, inline=True)} "
            f"({type(result).__name__}).",
            "Return three arrays: `return new_weight, new_first, new_second`.",
        )
    for index, name in enumerate(("weight", "first", "second")):
        item = result[index]
        owner = next((_ADAM_NAMES[number] for number, argument in enumerate(given)
                      if item is argument), None)
        if owner:
            raise CaseFailed(f"on {description} your new {name} is the argument {owner} "
                             "itself, not a new array.", RETURNED_INPUT_HINT)
        try:
            with np.errstate(all="ignore"):
                finite = np.all(np.isfinite(np.asarray(item, dtype=float)))
        except Exception:  # not numbers: compare() below says what it is
            finite = True
        if not finite:
            raise CaseFailed(f"on {description} your new {name} holds inf or nan.", *(
                ["At step 1, 1 - beta ** (step - 1) is 0: use step itself in the bias "
                 "corrections, 1 - beta1 ** step and 1 - beta2 ** step."] if args[4] == 1
                else []), "Where the gradient is 0, eps keeps 0 / 0 away: add it after the "
                          "square root, sqrt(second_hat) + eps.")
        compare(item, expected[index], f"{description}, your new {name}", _ADAM_HINT,
                kind="f", suspects=[
                    *(Suspect(lambda mistake=mistake, at=index: _adam(*args, **mistake)[at],
                              hint) for mistake, hint in _ADAM_MISTAKES),
                    Suspect(np.asarray(args[index + 1], dtype=float) if index else None,
                            "Return the new moments, not those you were given: the next step "
                            "needs them."),
                    Suspect(expected[3 - index] if index else None,
                            "Return them in the order weight, first, second."),
                ])


def _adam_case(args, text):
    shown = (f"weight={show(args[0], inline=True)}, grad={show(args[1], inline=True)}, "
             f"first={show(args[2], inline=True)}, second={show(args[3], inline=True)}, "
             f"step={args[4]}" if args[0].size <= 4
             else f"weights of shape {args[0].shape}, step={args[4]}")
    settings = [f"{name}={value}" for name, value in zip(_ADAM_NAMES[5:], args[5:],
                                                         strict=False)]
    return (args, ", ".join([shown, *settings]) + f" ({text})")


def _random_adam(rng):
    """A step of random shape, number and settings, and a first step with the defaults."""
    shape = random_shape(rng, 1, 5, dims=int(rng.integers(1, 4)))

    def normal(scale=1.0):
        return rng.normal(size=shape) * scale

    b1, b2 = float(rng.uniform(0.5, 0.95)), float(rng.uniform(0.9, 0.9999))
    return [_adam_case((normal(), normal(), normal(0.1), normal(0.1) ** 2,
                        int(rng.integers(2, 50)), float(rng.uniform(1e-4, 0.1)), (b1, b2),
                        float(rng.uniform(1e-8, 1e-4))), "hidden"),
            _adam_case((normal(), normal(), np.zeros(shape), np.zeros(shape), 1),
                       "hidden: the first step, default settings")]


def _adam_cases():
    rng = np.random.default_rng(73)

    def normal(*shape, scale=1.0):
        return (rng.normal(size=shape) * scale).round(3)

    return [_adam_case(*case) for case in [
        ((np.array([1.0]), np.array([0.5]), np.zeros(1), np.zeros(1), 1, 0.1),
         "the example above, step 1"),
        ((np.array([0.9]), np.array([0.5]), np.array([0.05]), np.array([0.00025]), 2, 0.1),
         "the example above, step 2"),
        ((np.array([1.0, 2.0, 3.0, 4.0]), np.array([0.2, -0.1, 0.0, 3.0]), np.zeros(4),
          np.zeros(4), 1), "mixed signs and a zero gradient, default settings"),
        ((normal(2, 3), normal(2, 3), normal(2, 3, scale=0.1), normal(2, 3, scale=0.1) ** 2,
          10, 0.01), "a (2, 3) weight at step 10"),
        ((normal(4, 1, 3, 3), normal(4, 1, 3, 3), normal(4, 1, 3, 3, scale=0.1),
          normal(4, 1, 3, 3, scale=0.1) ** 2, 3, 0.002), "the kernels of a conv layer"),
        ((normal(5), normal(5), normal(5, scale=0.1), normal(5, scale=0.1) ** 2, 1000,
          0.001), "step 1000"),
        ((normal(3), normal(3), normal(3, scale=0.1), normal(3, scale=0.1) ** 2, 4, 0.05,
          (0.5, 0.75), 1e-3), "betas=(0.5, 0.75) and eps=1e-3"),
        ((np.array([2.0, -1.0]), np.zeros(2), np.zeros(2), np.zeros(2), 1, 0.1),
         "a zero gradient on the first step"),
        ((np.array([[1.5]]), np.array([[-4.0]]), np.array([[0.3]]), np.array([[2.0]]), 7,
          0.01, (0.8, 0.99), 1e-8), "a single weight"),
        ((normal(6), normal(6, scale=1e-4), np.zeros(6), np.zeros(6), 2, 0.01),
         "tiny gradients"),
    ]]


def evaluate_adam_step(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(weight, grad, first, second, step, learning_rate, betas, eps)``.

    One step of Adam on arrays of any shape, ``step`` counted from 1, with
    the defaults ``learning_rate=0.001``, ``betas=(0.9, 0.999)``,
    ``eps=1e-8`` (some cases pass only the first five arguments). The answer
    must return new float arrays ``(new_weight, new_first, new_second)``::

        first = b1 * first + (1 - b1) * grad
        second = b2 * second + (1 - b2) * grad ** 2
        weight - learning_rate * (first / (1 - b1 ** step))
                 / (sqrt(second / (1 - b2 ** step)) + eps)

    and leave its arguments unchanged.

    Examples
    --------
    >>> def step(weight, grad, first, second, step, learning_rate=0.001,
    ...          betas=(0.9, 0.999), eps=1e-8):
    ...     b1, b2 = betas
    ...     first = b1 * first + (1 - b1) * grad
    ...     second = b2 * second + (1 - b2) * grad**2
    ...     hat1, hat2 = first / (1 - b1**step), second / (1 - b2**step)
    ...     return weight - learning_rate * hat1 / (np.sqrt(hat2) + eps), first, second
    >>> evaluate_adam_step(step).passed
    True
    """
    return run("adam_step", answer, _adam_cases(), _judge_adam,
               hidden=hidden_cases(hidden_seed, _random_adam))


check_adam_step = checker(evaluate_adam_step)


# --- exercise 4: confusion_matrix -------------------------------------------------------

_CONFUSION_HINT = ("Hint: start from np.zeros((classes, classes), dtype=int) and, for each "
                   "sample, add 1 at row labels[n], column predictions[n].")


def _confusion(labels, predictions, classes) -> np.ndarray:
    counts = np.zeros((classes, classes), dtype=int)
    for label, prediction in zip(labels.tolist(), predictions.tolist(), strict=True):
        counts[label, prediction] += 1
    return counts


def _judge_confusion(answer, labels, predictions, classes, description):
    expected = _confusion(labels, predictions, classes)
    result = call(answer, (labels, predictions, classes), description,
                  ("labels", "predictions", "classes"))
    present = len(np.unique(np.concatenate([labels, predictions])))
    with np.errstate(all="ignore"):
        rows = expected / np.maximum(expected.sum(axis=1, keepdims=True), 1)
    compare(result, expected, description, _CONFUSION_HINT, suspects=[
        Suspect(lambda: _confusion(labels, predictions, present) if present != classes
                else None,
                "Some classes never appear here; the matrix still has a row and a column for "
                "each of the `classes` classes. Size it with classes, not with the labels you "
                "see."),
        Suspect(expected.T, "Your matrix is transposed: row i is the true label, column j the "
                            "prediction (as in scikit-learn)."),
        Suspect(rows, "Count, do not divide: entry [i, j] is the number of samples, not a "
                      "fraction."),
        Suspect(expected > 0, "Add 1 for each sample (+= 1); setting the entry to 1 counts a "
                              "pair only once."),
        Suspect(np.diag(np.diag(expected)),
                "Count the mistakes too: a sample with label i predicted as j adds 1 at [i, j], "
                "off the diagonal when i != j."),
    ])
    compare(result, expected, description, "Counts are whole numbers: build the matrix with "
            "np.zeros((classes, classes), dtype=int), not np.zeros((classes, classes)), which "
            "is float.", kind="i")


def _confusion_case(labels, predictions, classes, text):
    shown = (f"labels={labels.tolist()}, predictions={predictions.tolist()}"
             if labels.size <= 8 else f"{labels.size} labels and predictions")
    return (labels, predictions, classes, f"{shown}, classes={classes} ({text})")


def _random_confusions(rng):
    """A random batch, and one in which the last class never appears."""
    cases = []
    for text in ("hidden", "hidden: the last class never appears"):
        classes, n = int(rng.integers(2, 12)), int(rng.integers(1, 40))
        seen = classes - 1 if "never" in text else classes
        cases.append(_confusion_case(rng.integers(0, seen, size=n),
                                     rng.integers(0, seen, size=n), classes, text))
    return cases


def _confusion_cases():
    rng = np.random.default_rng(74)
    digits = rng.integers(0, 10, size=60)
    guesses = np.where(rng.random(60) < 0.7, digits, rng.integers(0, 10, size=60))
    return [_confusion_case(*case) for case in [
        (np.array([0, 0, 1, 2, 2, 2]), np.array([0, 1, 1, 2, 0, 2]), 3, "the example above"),
        (np.array([1, 0, 2, 1]), np.array([1, 0, 2, 1]), 3, "every prediction right"),
        (np.array([0, 1, 1, 0]), np.array([1, 0, 0, 1]), 2, "every prediction wrong"),
        (np.array([0, 1, 2, 2]), np.array([0, 1, 1, 2]), 4, "class 3 never appears"),
        (np.array([0, 1, 2, 3]), np.array([0, 0, 0, 0]), 4, "everything predicted as 0"),
        (digits, guesses, 10, "60 digits"),
        (np.array([3]), np.array([5]), 6, "a single sample"),
        (np.array([0, 0, 0]), np.array([0, 0, 0]), 1, "a single class"),
        (np.array([], dtype=int), np.array([], dtype=int), 3, "no samples at all"),
        (np.array([4, 4, 1, 4]), np.array([1, 4, 4, 4]), 5, "two classes mixed up"),
    ]]


def evaluate_confusion_matrix(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(labels, predictions, classes)``: the confusion matrix, counted.

    ``labels`` and ``predictions`` are int arrays of shape (N,) with values in
    ``0..classes-1``, N possibly 0. The expected result is an int array of
    shape ``(classes, classes)``; entry ``[i, j]`` is the number of samples
    with label ``i`` predicted as ``j`` (rows: truth, columns: prediction, as
    ``sklearn.metrics.confusion_matrix``).

    Examples
    --------
    >>> def counts(labels, predictions, classes):
    ...     matrix = np.zeros((classes, classes), dtype=int)
    ...     np.add.at(matrix, (labels, predictions), 1)
    ...     return matrix
    >>> evaluate_confusion_matrix(counts).passed
    True
    >>> def transposed(labels, predictions, classes):
    ...     matrix = np.zeros((classes, classes), dtype=int)
    ...     np.add.at(matrix, (predictions, labels), 1)
    ...     return matrix
    >>> check_confusion_matrix(transposed)  # doctest: +ELLIPSIS
    ❌ confusion_matrix: not yet.
       case 1 of 10: on labels=[0, 0, 1, 2, 2, 2], predictions=[0, 1, 1, 2, 0, 2], ...
       expected: [[1., 1., 0.],
                  [0., 1., 0.],
                  [1., 0., 2.]]
       got:      [[1., 0., 1.],
                  [1., 1., 0.],
                  [0., 0., 2.]]
       ...
       Your matrix is transposed: ...
    """
    return run("confusion_matrix", answer, _confusion_cases(), _judge_confusion,
               hidden=hidden_cases(hidden_seed, _random_confusions))


check_confusion_matrix = checker(evaluate_confusion_matrix)


# --- exercise 5: shift_digit ------------------------------------------------------------

_SHIFT_HINT = ("Hint: out[i, j] = image[i - dy, j - dx] where that pixel exists, 0 elsewhere. "
               "Start from np.zeros(image.shape) and copy one rectangle with slices.")


def _shifted(image: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """``image`` moved ``dy`` rows down and ``dx`` columns right, zeros entering (float)."""
    rows, cols = image.shape
    out = np.zeros((rows, cols))
    top, bottom = max(dy, 0), min(rows, rows + dy)
    left, right = max(dx, 0), min(cols, cols + dx)
    if top < bottom and left < right:
        out[top:bottom, left:right] = image[top - dy : bottom - dy, left - dx : right - dx]
    return out


def _judge_shift(answer, image, dy, dx, description):
    edge = dy == 0 or dx == 0 or abs(dy) >= image.shape[0] or abs(dx) >= image.shape[1]
    result = call(answer, (image, dy, dx), description, ("image", "dy", "dx"),
                  explain=lambda crash: [
                      "Watch the edge cases: a shift of 0 (image[:-0] is empty, not the whole "
                      "image) and a shift as large as the image or larger (nothing is left: all "
                      "zeros)."] if edge and re.search(r"raised .*(broadcast|shape)", crash)
                  else [])
    image = image.astype(float)
    compare(result, _shifted(image, dy, dx), description, _SHIFT_HINT, kind="f",
            inputs=lambda: input_lines(image=image), suspects=[
                Suspect(np.roll(image, (dy, dx), axis=(0, 1)),
                        "np.roll wraps around: what leaves on one side comes back on the "
                        "other. Here zeros must enter, and what leaves is lost."),
                Suspect(_shifted(image, -dy, -dx), "Wrong direction: positive dy moves the "
                                                   "content down, positive dx moves it right."),
                Suspect(_shifted(image, dx, dy) if dy != dx else None,
                        "dy counts rows (axis 0) and dx columns (axis 1); you swapped them."),
                Suspect(_shifted(image, -dx, -dy) if dy != dx else None,
                        "dy counts rows (axis 0) and dx columns (axis 1), and positive values "
                        "move down and right."),
                Suspect(lambda: np.pad(image, ((max(dy, 0), max(-dy, 0)),
                                               (max(dx, 0), max(-dx, 0)))),
                        "The shifted image keeps the shape of the input: what moves past the "
                        "edge is cut off, and zeros fill the other side."),
            ])


def _shift_case(image, dy, dx, text):
    return (image, dy, dx, f"dy={dy}, dx={dx} on an image of shape {image.shape}, "
            f"{image.dtype} ({text})")


def _random_shifts(rng):
    """A float image and an integer (uint8) one, moved by random amounts up to past the edge."""
    cases = []
    for dtype in (float, np.uint8):
        rows, cols = int(rng.integers(2, 10)), int(rng.integers(2, 10))
        image = rng.integers(1, 17, size=(rows, cols)).astype(dtype)
        cases.append(_shift_case(image, int(rng.integers(-rows - 1, rows + 2)),
                                 int(rng.integers(-cols - 1, cols + 2)), "hidden"))
    return cases


def _shift_cases():
    rng = np.random.default_rng(75)
    example = np.arange(1.0, 10.0).reshape(3, 3)
    digit = np.zeros((8, 8))
    digit[1:7, 3] = 16.0
    digit[1, 2] = 8.0
    digit[6, 2:5] = 12.0
    return [_shift_case(*case) for case in [
        (example, 1, 0, "the example above: one row down"),
        (example, 0, -1, "one column left"),
        (example, -1, 1, "up and right"),
        (example, 0, 0, "no shift"),
        (rng.integers(0, 10, size=(4, 6)).astype(float), 2, -3, "a 4 x 6 image"),
        (example, 3, 0, "a shift as large as the image"),
        (example, 0, -10, "a shift larger than the image"),
        (digit.astype(np.uint8), 1, 1, "a digit of 8 x 8 integer pixels"),
        (digit, -2, 0, "a digit moved up two rows"),
        (rng.integers(1, 5, size=(5, 5)).astype(float), -4, 4, "one pixel survives"),
        (np.array([[7.0]]), 0, 0, "a single pixel"),
    ]]


def evaluate_shift_digit(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(image, dy, dx)``: an image moved by whole pixels, zeros entering.

    ``image`` has shape (H, W), floats or integers (uint8); ``dy`` and ``dx``
    are ints, possibly negative or larger than the image. The expected result
    is a new float array of shape (H, W), with ``out[i, j] = image[i - dy, j - dx]``
    where that pixel exists and 0 elsewhere: positive ``dy`` moves the content
    down, positive ``dx`` right. The input must not be modified.

    Examples
    --------
    >>> from scipy.ndimage import shift
    >>> evaluate_shift_digit(lambda image, dy, dx: shift(image.astype(float), (dy, dx),
    ...                                                  order=0)).passed
    True
    >>> check_shift_digit(lambda image, dy, dx: np.roll(image, (dy, dx), axis=(0, 1)))
    ... # doctest: +ELLIPSIS
    ❌ shift_digit: not yet.
       case 1 of 11: on dy=1, dx=0 on an image of shape (3, 3), float64 (the example above: ...):
       image: [[1., 2., 3.],
               [4., 5., 6.],
               [7., 8., 9.]]
       expected: [[0., 0., 0.],
       ...
       got:      [[7., 8., 9.],
       ...
       np.roll wraps around: ...
    """
    return run("shift_digit", answer, _shift_cases(), _judge_shift,
               hidden=hidden_cases(hidden_seed, _random_shifts))


check_shift_digit = checker(evaluate_shift_digit)


# --- exercise 6: breaking_shift ---------------------------------------------------------


def _order(max_distance: int) -> list[tuple[int, int]]:
    """Every shift with 1 <= |dy| + |dx| <= max_distance, by distance, then dy, then dx."""
    shifts = [(dy, dx) for dy in range(-max_distance, max_distance + 1)
              for dx in range(-max_distance, max_distance + 1)
              if 1 <= abs(dy) + abs(dx) <= max_distance]
    return sorted(shifts, key=lambda s: (abs(s[0]) + abs(s[1]), s[0], s[1]))


def _search(predict, image, shifts, move=_shifted):
    """The first shift of ``shifts`` whose image ``predict`` classifies differently."""
    before = predict(image)
    for dy, dx in shifts:
        if predict(move(image, dy, dx)) != before:
            return (dy, dx)
    return None


class _Classifier:
    """A deterministic rule that plays the trained network: image (H, W) -> class (int)."""

    def __init__(self, rule, shape, text):
        self.rule, self.shape, self.text = rule, shape, text

    def __call__(self, image):
        array = np.asarray(image)
        if array.shape != self.shape:
            raise ValueError(f"predict expects an image of shape {self.shape}, like the one "
                             f"it was given, got shape {array.shape}")
        return int(self.rule(array.astype(float)))

    def __repr__(self) -> str:
        return f"<predict: {self.text}>"


def _templates() -> np.ndarray:
    """Three 8 x 8 templates: vertical bars at columns 3 and 5, a horizontal bar."""
    templates = np.zeros((3, 8, 8))
    templates[0, 1:7, 3] = 1.0
    templates[1, 1:7, 5] = 1.0
    templates[2, 4, 1:7] = 1.0
    return templates


_TEMPLATES = _templates()  # read-only: every prediction compares against them


def _nearest_template(image):
    return np.argmin(((_TEMPLATES - image) ** 2).sum(axis=(1, 2)))


def _random_breaking(rng):
    """A dot somewhere, and a rule that looks at one pixel near it, at most 3 away."""
    row, col = random_shape(rng, 1, 7)
    dot = np.zeros((8, 8))
    dot[row, col] = 1.0
    probe = tuple(int(n) for n in np.clip(np.array([row, col]) + rng.integers(-2, 3, size=2), 0, 7))
    predict = _Classifier(lambda im: im[probe] > 0.5, (8, 8), f"is pixel {probe} bright?")
    distance = int(rng.integers(1, 4))
    return [(predict, dot, distance, f'hidden: a dot at {(row, col)}, predict = '
             f'"{predict.text}", max_distance={distance}')]


def _breaking_cases():
    dot = np.zeros((8, 8))
    dot[4, 4] = 1.0
    corner = np.zeros((8, 8))
    corner[0, 0] = 1.0
    blob = np.zeros((8, 8))
    blob[2:5, 2:5] = 1.0
    columns = np.arange(8.0)
    raw = [
        (_Classifier(lambda im: im[1, 1] > 0.5, (3, 3), "is the centre pixel bright?"),
         np.array([[0.0, 0, 0], [0, 1, 0], [0, 0, 0]]), 2,
         "the example above, where any move breaks the prediction"),
        (_Classifier(lambda im: im[5, 4] + im[4, 5] > 0.5, (8, 8),
                     "is pixel (5, 4) or (4, 5) bright?"), dot, 2,
         "a dot at (4, 4); moving down or right breaks it"),
        (_Classifier(lambda im: (im.sum(axis=0) @ columns) / max(im.sum(), 1e-12) > 4.0,
                     (8, 8), "is the ink's centre right of column 4?"), blob, 3,
         "a blob centred on column 3"),
        (_Classifier(lambda im: im[3, 3] + im[6, 4] > 0.5, (8, 8),
                     "is pixel (3, 3) or (6, 4) bright?"), dot, 2,
         "a diagonal move comes first"),
        (_Classifier(_nearest_template, (8, 8), "the nearest of three bar templates"),
         _TEMPLATES[0].copy(), 2, "a vertical bar"),
        (_Classifier(lambda im: im.sum() > 0.5, (8, 8), "is there any ink?"), corner, 2,
         "a pixel in the corner: moving up pushes it out"),
        (_Classifier(lambda im: 0, (8, 8), "always 0"), blob, 2, "nothing breaks it"),
        (_Classifier(lambda im: im[1, 4] > 0.5, (8, 8), "is pixel (1, 4) bright?"),
         dot, 2, "the breaking shift is 3 rows up, beyond max_distance"),
        (_Classifier(lambda im: im[1, 4] > 0.5, (8, 8), "is pixel (1, 4) bright?"),
         dot, 3, "the same with max_distance=3"),
        (_Classifier(lambda im: im[4, 4] > 0.5, (8, 8), "is pixel (4, 4) bright?"),
         dot, 0, "max_distance=0: no shift to try"),
    ]
    return [(predict, image, distance,
             f'{text}, predict = "{predict.text}", max_distance={distance}')
            for predict, image, distance, text in raw]


def _judge_breaking(answer, predict, image, max_distance, description):
    expected = _search(predict, image, _order(max_distance))
    boxed = call(lambda *args: [answer(*args)], (predict, image, max_distance),
                 description, ("predict", "image", "max_distance"))
    result = boxed[0]
    before = predict(image)
    if result is None:
        if expected is None:
            return
        after = predict(_shifted(image, *expected))
        lines = [f"on {description}: your function returned None, but the shift "
                 f"{expected} changes the prediction from {before} to {after}."]
        if _search(predict, image, _order(max_distance - 1)) is None:
            lines.append("Include the shifts at distance max_distance itself: "
                         "range(1, max_distance + 1).")
        elif _search(predict, image, _order(max_distance),
                     lambda im, dy, dx: np.roll(im, (dy, dx), axis=(0, 1))) is None:
            lines.append("Zeros must enter when the image moves: a pixel pushed past the edge "
                         "is lost (np.roll would bring it back on the other side).")
        else:
            lines.append("Did you forget a `return` statement? Return None only when no shift "
                         "up to max_distance changes the prediction.")
        raise CaseFailed(*lines)
    shift = int_tuple(result, 2, description, "a pair (dy, dx) of ints, or None when no "
                      "shift breaks the prediction", noun="shifts")
    if shift == expected:
        return
    dy, dx = shift
    distance = abs(dy) + abs(dx)
    lines = [f"on {description}: you answered {shift}, expected "
             f"{expected if expected is not None else 'None'}."]
    if distance == 0:
        lines.append("(0, 0) is no shift at all: start at distance 1.")
    elif distance > max_distance:
        lines.append(f"|dy| + |dx| = {distance} is more than max_distance = {max_distance}.")
    else:
        after = predict(_shifted(image, dy, dx))
        if after == before:
            lines.append(f"Moved by {shift}, the image is still classified as {before}: that "
                         "shift does not change the prediction. Compare with predict(image) "
                         "of the image that was not moved.")
        elif expected is None:
            lines.append(f"Moved by {shift} with zeros entering, the image is still classified "
                         f"as {before}. Check that your shift_digit passes its checker.")
        elif distance > abs(expected[0]) + abs(expected[1]):
            lines.append(f"{shift} does change the prediction, but {expected} is shorter: "
                         "try the shifts by increasing distance |dy| + |dx|, all shifts of "
                         "distance 1 first, diagonal ones included.")
        elif 0 not in expected and 0 in shift:
            lines.append(f"Diagonal shifts count too: {expected} has the same distance "
                         f"|dy| + |dx| = {distance} as {shift} and comes first "
                         "(sort by (|dy| + |dx|, dy, dx)).")
        else:
            lines.append(f"{shift} and {expected} both change the prediction and are as "
                         "short; ties are broken by the smaller dy, then the smaller dx "
                         "(sort by (|dy| + |dx|, dy, dx)).")
    raise CaseFailed(*lines)


def evaluate_breaking_shift(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(predict, image, max_distance)``: the first shift that changes a prediction.

    ``predict`` takes an image of the shape of ``image`` and returns a class
    number; ``max_distance`` is an int >= 0. The shifts ``(dy, dx)`` with
    ``1 <= |dy| + |dx| <= max_distance`` are tried in the order of
    ``(|dy| + |dx|, dy, dx)`` (shortest first, then smallest dy, then
    smallest dx), moving the image with zeros entering (positive dy down,
    positive dx right). The expected answer is the first shift whose image
    ``predict`` classifies differently from ``image`` itself, as a pair of
    ints, or ``None`` when there is none. The classifiers are rules defined
    here; the checker finds the expected shift by its own search.

    Examples
    --------
    >>> from scipy.ndimage import shift
    >>> def first_break(predict, image, max_distance):
    ...     shifts = [(dy, dx) for dy in range(-max_distance, max_distance + 1)
    ...               for dx in range(-max_distance, max_distance + 1)
    ...               if 0 < abs(dy) + abs(dx) <= max_distance]
    ...     for dy, dx in sorted(shifts, key=lambda s: (abs(s[0]) + abs(s[1]), s)):
    ...         if predict(shift(image, (dy, dx), order=0)) != predict(image):
    ...             return dy, dx
    ...     return None
    >>> evaluate_breaking_shift(first_break).passed
    True
    >>> check_breaking_shift(lambda predict, image, max_distance: (0, 1))  # doctest: +ELLIPSIS
    ❌ breaking_shift: not yet.
       case 1 of 10: on the example above, ...: you answered (0, 1), expected (-1, 0).
       (0, 1) and (-1, 0) both change the prediction and are as short; ties are broken ...
    """
    return run("breaking_shift", answer, _breaking_cases(), _judge_breaking,
               hidden=hidden_cases(hidden_seed, _random_breaking))


check_breaking_shift = checker(evaluate_breaking_shift)
