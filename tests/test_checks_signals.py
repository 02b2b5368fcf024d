"""The checkers of lesson 1 (signals in 1D): right answers pass, each known wrong one is named.

Bad answers of every kind (the stub, a crash, None, text, ...) are tried on
every checker by ``tests/test_checks_robustness.py``; here are the mistakes
a student of lesson 1 makes, each with the words its verdict must contain.
"""

import numpy as np
import pytest

from convlessons.checks import signals as checks
from convlessons.signals import convolve1d

from .checker_cases import (
    assert_fails_with,
    assert_hidden_cases_catch_memorising,
    assert_passes,
    wrong,
)

# --- exercise 1: convolve_loops ----------------------------------------------------


def convolve_loops_right(f, g):
    # The solution notebook's answer.
    n, m = len(f), len(g)
    y = np.zeros(n + m - 1)
    for k in range(n + m - 1):
        for i in range(n):
            if 0 <= k - i < m:
                y[k] += f[i] * g[k - i]
    return y


def convolve_pairs_right(f, g):
    out = np.zeros(len(f) + len(g) - 1)
    for i in range(len(f)):
        for j in range(len(g)):
            out[i + j] += f[i] * g[j]
    return out


def convolve_one_short(f, g):
    # The seeds' mistake: one sample short at the end.
    out = np.zeros(len(f) + len(g) - 2)
    for k in range(len(out)):
        for i in range(len(f)):
            if 0 <= k - i < len(g):
                out[k] += f[i] * g[k - i]
    return out


def convolve_in_place(f, g):
    f[0] = 99.0  # writes into the caller's array
    return np.convolve(f, g).astype(float)


def convolve_accumulator_of_input_dtype(f, g):
    y = np.zeros(len(f) + len(g) - 1, dtype=f.dtype)
    for k in range(len(y)):
        for i in range(len(f)):
            if 0 <= k - i < len(g):
                y[k] += f[i] * g[k - i]
    return y


def convolve_accumulator_cast_at_the_end(f, g):
    return convolve_accumulator_of_input_dtype(f, g).astype(float)


def convolve_wraps_negative_indices(f, g):
    y = np.zeros(len(f) + len(g) - 1)
    for k in range(len(y)):
        for i in range(len(f)):
            if k - i < len(g):  # forgets k - i >= 0
                y[k] += f[i] * g[k - i]
    return y


def convolve_first_case_only(f, g):
    return np.array([0.0, 1.0, 2.5, 4.0, 1.5])


# --- exercise 2: output_length -------------------------------------------------------


def length_right(n, m, mode):
    if mode == "full":
        return n + m - 1
    if mode == "same":
        return max(n, m)
    return max(n, m) - min(n, m) + 1


def length_wrong(full, same, valid):
    return lambda n, m, mode: {"full": full, "same": same, "valid": valid}[mode](n, m)


length_seed_mistake = length_wrong(lambda n, m: n + m - 1, max, lambda n, m: n - (m + 1))
length_valid_without_swap = length_wrong(lambda n, m: n + m - 1, max, lambda n, m: n - m + 1)
length_valid_one_short = length_wrong(lambda n, m: n + m - 1, max, lambda n, m: abs(n - m))
length_same_is_n = length_wrong(lambda n, m: n + m - 1, lambda n, m: n,
                                lambda n, m: abs(n - m) + 1)
length_full_one_more = length_wrong(lambda n, m: n + m, max, lambda n, m: abs(n - m) + 1)


# --- exercise 3: correlate_with_convolve -------------------------------------------


def correlate_right(f, g):
    # The solution notebook's answer.
    return convolve1d(f, g[::-1], mode="full")


def correlate_flips_g_in_place(f, g):
    g[:] = g[::-1].copy()
    return convolve1d(f, g)


# --- exercise 4: shift_kernel ---------------------------------------------------------


def shift_right(shift):
    # The solution notebook's answer.
    kernel = np.zeros(2 * abs(shift) + 1)
    if shift >= 0:
        kernel[-1] = 1.0
    else:
        kernel[0] = 1.0
    return kernel


def shift_one_hot_indexed(shift):
    kernel = np.zeros(2 * abs(shift) + 1)
    kernel[abs(shift) + shift] = 1
    return kernel


def shift_backwards(shift):
    # The direction confusion from the sources: right and left swapped.
    return shift_right(-shift)


def shift_fixed_nine_taps(shift):
    # Enough for the shifts up to 4, which is all the old checker tried.
    kernel = np.zeros(9)
    kernel[4 + shift] = 1
    return kernel


def shift_one_at_index_shift(shift):
    # Forgets that the kernel's centre is at index abs(shift).
    kernel = np.zeros(2 * abs(shift) + 1)
    kernel[shift] = 1
    return kernel


def shift_twice_as_far(shift):
    kernel = np.zeros(4 * abs(shift) + 1)
    kernel[-1 if shift >= 0 else 0] = 1
    return kernel


# --- exercise 5: find_steps ------------------------------------------------------------


def steps_right(signal, threshold):
    # The solution notebook's answer.
    differences = np.convolve(signal, [1, -1], mode="valid")
    return np.flatnonzero(np.abs(differences) > threshold) + 1


def steps_with(mode, shift=0, compare=np.greater, absolute=np.abs):
    def steps(signal, threshold):
        differences = np.convolve(signal, [1, -1], mode=mode)
        return np.flatnonzero(compare(absolute(differences), threshold)) + shift

    return steps


def steps_as_floats(signal, threshold):
    return steps_right(signal, threshold).astype(float)


def steps_empty_as_float(signal, threshold):
    found = steps_right(signal, threshold)
    return found if len(found) else np.array([])


RIGHT_ANSWERS = [
    (checks.evaluate_convolve_loops, convolve_loops_right),
    (checks.evaluate_convolve_loops, convolve_pairs_right),
    (checks.evaluate_output_length, length_right),
    (checks.evaluate_output_length, lambda n, m, mode: np.int64(length_right(n, m, mode))),
    (checks.evaluate_correlate_with_convolve, correlate_right),
    (checks.evaluate_correlate_with_convolve, lambda f, g: np.correlate(f, g, "full")),
    (checks.evaluate_shift_kernel, shift_right),
    (checks.evaluate_shift_kernel, shift_one_hot_indexed),
    (checks.evaluate_shift_kernel,
     lambda shift: [0] * (2 * max(shift, 0)) + [1] + [0] * (2 * max(-shift, 0))),
    (checks.evaluate_find_steps, steps_right),
    (checks.evaluate_find_steps, lambda s, t: np.flatnonzero(np.abs(np.diff(s)) > t) + 1),
]


@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass(evaluate, answer):
    assert_passes(evaluate(answer), min_cases=5)
    assert_passes(evaluate(answer, hidden_seed=11), min_cases=10)


WRONG_ANSWERS = [
    # exercise 1: convolve_loops
    wrong("loop one sample short", checks.evaluate_convolve_loops, convolve_one_short,
          ["one sample short", "n + m - 1"]),
    wrong("writes into f", checks.evaluate_convolve_loops, convolve_in_place,
          ["changed its input f", "copy"]),
    wrong("valid correlation", checks.evaluate_convolve_loops, np.correlate,
          ["expected shape", "len(f) + len(g) - 1"]),
    wrong("no flip", checks.evaluate_convolve_loops, lambda f, g: np.correlate(f, g, "full"),
          ["That is correlation", "flips the kernel"]),
    wrong("accumulator of f's dtype", checks.evaluate_convolve_loops,
          convolve_accumulator_of_input_dtype,
          ["f of dtype int64", "returned an array of dtype int64", "np.zeros(shape)"]),
    wrong("accumulator of f's dtype, cast at the end", checks.evaluate_convolve_loops,
          convolve_accumulator_cast_at_the_end,
          ["(f of dtype int64)", "truncated", "np.zeros(shape)"]),
    wrong("negative indices wrap", checks.evaluate_convolve_loops,
          convolve_wraps_negative_indices, ["negative indices wrap around", "0 <= k - i"]),
    wrong("mode same", checks.evaluate_convolve_loops, lambda f, g: np.convolve(f, g, "same"),
          ["That is mode 'same'"]),
    wrong("mode valid", checks.evaluate_convolve_loops,
          lambda f, g: np.convolve(f, g, "valid").astype(float), ["That is mode 'valid'"]),
    wrong("a list", checks.evaluate_convolve_loops,
          lambda f, g: list(convolve_loops_right(f, g)), ["a list", "float array"]),
    wrong("right on the first case only", checks.evaluate_convolve_loops,
          convolve_first_case_only, ["case 2 of"]),
    # exercise 2: output_length
    wrong("valid n - (m + 1)", checks.evaluate_output_length, length_seed_mistake,
          ["mode='valid'", "brackets misplaced"]),
    wrong("valid without the swap", checks.evaluate_output_length, length_valid_without_swap,
          ["m=7", "only when f is the longer", "max(n, m) - min(n, m) + 1"]),
    wrong("valid one short", checks.evaluate_output_length, length_valid_one_short,
          ["one short", "n - m + 1"]),
    wrong("same is n", checks.evaluate_output_length, length_same_is_n,
          ["That is n", "max(n, m)"]),
    wrong("full n + m", checks.evaluate_output_length, length_full_one_more, ["one too many"]),
    wrong("a float", checks.evaluate_output_length,
          lambda n, m, mode: float(length_right(n, m, mode)), ["whole number", "//"]),
    # exercise 3: correlate_with_convolve
    wrong("convolution", checks.evaluate_correlate_with_convolve, np.convolve,
          ["That is the convolution", "g[::-1]"]),
    wrong("flips f", checks.evaluate_correlate_with_convolve,
          lambda f, g: convolve1d(f[::-1], g), ["reversed", "flipped f instead of g"]),
    wrong("swaps f and g", checks.evaluate_correlate_with_convolve,
          lambda f, g: np.correlate(g, f, "full"), ["reversed", "swapped f and g"]),
    wrong("numpy's default mode", checks.evaluate_correlate_with_convolve, np.correlate,
          ["That is mode 'valid'", "full correlation"]),
    wrong("mode same", checks.evaluate_correlate_with_convolve,
          lambda f, g: convolve1d(f, g[::-1], mode="same"), ["That is mode 'same'"]),
    wrong("flips g in place", checks.evaluate_correlate_with_convolve,
          correlate_flips_g_in_place, ["changed its input g", "copy"]),
    # exercise 4: shift_kernel
    wrong("direction swapped", checks.evaluate_shift_kernel, shift_backwards,
          ["1 place to the left, not 1 place to the right", "[0, 0, 1] moves a signal"]),
    wrong("the 1 at index shift", checks.evaluate_shift_kernel, shift_one_at_index_shift,
          ["moves the signal not at all, not 1 place to the right"]),
    wrong("twice as far", checks.evaluate_shift_kernel, shift_twice_as_far,
          ["2 places to the right, not 1 place to the right"]),
    wrong("a fixed kernel of 9 taps", checks.evaluate_shift_kernel, shift_fixed_nine_taps,
          ["shift=5", "raised IndexError"]),
    wrong("text", checks.evaluate_shift_kernel, lambda shift: "right", ["not a list or array"]),
    wrong("a number", checks.evaluate_shift_kernel, lambda shift: 1, ["single number"]),
    wrong("a matrix", checks.evaluate_shift_kernel, lambda shift: np.ones((2, 2)), ["1-D"]),
    wrong("too many taps", checks.evaluate_shift_kernel, lambda shift: np.ones(40), ["taps"]),
    # exercise 5: find_steps
    wrong(">= for >", checks.evaluate_find_steps, steps_with("valid", 1, np.greater_equal),
          ["not a step", ">="]),
    wrong("index of the sample before", checks.evaluate_find_steps, steps_with("valid"),
          ["one too small", "i + 1"]),
    wrong("steps up only", checks.evaluate_find_steps,
          steps_with("valid", 1, absolute=np.positive), ["one direction only", "np.abs"]),
    wrong("steps down only", checks.evaluate_find_steps,
          steps_with("valid", 1, absolute=np.negative), ["one direction only", "np.abs"]),
    wrong("mode same", checks.evaluate_find_steps, steps_with("same"),
          ["Mode 'same'", "index 0"]),
    wrong("mode full", checks.evaluate_find_steps, steps_with("full"), ["Mode 'full'"]),
    wrong("np.argwhere", checks.evaluate_find_steps,
          lambda s, t: np.argwhere(np.abs(np.diff(s)) > t) + 1, ["column", "1-D"]),
    wrong("float indices", checks.evaluate_find_steps, steps_as_floats,
          ["dtype float64", "cannot index"]),
    wrong("a list", checks.evaluate_find_steps, lambda s, t: list(steps_right(s, t)),
          ["a list", "integer array"]),
    wrong("empty result as floats", checks.evaluate_find_steps, steps_empty_as_float,
          ["signal=[5., 5., 5., 5.]", "dtype=int"]),
]


@pytest.mark.parametrize("evaluate, answer, expected_words", WRONG_ANSWERS)
def test_wrong_answers_get_a_verdict_that_names_the_mistake(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


@pytest.mark.parametrize("evaluate, right", [
    (checks.evaluate_convolve_loops, convolve_loops_right),
    (checks.evaluate_output_length, length_right),
    (checks.evaluate_correlate_with_convolve, correlate_right),
    (checks.evaluate_shift_kernel, shift_right),
    (checks.evaluate_find_steps, steps_right),
], ids=lambda value: getattr(value, "__name__", ""))
def test_hidden_cases_fail_an_answer_that_memorises_the_visible_ones(evaluate, right):
    assert_hidden_cases_catch_memorising(evaluate, right)


def test_the_integer_signal_with_a_float_kernel_is_a_visible_case():
    # The accumulator of the input's dtype is only visible with such a pair.
    verdict = checks.evaluate_convolve_loops(convolve_accumulator_cast_at_the_end)
    assert "g=[0.25, 0.5 , 0.25] (f of dtype int64)" in verdict.message


def test_shift_kernel_tries_the_largest_shifts_the_signal_allows():
    # 2 * 5 + 1 = 11 taps fit the 12-sample signal; 2 * 6 + 1 = 13 would not.
    verdict = checks.evaluate_shift_kernel(shift_fixed_nine_taps)
    assert "shift=5" in verdict.message
    fits_to_four = checks.evaluate_shift_kernel(
        lambda shift: shift_right(shift) if shift > -5 else np.zeros(11))
    assert "shift=-5" in fits_to_four.message
