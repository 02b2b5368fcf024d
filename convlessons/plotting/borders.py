"""Figures of lesson 3: padded frames and window positions."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validation import as_real_array
from ..alt_text import describe, grid_text, range_text
from ._common import KERNEL_COLOUR, new_axes


def draw_padding(image, width, mode="zeros", kernel_size=3, ax=None):
    """An image with its padded frame, the original outlined, sizes in the title.

    Parameters
    ----------
    image : array_like, shape (H, W)
    width : int >= 0
        Padding on each side.
    mode : {"zeros", "reflect", "symmetric", "replicate", "circular"}
    kernel_size : int >= 1
        A square kernel whose stride-1 output size is reported.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_padding(np.ones((10, 10)), 1, "zeros", kernel_size=3)
    >>> fig.axes[0].get_title()
    'zeros padding, width 1: 10 x 10 -> 12 x 12; a 3 x 3 kernel gives 10 x 10'
    >>> plt.close(fig)
    """
    from ..borders import output_size, pad

    values = as_real_array(image, "image", ndim=2)
    padded = pad(values, width, mode)
    fig, ax = new_axes(ax, figsize=(5, 5))
    ax.imshow(padded, cmap="gray", vmin=0, vmax=max(1.0, float(padded.max())))
    height, breadth = values.shape
    ax.add_patch(plt.Rectangle((width - 0.5, width - 0.5), breadth, height,
                               fill=False, edgecolor="tab:orange", linewidth=2))
    ax.set_xticks([])
    ax.set_yticks([])
    rows, cols = padded.shape
    try:
        out = (f"a {kernel_size} x {kernel_size} kernel gives "
               f"{output_size(rows, kernel_size)} x {output_size(cols, kernel_size)}")
    except ValueError:
        out = f"a {kernel_size} x {kernel_size} kernel does not fit"
    ax.set_title(f"{mode} padding, width {width}: {height} x {breadth} -> {rows} x {cols}; {out}")
    describe(ax, f"A {height} x {breadth} image with {mode} padding of width {width} on "
                 f"every side, making it {rows} x {cols}, values {range_text(padded)} in "
                 f"grey; the original is outlined. {out[0].upper()}{out[1:]}.",
             f"The padded image, {grid_text(padded)}" if padded.size <= 144 else "")
    return fig


def draw_window_positions(n, k, stride=1, ax=None):
    """Every position of a ``k``-wide window on ``n`` samples, one row per position.

    Row ``p`` shows the samples as numbered cells, with the window's cells
    (``p * stride`` to ``p * stride + k - 1``) in orange. Samples that no
    position covers (when the stride does not divide ``n - k``) are red in
    every row. The number of rows is ``floor((n - k) / stride) + 1``, which
    is ``n - k + 1`` for stride 1.

    Parameters
    ----------
    n : int >= 1
        Number of samples.
    k : int, 1 <= k <= n
        Width of the window (the kernel).
    stride : int >= 1
        Step between positions.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_window_positions(5, 3)
    >>> fig.axes[0].get_title()
    'window of 3 on 5 samples, stride 1: 3 positions'
    >>> fig.axes[0].images[0].get_array().shape  # (positions, samples)
    (3, 5)
    >>> plt.close(fig)
    >>> fig = draw_window_positions(10, 3, stride=2)
    >>> fig.axes[0].get_title()
    'window of 3 on 10 samples, stride 2: 4 positions, sample 9 never covered'
    >>> plt.close(fig)
    """
    from matplotlib.colors import ListedColormap

    from ..borders import output_size

    count = output_size(n, k, stride=stride, strict=False)
    grid = np.zeros((count, n))
    for position in range(count):
        grid[position, position * stride : position * stride + k] = 1
    missed = [int(i) for i in np.flatnonzero(grid.sum(axis=0) == 0)]
    grid[:, missed] = 2
    fig, ax = new_axes(ax, figsize=(max(4.0, 0.45 * n + 1.5), 0.45 * count + 1.2))
    colours = ListedColormap(["0.93", KERNEL_COLOUR, "tab:red"])
    ax.imshow(grid, cmap=colours, vmin=0, vmax=2, aspect="equal")
    for (row, col), _ in np.ndenumerate(grid):
        ax.text(col, row, str(col), ha="center", va="center", fontsize=8)
    ax.set_xticks(np.arange(n + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(count + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.set_xticks([])
    ax.set_yticks(np.arange(count), [f"position {p}" for p in range(count)])
    ax.set_xlabel("sample index")
    title = f"window of {k} on {n} samples, stride {stride}: {count} positions"
    if missed:
        samples = "sample" if len(missed) == 1 else "samples"
        title += f", {samples} {', '.join(map(str, missed))} never covered"
    ax.set_title(title)
    rows = [f"position {p} covers samples {p * stride} to {p * stride + k - 1}"
            for p in range(count)]
    describe(ax, f"A window of {k} sliding over {n} samples with stride {stride}: {count} "
                 f"positions, one per row, from samples 0 to {k - 1} up to "
                 f"{(count - 1) * stride} to {(count - 1) * stride + k - 1}"
                 + (f"; never covered, and marked in every row: {samples} "
                    f"{', '.join(map(str, missed))}." if missed else "; every sample is covered."),
             "; ".join(rows) + ".")
    return fig
