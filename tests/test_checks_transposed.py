"""Lesson 8 checkers: the right answers pass, and each plausible wrong one is named."""

import numpy as np
import pytest

import convlessons.checks as checks

from .checker_cases import (
    assert_fails_with,
    assert_hidden_cases_catch_memorising,
    assert_passes,
    wrong,
)


def size_right(i, k, s, p, op):
    return (i - 1) * s - 2 * p + k + op


def stamps_right(x, w, s):
    out = np.zeros((len(x) - 1) * s + len(w))
    for i in range(len(x)):
        out[i * s : i * s + len(w)] += x[i] * w
    return out


def stamps_flipped(x, w, s):
    return stamps_right(x, w[::-1], s)


def stamps_assigned(x, w, s):
    out = np.zeros((len(x) - 1) * s + len(w))
    for i in range(len(x)):
        out[i * s : i * s + len(w)] = x[i] * w
    return out


def stamps_without_stride(x, w, s):
    return stamps_right(x, w, 1)


def stamps_in_input_dtype(x, w, s):
    out = np.zeros((len(x) - 1) * s + len(w), dtype=x.dtype)
    for i in range(len(x)):
        out[i * s : i * s + len(w)] += (x[i] * w).astype(x.dtype)
    return out


def stamps_one_stamp_too_long(x, w, s):
    out = np.zeros(len(x) * s + len(w))
    for i in range(len(x)):
        out[i * s : i * s + len(w)] += x[i] * w
    return out


def stamps_as_list(x, w, s):
    return list(stamps_right(x, w, s))


def stamps_forward(x, w, s):
    return np.correlate(np.asarray(x, dtype=float), w, "valid")


def stamps_in_place(x, w, s):
    w[:] = w[::-1].copy()  # flips the caller's kernel, then flips it back for the stamps
    return stamps_right(x, w[::-1], s)


def test_the_right_answers_pass_with_and_without_hidden_cases():
    for seed in (None, 4, 5):
        assert_passes(checks.evaluate_transposed_output_size(size_right, hidden_seed=seed), 10)
        assert_passes(checks.evaluate_conv_transpose1d_loops(stamps_right, hidden_seed=seed), 10)


SIZE = checks.evaluate_transposed_output_size
STAMPS = checks.evaluate_conv_transpose1d_loops
SPREAD = checks.evaluate_insert_zeros

WRONG_ANSWERS = [
    wrong("the forward size", SIZE, lambda i, k, s, p, op: (i + 2 * p - k) // s + 1,
          ["forward", "goes back up"]),
    wrong("padding added", SIZE, lambda i, k, s, p, op: (i - 1) * s + 2 * p + k + op,
          ["cuts p", "- 2p"]),
    wrong("no output padding", SIZE, lambda i, k, s, p, op: (i - 1) * s - 2 * p + k,
          ["left out output_padding"]),
    wrong("i stamps, i strides", SIZE, lambda i, k, s, p, op: i * s - 2 * p + k + op,
          ["one stride too many", "i - 1"]),
    wrong("the index of the last pixel", SIZE,
          lambda i, k, s, p, op: (i - 1) * s - 2 * p + k + op - 1, ["one short"]),
    wrong("just i times s", SIZE, lambda i, k, s, p, op: i * s, ["count the stamps"]),
    wrong("padding cut once", SIZE, lambda i, k, s, p, op: (i - 1) * s - p + k + op,
          ["both sides"]),
    wrong("a float", SIZE, lambda i, k, s, p, op: float(size_right(i, k, s, p, op)),
          ["(float)", "whole number"]),
    wrong("flipped kernel", STAMPS, stamps_flipped, ["flipped the kernel"]),
    wrong("= instead of +=", STAMPS, stamps_assigned, ["keeps only the later one", "+="]),
    wrong("stride ignored", STAMPS, stamps_without_stride, ["1 apart", "i * s"]),
    wrong("accumulator of x's dtype", STAMPS, stamps_in_input_dtype,
          ["integer dtype", "np.zeros(shape)"]),
    wrong("one stride too long", STAMPS, stamps_one_stamp_too_long,
          ["shape", "(len(x) - 1) * s + len(w)"]),
    wrong("a list", STAMPS, stamps_as_list, ["a list", "float array"]),
    wrong("the forward correlation", STAMPS, stamps_forward, ["goes down"]),
    wrong("changes its input", STAMPS, stamps_in_place, ["changed its input w"]),
]


@pytest.mark.parametrize("evaluate, answer, expected_words", WRONG_ANSWERS)
def test_wrong_answers_get_a_verdict_that_names_the_mistake(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


def test_the_integer_input_with_a_float_kernel_is_a_visible_case():
    message = STAMPS(stamps_in_input_dtype).message
    assert "integer dtype" in message and "case 6 of" in message


def spread_right(x, s, k, p):
    out = np.zeros((len(x) - 1) * s + 1)
    out[::s] = x
    return np.pad(out, k - 1 - p)


def spread_trailing_zeros(x, s, k, p):
    out = np.zeros(len(x) * s)
    out[::s] = x
    return np.pad(out, k - 1 - p)


def spread_s_zeros(x, s, k, p):
    return spread_right(x, s + 1, k, p)


def spread_padded_k_minus_1(x, s, k, p):
    return np.pad(spread_right(x, s, k, k - 1), k - 1)


def spread_padded_p(x, s, k, p):
    return np.pad(spread_right(x, s, k, k - 1), p)


def spread_padded_before_only(x, s, k, p):
    return np.pad(spread_right(x, s, k, k - 1), (k - 1 - p, 0))


def spread_not_padded(x, s, k, p):
    return spread_right(x, s, k, k - 1)


def spread_in_input_dtype(x, s, k, p):
    out = np.zeros((len(x) - 1) * s + 1, dtype=x.dtype)
    out[::s] = x
    return np.pad(out, k - 1 - p)


SPREAD_WRONG = [
    wrong("zeros after the last sample", SPREAD, spread_trailing_zeros, ["after the last sample"]),
    wrong("s zeros between neighbours", SPREAD, spread_s_zeros, ["inserted s zeros"]),
    wrong("padding k - 1", SPREAD, spread_padded_k_minus_1, ["padded by k - 1", "k - 1 - p"]),
    wrong("padding p", SPREAD, spread_padded_p, ["padded by p"]),
    wrong("padding before only", SPREAD, spread_padded_before_only, ["only the start"]),
    wrong("not padded", SPREAD, spread_not_padded, ["did not pad"]),
    wrong("integer result", SPREAD, spread_in_input_dtype, ["dtype int64", "float"]),
]


@pytest.mark.parametrize("evaluate, answer, expected_words", SPREAD_WRONG)
def test_wrong_spreads_get_a_verdict_that_names_the_mistake(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


def test_the_right_spread_passes():
    for seed in (None, 4, 5):
        assert_passes(SPREAD(spread_right, hidden_seed=seed), 10)


@pytest.mark.parametrize("evaluate, right", [(SIZE, size_right), (STAMPS, stamps_right),
                                             (SPREAD, spread_right)])
def test_hidden_cases_fail_an_answer_that_memorises_the_visible_ones(evaluate, right):
    assert_hidden_cases_catch_memorising(evaluate, right)
