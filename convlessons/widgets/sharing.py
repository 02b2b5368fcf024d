"""The lesson 4 explorer: move one neuron of a shared-weight layer and see what it reads."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .._validation import as_real_array, check_int
from ..plotting import sharing as figures
from ._common import show_figure

# The first 36 digits of pi: a small image with no pattern for a kernel to exploit.
_PI_DIGITS = np.array([[3, 1, 4, 1, 5, 9],
                       [2, 6, 5, 3, 5, 8],
                       [9, 7, 9, 3, 2, 3],
                       [8, 4, 6, 2, 6, 4],
                       [3, 3, 8, 3, 2, 7],
                       [9, 5, 0, 2, 8, 8]], dtype=float)
# Left column minus right column: a simple vertical-edge detector.
_LEFT_MINUS_RIGHT = np.array([[1.0, 0, -1], [1, 0, -1], [1, 0, -1]])


def sharing_explorer(image=None, kernel=None, row=0, col=0):
    """Move an output pixel (i, j) and see its patch, the shared kernel and its matrix row.

    Two sliders choose the output pixel; the figure (see
    :func:`convlessons.plotting.sharing.draw_shared_position`) outlines the
    patch it reads, the kernel every output pixel shares, the output value,
    and the matching row ``i * OW + j`` of :func:`convlessons.sharing.conv_matrix`.

    Parameters
    ----------
    image : array_like, shape (H, W), optional
        Defaults to a 6 x 6 image of the first 36 digits of pi.
    kernel : array_like, shape (kH, kW), optional
        Defaults to ``[[1, 0, -1], [1, 0, -1], [1, 0, -1]]``.
    row, col : int
        The output pixel shown first (non-negative; clamped to the output's size).

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> explorer = sharing_explorer(row=1, col=3)
    >>> row_slider, col_slider = explorer.children[:2]
    >>> row_slider.value, col_slider.value, row_slider.max, col_slider.max
    (1, 3, 3, 3)
    >>> row_slider.value = 3
    >>> row_slider.value
    3
    """
    image = _PI_DIGITS if image is None else as_real_array(image, "image", ndim=2)
    kernel = _LEFT_MINUS_RIGHT if kernel is None else as_real_array(kernel, "kernel", ndim=2)
    figures.checked_image_and_kernel(image, kernel)
    out_h = image.shape[0] - kernel.shape[0] + 1
    out_w = image.shape[1] - kernel.shape[1] + 1
    row = min(check_int(row, "row", minimum=0), out_h - 1)
    col = min(check_int(col, "col", minimum=0), out_w - 1)
    row_slider = widgets.IntSlider(value=row, min=0, max=out_h - 1, description="i (row)")
    col_slider = widgets.IntSlider(value=col, min=0, max=out_w - 1, description="j (column)")
    figure_area = widgets.Output()

    def redraw(_change=None):
        show_figure(figure_area, figures.draw_shared_position,
                     image, kernel, row_slider.value, col_slider.value)

    for control in (row_slider, col_slider):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([row_slider, col_slider, figure_area])
