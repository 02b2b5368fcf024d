"""The lesson 2 explorer: pick or edit a kernel and see the filtered photograph."""

from __future__ import annotations

import ipywidgets as widgets
import numpy as np

from .. import plotting
from .._validation import as_real_array, check_choice
from ..kernels import NAMED_KERNELS
from ._common import show_figure

CUSTOM = "custom (edit the numbers)"


def kernel_explorer(image=None, kernel="box blur"):
    """Pick a named kernel, or type the nine numbers of your own, and see the result.

    The nine boxes always show the kernel in use; editing one switches the
    menu to "custom". The figure shows the image, the kernel with its sum,
    and the filtered image (see :func:`convlessons.plotting.draw_kernel_result`).

    Parameters
    ----------
    image : array_like, shape (H, W), optional
        Defaults to the grayscale Grace Hopper photograph.
    kernel : str, default "box blur"
        Initial entry of the menu, a key of ``NAMED_KERNELS``. The default
        opens on a result that stays within 0..1 and is drawn as it is,
        not stretched to its range.

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
    from ..data import load_image

    image = load_image() if image is None else as_real_array(image, "image", ndim=2)
    check_choice(kernel, "kernel", tuple(NAMED_KERNELS))
    menu = widgets.Dropdown(options=(*NAMED_KERNELS, CUSTOM), value=kernel,
                            description="kernel")
    # Each box is named by its place for screen readers; a zero-width label keeps
    # the grid looking like a kernel.
    boxes = [widgets.FloatText(value=0.0, step=0.1, description=f"row {i // 3 + 1}, column "
                               f"{i % 3 + 1}", style={"description_width": "0px"},
                               layout=widgets.Layout(width="80px"))
             for i in range(9)]
    grid = widgets.GridBox(boxes, layout=widgets.Layout(
        grid_template_columns="repeat(3, 90px)"))
    figure_area = widgets.Output()
    filling = {"active": False}  # set while the menu writes into the boxes

    def current_kernel():
        return np.array([box.value for box in boxes]).reshape(3, 3)

    def redraw():
        show_figure(figure_area, plotting.draw_kernel_result, image, current_kernel())

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
