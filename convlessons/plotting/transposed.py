"""Figures of lesson 8: stamps of a transposed convolution and how often they overlap."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle

from .._validation import as_real_array, check_int
from ..alt_text import describe, grid_text, values_text
from ..layers import overlap_counts
from ._common import KERNEL_COLOUR, OUTPUT_COLOUR, new_axes


def draw_overlap_counts(input_size, kernel_size, stride=1, padding=0, output_padding=0,
                        dilation=1, ax=None):
    """The output grid of a transposed convolution, each pixel coloured by its overlap count.

    The numbers are written in the cells when the grid is at most 16 wide.
    An even spread (one colour inside the border) means no checkerboard.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = draw_overlap_counts(3, 4, stride=2, padding=1)
    >>> fig.axes[0].get_title()
    '3 x 3 input, kernel 4, stride 2, padding 1: 6 x 6 output, 1 to 4 stamps per pixel'
    >>> plt.close(fig)
    """
    counts = overlap_counts(input_size, kernel_size, stride, padding, output_padding, dilation)
    fig, ax = new_axes(ax, figsize=(5, 5))
    size = counts.shape[0]
    low, high = int(counts.min()), int(counts.max())
    ax.imshow(counts, cmap="Oranges", vmin=0, vmax=max(high, 1))
    if size <= 16:
        for (row, col), value in np.ndenumerate(counts):
            colour = "white" if value > 0.6 * high else "black"
            ax.text(col, row, str(value), ha="center", va="center", color=colour,
                    fontsize=10 if size <= 10 else 7)
    ax.set_xticks([])
    ax.set_yticks([])
    settings = [f"{input_size} x {input_size} input", f"kernel {kernel_size}",
                f"stride {stride}"]
    settings += [f"{name} {value}" for name, value in
                 (("padding", padding), ("output padding", output_padding),
                  ("dilation", dilation)) if value != (1 if name == "dilation" else 0)]
    spread = f"{low} stamps per pixel" if low == high else f"{low} to {high} stamps per pixel"
    ax.set_title(f"{', '.join(settings)}: {size} x {size} output, {spread}", fontsize=10)
    describe(ax, f"{ax.get_title()}. A {size} x {size} grid of counts, row by row.",
             f"Stamps per output pixel, {grid_text(counts)}")
    return fig


def draw_stamps(x, kernel, stride=1, ax=None):
    """A 1-D transposed convolution as rows of stamps and their sum.

    Row ``i`` shows ``x[i] * kernel`` placed at ``i * stride``; the bottom row
    is their sum, the output (without padding).

    Parameters
    ----------
    x : array_like, shape (n,)
    kernel : array_like, shape (k,)
    stride : int >= 1

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = draw_stamps([1, 2], [1, 10], stride=2)
    >>> [text.get_text() for text in fig.axes[0].texts][-4:]
    ['1', '10', '2', '20']
    >>> plt.close(fig)
    """
    values = as_real_array(x, "x", ndim=1)
    weights = as_real_array(kernel, "kernel", ndim=1)
    stride = check_int(stride, "stride", 1)
    n, k = values.size, weights.size
    length = (n - 1) * stride + k
    rows = np.full((n + 1, length), np.nan)
    for i, value in enumerate(values):
        rows[i, i * stride : i * stride + k] = value * weights
    rows[n] = np.nansum(rows[:n], axis=0)
    fig, ax = new_axes(ax, figsize=(min(1 + 0.7 * length, 12), 0.6 * (n + 2)))
    ax.set_xlim(-0.5, length - 0.5)
    ax.set_ylim(n + 0.5, -0.5)
    for (row, col), value in np.ndenumerate(rows):
        if np.isnan(value):
            continue
        colour = OUTPUT_COLOUR if row == n else KERNEL_COLOUR
        ax.add_patch(_cell(col, row, colour))
        ax.text(col, row, f"{value:g}", ha="center", va="center", fontsize=10)
    ax.set_yticks(range(n + 1), [f"x[{i}] = {v:g} stamps" for i, v in enumerate(values)]
                  + ["sum: output"])
    ax.set_xticks(range(length))
    ax.set_xlabel("output index")
    ax.set_title(f"transposed convolution of {n} samples, kernel {values_text(weights)}, "
                 f"stride {stride}: {length} outputs", fontsize=10)
    describe(ax, f"{ax.get_title()}. Each input sample writes its value times the kernel, "
                 f"starting {stride} places after the previous one; the output "
                 f"{values_text(rows[n])} is their sum.",
             "; ".join(f"x[{i}] = {v:g} adds {values_text(v * weights)} at indices {i * stride} "
                       f"to {i * stride + k - 1}" for i, v in enumerate(values)) + ".")
    return fig


def _cell(col, row, colour):
    return Rectangle((col - 0.45, row - 0.4), 0.9, 0.8, facecolor=colour, alpha=0.35,
                     edgecolor=colour)
