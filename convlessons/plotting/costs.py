"""Figures of lesson 10: the im2col matrix, and what each way of convolving costs."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ..alt_text import describe, grid_text, number, values_text
from ..costs import METHODS, im2col, multiplications, output_shape
from ._common import KERNEL_COLOUR, OUTPUT_COLOUR, SIGNAL_COLOUR, new_axes

#: One look per method, told apart by marker and line style as well as by colour.
METHOD_STYLES = {
    "loops": {"color": "tab:gray", "marker": "x", "linestyle": ":"},
    "shift_add": {"color": SIGNAL_COLOUR, "marker": "o", "linestyle": "-"},
    "im2col": {"color": KERNEL_COLOUR, "marker": "s", "linestyle": "--"},
    "fft": {"color": OUTPUT_COLOUR, "marker": "^", "linestyle": "-."},
}

#: How the figures and the lesson name each method.
METHOD_LABELS = {"loops": "loops", "shift_add": "shift-and-add", "im2col": "im2col + product",
                 "fft": "FFT"}


def _grid(ax, values, highlight, title, colour):
    """Numbers in cells, the ``highlight`` cells (a boolean mask) shaded in ``colour``."""
    rows, cols = values.shape
    ax.imshow(np.where(highlight, 1.0, 0.0), cmap="Greys", vmin=0, vmax=4, aspect="equal")
    for (i, j), value in np.ndenumerate(values):
        ax.text(j, i, f"{value:g}", ha="center", va="center", fontsize=9)
        if highlight[i, j]:
            ax.add_patch(plt.Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor=colour,
                                       linewidth=2))
    ax.set_xticks(range(cols))
    ax.set_yticks(range(rows))
    ax.set_title(title, fontsize=10)


def draw_im2col(image, kernel_shape, pixel=(0, 0)):
    """The image with one window outlined, beside the im2col matrix with its row outlined.

    Parameters
    ----------
    image : array_like, shape (H, W)
        Small enough to print its numbers (up to about 8 x 8).
    kernel_shape : tuple (kH, kW)
    pixel : tuple (i, j)
        The output pixel whose window and row are outlined.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_im2col(np.arange(16.0).reshape(4, 4), (2, 2), pixel=(1, 2))
    >>> [ax.get_title() for ax in fig.axes]  # doctest: +NORMALIZE_WHITESPACE
    ['image 4 x 4, window of output pixel (1, 2)',
     'im2col matrix 9 x 4: row 1 * 3 + 2 = 5']
    >>> plt.close(fig)
    """
    image = np.asarray(image, dtype=float)
    rows, cols = output_shape(image.shape, kernel_shape)
    i, j = pixel
    if not (0 <= i < rows and 0 <= j < cols):
        raise ValueError(f"pixel must lie in the {rows} x {cols} output, got {pixel}")
    matrix = im2col(image, kernel_shape)
    row = i * cols + j
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(3 + 0.5 * (image.shape[1] + matrix.shape[1]), 0.5 * matrix.shape[0] + 1.4),
        gridspec_kw={"width_ratios": [image.shape[1], matrix.shape[1]]}, constrained_layout=True)
    window = np.zeros(image.shape, dtype=bool)
    window[i : i + kernel_shape[0], j : j + kernel_shape[1]] = True
    _grid(left, image, window, f"image {image.shape[0]} x {image.shape[1]}, window of output "
          f"pixel ({i}, {j})", KERNEL_COLOUR)
    chosen = np.zeros(matrix.shape, dtype=bool)
    chosen[row] = True
    _grid(right, matrix, chosen, f"im2col matrix {matrix.shape[0]} x {matrix.shape[1]}: "
          f"row {i} * {cols} + {j} = {row}", KERNEL_COLOUR)
    right.set_xlabel("kernel tap (window read row by row)")
    right.set_ylabel("output pixel")
    describe(fig, f"Left: a {image.shape[0]} x {image.shape[1]} image with the "
             f"{kernel_shape[0]} x {kernel_shape[1]} window of output pixel ({i}, {j}) outlined, "
             f"rows {i} to {i + kernel_shape[0] - 1} and columns {j} to {j + kernel_shape[1] - 1}. "
             f"Right: its im2col matrix, {matrix.shape[0]} rows by {matrix.shape[1]} columns, "
             f"with row {row} outlined: {values_text(matrix[row])}, the window read row by row.",
             f"Image, {grid_text(image)} Matrix, {grid_text(matrix)}")
    return fig


def _kernel_size_axes(ax, kernel_sizes, ylabel: str, title: str) -> None:
    """Log axes against the kernel size, ticked at the sizes drawn, with a grid and legend."""
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(list(kernel_sizes), [str(k) for k in kernel_sizes])
    ax.minorticks_off()
    ax.set_xlabel("kernel size k (a k x k kernel)")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(True, which="major", alpha=0.3)
    ax.legend()


def draw_method_times(kernel_sizes, times, image_size, ax=None):
    """Measured seconds per method against the kernel size, on log axes.

    Parameters
    ----------
    kernel_sizes : sequence of int
    times : dict
        Method name -> sequence of seconds, one per kernel size (``nan`` where
        the method was not run).
    image_size : int
        For the title.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_method_times([3, 5], {"fft": [2e-3, 2e-3], "shift_add": [1e-4, 3e-4]}, 64)
    >>> sorted(line.get_label() for line in fig.axes[0].get_lines())
    ['FFT', 'shift-and-add']
    >>> plt.close(fig)
    """
    fig, ax = new_axes(ax, figsize=(7, 4), constrained_layout=True)
    for method in METHODS:
        if method in times:
            ax.plot(kernel_sizes, np.asarray(times[method]) * 1e3, label=METHOD_LABELS[method],
                    **METHOD_STYLES[method])
    _kernel_size_axes(ax, kernel_sizes, "milliseconds per call (one thread)",
                      f"Measured time, {image_size} x {image_size} image")
    curves = "; ".join(
        f"{METHOD_LABELS[method]}: " + ", ".join(
            f"{number(t * 1e3)} ms at k = {k}"
            for k, t in zip(kernel_sizes, times[method], strict=True))
        for method in METHODS if method in times)
    describe(ax, f"Measured time per call against the kernel size on a {image_size} x "
             f"{image_size} image, log axes, one line per method. {curves}.")
    return fig


def draw_multiplications(kernel_sizes, image_size, ax=None):
    """The cost model: multiplications of the direct methods and of the FFT, log axes.

    Examples
    --------
    >>> fig = draw_multiplications([3, 31], 256)
    >>> fig.axes[0].get_title()
    'Multiplications, 256 x 256 image'
    >>> plt.close(fig)
    """
    fig, ax = new_axes(ax, figsize=(7, 4), constrained_layout=True)
    direct = [multiplications("shift_add", image_size, k) for k in kernel_sizes]
    fft = [multiplications("fft", image_size, k) for k in kernel_sizes]
    ax.plot(kernel_sizes, direct, label="loops, shift-and-add, im2col", color="tab:blue",
            marker="o", linestyle="-")
    ax.plot(kernel_sizes, fft, label="FFT", **METHOD_STYLES["fft"])
    _kernel_size_axes(ax, kernel_sizes, "multiplications",
                      f"Multiplications, {image_size} x {image_size} image")
    pairs = ", ".join(f"k = {k}: {d:,} direct against {f:,} FFT"
                      for k, d, f in zip(kernel_sizes, direct, fft, strict=True))
    describe(ax, f"Multiplications against the kernel size on a {image_size} x {image_size} "
             f"image, log axes: the direct methods grow with k squared, the FFT stays almost "
             f"flat. {pairs}.")
    return fig
