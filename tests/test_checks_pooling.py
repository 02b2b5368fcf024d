"""The lesson 5 checkers: right answers pass, wrong ones get a helpful verdict, never a crash."""

import math

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from convlessons.checks import pooling as checks
from convlessons.pooling import pool2d_backward

from .checker_cases import (
    assert_fails_with,
    assert_hidden_cases_catch_memorising,
    assert_passes,
    crashes,
    forgot_return,
    not_done,
)

# --- answers a student might write -------------------------------------------


# exercise 1: pool_output_size


def size_right(i, k, s):
    return (i - k) // s + 1


def size_ceil(i, k, s):
    return math.ceil((i - k) / s) + 1


def size_divides_by_stride(i, k, s):
    return i // s


def size_ignores_stride(i, k, s):
    return i - k + 1


def size_adds_before_dividing(i, k, s):
    return (i - k + 1) // s


def size_seed_brackets(i, k, s):
    return (i - (k + 1)) // s + 1


def size_float(i, k, s):
    return (i - k) / s + 1


# exercise 2: max_pool_loops


def max_pool_right(x, k, stride):
    rows, cols = (x.shape[0] - k) // stride + 1, (x.shape[1] - k) // stride + 1
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            out[i, j] = x[i * stride : i * stride + k, j * stride : j * stride + k].max()
    return out


def max_pool_start_loops(x, k, stride):
    # Another right answer: loop over the window starts.
    return np.array([[x[r : r + k, c : c + k].max() for c in range(0, x.shape[1] - k + 1, stride)]
                     for r in range(0, x.shape[0] - k + 1, stride)])


def max_pool_range_n_minus_k(x, k, stride):
    # The sources' off-by-one, with a stride: the last window start is left out.
    return np.array([[x[r : r + k, c : c + k].max() for c in range(0, x.shape[1] - k, stride)]
                     for r in range(0, x.shape[0] - k, stride)])


def max_pool_ceil(x, k, stride):
    # One window per started stride: the last ones hang over the edge.
    rows = math.ceil((x.shape[0] - k) / stride) + 1
    cols = math.ceil((x.shape[1] - k) / stride) + 1
    return np.array([[x[i * stride : i * stride + k, j * stride : j * stride + k].max()
                      for j in range(cols)] for i in range(rows)])


def max_pool_stride_is_k(x, k, stride):
    return max_pool_right(x, k, k)


def max_pool_unit_steps(x, k, stride):
    rows, cols = (x.shape[0] - k) // stride + 1, (x.shape[1] - k) // stride + 1
    return np.array([[x[i : i + k, j : j + k].max() for j in range(cols)] for i in range(rows)])


def max_pool_zero_start(x, k, stride):
    rows, cols = (x.shape[0] - k) // stride + 1, (x.shape[1] - k) // stride + 1
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            best = 0
            for value in x[i * stride : i * stride + k, j * stride : j * stride + k].ravel():
                if value > best:
                    best = value
            out[i, j] = best
    return out


def max_pool_mean(x, k, stride):
    return sliding_window_view(x.astype(float), (k, k))[::stride, ::stride].mean(axis=(2, 3))


def max_pool_by_stride(x, k, stride):
    rows, cols = x.shape[0] // stride, x.shape[1] // stride
    return np.array([[x[i * stride : i * stride + k, j * stride : j * stride + k].max()
                      for j in range(cols)] for i in range(rows)])


def max_pool_int_output(x, k, stride):
    rows, cols = (x.shape[0] - k) // stride + 1, (x.shape[1] - k) // stride + 1
    out = np.zeros((rows, cols), dtype=int)
    for i in range(rows):
        for j in range(cols):
            out[i, j] = x[i * stride : i * stride + k, j * stride : j * stride + k].max()
    return out


def max_pool_in_place(x, k, stride):
    x[0, 0] = x.max()
    return max_pool_right(x, k, stride)


# exercise 3: max_pool_backward


def max_backward_right(x, grad_out, k):
    grad = np.zeros(x.shape)
    for i in range(grad_out.shape[0]):
        for j in range(grad_out.shape[1]):
            window = x[i * k : (i + 1) * k, j * k : (j + 1) * k]
            a, b = divmod(int(np.argmax(window)), k)
            grad[i * k + a, j * k + b] += grad_out[i, j]
    return grad


def max_backward_vectorised(x, grad_out, k):
    rows, cols = grad_out.shape
    blocks = x[: rows * k, : cols * k].reshape(rows, k, cols, k).transpose(0, 2, 1, 3)
    winner = blocks.reshape(rows, cols, k * k).argmax(axis=2)
    onehot = np.eye(k * k)[winner].reshape(rows, cols, k, k) * grad_out[:, :, None, None]
    grad = np.zeros(x.shape)
    grad[: rows * k, : cols * k] = onehot.transpose(0, 2, 1, 3).reshape(rows * k, cols * k)
    return grad


def max_backward_every_tie(x, grad_out, k):
    grad = np.zeros(x.shape)
    for i in range(grad_out.shape[0]):
        for j in range(grad_out.shape[1]):
            window = x[i * k : (i + 1) * k, j * k : (j + 1) * k]
            grad[i * k : (i + 1) * k, j * k : (j + 1) * k] += (window == window.max()) \
                * grad_out[i, j]
    return grad


def max_backward_last_tie(x, grad_out, k):
    grad = np.zeros(x.shape)
    for i in range(grad_out.shape[0]):
        for j in range(grad_out.shape[1]):
            best, where = -np.inf, None
            for a in range(k):
                for b in range(k):
                    if x[i * k + a, j * k + b] >= best:  # >= keeps the last maximum
                        best, where = x[i * k + a, j * k + b], (i * k + a, j * k + b)
            grad[where] += grad_out[i, j]
    return grad


def max_backward_spread(x, grad_out, k):
    grad = np.zeros(x.shape)
    rows, cols = grad_out.shape
    grad[: rows * k, : cols * k] = np.kron(grad_out, np.ones((k, k))) / k**2
    return grad


def max_backward_marks(x, grad_out, k):
    return max_backward_right(x, np.ones_like(grad_out), k)


def max_backward_zeros_like(x, grad_out, k):
    grad = np.zeros_like(x)
    grad[...] = max_backward_right(x, grad_out, k)
    return grad


def max_backward_input_dtype(x, grad_out, k):
    grad = np.zeros(x.shape, dtype=x.dtype)
    for i in range(grad_out.shape[0]):
        for j in range(grad_out.shape[1]):
            window = x[i * k : (i + 1) * k, j * k : (j + 1) * k]
            a, b = divmod(int(np.argmax(window)), k)
            grad[i * k + a, j * k + b] = grad_out[i, j]
    return grad


def max_backward_truncated(x, grad_out, k):
    return max_backward_input_dtype(x, grad_out, k).astype(float)


def max_backward_grad_shape(x, grad_out, k):
    return grad_out * 1.0


def max_backward_covered_only(x, grad_out, k):
    rows, cols = grad_out.shape
    return max_backward_right(x, grad_out, k)[: rows * k, : cols * k]


def max_backward_reshape(x, grad_out, k):
    # Forgets to crop x first: a reshape error on the left-over case.
    rows, cols = grad_out.shape
    blocks = x.reshape(rows, k, cols, k).transpose(0, 2, 1, 3)
    winner = blocks.reshape(rows, cols, k * k).argmax(axis=2)
    onehot = np.eye(k * k)[winner].reshape(rows, cols, k, k) * grad_out[:, :, None, None]
    return onehot.transpose(0, 2, 1, 3).reshape(x.shape)


# exercise 4: avg_pool_backward


def avg_backward_right(grad_out, k, input_shape):
    grad = np.zeros(input_shape)
    rows, cols = grad_out.shape
    grad[: rows * k, : cols * k] = np.kron(grad_out, np.ones((k, k))) / k**2
    return grad


def avg_backward_loops(grad_out, k, input_shape):
    grad = np.zeros(input_shape)
    for i in range(grad_out.shape[0]):
        for j in range(grad_out.shape[1]):
            grad[i * k : (i + 1) * k, j * k : (j + 1) * k] += grad_out[i, j] / (k * k)
    return grad


def avg_backward_sum(grad_out, k, input_shape):
    return avg_backward_right(grad_out, k, input_shape) * k * k


def avg_backward_by_k(grad_out, k, input_shape):
    return avg_backward_right(grad_out, k, input_shape) * k


def avg_backward_covered_only(grad_out, k, input_shape):
    return np.kron(grad_out, np.ones((k, k))) / k**2


def avg_backward_zeros_like(grad_out, k, input_shape):
    grad = np.zeros(input_shape, dtype=np.asarray(grad_out).dtype)
    grad[...] = avg_backward_right(grad_out, k, input_shape)
    return grad


def avg_backward_in_place(grad_out, k, input_shape):
    grad_out /= 1.0
    grad_out[0, 0] = 0
    return avg_backward_right(grad_out, k, input_shape)


# exercise 5: pooled_map_unchanged


def window_of(shape, position, k):
    rows, cols = (shape[0] - k) // k + 1, (shape[1] - k) // k + 1
    r, c = position
    if r >= rows * k or c >= cols * k:
        return None
    return r // k, c // k


def unchanged_right(shape, position, shift, k):
    moved = (position[0] + shift[0], position[1] + shift[1])
    return window_of(shape, position, k) == window_of(shape, moved, k)


def unchanged_by_pooling(shape, position, shift, k):
    # Another right answer: pool both maps.
    def pooled(where):
        feature = np.zeros(shape)
        feature[where] = 1
        rows, cols = shape[0] // k, shape[1] // k
        return feature[: rows * k, : cols * k].reshape(rows, k, cols, k).max(axis=(1, 3))

    moved = (position[0] + shift[0], position[1] + shift[1])
    return np.array_equal(pooled(position), pooled(moved))


def unchanged_ignores_left_over(shape, position, shift, k):
    r, c = position
    return (r // k, c // k) == ((r + shift[0]) // k, (c + shift[1]) // k)


def unchanged_rows_only(shape, position, shift, k):
    # Knows that the last rows may be left out, forgets that columns may be too.
    rows = (shape[0] - k) // k + 1

    def window(r, c):
        return None if r >= rows * k else (r // k, c // k)

    return window(*position) == window(position[0] + shift[0], position[1] + shift[1])


def unchanged_columns_only(shape, position, shift, k):
    return unchanged_rows_only(shape[::-1], position[::-1], shift[::-1], k)


def unchanged_small_moves(shape, position, shift, k):
    return abs(shift[0]) < k and abs(shift[1]) < k


def unchanged_as_int(shape, position, shift, k):
    return int(unchanged_right(shape, position, shift, k))


RIGHT_ANSWERS = [
    (checks.evaluate_pool_output_size, size_right),
    (checks.evaluate_pool_output_size, lambda i, k, s: int((i - k) / s) + 1),
    (checks.evaluate_pool_output_size, lambda i, k, s: np.int64(math.floor((i - k) / s) + 1)),
    (checks.evaluate_pool_output_size, lambda i, k, s: len(range(0, i - k + 1, s))),
    (checks.evaluate_max_pool_loops, max_pool_right),
    (checks.evaluate_max_pool_loops, max_pool_start_loops),
    (checks.evaluate_max_pool_loops,
     lambda x, k, s: sliding_window_view(x, (k, k))[::s, ::s].max(axis=(2, 3))),
    (checks.evaluate_max_pool_backward, max_backward_right),
    (checks.evaluate_max_pool_backward, max_backward_vectorised),
    (checks.evaluate_max_pool_backward,
     lambda x, g, k: pool2d_backward(x[None], g[None], k, mode="max")[0]),
    (checks.evaluate_avg_pool_backward, avg_backward_right),
    (checks.evaluate_avg_pool_backward, avg_backward_loops),
    (checks.evaluate_pooled_map_unchanged, unchanged_right),
    (checks.evaluate_pooled_map_unchanged, unchanged_by_pooling),
]


@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass(evaluate, answer):
    assert_passes(evaluate(answer), min_cases=8)


@pytest.mark.parametrize(
    "evaluate, answer, expected_words",
    [
        (checks.evaluate_pool_output_size, size_ceil,
         ["case 4", "i=5, k=2, s=2", "rounded up", "ceil_mode=True"]),
        (checks.evaluate_pool_output_size, size_divides_by_stride,
         ["case 3", "tile the input exactly"]),
        (checks.evaluate_pool_output_size, size_ignores_stride,
         ["case 1", "every s-th"]),
        (checks.evaluate_pool_output_size, size_adds_before_dividing,
         ["case 1", "then add 1", "(i - k + 1) // s"]),
        (checks.evaluate_pool_output_size, size_seed_brackets,
         ["case 1", "brackets", "(i - (k + 1)) // s + 1"]),
        (checks.evaluate_pool_output_size, size_float, ["whole number (int)", "//"]),
        (checks.evaluate_pool_output_size, lambda i, k, s: True, ["whole number (int)"]),
        (checks.evaluate_pool_output_size, lambda i, k, s: "2", ["whole number (int)"]),
        (checks.evaluate_pool_output_size, not_done, ["not done yet", "NotImplementedError"]),
        (checks.evaluate_pool_output_size, forgot_return, ["returned None", "return"]),
        (checks.evaluate_max_pool_loops, max_pool_range_n_minus_k,
         ["case 1", "expected shape (2, 2)", "one window early", "range(0, H - k + 1, stride)"]),
        (checks.evaluate_max_pool_loops, max_pool_ceil,
         ["case 4", "the last row left over", "one window too many", "ceil_mode=True"]),
        (checks.evaluate_max_pool_loops, max_pool_stride_is_k,
         ["case 2", "stride = k", "overlapping"]),
        (checks.evaluate_max_pool_loops, max_pool_unit_steps,
         ["case 1", "x[i * stride, j * stride]"]),
        (checks.evaluate_max_pool_loops, max_pool_zero_start,
         ["case 5", "running maximum at 0", "-np.inf"]),
        (checks.evaluate_max_pool_loops, max_pool_mean, ["average pooling"]),
        (checks.evaluate_max_pool_loops, max_pool_by_stride,
         ["case 2", "tile the input exactly"]),
        (checks.evaluate_max_pool_loops, max_pool_in_place, ["changed its input x", "copy"]),
        (checks.evaluate_max_pool_loops, max_pool_int_output,
         ["case 3", "truncated", "np.zeros(shape)"]),
        (checks.evaluate_max_pool_loops, lambda x, k, s: x,
         ["case 1", "returned its argument x itself", "new array"]),
        (checks.evaluate_max_pool_loops,
         lambda x, k, s: x if k == s == 1 else max_pool_right(x, k, s),
         ["case 7", "windows of one pixel", "returned its argument x itself", "new array"]),
        (checks.evaluate_max_pool_loops, crashes, ["raised IndexError"]),
        (checks.evaluate_max_pool_loops, lambda x, k, s: "done",
         ["expected an array of numbers"]),
        (checks.evaluate_max_pool_backward, max_backward_every_tie,
         ["case 3", "ties", "every maximum", "np.argmax"]),
        (checks.evaluate_max_pool_backward, max_backward_last_tie,
         ["case 3", "last maximum", ">, not >="]),
        (checks.evaluate_max_pool_backward, max_backward_spread,
         ["case 1", "average pooling"]),
        (checks.evaluate_max_pool_backward, max_backward_marks,
         ["case 1", "multiply by grad_out[i, j]"]),
        (checks.evaluate_max_pool_backward, max_backward_zeros_like,
         ["case 7", "dtype int64", "a float array", "np.zeros(shape)"]),
        (checks.evaluate_max_pool_backward, max_backward_input_dtype,
         ["case 7", "integer pixels", "dtype int64", "a float array"]),
        (checks.evaluate_max_pool_backward, max_backward_truncated,
         ["case 7", "truncated", "np.zeros(shape)"]),
        (checks.evaluate_max_pool_backward, max_backward_grad_shape,
         ["case 1", "shape of grad_out", "one value per pixel of x"]),
        (checks.evaluate_max_pool_backward, max_backward_covered_only,
         ["case 5", "left over", "no window covers"]),
        (checks.evaluate_max_pool_backward, max_backward_reshape,
         ["case 5", "raised ValueError"]),
        (checks.evaluate_max_pool_backward, not_done, ["not done yet"]),
        (checks.evaluate_avg_pool_backward, avg_backward_sum,
         ["case 1", "k * k times too large", "sum pooling"]),
        (checks.evaluate_avg_pool_backward, avg_backward_by_k,
         ["case 1", "k times too large", "not by k"]),
        (checks.evaluate_avg_pool_backward, avg_backward_covered_only,
         ["case 2", "expected shape (3, 5)", "input_shape"]),
        (checks.evaluate_avg_pool_backward, avg_backward_zeros_like,
         ["case 7", "integers", "np.zeros(shape)"]),
        (checks.evaluate_avg_pool_backward, avg_backward_in_place,
         ["changed its input grad_out"]),
        (checks.evaluate_avg_pool_backward, forgot_return, ["returned None"]),
        (checks.evaluate_avg_pool_backward,
         lambda g, k, shape: g if k == 1 else avg_backward_right(g, k, shape),
         ["case 5", "windows of one pixel", "returned its argument grad_out itself"]),
        (checks.evaluate_pooled_map_unchanged, lambda shape, position, shift, k: True,
         ["case 2", "crosses into another window", "(r // k, c // k)"]),
        (checks.evaluate_pooled_map_unchanged, unchanged_small_moves,
         ["case 2", "in window (1, 1)", "to (2, 1), in window (1, 0)", "however small"]),
        (checks.evaluate_pooled_map_unchanged, unchanged_ignores_left_over,
         ["case 13", "no window covers", "all zeros both times"]),
        (checks.evaluate_pooled_map_unchanged, unchanged_rows_only,
         ["case 15", "the last column is left over", "in column 4, which no window covers",
          "all zeros both times"]),
        (checks.evaluate_pooled_map_unchanged, unchanged_columns_only,
         ["case 13", "in row 4, which no window covers", "all zeros both times"]),
        (checks.evaluate_pooled_map_unchanged, unchanged_as_int,
         ["case 1", "expected True or False"]),
        (checks.evaluate_pooled_map_unchanged, lambda shape, position, shift, k: "yes",
         ["expected True or False"]),
        (checks.evaluate_pooled_map_unchanged, not_done, ["not done yet"]),
    ],
)
def test_wrong_answers_get_a_helpful_verdict(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


RIGHT_BY_EXERCISE = [
    (checks.evaluate_pool_output_size, size_right),
    (checks.evaluate_max_pool_loops, max_pool_right),
    (checks.evaluate_max_pool_backward, max_backward_right),
    (checks.evaluate_avg_pool_backward, avg_backward_right),
    (checks.evaluate_pooled_map_unchanged, unchanged_right),
]


@pytest.mark.parametrize("evaluate, right", RIGHT_BY_EXERCISE)
def test_hidden_cases_pass_the_right_answer_and_fail_one_that_memorises(evaluate, right):
    assert_hidden_cases_catch_memorising(evaluate, right)


def test_the_hidden_moves_stay_inside_the_map():
    for seed in range(20):
        for shape, position, shift, _, _ in checks._make_unchanged(np.random.default_rng(seed)):
            assert all(0 <= p + s < n for p, s, n in zip(position, shift, shape, strict=True))


def test_moving_out_of_the_covered_part_is_explained():
    def moves_freely_in_rows(shape, position, shift, k):
        return position[1] // k == (position[1] + shift[1]) // k

    verdict = checks.evaluate_pooled_map_unchanged(moves_freely_in_rows)
    assert "case 4" in verdict.message
    verdict = checks.evaluate_pooled_map_unchanged(
        lambda shape, position, shift, k: unchanged_right(shape, position, shift, k)
        if position != (3, 1) else True)
    assert "case 11" in verdict.message
    assert "leaves the part of the map that the windows cover" in verdict.message


# --- the checkers' own expected values, against independent oracles ----------------


def test_window_counts_match_the_windows_numpy_makes():
    for i in range(1, 15):
        for k in range(1, i + 1):
            for s in range(1, 7):
                windows = sliding_window_view(np.arange(i), k)[::s]
                assert checks._count(i, k, s) == len(windows)


def test_max_pool_gradient_is_the_finite_difference_away_from_ties():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(5, 7))  # no ties; the last row and column are left over
    grad_out = rng.normal(size=(2, 3))
    expected = checks._route(x, grad_out, 2, "first")

    def loss(values):
        return float(np.sum(checks._max_pool(values, 2, 2) * grad_out))

    step = 1e-6
    numeric = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        nudged = x.copy()
        nudged[index] += step
        numeric[index] = (loss(nudged) - loss(x)) / step
    np.testing.assert_allclose(expected, numeric, atol=1e-6)


def test_max_pool_gradient_follows_the_package_and_torch_on_ties():
    for x, grad_out, k, _ in checks._max_backward_cases():
        expected = checks._route(x.astype(float), grad_out, k, "first")
        package = pool2d_backward(x[None].astype(float), grad_out[None], k, mode="max")[0]
        np.testing.assert_allclose(expected, package)
    torch = pytest.importorskip("torch")
    for x, grad_out, k, _ in checks._max_backward_cases():
        tensor = torch.tensor(x.astype(float))[None, None].requires_grad_(True)
        pooled = torch.nn.functional.max_pool2d(tensor, k)
        pooled.backward(torch.tensor(grad_out.astype(float))[None, None])
        np.testing.assert_allclose(checks._route(x.astype(float), grad_out, k, "first"),
                                   tensor.grad[0, 0].numpy())


def test_avg_pool_gradient_is_the_finite_difference():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(7, 5))
    grad_out = rng.normal(size=(3, 2))

    def loss(values):
        pooled = sliding_window_view(values, (2, 2))[::2, ::2].mean(axis=(2, 3))
        return float(np.sum(pooled * grad_out))

    numeric = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        nudged = x.copy()
        nudged[index] += 1e-3  # the loss is linear in x: a large step is exact
        numeric[index] = (loss(nudged) - loss(x)) / 1e-3
    # The checker's expected gradient accepts the numerical one (no CaseFailed).
    checks._judge_avg_backward(lambda *args: numeric, grad_out, 2, x.shape,
                               "a finite-difference gradient")
