"""Figures of lesson 2: images, kernels, and one output pixel taken apart."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validation import as_real_array
from ..alt_text import describe, grid_text, range_text
from ._common import new_axes


def show_image(image, ax=None, title=None, signed=None, colorbar=False):
    """Draw a grayscale image; signed results on a blue-white-red scale centred at 0.

    Parameters
    ----------
    image : array_like, shape (H, W)
    ax : matplotlib Axes, optional
    title : str, optional
    signed : bool, optional
        Show negative values in blue and positive in red, 0 in white, with
        limits symmetric about 0 (for edge detectors). By default: True when
        the image has negative values.
    colorbar : bool
        Add a colour bar.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = show_image([[0, -1], [1, 0]], title="signed")
    >>> fig.axes[0].images[0].get_cmap().name
    'RdBu_r'
    >>> plt.close(fig)
    """
    values = as_real_array(image, "image", ndim=2)
    fig, ax = new_axes(ax, figsize=(5, 5))
    if signed is None:
        # Rounding (an FFT, say) can leave -1e-17 in a non-negative image: not "signed".
        signed = bool(values.min() < -1e-9 * max(1.0, float(np.abs(values).max())))
    if signed:
        limit = float(np.abs(values).max()) or 1.0
        shown = ax.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit)
    elif values.min() >= 0 and values.max() <= 1:
        shown = ax.imshow(values, cmap="gray", vmin=0, vmax=1)
    else:
        shown = ax.imshow(values, cmap="gray")
    if colorbar:
        fig.colorbar(shown, ax=ax, shrink=0.8)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    scale = ("blue for negative, white for 0, red for positive" if signed
             else "dark for low, light for high")
    describe(ax, f"{title + ': ' if title else ''}a {values.shape[0]} x {values.shape[1]} "
                 f"image, values {range_text(values)} ({scale}).",
             f"{title or 'The image'}, {grid_text(values)}" if values.size <= 64 else "")
    return fig


def format_entry(value: float) -> str:
    """A kernel entry for a figure: whole numbers as such, others to 2 decimals.

    Examples
    --------
    >>> format_entry(2.0), format_entry(-0.125), format_entry(0.004)
    ('2', '-0.12', '0.004')
    """
    if np.isfinite(value) and value == int(value):
        return str(int(value))
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text in ("0", "-0") and np.isfinite(value):
        return f"{value:.1g}"  # 0.004 stays visible instead of turning into "0"
    return text


def entries_text(grid) -> str:
    """A small grid as its entries, written as in the figure, rows separated by "; ".

    Examples
    --------
    >>> entries_text([[1, 0.5], [-2, 0]])
    '1, 0.5; -2, 0'
    """
    return "; ".join(", ".join(format_entry(v) for v in row) for row in grid)


def show_kernel(kernel, ax=None, title=None):
    """Draw a small kernel as a grid of coloured cells with its numbers written in.

    Parameters
    ----------
    kernel : array_like, shape (kh, kw)
    ax : matplotlib Axes, optional
    title : str, optional
        Defaults to the kernel's sum.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = show_kernel([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
    >>> fig.axes[0].get_title(), len(fig.axes[0].texts)
    ('sum = 1', 9)
    >>> plt.close(fig)
    """
    values = as_real_array(kernel, "kernel", ndim=2)
    fig, ax = new_axes(ax, figsize=(3, 3))
    limit = float(np.abs(values).max()) or 1.0
    ax.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit)
    for (row, col), value in np.ndenumerate(values):
        # White text where the cell colour is dark enough to hide black text.
        colour = "white" if abs(value) > 0.6 * limit else "black"
        ax.text(col, row, format_entry(value), ha="center", va="center", fontsize=10,
                color=colour)
    ax.set_xticks([])
    ax.set_yticks([])
    total = float(values.sum())
    ax.set_title(title if title is not None else f"sum = {format_entry(round(total, 3))}")
    rows = entries_text(values)
    describe(ax, f"{ax.get_title()}: a {values.shape[0]} x {values.shape[1]} grid of numbers, "
                 f"row by row {rows}.",
             f"{ax.get_title()}, {grid_text(values)}")
    return fig


def draw_kernel_result(image, kernel, axes=None):
    """The photograph, the kernel, and the photograph convolved with the kernel.

    The result is computed with ``convolve2d(image, kernel, mode="same",
    boundary="symm")`` (mirrored borders, so no dark frame; see lesson 3) and
    shown on a signed scale when the kernel sums to about 0 (edge detectors).

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel : array_like, shape (kh, kw)
    axes : three matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_kernel_result(np.eye(6), [[0, 0, 0], [0, 1, 0], [0, 0, 0]])
    >>> [ax.get_title() for ax in fig.axes]
    ['image', 'kernel, sum = 1', 'result: range 0 to 1']
    >>> plt.close(fig)
    """
    from ..images import convolve2d

    values = as_real_array(image, "image", ndim=2)
    weights = as_real_array(kernel, "kernel", ndim=2)
    result = convolve2d(values, weights, mode="same", boundary="symm")
    if axes is None:
        fig, axes = plt.subplots(1, 3, figsize=(11, 4), constrained_layout=True,
                                 gridspec_kw={"width_ratios": [4, 2, 4]})
    fig = axes[0].figure
    show_image(values, ax=axes[0], title="image")
    total = round(float(weights.sum()), 3)
    show_kernel(weights, ax=axes[1], title=f"kernel, sum = {format_entry(total)}")
    show_image(result, ax=axes[2], signed=abs(total) < 1e-9,
               title=f"result: range {format_entry(round(float(result.min()), 2))} "
                     f"to {format_entry(round(float(result.max()), 2))}")
    rows = entries_text(weights)
    describe(fig, f"Left: a {values.shape[0]} x {values.shape[1]} image, values "
                  f"{range_text(values)}. Middle: the kernel, rows {rows}, sum "
                  f"{format_entry(total)}. Right: the image convolved with it, values "
                  f"{range_text(result)}.")
    return fig


def draw_patch_product(image, kernel, row, col, operation="convolution", axes=None):
    """One output pixel of a 2-D convolution, taken apart: patch, kernel, Hadamard product.

    Four panels of numbers: the image with the patch under the kernel
    outlined (centred on ``(row, col)``, the kernel's centre at offset
    (0, 0)); the patch; the kernel as it is laid on the patch (flipped on
    both axes for convolution, as printed for correlation); and their
    element-wise product, whose sum is the output pixel ``y[row, col]``.

    Parameters
    ----------
    image : array_like, shape (H, W)
        Small enough to read its numbers (up to about 8 x 8).
    kernel : array_like, shape (kh, kw)
        Odd sizes only, so that it has a centre.
    row, col : int
        The output pixel; the whole patch must lie inside the image.
    operation : {"convolution", "correlation"}
    axes : four matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    A 1 just right of the kernel's centre picks, once flipped, the pixel on
    the left: ``y[2, 2] = image[2, 1] = 11``.

    >>> image = np.arange(25).reshape(5, 5)
    >>> fig = draw_patch_product(image, [[0, 0, 0], [0, 0, 1], [0, 0, 0]], 2, 2)
    >>> fig.axes[3].get_title()
    'product, sum = 11'
    >>> plt.close(fig)
    """
    from .._validation import check_choice, check_int

    values = as_real_array(image, "image", ndim=2)
    weights = as_real_array(kernel, "kernel", ndim=2)
    check_choice(operation, "operation", ("convolution", "correlation"))
    row = check_int(row, "row", minimum=0)
    col = check_int(col, "col", minimum=0)
    kh, kw = weights.shape
    if kh % 2 == 0 or kw % 2 == 0:
        raise ValueError(f"kernel must have odd sizes so that it has a centre, got {weights.shape}")
    top, left = row - kh // 2, col - kw // 2
    if top < 0 or left < 0 or top + kh > values.shape[0] or left + kw > values.shape[1]:
        raise ValueError(
            f"the {kh} x {kw} patch centred on ({row}, {col}) must lie inside the image "
            f"of shape {values.shape}; pick a pixel at least {kh // 2} rows and "
            f"{kw // 2} columns from the border"
        )
    patch = values[top : top + kh, left : left + kw]
    laid = weights[::-1, ::-1] if operation == "convolution" else weights
    product = patch * laid
    if axes is None:
        fig, axes = plt.subplots(1, 4, figsize=(12, 3.6), constrained_layout=True,
                                 gridspec_kw={"width_ratios": [values.shape[1], kw, kw, kw]})
    fig = axes[0].figure
    show_kernel(values, ax=axes[0], title=f"image, patch around ({row}, {col})")
    axes[0].add_patch(plt.Rectangle((left - 0.5, top - 0.5), kw, kh, fill=False,
                                    edgecolor="tab:orange", linewidth=3))
    show_kernel(patch, ax=axes[1], title="patch")
    show_kernel(laid, ax=axes[2], title="kernel, flipped" if operation == "convolution"
                else "kernel, not flipped")
    show_kernel(product, ax=axes[3],
                title=f"product, sum = {format_entry(round(float(product.sum()), 3))}")
    describe(fig, f"Output pixel ({row}, {col}) of a {operation}, in four panels: the "
                  f"{values.shape[0]} x {values.shape[1]} image with the {kh} x {kw} patch "
                  f"around ({row}, {col}) outlined; the patch, "
                  f"{entries_text(patch)}; the "
                  f"kernel {'flipped' if operation == 'convolution' else 'as printed'}, "
                  f"{entries_text(laid)}; and "
                  f"their product, which sums to "
                  f"{format_entry(round(float(product.sum()), 3))}.")
    return fig
