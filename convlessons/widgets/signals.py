"""The lesson 1 explorer: slide a kernel along a signal."""

from __future__ import annotations

import ipywidgets as widgets

from .. import plotting
from .._validation import check_choice
from ..signals import MODES, checked_signal_pair, output_length
from ._common import show_figure


def slide_explorer(f, g, mode="full", operation="convolution"):
    """Slide a kernel along a signal and watch each output sample being formed.

    A slider picks the output index; two toggles pick the mode and whether the
    kernel is flipped (convolution) or not (correlation). The figure and the
    written-out sum follow the controls.

    Parameters
    ----------
    f : array_like, shape (n,)
        The signal.
    g : array_like, shape (m,)
        The kernel.
    mode : {"full", "same", "valid"}
        Initial mode.
    operation : {"convolution", "correlation"}
        Initial operation.

    Returns
    -------
    ipywidgets.VBox
        The controls above the figure; display it (or let the cell show it).

    Examples
    --------
    >>> explorer = slide_explorer([1, 2, 3], [1, 1])
    >>> explorer.children[0].max  # last index of the full output
    3
    """
    f, g = checked_signal_pair(f, g, mode)
    check_choice(operation, "operation", ("convolution", "correlation"))

    index = widgets.IntSlider(
        value=0, min=0, max=output_length(len(f), len(g), mode) - 1,
        description="output k", continuous_update=True,
    )
    mode_picker = widgets.ToggleButtons(options=MODES, value=mode, description="mode")
    operation_picker = widgets.ToggleButtons(
        options=("convolution", "correlation"), value=operation, description="operation"
    )
    figure_area = widgets.Output()

    def redraw(_change=None):
        before = index.value
        index.max = output_length(len(f), len(g), mode_picker.value) - 1
        if index.value != before:
            return  # the slider clamped k, and that change has already redrawn
        show_figure(figure_area, plotting.draw_slide,
                     f, g, index.value, mode_picker.value, operation_picker.value)

    for control in (index, mode_picker, operation_picker):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([index, mode_picker, operation_picker, figure_area])
