"""The exercise checkers: right answers pass, wrong ones get a verdict, never a crash."""

import numpy as np
import pytest

from convlessons import checks

from .checker_cases import assert_fails_with, assert_passes, crashes, forgot_return, not_done

# --- answers a student might write -------------------------------------------


def convolve_loops_right(f, g):
    out = np.zeros(len(f) + len(g) - 1)
    for i in range(len(f)):
        for j in range(len(g)):
            out[i + j] += f[i] * g[j]
    return out


def convolve_loops_off_by_one(f, g):
    # The seeds' mistake: one sample short at the end.
    out = np.zeros(len(f) + len(g) - 2)
    for k in range(len(out)):
        for i in range(len(f)):
            if 0 <= k - i < len(g):
                out[k] += f[i] * g[k - i]
    return out


def convolve_loops_in_place(f, g):
    f += 0  # harmless
    f[0] = 99.0  # mutates the caller's array
    return np.convolve(f, g)


def returns_text(f, g):
    return "twelve"


def returns_ragged(f, g):
    return [[1, 2], [3]]


def length_right(n, m, mode):
    if mode == "full":
        return n + m - 1
    if mode == "same":
        return max(n, m)
    return max(n, m) - min(n, m) + 1


def length_seed_mistake(n, m, mode):
    return {"full": n + m - 1, "same": max(n, m), "valid": n - (m + 1)}[mode]


def length_float(n, m, mode):
    return float(length_right(n, m, mode))


def correlate_right(f, g):
    from convlessons.signals import convolve1d

    return convolve1d(f, g[::-1])


def shift_right(shift):
    kernel = np.zeros(2 * abs(shift) + 1)
    kernel[abs(shift) + shift] = 1
    return kernel


def shift_backwards(shift):
    # The direction confusion from the sources: right and left swapped.
    return shift_right(-shift)


def steps_right(signal, threshold):
    jumps = np.convolve(signal, [1, -1], mode="valid")
    return np.flatnonzero(np.abs(jumps) > threshold) + 1


def steps_off_by_one(signal, threshold):
    jumps = np.convolve(signal, [1, -1], mode="valid")
    return np.flatnonzero(np.abs(jumps) > threshold)


RIGHT_ANSWERS = [
    (checks.evaluate_convolve_loops, convolve_loops_right),
    (checks.evaluate_output_length, length_right),
    (checks.evaluate_correlate_with_convolve, correlate_right),
    (checks.evaluate_shift_kernel, shift_right),
    (checks.evaluate_find_steps, steps_right),
]


@pytest.mark.parametrize("evaluate, answer", RIGHT_ANSWERS)
def test_right_answers_pass(evaluate, answer):
    assert_passes(evaluate(answer), min_cases=5)


@pytest.mark.parametrize(
    "evaluate, answer, expected_words",
    [
        (checks.evaluate_convolve_loops, convolve_loops_off_by_one,
         ["shape", "len(f) + len(g) - 1"]),
        (checks.evaluate_convolve_loops, convolve_loops_in_place, ["changed its input f", "copy"]),
        (checks.evaluate_convolve_loops, forgot_return, ["returned None", "return"]),
        (checks.evaluate_convolve_loops, not_done, ["not done yet", "NotImplementedError"]),
        (checks.evaluate_convolve_loops, crashes, ["raised IndexError"]),
        (checks.evaluate_convolve_loops, returns_text, ["expected an array of numbers"]),
        (checks.evaluate_convolve_loops, returns_ragged, ["expected an array of numbers"]),
        (checks.evaluate_convolve_loops, np.correlate, ["expected shape"]),
        (checks.evaluate_convolve_loops, lambda f, g: np.correlate(f, g, "full"),
         ["first difference", "Hint"]),
        (checks.evaluate_output_length, length_seed_mistake, ["mode='valid'", "max(n, m) - min"]),
        (checks.evaluate_output_length, length_float, ["whole number"]),
        (checks.evaluate_output_length, not_done, ["not done yet"]),
        (checks.evaluate_correlate_with_convolve, np.convolve, ["g[::-1]"]),
        (checks.evaluate_shift_kernel, shift_backwards, ["[0, 0, 1] moves a signal"]),
        (checks.evaluate_shift_kernel, lambda shift: "right", ["not a list or array"]),
        (checks.evaluate_shift_kernel, lambda shift: 1, ["single number"]),
        (checks.evaluate_find_steps, lambda s, t: np.flatnonzero(np.abs(np.diff(s)) >= t) + 1,
         ["index"]),
        (checks.evaluate_shift_kernel, lambda shift: np.ones((2, 2)), ["1-D"]),
        (checks.evaluate_shift_kernel, lambda shift: np.ones(40), ["taps"]),
        (checks.evaluate_find_steps, steps_off_by_one, ["first sample after"]),
        (checks.evaluate_find_steps, forgot_return, ["returned None"]),
    ],
)
def test_wrong_answers_get_a_helpful_verdict(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)
