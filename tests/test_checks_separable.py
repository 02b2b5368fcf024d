"""Lesson 9 checkers: the right answers pass, and each plausible wrong one is named."""

import numpy as np
import pytest

import convlessons.checks as checks

from .checker_cases import (
    assert_fails_with,
    assert_hidden_cases_catch_memorising,
    assert_passes,
    wrong,
)

POINTWISE = checks.evaluate_pointwise_conv
COSTS = checks.evaluate_separable_costs
WINDOW = checks.evaluate_receptive_window


def pointwise_right(x, weight):
    c, h, w = x.shape
    return (weight @ x.reshape(c, -1).astype(float)).reshape(-1, h, w)


def costs_right(c_in, c_out, k, h, w):
    weights = c_in * k * k + c_in * c_out
    return weights, h * w * weights


def window_right(layers, i):
    first = last = i
    for k, s, d, p in reversed(layers):
        first, last = first * s - p, last * s - p + d * (k - 1)
    return first, last


def window_forward(layers, i):
    first = last = i
    for k, s, d, p in layers:
        first, last = first * s - p, last * s - p + d * (k - 1)
    return first, last


def window_without(name):
    def answer(layers, i):
        first = last = i
        for k, s, d, p in reversed(layers):
            s, d, p = (1 if name == "s" else s), (1 if name == "d" else d), (
                0 if name == "p" else p)
            first, last = first * s - p, last * s - p + d * (k - 1)
        return first, last
    return answer


def test_the_right_answers_pass_with_and_without_hidden_cases():
    for seed in (None, 4, 5):
        assert_passes(POINTWISE(pointwise_right, hidden_seed=seed), 7)
        assert_passes(COSTS(costs_right, hidden_seed=seed), 7)
        assert_passes(WINDOW(window_right, hidden_seed=seed), 8)


WRONG_ANSWERS = [
    wrong("weight transposed", POINTWISE,
          lambda x, w: np.einsum("co,chw->ohw", w, x * 1.0), ["weight[c, o]", "(O, C)"]),
    wrong("channels last", POINTWISE,
          lambda x, w: np.einsum("oc,chw->hwo", w, x * 1.0), ["channels last"]),
    wrong("no sum over channels", POINTWISE,
          lambda x, w: np.einsum("oc,chw->ochw", w, x * 1.0), ["sum over c"]),
    wrong("only channel 0", POINTWISE,
          lambda x, w: np.einsum("o,hw->ohw", w[:, 0], x[0] * 1.0), ["Only input channel 0"]),
    wrong("integer result", POINTWISE,
          lambda x, w: np.einsum("oc,chw->ohw", w, x).astype(x.dtype), ["integer", "float"]),
    wrong("full depthwise", COSTS,
          lambda a, b, k, h, w: (a * a * k * k + a * b, h * w * (a * a * k * k + a * b)),
          ["full convolution", "c_in·k·k"]),
    wrong("no pointwise", COSTS, lambda a, b, k, h, w: (a * k * k, h * w * a * k * k),
          ["left out the pointwise"]),
    wrong("no depthwise", COSTS, lambda a, b, k, h, w: (a * b, h * w * a * b),
          ["left out the depthwise"]),
    wrong("multiplications = weights", COSTS,
          lambda a, b, k, h, w: (a * k * k + a * b, a * k * k + a * b), ["h·w output pixels"]),
    wrong("biases counted", COSTS,
          lambda a, b, k, h, w: (a * k * k + a * b + a + b, h * w * (a * k * k + a * b)),
          ["biases"]),
    wrong("pointwise c_out squared", COSTS,
          lambda a, b, k, h, w: (a * k * k + b * b, h * w * (a * k * k + b * b)),
          ["not c_out·c_out"]),
    wrong("a list", COSTS, lambda a, b, k, h, w: list(costs_right(a, b, k, h, w)),
          ["(list)", "Return a tuple"]),
    wrong("floats", COSTS, lambda a, b, k, h, w: tuple(float(n) for n in
                                                       costs_right(a, b, k, h, w)),
          ["(float)", "whole numbers"]),
    wrong("walks forward", WINDOW, window_forward, ["from the input side"]),
    wrong("no padding", WINDOW, window_without("p"), ["left out the padding"]),
    wrong("no dilation", WINDOW, window_without("d"), ["left out the dilation"]),
    wrong("no stride", WINDOW, window_without("s"), ["left out the strides"]),
    wrong("a list", WINDOW, lambda layers, i: list(window_right(layers, i)), ["Return a tuple"]),
]


@pytest.mark.parametrize("evaluate, answer, expected_words", WRONG_ANSWERS)
def test_wrong_answers_get_a_verdict_that_names_the_mistake(evaluate, answer, expected_words):
    assert_fails_with(evaluate(answer), expected_words)


@pytest.mark.parametrize("evaluate, right", [(POINTWISE, pointwise_right), (COSTS, costs_right),
                                             (WINDOW, window_right)])
def test_hidden_cases_fail_an_answer_that_memorises_the_visible_ones(evaluate, right):
    assert_hidden_cases_catch_memorising(evaluate, right)
