"""Interactive explorers for the lessons, built on ipywidgets.

Each explorer is a thin shell: the work is done by a plain function from the
lesson's own module (drawing, computing), which the tests call directly.
"""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython import get_ipython

from ._validation import as_real_array, check_choice
from .borders import PAD_MODES
from .kernels import NAMED_KERNELS
from .plotting import draw_kernel_result, draw_padding, draw_slide
from .signals import MODES, output_length


def _clear(output: widgets.Output) -> None:
    """Empty an Output widget; without a kernel (tests, scripts) just drop its outputs."""
    if get_ipython() is None:
        output.outputs = ()
    else:
        output.clear_output(wait=True)


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
    f = as_real_array(f, "f", ndim=1)
    g = as_real_array(g, "g", ndim=1)
    check_choice(mode, "mode", MODES)
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
        index.max = output_length(len(f), len(g), mode_picker.value) - 1
        with figure_area:
            _clear(figure_area)
            draw_slide(f, g, index.value, mode_picker.value, operation_picker.value)
            plt.show()

    for control in (index, mode_picker, operation_picker):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([index, mode_picker, operation_picker, figure_area])


CUSTOM = "custom (edit the numbers)"


def kernel_explorer(image=None, kernel="sharpen"):
    """Pick a named kernel, or type the nine numbers of your own, and see the result.

    The nine boxes always show the kernel in use; editing one switches the
    menu to "custom". The figure shows the image, the kernel with its sum,
    and the filtered image (see :func:`convlessons.plotting.draw_kernel_result`).

    Parameters
    ----------
    image : array_like, shape (H, W), optional
        Defaults to the grayscale Grace Hopper photograph.
    kernel : str
        Initial entry of the menu, a key of ``NAMED_KERNELS``.

    Returns
    -------
    ipywidgets.VBox

    Examples
    --------
    >>> explorer = kernel_explorer(np.eye(8), kernel="identity")
    >>> menu, grid = explorer.children[:2]
    >>> [box.value for box in grid.children][:3]
    [0.0, 0.0, 0.0]
    >>> menu.value = "box blur"
    >>> round(grid.children[4].value, 4)
    0.1111
    """
    from .data import load_image

    image = load_image() if image is None else as_real_array(image, "image", ndim=2)
    check_choice(kernel, "kernel", tuple(NAMED_KERNELS))
    menu = widgets.Dropdown(options=(*NAMED_KERNELS, CUSTOM), value=kernel,
                            description="kernel")
    boxes = [widgets.FloatText(value=0.0, step=0.1, layout=widgets.Layout(width="80px"))
             for _ in range(9)]
    grid = widgets.GridBox(boxes, layout=widgets.Layout(
        grid_template_columns="repeat(3, 90px)"))
    figure_area = widgets.Output()
    filling = {"active": False}  # set while the menu writes into the boxes

    def current_kernel():
        return np.array([box.value for box in boxes]).reshape(3, 3)

    def redraw():
        with figure_area:
            _clear(figure_area)
            draw_kernel_result(image, current_kernel())
            plt.show()

    def on_menu(_change=None):
        if menu.value == CUSTOM:
            return
        values = three_by_three(menu.value)
        filling["active"] = True
        for box, value in zip(boxes, values.ravel(), strict=True):
            box.value = float(value)
        filling["active"] = False
        redraw()

    def on_box(_change):
        if filling["active"]:
            return
        menu.value = CUSTOM
        redraw()

    menu.observe(on_menu, names="value")
    for box in boxes:
        box.observe(on_box, names="value")
    on_menu()
    return widgets.VBox([menu, grid, figure_area])


def three_by_three(name: str) -> np.ndarray:
    """The 3 x 3 version of a named kernel (blurs take their 3 x 3 size).

    Examples
    --------
    >>> three_by_three("sobel x (vertical edges)")
    array([[-1.,  0.,  1.],
           [-2.,  0.,  2.],
           [-1.,  0.,  1.]])
    """
    check_choice(name, "name", tuple(NAMED_KERNELS))
    if name == "gaussian blur":
        return NAMED_KERNELS[name](3, sigma=0.85)
    if name in ("box blur", "identity"):
        return NAMED_KERNELS[name](3)
    return NAMED_KERNELS[name]()


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
    from .data import tiny_image

    image = tiny_image() if image is None else as_real_array(image, "image", ndim=2)
    check_choice(mode, "mode", PAD_MODES)
    mode_picker = widgets.Dropdown(options=PAD_MODES, value=mode, description="mode")
    width_slider = widgets.IntSlider(value=width, min=0, max=10, description="width")
    kernel_slider = widgets.IntSlider(value=kernel_size, min=1, max=9, description="kernel")
    figure_area = widgets.Output()

    def redraw(_change=None):
        with figure_area:
            _clear(figure_area)
            draw_padding(image, width_slider.value, mode_picker.value, kernel_slider.value)
            plt.show()

    for control in (mode_picker, width_slider, kernel_slider):
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([mode_picker, width_slider, kernel_slider, figure_area])
