"""The lesson 3 explorer: padding mode and width, output size shown live."""

from __future__ import annotations

import ipywidgets as widgets

from .. import plotting
from .._validation import as_real_array, check_choice
from ..borders import PAD_MODES
from ._common import show_figure


def border_explorer(image=None, mode="zeros", width=2, kernel_size=3):
    """Choose a padding mode and width, and see the frame and the output size.

    Parameters
    ----------
    image : array_like, shape (H, W), optional
        Defaults to :func:`convlessons.data.tiny_image`.
    mode : {"zeros", "reflect", "symmetric", "replicate", "circular"}
    width : int, 0 to 10
    kernel_size : int, 1 to 9

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> explorer = border_explorer(mode="circular", width=3)
    >>> [child.value for child in explorer.children[:3]]
    ['circular', 3, 3]
    """
    from ..data import tiny_image

    image = tiny_image() if image is None else as_real_array(image, "image", ndim=2)
    check_choice(mode, "mode", PAD_MODES)
    mode_picker = widgets.Dropdown(options=PAD_MODES, value=mode, description="mode")
    width_slider = widgets.IntSlider(value=width, min=0, max=10, description="width")
    kernel_slider = widgets.IntSlider(value=kernel_size, min=1, max=9, description="kernel")
    figure_area = widgets.Output()

    def redraw(_change=None):
        show_figure(figure_area, plotting.draw_padding,
                     image, width_slider.value, mode_picker.value, kernel_slider.value)

    for control in (mode_picker, width_slider, kernel_slider):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([mode_picker, width_slider, kernel_slider, figure_area])
