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
    CaseFailed,
    NotDone,
    Verdict,
    as_float_array,
    block,
    first_wrong,
    is_whole,
    one_line,
    quiet_call,
    report,
    run,
    same,
    whole_number,
)

# --- shared helpers -------------------------------------------------------------


def _difference_lines(label: str, got: np.ndarray, expected: np.ndarray) -> list[str]:
    """Expected and got (when small), and where they first differ."""
    lines = []
    if expected.size <= 12:
        lines += [*block(f"expected {label}:", expected, skip_blank_rows=True),
                  *block(f"your {label}:    ", got, skip_blank_rows=True)]
    index = first_wrong(got, expected)
    where = f" at index {index[0] if len(index) == 1 else index}" if index else ""
    lines.append(f"the first difference{where}: expected {expected[index]:.6g}, "
                 f"got {got[index]:.6g}.")
    return lines


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
    result = quiet_call(answer, (filters,), description, ("filters",))
    got = whole_number(result, description, "a number of parameters", inline=True)
    if got == expected:
        return

    def total(conv_bias=1, dense_bias=1, dense_inputs=f3 * 4, first_channels=1,
              per_kernel=9, one_kernel=False):
        ins = (1, 1, 1) if one_kernel else (first_channels, f1, f2)
        convs = sum(out * (c_in * per_kernel + conv_bias)
                    for c_in, out in zip(ins, (f1, f2, f3), strict=True))
        return convs + 10 * (dense_inputs + dense_bias)

    suspects = [
        (total(conv_bias=0, dense_bias=0),
         "You left out the biases: each filter of a convolution has one, and so has each of "
         "the 10 outputs of the dense layer."),
        (total(conv_bias=0),
         "You left out the biases of the convolutions: one per filter."),
        (total(dense_bias=0), "You left out the 10 biases of the dense layer, one per class."),
        (total(dense_inputs=f3 * 8 * 8),
         "Your dense layer sees f3 * 8 * 8 numbers, but each 2 x 2 max pooling halves the "
         "height and the width: 8 x 8 -> 4 x 4 -> 2 x 2, so flatten gives f3 * 2 * 2."),
        (total(dense_inputs=f3 * 4 * 4),
         "Your dense layer sees f3 * 4 * 4 numbers: there are two poolings, 8 -> 4 -> 2, so "
         "flatten gives f3 * 2 * 2."),
        (total(dense_inputs=f3),
         "Your dense layer sees only f3 numbers, but flatten keeps every pixel of every "
         "channel: f3 channels of 2 x 2 pixels, f3 * 2 * 2 numbers."),
        (total(one_kernel=True),
         "You gave each filter a single 3 x 3 kernel, but a filter holds one kernel per input "
         "channel: the second convolution has f1 * 9 weights per filter."),
        (total(first_channels=3),
         "A digit is a grayscale image: the first convolution has 1 input channel, not 3."),
        (total(per_kernel=3), "A 3 x 3 kernel holds 9 weights, not 3."),
        (expected - 9 * (f3 * 4 + 1),
         "The dense layer has one output per class, 10 of them, each with f3 * 2 * 2 weights "
         "and a bias."),
    ]
    lines = [f"on {description} you answered {got}, but the network holds {expected} "
             "parameters."]
    found = [hint for value, hint in suspects if value == got]
    if found:
        lines.append(found[0])
    else:
        lines.append("Layer by layer: "
                     + ", ".join(f"{name}: {count}" for name, count in layers) + ".")
        lines.append(_CNN_HINT)
    raise CaseFailed(*lines)


def evaluate_cnn_parameter_count(answer) -> Verdict:
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
    configurations = [
        ((1, 1, 1), "the example above"),
        ((32, 32, 64), "the lesson's CNN"),
        ((4, 8, 16), ""),
        ((2, 3, 5), "three different counts"),
        ((8, 8, 8), ""),
        ((16, 32, 64), ""),
        ((64, 32, 16), "fewer filters deeper in"),
        ((1, 2, 1), ""),
        ((3, 1, 2), "a bottleneck of one channel"),
        ((100, 100, 100), "a large network"),
    ]
    cases = [(filters, f"filters={filters}" + (f" ({label})" if label else ""))
             for filters, label in configurations]
    return run("cnn_parameter_count", answer, cases, _judge_cnn)


def check_cnn_parameter_count(answer) -> None:
    """Print the verdict of :func:`evaluate_cnn_parameter_count`.

    Examples
    --------
    >>> def one_pooling(filters):
    ...     f1, f2, f3 = filters
    ...     return f1 * 10 + f2 * (9 * f1 + 1) + f3 * (9 * f2 + 1) + 10 * (16 * f3 + 1)
    >>> check_cnn_parameter_count(one_pooling)  # doctest: +ELLIPSIS
    ❌ cnn_parameter_count: not yet.
       case 1 of 10: on filters=(1, 1, 1) (the example above) you answered 200, but the ...
       Your dense layer sees f3 * 4 * 4 numbers: there are two poolings, ...
    """
    report(evaluate_cnn_parameter_count(answer))


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
        raise CaseFailed(f"on {description} your loss is {one_line(loss)} (text); "
                         "it should be one number.")
    try:
        values = np.asarray(loss, dtype=float)
    except Exception:  # not a number, or an object whose conversion raises
        raise CaseFailed(f"on {description} your loss is {one_line(loss)} "
                         f"({type(loss).__name__}); it should be one number.") from None
    if values.size != 1:
        raise CaseFailed(
            f"on {description} your loss has shape {values.shape}: {one_line(values)}.",
            "The loss is one number: the mean over the batch of the samples' losses "
            "-log p[n, labels[n]].",
        )
    return float(values.reshape(-1)[0])


def _judge_cross_entropy(answer, logits, labels, description):
    expected_loss, expected_grad = _cross_entropy(logits, labels)
    n, k = logits.shape
    result = quiet_call(answer, (logits, labels), description, ("logits", "labels"))
    if isinstance(result, np.ndarray) or not isinstance(result, (tuple, list)) \
            or len(result) != 2:
        raise CaseFailed(
            f"on {description} your function returned {one_line(result)} "
            f"({type(result).__name__}).",
            "Return a pair: `return loss, grad`, the loss a number and grad an array of the "
            f"shape of the logits, {logits.shape}.",
        )
    loss, grad = result
    got_loss = _loss_number(loss, description)
    huge_gap = bool(np.any(logits.max(axis=1) - logits[np.arange(n), labels] > 700))
    if not math.isfinite(got_loss):
        raise CaseFailed(f"on {description} your loss is {got_loss}; expected "
                         f"{expected_loss:.6g}.", _LOG_HINT if huge_gap else _OVERFLOW_HINT)
    if not math.isclose(got_loss, expected_loss, rel_tol=1e-6, abs_tol=1e-9):
        z = logits.astype(float)
        log_p = _log_softmax(z)
        rows = np.arange(n)
        suspects = [
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
        ]
        lines = [f"on {description} your loss is {got_loss:.6g}, expected {expected_loss:.6g}."]
        found = [hint for value, hint in suspects
                 if value is not None and math.isclose(got_loss, value, rel_tol=1e-6,
                                                       abs_tol=1e-9)]
        lines.append(found[0] if found else _CE_HINT)
        raise CaseFailed(*lines)
    got = as_float_array(grad, description, "grad should be an array of the shape of the "
                                            f"logits, {logits.shape}.")
    if got.shape != expected_grad.shape:
        hint = ("grad has one entry per logit: the same shape as the logits, "
                f"{logits.shape}.")
        if got.shape == (k, n) and n != k:
            hint = "Your grad is transposed: one row per sample, one column per class."
        raise CaseFailed(f"on {description} your grad has shape {got.shape}, expected "
                         f"{expected_grad.shape}.", hint)
    if not np.all(np.isfinite(got)):
        raise CaseFailed(f"on {description} your grad holds {one_line(got[~np.isfinite(got)])}"
                         " where every entry should be a finite number.",
                         _LOG_HINT if huge_gap else _OVERFLOW_HINT)
    if same(got, expected_grad):
        return
    z = logits.astype(float)
    p = np.exp(_log_softmax(z))
    suspects = [
        (expected_grad * n, "You forgot to divide the gradient by N: the loss is a mean over "
                            "the batch, so each sample's gradient counts 1 / N."),
        (-expected_grad, "Your gradient has the wrong sign: it is p - one_hot, positive for "
                         "the other classes (raising them raises the loss) and negative at "
                         "the label."),
        (p / n, "You left out the one-hot part: subtract 1 at each sample's label, "
                "p[n, labels[n]] - 1."),
        (p, "You left out the one-hot part (subtract 1 at each sample's label) and the "
            "division by N."),
        ((p - 1.0) / n, "Subtract 1 only at the label's column, not from every entry of the "
                        "row."),
        ((p - _one_hot(z.argmax(axis=1), k)) / n,
         "Subtract 1 at the label's column, labels[n], not at the highest-scoring class."),
        ((p - _one_hot(labels, k)) / k,
         "Divide by N, the number of samples, not by K, the number of classes."),
    ]
    lines = [f"on {description} your loss is right, but not your grad:",
             *_difference_lines("grad", got, expected_grad)]
    found = [hint for value, hint in suspects if same(got, value)]
    lines += found[:2] or [_CE_HINT]
    raise CaseFailed(*lines)


def _cross_entropy_cases():
    rng = np.random.default_rng(71)

    def labels(n, k):
        return rng.integers(0, k, size=n)

    raw = [
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
    ]
    cases = []
    for logits, label_array, text in raw:
        shown = (f"logits={one_line(logits)}, labels={label_array.tolist()}"
                 if logits.size <= 6 else
                 f"logits of shape {logits.shape}, labels of shape {label_array.shape}")
        cases.append((logits, label_array, f"{shown} ({text})"))
    return cases


def evaluate_softmax_cross_entropy_gradient(answer) -> Verdict:
    """Check ``answer(logits, labels)``: the softmax cross-entropy and its gradient.

    ``logits`` has shape (N, K) and ``labels`` shape (N,), ints in ``0..K-1``.
    The answer must return ``(loss, grad)``: the number
    ``mean over n of -log softmax(logits)[n, labels[n]]`` and the array
    ``(softmax(logits) - one_hot(labels)) / N`` of shape (N, K), finite even
    for logits of +-1000, without modifying its inputs.

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
    """
    return run("softmax_cross_entropy_gradient", answer, _cross_entropy_cases(),
               _judge_cross_entropy)


def check_softmax_cross_entropy_gradient(answer) -> None:
    """Print the verdict of :func:`evaluate_softmax_cross_entropy_gradient`.

    Examples
    --------
    >>> def naive(logits, labels):
    ...     p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    ...     rows = np.arange(len(p))
    ...     grad = p.copy()
    ...     grad[rows, labels] -= 1
    ...     return -np.log(p[rows, labels]).mean(), grad / len(p)
    >>> check_softmax_cross_entropy_gradient(naive)  # doctest: +ELLIPSIS
    ❌ softmax_cross_entropy_gradient: not yet.
       case 6 of 11: on logits=[[ 1000., 0., -1000.], [ 0., 1000., 0.]], ... your loss is nan; ...
       np.exp overflows to inf above about 709, ...
    """
    report(evaluate_softmax_cross_entropy_gradient(answer))


# --- exercise 3: adam_step --------------------------------------------------------------

_ADAM_HINT = ("Hint: first = b1 * first + (1 - b1) * grad; second = b2 * second + (1 - b2) * "
              "grad ** 2; then divide them by (1 - b1 ** step) and (1 - b2 ** step), and "
              "subtract learning_rate * first_hat / (sqrt(second_hat) + eps) from the weight.")


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


def _judge_adam(answer, args, description):
    weight = args[0]
    expected = _adam(*args)
    try:
        result = quiet_call(answer, args, description,
                             ("weight", "grad", "first", "second", "step", "learning_rate",
                              "betas", "eps")[: len(args)])
    except NotDone:
        raise
    except CaseFailed as failure:
        if re.search(r"raised TypeError: .*argument", failure.lines[0]):
            raise CaseFailed(*failure.lines, "Keep the signature of the exercise: "
                             "adam_step(weight, grad, first, second, step, learning_rate=0.001, "
                             "betas=(0.9, 0.999), eps=1e-8), defaults included.") from None
        raise
    if isinstance(result, np.ndarray) or not isinstance(result, (tuple, list)) \
            or len(result) != 3:
        raise CaseFailed(
            f"on {description} your function returned {one_line(result)} "
            f"({type(result).__name__}).",
            "Return three arrays: `return new_weight, new_first, new_second`.",
        )
    names = ("weight", "first", "second")
    got = []
    for name, item in zip(names, result, strict=True):
        array = as_float_array(item, description, f"Your new {name} should be an array of "
                                                  f"the shape of weight, {weight.shape}.")
        if array.shape != weight.shape:
            raise CaseFailed(f"on {description} your new {name} has shape {array.shape}, "
                             f"expected {weight.shape}, the shape of weight.")
        got.append(array)
    if all(same(g, e) for g, e in zip(got, expected, strict=True)):
        return
    if any(not np.all(np.isfinite(g)) for g in got):
        lines = [f"on {description} your result holds inf or nan."]
        if args[4] == 1:
            lines.append("At step 1, 1 - beta ** (step - 1) is 0: use step itself in the "
                         "bias corrections, 1 - beta1 ** step and 1 - beta2 ** step.")
        lines.append("Where the gradient is 0, eps keeps 0 / 0 away: add it after the square "
                     "root, sqrt(second_hat) + eps.")
        raise CaseFailed(*lines)
    alternatives = [
        ({"corrected": (False, False)},
         "You left out the bias corrections: divide first by (1 - beta1 ** step) and second "
         "by (1 - beta2 ** step) before using them. Without them the first steps are far too "
         "small, because both averages start at 0."),
        ({"corrected": (True, False)},
         "Correct the second moment too: second_hat = second / (1 - beta2 ** step)."),
        ({"corrected": (False, True)},
         "Correct the first moment too: first_hat = first / (1 - beta1 ** step)."),
        ({"shift": 1}, "step is the number of this step, counted from 1: use beta ** step, "
                        "not beta ** (step + 1)."),
        ({"shift": -1}, "step is the number of this step, counted from 1: use beta ** step, "
                         "not beta ** (step - 1)."),
        ({"eps_inside": True},
         "eps goes outside the square root: sqrt(second_hat) + eps."),
        ({"square": False}, "The second moment averages the squared gradient, grad ** 2."),
        ({"sign": 1.0}, "Subtract the step from the weight: Adam, like all gradient "
                         "descent, moves against the gradient."),
        ({"old_moments": True},
         "Order of operations: update first and second with this step's gradient before "
         "using them; your step used the averages of the previous step."),
        ({"swap_betas": True}, "beta1 (0.9 by default) belongs to the first moment, the "
                                "mean of the gradient, and beta2 to the second."),
        ({"swap_weights": True},
         "The old average keeps the large weight: first = beta1 * first + (1 - beta1) * grad."),
    ]
    found = []
    for switches, hint in alternatives:
        wrong = _adam(*args, **switches)
        if all(same(g, w) for g, w in zip(got, wrong, strict=True)):
            found.append(hint)
    if not found and same(got[0], expected[0]):
        if same(got[1], np.asarray(args[2], dtype=float)) and \
                same(got[2], np.asarray(args[3], dtype=float)):
            found.append("Return the new moments, not those you were given: the next step "
                         "needs them.")
        elif same(got[1], expected[2]) and same(got[2], expected[1]):
            found.append("Return them in the order weight, first, second.")
    lines = [f"on {description}:"]
    for name, g, e in zip(names, got, expected, strict=True):
        if not same(g, e):
            lines += [f"your new {name} is wrong;", *_difference_lines(name, g, e)]
            break
    lines.append(found[0] if found else _ADAM_HINT)
    raise CaseFailed(*lines)


def _adam_cases():
    rng = np.random.default_rng(73)

    def normal(*shape, scale=1.0):
        return (rng.normal(size=shape) * scale).round(3)

    raw = [
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
    ]
    cases = []
    for args, text in raw:
        shown = (f"weight={one_line(args[0])}, grad={one_line(args[1])}, "
                 f"first={one_line(args[2])}, second={one_line(args[3])}, step={args[4]}"
                 if args[0].size <= 4 else f"weights of shape {args[0].shape}, step={args[4]}")
        extras = [f"learning_rate={args[5]}" if len(args) > 5 else ""]
        extras += [f"betas={args[6]}, eps={args[7]}"] if len(args) > 6 else []
        settings = ", ".join(extra for extra in extras if extra)
        cases.append((args, f"{shown}{', ' + settings if settings else ''} ({text})"))
    return cases


def evaluate_adam_step(answer) -> Verdict:
    """Check ``answer(weight, grad, first, second, step, learning_rate, betas, eps)``.

    One step of Adam on arrays of any shape, ``step`` counted from 1, with
    the defaults ``learning_rate=0.001``, ``betas=(0.9, 0.999)``,
    ``eps=1e-8`` (some cases pass only the first five arguments). The answer
    must return new arrays ``(new_weight, new_first, new_second)``::

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
    return run("adam_step", answer, _adam_cases(), _judge_adam)


def check_adam_step(answer) -> None:
    """Print the verdict of :func:`evaluate_adam_step`.

    Examples
    --------
    >>> def no_correction(weight, grad, first, second, step, learning_rate=0.001,
    ...                   betas=(0.9, 0.999), eps=1e-8):
    ...     first = betas[0] * first + (1 - betas[0]) * grad
    ...     second = betas[1] * second + (1 - betas[1]) * grad**2
    ...     return weight - learning_rate * first / (np.sqrt(second) + eps), first, second
    >>> check_adam_step(no_correction)  # doctest: +ELLIPSIS
    ❌ adam_step: not yet.
       case 1 of 10: on weight=[1.], grad=[0.5], ... (the example above, step 1):
       your new weight is wrong;
       expected weight: [0.9]
       your weight:     [0.6838]
       ...
       You left out the bias corrections: ...
    """
    report(evaluate_adam_step(answer))


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
    result = quiet_call(answer, (labels, predictions, classes), description,
                         ("labels", "predictions", "classes"))
    got = as_float_array(result, description, "Return a 2-D array of counts, shape "
                                              f"(classes, classes) = {expected.shape}.")
    if got.shape != expected.shape:
        hint = f"The matrix has one row and one column per class: shape {expected.shape}."
        present = len(np.unique(np.concatenate([labels, predictions])))
        if got.shape == (present, present) and present != classes:
            hint = ("Some classes never appear here; the matrix still has a row and a column "
                    "for each of the `classes` classes. Size it with classes, not with the "
                    "labels you see.")
        raise CaseFailed(f"on {description} your matrix has shape {got.shape}, expected "
                         f"{expected.shape}.", hint)
    if same(got, expected):
        if not np.all(got == np.round(got)):
            raise CaseFailed(f"on {description} your counts are not whole numbers.")
        return
    lines = [f"on {description}:"]
    if expected.size <= 16:
        lines += [*block("expected:", expected, skip_blank_rows=True),
                  *block("got:     ", got, skip_blank_rows=True)]
    else:
        i, j = first_wrong(got, expected)
        lines.append(f"the first difference is at row {i}, column {j}: expected "
                     f"{expected[i, j]}, got {got[i, j]:.4g}.")
    with np.errstate(all="ignore"):
        rows = expected / np.maximum(expected.sum(axis=1, keepdims=True), 1)
    suspects = [
        (expected.T, "Your matrix is transposed: row i is the true label, column j the "
                     "prediction (as in scikit-learn)."),
        (rows, "Count, do not divide: entry [i, j] is the number of samples, not a "
               "fraction."),
        ((expected > 0).astype(float),
         "Add 1 for each sample (+= 1); setting the entry to 1 counts a pair only once."),
        (np.diag(np.diag(expected)).astype(float),
         "Count the mistakes too: a sample with label i predicted as j adds 1 at [i, j], "
         "off the diagonal when i != j."),
    ]
    found = [hint for value, hint in suspects if same(got, value)]
    lines.append(found[0] if found else _CONFUSION_HINT)
    raise CaseFailed(*lines)


def _confusion_cases():
    rng = np.random.default_rng(74)
    digits = rng.integers(0, 10, size=60)
    guesses = np.where(rng.random(60) < 0.7, digits, rng.integers(0, 10, size=60))
    raw = [
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
    ]
    cases = []
    for labels, predictions, classes, text in raw:
        shown = (f"labels={labels.tolist()}, predictions={predictions.tolist()}"
                 if labels.size <= 8 else f"{labels.size} labels and predictions")
        cases.append((labels, predictions, classes, f"{shown}, classes={classes} ({text})"))
    return cases


def evaluate_confusion_matrix(answer) -> Verdict:
    """Check ``answer(labels, predictions, classes)``: the confusion matrix, counted.

    ``labels`` and ``predictions`` are int arrays of shape (N,) with values in
    ``0..classes-1``, N possibly 0. The expected result has shape
    ``(classes, classes)``; entry ``[i, j]`` is the number of samples with
    label ``i`` predicted as ``j`` (rows: truth, columns: prediction, as
    ``sklearn.metrics.confusion_matrix``).

    Examples
    --------
    >>> def counts(labels, predictions, classes):
    ...     matrix = np.zeros((classes, classes), dtype=int)
    ...     np.add.at(matrix, (labels, predictions), 1)
    ...     return matrix
    >>> evaluate_confusion_matrix(counts).passed
    True
    """
    return run("confusion_matrix", answer, _confusion_cases(), _judge_confusion)


def check_confusion_matrix(answer) -> None:
    """Print the verdict of :func:`evaluate_confusion_matrix`.

    Examples
    --------
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
       Your matrix is transposed: ...
    """
    report(evaluate_confusion_matrix(answer))


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
    expected = _shifted(image.astype(float), dy, dx)
    try:
        result = quiet_call(answer, (image, dy, dx), description, ("image", "dy", "dx"))
    except NotDone:
        raise
    except CaseFailed as failure:
        edge = dy == 0 or dx == 0 or abs(dy) >= image.shape[0] or abs(dx) >= image.shape[1]
        if edge and re.search(r"raised .*(broadcast|shape)", failure.lines[0]):
            raise CaseFailed(*failure.lines,
                             "Watch the edge cases: a shift of 0 (image[:-0] is empty, not "
                             "the whole image) and a shift as large as the image or larger "
                             "(nothing is left: all zeros).") from None
        raise
    got = as_float_array(result, description, "Return the shifted image, an array of the "
                                              "image's shape.")
    if got.shape != expected.shape:
        raise CaseFailed(
            f"on {description} your image has shape {got.shape}, expected {expected.shape}.",
            "The shifted image keeps the shape of the input: what moves past the edge is "
            "cut off, and zeros fill the other side.",
        )
    if same(got, expected):
        return
    lines = [f"on {description}:"]
    if expected.size <= 16:
        lines += [*block("image:   ", image, skip_blank_rows=True),
                  *block("expected:", expected, skip_blank_rows=True),
                  *block("got:     ", got, skip_blank_rows=True)]
    else:
        lines += _difference_lines("image", got, expected)
    image = image.astype(float)
    suspects = [
        (np.roll(image, (dy, dx), axis=(0, 1)),
         "np.roll wraps around: what leaves on one side comes back on the other. Here zeros "
         "must enter, and what leaves is lost."),
        (_shifted(image, -dy, -dx),
         "Wrong direction: positive dy moves the content down, positive dx moves it right."),
        (_shifted(image, dx, dy) if dy != dx else None,
         "dy counts rows (axis 0) and dx columns (axis 1); you swapped them."),
        (_shifted(image, -dx, -dy) if dy != dx else None,
         "dy counts rows (axis 0) and dx columns (axis 1), and positive values move down and "
         "right."),
    ]
    found = [hint for value, hint in suspects if value is not None and same(got, value)]
    lines.append(found[0] if found else _SHIFT_HINT)
    raise CaseFailed(*lines)


def _shift_cases():
    rng = np.random.default_rng(75)
    example = np.arange(1.0, 10.0).reshape(3, 3)
    digit = np.zeros((8, 8))
    digit[1:7, 3] = 16.0
    digit[1, 2] = 8.0
    digit[6, 2:5] = 12.0
    raw = [
        (example, 1, 0, "the example above: one row down"),
        (example, 0, -1, "one column left"),
        (example, -1, 1, "up and right"),
        (example, 0, 0, "no shift"),
        (rng.integers(0, 10, size=(4, 6)).astype(float), 2, -3, "a 4 x 6 image"),
        (example, 3, 0, "a shift as large as the image"),
        (example, 0, -10, "a shift larger than the image"),
        (digit.astype(np.uint8), 1, 1, "a digit of 8 x 8 integer pixels (uint8)"),
        (digit, -2, 0, "a digit moved up two rows"),
        (rng.integers(1, 5, size=(5, 5)).astype(float), -4, 4, "one pixel survives"),
        (np.array([[7.0]]), 0, 0, "a single pixel"),
    ]
    return [(image, dy, dx, f"dy={dy}, dx={dx} on an image of shape {image.shape} ({text})")
            for image, dy, dx, text in raw]


def evaluate_shift_digit(answer) -> Verdict:
    """Check ``answer(image, dy, dx)``: an image moved by whole pixels, zeros entering.

    ``image`` has shape (H, W); ``dy`` and ``dx`` are ints, possibly negative
    or larger than the image. The expected result has shape (H, W), with
    ``out[i, j] = image[i - dy, j - dx]`` where that pixel exists and 0
    elsewhere: positive ``dy`` moves the content down, positive ``dx``
    right. The input must not be modified.

    Examples
    --------
    >>> from scipy.ndimage import shift
    >>> evaluate_shift_digit(lambda image, dy, dx: shift(image.astype(float), (dy, dx),
    ...                                                  order=0)).passed
    True
    >>> evaluate_shift_digit(lambda image, dy, dx: np.roll(image, (dy, dx), (0, 1))).passed
    False
    """
    return run("shift_digit", answer, _shift_cases(), _judge_shift)


def check_shift_digit(answer) -> None:
    """Print the verdict of :func:`evaluate_shift_digit`.

    Examples
    --------
    >>> check_shift_digit(lambda image, dy, dx: np.roll(image, (dy, dx), axis=(0, 1)))
    ... # doctest: +ELLIPSIS
    ❌ shift_digit: not yet.
       case 1 of 11: on dy=1, dx=0 on an image of shape (3, 3) (the example above: ...):
       image:    [[1., 2., 3.],
       ...
       np.roll wraps around: ...
    """
    report(evaluate_shift_digit(answer))


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


def _nearest_template(image):
    return np.argmin(((_templates() - image) ** 2).sum(axis=(1, 2)))


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
         _templates()[0], 2, "a vertical bar"),
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


def _as_shift(result):
    """``result`` as a (dy, dx) pair of Python ints, or None when it is not one."""
    if isinstance(result, (str, bytes)):
        return None
    try:
        items = list(result)
    except Exception:  # not iterable, or iterating raises
        return None
    if len(items) != 2 or not all(is_whole(item) for item in items):
        return None
    return (int(items[0]), int(items[1]))


def _judge_breaking(answer, predict, image, max_distance, description):
    expected = _search(predict, image, _order(max_distance))
    boxed = quiet_call(lambda *args: [answer(*args)], (predict, image, max_distance),
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
    shift = _as_shift(result)
    if shift is None:
        raise CaseFailed(f"on {description} your function returned {one_line(result)} "
                         f"({type(result).__name__}).",
                         "Return a pair of ints (dy, dx), or None when no shift breaks the "
                         "prediction.")
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


def evaluate_breaking_shift(answer) -> Verdict:
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
    """
    return run("breaking_shift", answer, _breaking_cases(), _judge_breaking)


def check_breaking_shift(answer) -> None:
    """Print the verdict of :func:`evaluate_breaking_shift`.

    Examples
    --------
    >>> check_breaking_shift(lambda predict, image, max_distance: (0, 1))  # doctest: +ELLIPSIS
    ❌ breaking_shift: not yet.
       case 1 of 10: on the example above, ...: you answered (0, 1), expected (-1, 0).
       (0, 1) and (-1, 0) both change the prediction and are as short; ties are broken ...
    """
    report(evaluate_breaking_shift(answer))
