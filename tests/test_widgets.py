"""Widgets and figures: the functions a widget calls, tested without a browser."""

import numpy as np
import pytest

from convlessons import plotting, widgets
from convlessons.signals import output_length, output_sample_terms


@pytest.fixture
def recorded_draws(monkeypatch):
    calls = []
    monkeypatch.setattr(widgets, "draw_slide", lambda *args: calls.append(args))
    return calls


def test_slide_explorer_redraws_for_every_control(recorded_draws):
    f, g = [10, 9, 10, 9, 10, 1, 10, 9, 10, 8], [1 / 3, 1 / 3, 1 / 3]
    explorer = widgets.slide_explorer(f, g)
    index, mode, operation = explorer.children[:3]
    assert index.max == 11 and recorded_draws[-1][2:] == (0, "full", "convolution")

    index.value = 5
    assert recorded_draws[-1][2:] == (5, "full", "convolution")

    mode.value = "valid"  # the slider shrinks to the 8 valid outputs; k=5 still fits
    assert index.max == 7
    assert recorded_draws[-1][2:] == (5, "valid", "convolution")

    index.value = 7
    mode.value = "same"
    assert index.max == 9
    operation.value = "correlation"
    assert recorded_draws[-1][2:] == (7, "same", "correlation")


def test_slide_explorer_clamps_the_index_when_the_output_shrinks(recorded_draws):
    explorer = widgets.slide_explorer([1, 2, 3, 4], [1, 1, 1])
    index, mode, _ = explorer.children[:3]
    index.value = 5
    mode.value = "valid"
    assert index.max == 1 and index.value == 1
    assert recorded_draws[-1][2:] == (1, "valid", "convolution")


@pytest.mark.parametrize("bad, message", [
    ({"mode": "wide"}, "mode must be one of"),
    ({"operation": "flip"}, "operation must be one of"),
    ({"f": [[1, 2]]}, "f must be 1-D"),
    ({"g": []}, "g must not be empty"),
])
def test_slide_explorer_bad_input(bad, message):
    arguments = {"f": [1, 2, 3], "g": [1, 1]} | bad
    with pytest.raises((ValueError, TypeError), match=message):
        widgets.slide_explorer(**arguments)


@pytest.mark.parametrize("f, g", [([1, 2, 3, 4, 5], [1, -1]), ([2.0], [1, 2, 3]),
                                  ([1, 2], [0.1, 0.1, 0.8, 0.0])])
@pytest.mark.parametrize("mode", ["full", "same", "valid"])
@pytest.mark.parametrize("operation", ["convolution", "correlation"])
def test_draw_slide_at_both_ends_of_every_output(f, g, mode, operation):
    last = output_length(len(f), len(g), mode) - 1
    for k in {0, last}:
        figure = plotting.draw_slide(f, g, k, mode, operation)
        expected = plotting.format_sample(output_sample_terms(f, g, k, mode, operation))
        assert figure.axes[1].get_title() == expected
        oracle = np.convolve if operation == "convolution" else np.correlate
        value = float(expected.rsplit("= ", 1)[1])
        assert value == pytest.approx(oracle(f, g, mode)[k], abs=1e-3)


def test_draw_slide_rejects_an_index_past_the_end():
    with pytest.raises(ValueError, match="k must be below the output length 4"):
        plotting.draw_slide([1, 2, 3], [1, 1], 4)


def test_format_sample_writes_negative_and_fractional_numbers_readably():
    sample = output_sample_terms([2, -3], [1, 0.25], k=1)
    assert plotting.format_sample(sample) == "y[1] = 2×0.25 + (-3)×1 = -2.5"


def test_plot_helpers_reject_bad_input():
    with pytest.raises(TypeError, match="signals must be a non-empty dict"):
        plotting.plot_signals([1, 2, 3])
    with pytest.raises(ValueError, match=r"signals\['a'\] must be 1-D"):
        plotting.plot_signals({"a": [[1, 2]]})
    with pytest.raises(TypeError, match="signal must contain numbers"):
        plotting.plot_signal(["a", "b"])
