"""The lesson 7 checkers: right answers pass, wrong ones get a helpful verdict, never a crash."""

import inspect
import math

import numpy as np
import pytest
from scipy import ndimage, special

from convlessons.checks import training as checks

from .checker_cases import (
    assert_fails_with,
    assert_hidden_cases_catch_memorising,
    assert_passes,
    forgot_return,
)

# --- answers a student might write -------------------------------------------


# exercise 1: cnn_parameter_count


def count_right(filters):
    f1, f2, f3 = filters
    return f1 * (9 + 1) + f2 * (9 * f1 + 1) + f3 * (9 * f2 + 1) + 10 * (f3 * 2 * 2 + 1)


def count_by_layers(filters):
    channels, total = 1, 0
    for out in filters:
        total += out * channels * 3 * 3 + out
        channels = out
    size = 8 // 2 // 2
    return total + (channels * size * size) * 10 + 10


def count_variant(*, conv_bias=1, dense_bias=1, pixels=4, first=1, per_kernel=9,
                  one_kernel=False, classes=10):
    def answer(filters):
        f1, f2, f3 = filters
        ins = (1, 1, 1) if one_kernel else (first, f1, f2)
        convs = sum(out * (c_in * per_kernel + conv_bias)
                    for c_in, out in zip(ins, filters, strict=True))
        return convs + classes * (f3 * pixels + dense_bias)

    return answer


# exercise 2: softmax_cross_entropy_gradient


def ce_right(logits, labels):
    z = logits - logits.max(axis=1, keepdims=True)
    log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    rows = np.arange(len(z))
    grad = np.exp(log_p)
    grad[rows, labels] -= 1.0
    return -log_p[rows, labels].mean(), grad / len(z)


def ce_scipy(logits, labels):
    log_p = special.log_softmax(logits, axis=1)
    one_hot = np.eye(logits.shape[1])[labels]
    return float(-(log_p * one_hot).sum() / len(logits)), (np.exp(log_p) - one_hot) / len(logits)


def ce_loops(logits, labels):
    n, k = logits.shape
    loss, grad = 0.0, np.zeros((n, k))
    for i in range(n):
        top = max(logits[i])
        total = sum(math.exp(v - top) for v in logits[i])
        loss += -(logits[i][labels[i]] - top - math.log(total)) / n
        for j in range(k):
            grad[i, j] = (math.exp(logits[i][j] - top) / total - (j == labels[i])) / n
    return [np.float64(loss), grad]


def ce_variant(*, loss_sum=False, mean_all=False, grad_times_n=False, sign=1.0, one_hot=True,
               naive=False, log_of_softmax=False, grad_minus_one_everywhere=False, argmax=False,
               per_sample=False, in_place=False, transposed=False, only_loss=False):
    def answer(logits, labels):
        if in_place:
            logits -= logits.max(axis=1, keepdims=True)
            z = logits
        else:
            z = logits if naive else logits - logits.max(axis=1, keepdims=True)
        p = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        log_p = np.log(p) if (naive or log_of_softmax) else (
            z - np.log(np.exp(z).sum(axis=1, keepdims=True)))
        rows = np.arange(len(z))
        targets = z.argmax(axis=1) if argmax else labels
        losses = -log_p[rows, labels] * sign
        loss = losses if per_sample else losses.mean()
        if loss_sum:
            loss = losses.sum()
        if mean_all:
            loss = losses.sum() / z.size
        grad = p.copy()
        if grad_minus_one_everywhere:
            grad -= 1.0
        elif one_hot:
            grad[rows, targets] -= 1.0
        grad = grad * sign / (1 if grad_times_n else len(z))
        if only_loss:
            return loss
        return loss, grad.T if transposed else grad

    return answer


def ce_accumulator_of_input_dtype(logits, labels):
    # The gradient built in an array of the logits' dtype: integer logits truncate it.
    loss, grad = ce_right(logits, labels)
    out = np.zeros(logits.shape, dtype=logits.dtype)
    out[...] = grad
    return loss, out


# exercise 3: adam_step


def adam_right(weight, grad, first, second, step, learning_rate=0.001, betas=(0.9, 0.999),
               eps=1e-8):
    beta1, beta2 = betas
    first = beta1 * first + (1 - beta1) * grad
    second = beta2 * second + (1 - beta2) * grad**2
    first_hat = first / (1 - beta1**step)
    second_hat = second / (1 - beta2**step)
    return weight - learning_rate * first_hat / (np.sqrt(second_hat) + eps), first, second


def adam_lists(weight, grad, first, second, step, learning_rate=0.001, betas=(0.9, 0.999),
               eps=1e-8):
    result = adam_right(weight, grad, first, second, step, learning_rate, betas, eps)
    return [array.tolist() for array in result]


def adam_variant(**changes):
    def answer(weight, grad, first, second, step, learning_rate=0.001, betas=(0.9, 0.999),
               eps=1e-8):
        b1, b2 = betas
        t = step + changes.get("shift", 0)
        new1 = b1 * first + (1 - b1) * grad
        new2 = b2 * second + (1 - b2) * (grad if changes.get("no_square") else grad**2)
        use1, use2 = (first, second) if changes.get("old") else (new1, new2)
        hat1 = use1 if changes.get("no_correction") else use1 / (1 - b1**t)
        hat2 = use2 if changes.get("no_correction") else use2 / (1 - b2**t)
        root = np.sqrt(hat2 + eps) if changes.get("eps_inside") else np.sqrt(hat2) + eps
        sign = 1.0 if changes.get("plus") else -1.0
        new_weight = weight + sign * learning_rate * hat1 / root
        if changes.get("old_returned"):
            if changes.get("copies"):
                return new_weight, first.copy(), second.copy()
            return new_weight, first, second
        if changes.get("order"):
            return new_weight, new2, new1
        return new_weight, new1, new2

    return answer


def adam_in_place(weight, grad, first, second, step, learning_rate=0.001, betas=(0.9, 0.999),
                  eps=1e-8):
    first *= betas[0]
    first += (1 - betas[0]) * grad
    second *= betas[1]
    second += (1 - betas[1]) * grad**2
    hat1, hat2 = first / (1 - betas[0] ** step), second / (1 - betas[1] ** step)
    return weight - learning_rate * hat1 / (np.sqrt(hat2) + eps), first, second


def adam_no_defaults(weight, grad, first, second, step, learning_rate, betas, eps):
    return adam_right(weight, grad, first, second, step, learning_rate, betas, eps)


# exercise 4: confusion_matrix


def confusion_right(labels, predictions, classes):
    matrix = np.zeros((classes, classes), dtype=int)
    for label, prediction in zip(labels, predictions, strict=True):
        matrix[label, prediction] += 1
    return matrix


def confusion_add_at(labels, predictions, classes):
    matrix = np.zeros((classes, classes), dtype=int)
    np.add.at(matrix, (labels, predictions), 1)
    return matrix


def confusion_bincount(labels, predictions, classes):
    flat = np.bincount(labels * classes + predictions, minlength=classes * classes)
    return flat.reshape(classes, classes).astype(float)


def confusion_transposed(labels, predictions, classes):
    return confusion_right(labels, predictions, classes).T


def confusion_seen_classes(labels, predictions, classes):
    return confusion_right(labels, predictions, len(np.unique(np.concatenate([labels,
                                                                              predictions]))))


def confusion_set_not_add(labels, predictions, classes):
    matrix = np.zeros((classes, classes), dtype=int)
    matrix[labels, predictions] = 1
    return matrix


def confusion_fractions(labels, predictions, classes):
    matrix = confusion_right(labels, predictions, classes)
    return matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)


def confusion_diagonal_only(labels, predictions, classes):
    matrix = np.zeros((classes, classes), dtype=int)
    for label, prediction in zip(labels, predictions, strict=True):
        if label == prediction:
            matrix[label, label] += 1
    return matrix


# exercise 5: shift_digit


def shift_right(image, dy, dx):
    rows, cols = image.shape
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            if 0 <= i - dy < rows and 0 <= j - dx < cols:
                out[i, j] = image[i - dy, j - dx]
    return out


def shift_by_padding(image, dy, dx, margin=None):
    rows, cols = image.shape
    margin = max(rows, cols, abs(dy), abs(dx)) if margin is None else margin
    canvas = np.pad(image.astype(float), margin)
    moved = np.roll(canvas, (dy, dx), axis=(0, 1))
    return moved[margin : margin + rows, margin : margin + cols]


def shift_scipy(image, dy, dx):
    return ndimage.shift(image.astype(float), (dy, dx), order=0, mode="constant", cval=0.0)


def shift_roll(image, dy, dx):
    return np.roll(image, (dy, dx), axis=(0, 1))


def shift_slices_naive(image, dy, dx):
    # Forgets the shift of 0: image[:-0] is empty.
    out = np.zeros(image.shape)
    if dy >= 0:
        out[dy:] = image[:-dy]
    else:
        out[:dy] = image[-dy:]
    moved = out.copy()
    if dx >= 0:
        moved[:, dx:] = out[:, :-dx]
    else:
        moved[:, :dx] = out[:, -dx:]
    return moved


def shift_padded_not_cropped(image, dy, dx):
    return np.pad(image, ((max(dy, 0), max(-dy, 0)), (max(dx, 0), max(-dx, 0))))


def shift_keeps_dtype(image, dy, dx):
    out = np.zeros_like(image)
    out[...] = shift_right(image, dy, dx)
    return out


def shift_in_place(image, dy, dx):
    image[:] = shift_right(image, dy, dx)
    return image.copy()


# exercise 6: breaking_shift


def ordered_shifts(max_distance, key=lambda s: (abs(s[0]) + abs(s[1]), s[0], s[1])):
    shifts = [(dy, dx) for dy in range(-max_distance, max_distance + 1)
              for dx in range(-max_distance, max_distance + 1)
              if 0 < abs(dy) + abs(dx) <= max_distance]
    return sorted(shifts, key=key)


def breaking_right(predict, image, max_distance):
    before = predict(image)
    for dy, dx in ordered_shifts(max_distance):
        if predict(shift_right(image, dy, dx)) != before:
            return dy, dx
    return None


def breaking_by_rings(predict, image, max_distance):
    # Another right answer: distance by distance, dy then dx in increasing order.
    before = predict(image)
    for distance in range(1, max_distance + 1):
        for dy in range(-distance, distance + 1):
            rest = distance - abs(dy)
            for dx in sorted({-rest, rest}):
                if predict(shift_scipy(image, dy, dx)) != before:
                    return np.array([dy, dx])
    return None


def breaking_variant(*, key=None, shift=shift_right, exclusive=False, axes_only=False,
                     keeps=False):
    def answer(predict, image, max_distance):
        before = predict(image)
        shifts = ordered_shifts(max_distance - 1 if exclusive else max_distance,
                                **({"key": key} if key else {}))
        if axes_only:
            shifts = [s for s in shifts if 0 in s]
        for dy, dx in shifts:
            changed = predict(shift(image, dy, dx)) != before
            if changed != keeps:
                return dy, dx
        return None

    return answer


def breaking_first_shift(predict, image, max_distance):
    return (-1, 0) if max_distance else None


RIGHT_ANSWERS = [
    (checks.evaluate_cnn_parameter_count, count_right),
    (checks.evaluate_cnn_parameter_count, count_by_layers),
    (checks.evaluate_cnn_parameter_count, lambda filters: np.int64(count_right(filters))),
    (checks.evaluate_softmax_cross_entropy_gradient, ce_right),
    (checks.evaluate_softmax_cross_entropy_gradient, ce_scipy),
    (checks.evaluate_softmax_cross_entropy_gradient, ce_loops),
    (checks.evaluate_adam_step, adam_right),
    (checks.evaluate_confusion_matrix, confusion_right),
    (checks.evaluate_confusion_matrix, confusion_add_at),
    (checks.evaluate_shift_digit, shift_right),
    (checks.evaluate_shift_digit, shift_by_padding),
    (checks.evaluate_shift_digit, shift_scipy),
    (checks.evaluate_breaking_shift, breaking_right),
]

@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass(evaluate, answer):
    assert_passes(evaluate(answer), min_cases=10)


@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass_every_grader_seed(evaluate, answer):
    # The hidden cases are drawn at random: whatever the seed, they stay within the task.
    for seed in range(20):
        assert_passes(evaluate(answer, hidden_seed=seed), min_cases=10)


@pytest.mark.parametrize(
    "evaluate, answer, expected_words",
    [
        (checks.evaluate_cnn_parameter_count, count_variant(conv_bias=0, dense_bias=0),
         ["case 1 of 10", "answered 67", "holds 80", "left out the biases"]),
        (checks.evaluate_cnn_parameter_count, count_variant(conv_bias=0),
         ["biases of the convolutions"]),
        (checks.evaluate_cnn_parameter_count, count_variant(dense_bias=0),
         ["10 biases of the dense layer"]),
        (checks.evaluate_cnn_parameter_count, count_variant(pixels=64),
         ["f3 * 8 * 8", "8 x 8 -> 4 x 4 -> 2 x 2"]),
        (checks.evaluate_cnn_parameter_count, count_variant(pixels=16), ["two poolings"]),
        (checks.evaluate_cnn_parameter_count, count_variant(pixels=1),
         ["every pixel of every channel"]),
        (checks.evaluate_cnn_parameter_count, count_variant(one_kernel=True),
         ["case 2", "one kernel per input channel"]),
        (checks.evaluate_cnn_parameter_count, count_variant(first=3), ["grayscale"]),
        (checks.evaluate_cnn_parameter_count, count_variant(per_kernel=3), ["9 weights"]),
        (checks.evaluate_cnn_parameter_count, count_variant(classes=1), ["one output per class"]),
        (checks.evaluate_cnn_parameter_count, lambda filters: 30634,
         ["case 1", "answered 30634", "Layer by layer: conv 1 -> 1: 10", "dense 4 -> 10: 50"]),
        (checks.evaluate_cnn_parameter_count, lambda filters: float(count_right(filters)),
         ["whole number", "//"]),
        (checks.evaluate_cnn_parameter_count, lambda f1, f2, f3: 0, ["raised TypeError"]),
        (checks.evaluate_cnn_parameter_count, forgot_return, ["returned None"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(naive=True),
         ["case 6", "huge logits", "loss is nan", "Subtract each row's largest logit"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(log_of_softmax=True),
         ["case 9", "loss is inf", "log(0) = -inf", "log p = (z - max)"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(loss_sum=True),
         ["case 2", "loss is 2.81", "expected 1.40", "average them"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(mean_all=True),
         ["case 1", "all N x K entries"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(sign=-1.0),
         ["case 1", "wrong sign", "never negative"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(per_sample=True),
         ["case 1", "loss is [0.6931] (ndarray)", "mean over the batch"]),
        (checks.evaluate_softmax_cross_entropy_gradient,
         lambda logits, labels: ce_variant(per_sample=True)(logits, labels)
         if len(logits) > 1 else ce_right(logits, labels),
         ["case 2", "loss has shape (2,)", "one number"]),
        (checks.evaluate_softmax_cross_entropy_gradient,
         lambda logits, labels: (np.array([ce_right(logits, labels)[0]]),
                                 ce_right(logits, labels)[1]),
         ["case 1", "loss is [0.6931] (ndarray)", "asks for a float", "float(loss)"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(grad_times_n=True),
         ["case 2", "the loss is right; the grad is not", "divide the gradient by N"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_accumulator_of_input_dtype,
         ["case 4", "integer logits", "dtype int64", "a float array", "np.zeros(shape)"]),
        (checks.evaluate_softmax_cross_entropy_gradient,
         lambda logits, labels: (ce_right(logits, labels)[0], ce_right(logits, labels)[1].tolist()),
         ["case 1", "returned a list", "a float array (numpy.ndarray)"]),
        (checks.evaluate_softmax_cross_entropy_gradient,
         lambda logits, labels: (ce_right(logits, labels)[0], -ce_right(logits, labels)[1]),
         ["case 1", "expected: [[ 0.5, -0.5]]", "wrong sign", "p - one_hot"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(one_hot=False),
         ["left out the one-hot part"]),
        (checks.evaluate_softmax_cross_entropy_gradient,
         ce_variant(grad_minus_one_everywhere=True), ["only at the label's column"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(argmax=True),
         ["case 1", "wrong sign", "not at the label's column"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(transposed=True),
         ["case 1", "shape (2, 1)", "transposed"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(only_loss=True),
         ["returned 0.6931", "Return a pair"]),
        (checks.evaluate_softmax_cross_entropy_gradient, ce_variant(in_place=True),
         ["case 2", "changed its input logits", "copy"]),
        (checks.evaluate_softmax_cross_entropy_gradient,
         lambda logits, labels: ("low", np.zeros(logits.shape)), ["loss is 'low'", "one number"]),
        (checks.evaluate_adam_step, adam_variant(no_correction=True),
         ["case 1 of 10", "your new weight:", "expected: [0.9]", "got:      [0.6838]",
          "left out the bias corrections"]),
        (checks.evaluate_adam_step, adam_variant(shift=1), ["counted from 1", "step + 1"]),
        (checks.evaluate_adam_step, adam_variant(shift=-1),
         ["inf or nan", "use step itself"]),
        (checks.evaluate_adam_step, adam_variant(eps_inside=True),
         ["case 7", "outside the square root"]),
        (checks.evaluate_adam_step, adam_variant(no_square=True), ["grad ** 2"]),
        (checks.evaluate_adam_step, adam_variant(plus=True), ["against the gradient"]),
        (checks.evaluate_adam_step, adam_variant(old=True), ["Order of operations"]),
        (checks.evaluate_adam_step, adam_variant(old_returned=True),
         ["case 1", "your new first is the argument first itself", "Return a new array"]),
        (checks.evaluate_adam_step, adam_variant(old_returned=True, copies=True),
         ["case 1", "your new first:", "Return the new moments"]),
        (checks.evaluate_adam_step, adam_lists,
         ["case 1", "returned a list", "a float array (numpy.ndarray)"]),
        (checks.evaluate_adam_step, adam_variant(order=True), ["order weight, first, second"]),
        (checks.evaluate_adam_step, adam_in_place, ["changed its input first", "copy"]),
        (checks.evaluate_adam_step, adam_no_defaults,
         ["case 1", "raised TypeError", "defaults included"]),
        (checks.evaluate_adam_step, lambda *args: args[0] - 0.1,
         ["returned", "Return three arrays"]),
        (checks.evaluate_adam_step,
         lambda *args: (adam_right(*args)[0][:1], *adam_right(*args)[1:]),
         ["case 3", "your new weight:", "expected shape (4,)", "your result has shape (1,)"]),
        (checks.evaluate_confusion_matrix, confusion_transposed, ["case 1", "transposed"]),
        (checks.evaluate_confusion_matrix, confusion_seen_classes,
         ["case 4", "expected shape (4, 4)", "your result has shape (3, 3)",
          "Size it with classes"]),
        (checks.evaluate_confusion_matrix, confusion_bincount,
         ["case 1", "dtype float64", "the task asks for an integer array", "dtype=int"]),
        (checks.evaluate_confusion_matrix,
         lambda labels, predictions, classes: confusion_right(labels, predictions,
                                                              classes).tolist(),
         ["case 1", "returned a list", "integer array (numpy.ndarray)"]),
        (checks.evaluate_confusion_matrix, confusion_set_not_add, ["case 1", "+= 1"]),
        (checks.evaluate_confusion_matrix, confusion_fractions, ["Count, do not divide"]),
        (checks.evaluate_confusion_matrix, confusion_diagonal_only, ["Count the mistakes too"]),
        (checks.evaluate_confusion_matrix, lambda labels, predictions, classes: "matrix",
         ["'matrix' (str)", "expected an array of numbers"]),
        (checks.evaluate_shift_digit, shift_roll, ["case 1", "np.roll wraps around"]),
        (checks.evaluate_shift_digit, lambda image, dy, dx: shift_right(image, -dy, -dx),
         ["Wrong direction", "positive dy moves the content down"]),
        (checks.evaluate_shift_digit, lambda image, dy, dx: shift_right(image, dx, dy),
         ["case 1", "swapped"]),
        (checks.evaluate_shift_digit, shift_slices_naive,
         ["case 1", "raised ValueError", "image[:-0] is empty"]),
        (checks.evaluate_shift_digit, shift_padded_not_cropped,
         ["case 1", "shape (4, 3)", "keeps the shape"]),
        (checks.evaluate_shift_digit, shift_in_place, ["changed its input image"]),
        (checks.evaluate_shift_digit, shift_keeps_dtype,
         ["case 8", "uint8", "dtype uint8", "the task asks for a float array", "np.zeros(shape)"]),
        (checks.evaluate_shift_digit,
         lambda image, dy, dx: image if dy == dx == 0 else shift_right(image, dy, dx),
         ["case 4", "no shift", "returned its argument image itself", "Return a new array"]),
        (checks.evaluate_shift_digit,
         lambda image, dy, dx: shift_by_padding(image, dy, dx, margin=max(image.shape)),
         ["case 7", "expected: [[0., 0., 0.],", "got:      [[2., 3., 0.],", "Hint:"]),
        (checks.evaluate_breaking_shift, breaking_variant(key=lambda s: (abs(s[0]) + abs(s[1]),
                                                                         s[1], s[0])),
         ["case 1", "answered (0, -1), expected (-1, 0)", "ties are broken by the smaller dy"]),
        (checks.evaluate_breaking_shift,
         breaking_variant(key=lambda s: (max(abs(s[0]), abs(s[1])), s[0], s[1])),
         ["shorter"]),
        (checks.evaluate_breaking_shift, breaking_variant(shift=shift_roll),
         ["case 6", "returned None", "Zeros must enter"]),
        (checks.evaluate_breaking_shift, breaking_variant(exclusive=True),
         ["case 4", "returned None", "range(1, max_distance + 1)"]),
        (checks.evaluate_breaking_shift, breaking_variant(axes_only=True),
         ["case 4", "answered (2, 0), expected (-1, -1)", "Diagonal shifts count too"]),
        (checks.evaluate_breaking_shift, breaking_variant(keeps=True),
         ["case 1", "returned None", "changes the prediction from 1 to 0"]),
        (checks.evaluate_breaking_shift,
         breaking_variant(shift=lambda image, dy, dx: shift_right(image, -dy, -dx)),
         ["case 2", "answered (-1, 0), expected (0, 1)"]),
        (checks.evaluate_breaking_shift, breaking_first_shift,
         ["case 2", "still classified as 0"]),
        (checks.evaluate_breaking_shift, lambda predict, image, max_distance: (0, 0),
         ["no shift at all"]),
        (checks.evaluate_breaking_shift, lambda predict, image, max_distance: (-5, 0),
         ["more than max_distance"]),
        (checks.evaluate_breaking_shift, lambda predict, image, max_distance: (-1.0, 0.0),
         ["case 1", "holds -1.0 (float)", "whole numbers (int)"]),
        (checks.evaluate_breaking_shift, breaking_by_rings,
         ["case 1", "(ndarray)", "Return a tuple"]),
        (checks.evaluate_breaking_shift,
         lambda predict, image, max_distance: list(breaking_right(predict, image, 2)),
         ["case 1", "[-1, 0] (list)", "Return a tuple"]),
        (checks.evaluate_breaking_shift,
         lambda predict, image, max_distance: predict(image[None]),
         ["raised ValueError", "predict expects an image of shape (3, 3)"]),
        (checks.evaluate_breaking_shift, forgot_return,
         ["case 1", "returned None", "forget a `return`"]),
    ],
)
def test_wrong_answers_get_a_helpful_verdict(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


def test_expected_values_do_not_come_from_the_package():
    source = inspect.getsource(checks)
    assert "from .." not in source and "import convlessons" not in source
    assert "from ._core import" in source


# --- the oracles themselves ---------------------------------------------------


def numerical_gradient(logits, labels, h=1e-6):
    """Central differences of the mean cross-entropy, one logit at a time."""
    def loss(z):
        return float(np.mean(special.logsumexp(z, axis=1) - z[np.arange(len(z)), labels]))

    z = logits.astype(float)
    grad = np.zeros_like(z)
    for index in np.ndindex(z.shape):
        plus, minus = z.copy(), z.copy()
        plus[index] += h
        minus[index] -= h
        grad[index] = (loss(plus) - loss(minus)) / (2 * h)
    return grad


def test_cross_entropy_oracle_agrees_with_finite_differences_and_scipy():
    for logits, labels, _ in checks._cross_entropy_cases():
        loss, grad = checks._cross_entropy(logits, labels)
        z = logits.astype(float)
        expected_loss = np.mean(special.logsumexp(z, axis=1) - z[np.arange(len(z)), labels])
        assert loss == pytest.approx(expected_loss, rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(grad, numerical_gradient(logits, labels), atol=1e-7)


def test_cross_entropy_oracle_agrees_with_the_package():
    # The package is never the oracle, but the two must agree.
    from convlessons.training import cross_entropy

    for logits, labels, _ in checks._cross_entropy_cases():
        loss, grad = cross_entropy(logits, labels)
        expected_loss, expected_grad = checks._cross_entropy(logits, labels)
        assert loss == pytest.approx(expected_loss, rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(grad, expected_grad, rtol=1e-12, atol=1e-15)


def test_adam_oracle_agrees_with_the_package_over_several_steps():
    from convlessons.layers import Dense
    from convlessons.training import Adam

    rng = np.random.default_rng(3)
    layer = Dense(3, 2, bias=False, seed=0)
    optimiser = Adam(layer, learning_rate=0.01, betas=(0.8, 0.99), eps=1e-6)
    weight = layer.weight.copy()
    first, second = np.zeros_like(weight), np.zeros_like(weight)
    for step in range(1, 6):
        layer.grad_weight = rng.normal(size=weight.shape)
        weight, first, second = checks._adam(weight, layer.grad_weight, first, second, step,
                                             0.01, (0.8, 0.99), 1e-6)
        optimiser.step()
        np.testing.assert_allclose(layer.weight, weight, rtol=1e-12)


def test_shift_oracle_agrees_with_loops_and_scipy():
    rng = np.random.default_rng(4)
    image = rng.integers(1, 9, size=(5, 7)).astype(float)
    for dy in range(-6, 7):
        for dx in range(-8, 9):
            moved = checks._shifted(image, dy, dx)
            np.testing.assert_array_equal(moved, shift_right(image, dy, dx))
            np.testing.assert_array_equal(moved, shift_scipy(image, dy, dx))


def test_breaking_shift_cases_test_what_they_say():
    expected = [checks._search(predict, image, checks._order(distance))
                for predict, image, distance, _ in checks._breaking_cases()]
    assert expected == [(-1, 0), (0, 1), (0, 2), (-1, -1), (0, -1), (-1, 0), None, None,
                        (-3, 0), None]
    assert checks._order(1) == [(-1, 0), (0, -1), (0, 1), (1, 0)]
    assert checks._order(2)[4:9] == [(-2, 0), (-1, -1), (-1, 1), (0, -2), (0, 2)]


def test_the_hand_examples_of_the_notebook():
    # The numbers the exercise notebook asks the student to check by hand.
    assert count_right((1, 1, 1)) == 80 and count_right((32, 32, 64)) == 30634
    loss, grad = ce_right(np.array([[0.0, 0.0]]), np.array([1]))
    assert loss == pytest.approx(math.log(2)) and np.allclose(grad, [[0.5, -0.5]])
    loss, grad = ce_right(np.array([[1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]), np.array([2, 0]))
    assert round(loss, 3) == 1.408
    np.testing.assert_allclose(grad.round(3), [[0.045, 0.122, -0.167], [-0.455, 0.122, 0.333]])
    weight, first, second = adam_right(np.array([1.0]), np.array([0.5]), np.zeros(1),
                                       np.zeros(1), 1, 0.1)
    np.testing.assert_allclose([weight[0], first[0], second[0]], [0.9, 0.05, 0.00025])
    weight, first, second = adam_right(weight, np.array([0.5]), first, second, 2, 0.1)
    np.testing.assert_allclose([weight[0], first[0], second[0]], [0.8, 0.095, 0.00049975])
    np.testing.assert_array_equal(
        confusion_right(np.array([0, 0, 1, 2, 2, 2]), np.array([0, 1, 1, 2, 0, 2]), 3),
        [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    example = np.arange(1.0, 10.0).reshape(3, 3)
    np.testing.assert_array_equal(shift_right(example, 1, 0), [[0, 0, 0], [1, 2, 3], [4, 5, 6]])
    np.testing.assert_array_equal(shift_right(example, 0, -1), [[2, 3, 0], [5, 6, 0], [8, 9, 0]])


# The first right answer of each exercise (reversed, so that the first one is kept).
MEMORISED = dict(reversed(RIGHT_ANSWERS))


@pytest.mark.parametrize("evaluate, right", MEMORISED.items(),
                         ids=lambda x: getattr(x, "__name__", ""))
def test_hidden_cases_fail_an_answer_that_memorised_the_visible_ones(evaluate, right):
    assert_hidden_cases_catch_memorising(evaluate, right)


@pytest.mark.parametrize("seed", range(20))
def test_hidden_cases_hold_what_separates_wrong_answers(seed):
    rng = np.random.default_rng(seed)
    assert checks._random_logits(rng)[1][0].dtype.kind == "i"  # integer logits
    images = [case[0] for case in checks._random_shifts(np.random.default_rng(seed))]
    assert [image.dtype for image in images] == [np.float64, np.uint8]
    confusions = checks._random_confusions(np.random.default_rng(seed))
    labels, predictions, classes, _ = confusions[1]
    assert max(labels.max(), predictions.max()) < classes - 1  # the last class is absent
