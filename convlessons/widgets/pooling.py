"""The lesson 5 explorers: pooling windows and output size; a moved digit, pooled."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validation import as_real_array, check_choice, check_int
from ..plotting import pooling as pooling_plots
from ..pooling import POOL_MODES
from ._common import show_figure

#: Largest shift of the digit, in pixels.
MAX_SHIFT = 3
#: Width of the zero margin around the digit: one more than the largest shift, so that
#: neither the ink nor the response of a 3 x 3 kernel to it ever leaves the canvas.
MARGIN = MAX_SHIFT + 1


def _default_digit():
    from ..data import load_digits

    images, _ = load_digits()
    return images[2]  # a handwritten 2


def pooling_explorer(image=None, mode="max", kernel_size=2, stride=2):
    """Choose the pooling mode, window and stride; see the windows and the pooled output.

    The figure (:func:`convlessons.plotting.pooling.draw_pooling`) outlines
    every window on the input, circles the maximum of each in max mode,
    hatches the pixels no window covers, and gives the output size per axis,
    ``floor((n - k) / s) + 1``.

    Parameters
    ----------
    image : array_like, shape (H, W), optional
        Defaults to a handwritten 2 from :func:`convlessons.data.load_digits` (8 x 8).
    mode : {"max", "avg", "sum"}
    kernel_size : int, 1 to min(H, W)
    stride : int, 1 to min(H, W)

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> explorer = pooling_explorer(np.arange(36).reshape(6, 6), mode="avg", kernel_size=3)
    >>> mode, kernel, stride = explorer.children[:3]
    >>> mode.value, kernel.value, kernel.max, stride.value
    ('avg', 3, 6, 2)
    """
    image = _default_digit() if image is None else as_real_array(image, "image", ndim=2)
    check_choice(mode, "mode", POOL_MODES)
    largest = min(image.shape)
    kernel_size = check_int(kernel_size, "kernel_size", minimum=1)
    stride = check_int(stride, "stride", minimum=1)
    if kernel_size > largest or stride > largest:
        raise ValueError(f"kernel_size and stride must be at most {largest}, the smaller side "
                         f"of the image; got {kernel_size} and {stride}")
    mode_picker = widgets.ToggleButtons(options=POOL_MODES, value=mode,
                                        description="mode")
    kernel_slider = widgets.IntSlider(value=kernel_size, min=1, max=largest,
                                      description="window")
    stride_slider = widgets.IntSlider(value=stride, min=1, max=largest, description="stride")
    figure_area = widgets.Output()

    def redraw(_change=None):
        show_figure(figure_area, pooling_plots.draw_pooling,
                     image, kernel_slider.value, stride_slider.value, mode_picker.value)

    for control in (mode_picker, kernel_slider, stride_slider):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([mode_picker, kernel_slider, stride_slider, figure_area])


def shift_explorer(digit=None, rows=1, cols=0, kernel_size=2, stride=None):
    """Move a digit by whole pixels and compare its horizontal-edge features before and after.

    The digit gets a zero margin of ``MARGIN`` pixels; the figure
    (:func:`convlessons.plotting.pooling.draw_pooled_pair`) correlates both
    copies with ``kernels.sobel_y()``, applies ReLU and max pooling, and
    titles the differences with the relative change of the feature maps and
    of the pooled maps.

    Parameters
    ----------
    digit : array_like, shape (H, W), optional
        Defaults to a handwritten 2 from :func:`convlessons.data.load_digits`.
    rows, cols : int, -MAX_SHIFT to MAX_SHIFT
        The shift: down and right are positive.
    kernel_size : int, 1 to the size of the padded digit (16 for a digit of 8 x 8)
        The pooling window.
    stride : int, default kernel_size

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> explorer = shift_explorer(np.eye(4), rows=-1, kernel_size=3)
    >>> [control.value for control in explorer.children[:4]]
    [-1, 0, 3, 3]
    """
    from ..kernels import sobel_y

    digit = _default_digit() if digit is None else as_real_array(digit, "digit", ndim=2)
    canvas = np.pad(digit, MARGIN)
    largest = min(canvas.shape)
    rows, cols = check_int(rows, "rows"), check_int(cols, "cols")
    if max(abs(rows), abs(cols)) > MAX_SHIFT:
        raise ValueError(f"rows and cols must be between -{MAX_SHIFT} and {MAX_SHIFT}, "
                         f"got {rows} and {cols}")
    kernel_size = check_int(kernel_size, "kernel_size", minimum=1)
    stride = kernel_size if stride is None else check_int(stride, "stride", minimum=1)
    if kernel_size > largest or stride > largest:
        raise ValueError(f"kernel_size and stride must be at most {largest}, the size of the "
                         f"padded digit; got {kernel_size} and {stride}")
    row_slider = widgets.IntSlider(value=rows, min=-MAX_SHIFT, max=MAX_SHIFT,
                                   description="down")
    col_slider = widgets.IntSlider(value=cols, min=-MAX_SHIFT, max=MAX_SHIFT,
                                   description="right")
    kernel_slider = widgets.IntSlider(value=kernel_size, min=1, max=largest,
                                      description="window")
    stride_slider = widgets.IntSlider(value=stride, min=1, max=largest, description="stride")
    figure_area = widgets.Output()
    edges = sobel_y()

    def redraw(_change=None):
        # The margin is wider than any shift, so np.roll only wraps zeros around:
        # a shift by whole pixels with zeros entering.
        moved = np.roll(canvas, (row_slider.value, col_slider.value), axis=(0, 1))
        show_figure(figure_area, pooling_plots.draw_pooled_pair,
                     canvas, moved, edges, kernel_slider.value, stride_slider.value,
                     labels=("original", f"moved ({row_slider.value}, {col_slider.value})"))

    for control in (row_slider, col_slider, kernel_slider, stride_slider):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([row_slider, col_slider, kernel_slider, stride_slider, figure_area])
