"""Figures of lesson 9: grouped filters, costs side by side, receptive fields."""

from __future__ import annotations

import numpy as np
from matplotlib.patches import Rectangle

from ..alt_text import describe, grid_text
from ..layers import group_connections
from ._common import KERNEL_COLOUR, OUTPUT_COLOUR, SIGNAL_COLOUR, new_axes


def draw_group_connections(in_channels, out_channels, groups, ax=None):
    """A grid with one row per filter and one column per input channel, filled where it reads.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = draw_group_connections(8, 8, 2)
    >>> fig.axes[0].get_title()
    'groups=2: 8 filters x 8 input channels, 32 of 64 pairs connected'
    >>> plt.close(fig)
    """
    seen = group_connections(in_channels, out_channels, groups)
    fig, ax = new_axes(ax, figsize=(4, 4))
    ax.imshow(seen, cmap="Oranges", vmin=0, vmax=1.4)
    ax.set_xlabel("input channel")
    ax.set_ylabel("filter (output channel)")
    ax.set_xticks(range(in_channels))
    ax.set_yticks(range(out_channels))
    ax.tick_params(labelsize=7)
    ax.set_title(f"groups={groups}: {out_channels} filters x {in_channels} input channels, "
                 f"{int(seen.sum())} of {seen.size} pairs connected", fontsize=9)
    per_filter = in_channels // groups
    describe(ax, f"{ax.get_title()}. The filled cells form {groups} block"
                 f"{'s' if groups > 1 else ''} on the diagonal: each filter reads the "
                 f"{per_filter} input channel{'s' if per_filter > 1 else ''} of its own group.",
             f"Filled (1) or empty (0), one row per filter: {grid_text(seen)}")
    return fig


def draw_costs(costs, ax=None, quantity="multiplications"):
    """Horizontal bars, one per network or layer, of its parameters or multiplications.

    Parameters
    ----------
    costs : dict of str -> (int, int)
        Name -> ``(parameters, multiplications)``.
    quantity : {"parameters", "multiplications"}

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig = draw_costs({"full": (100, 9000), "separable": (20, 1500)})
    >>> [text.get_text() for text in fig.axes[0].texts]
    ['9,000', '1,500']
    >>> plt.close(fig)
    """
    if quantity not in ("parameters", "multiplications"):
        raise ValueError(f"quantity must be 'parameters' or 'multiplications', got {quantity!r}")
    column = 0 if quantity == "parameters" else 1
    names = list(costs)
    values = [int(costs[name][column]) for name in names]
    fig, ax = new_axes(ax, figsize=(7, 0.5 + 0.5 * len(names)))
    colours = [KERNEL_COLOUR if i % 2 else SIGNAL_COLOUR for i in range(len(names))]
    ax.barh(range(len(names)), values, color=colours)
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    for row, value in enumerate(values):
        ax.text(value, row, f"{value:,}", va="center", ha="left", fontsize=9)
    ax.set_xlim(0, max([*values, 1]) * 1.25)
    ax.set_xlabel(quantity)
    ax.set_title(f"{quantity} per network", fontsize=10)
    describe(ax, f"Bars of {quantity}: "
                 + "; ".join(f"{name} {value:,}" for name, value in zip(names, values,
                                                                        strict=True)) + ".")
    return fig


def draw_receptive_field(seen, window=None, position=None, ax=None):
    """The input pixels one output pixel depends on (measured), and the predicted window.

    Parameters
    ----------
    seen : array_like of bool, shape (H, W)
        From :func:`convlessons.separable.gradient_footprint`.
    window : (int, int), optional
        First and last input index the formula predicts (the same on both axes),
        outlined in green.
    position : (int, int), optional
        The output pixel, for the title.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> seen = np.zeros((5, 5), dtype=bool)
    >>> seen[1:4, 1:4] = True
    >>> fig = draw_receptive_field(seen, window=(1, 3))
    >>> fig.axes[0].get_title()
    '9 input pixels get a gradient: rows 1-3, columns 1-3'
    >>> plt.close(fig)
    """
    seen = np.asarray(seen, dtype=bool)
    if seen.ndim != 2:
        raise ValueError(f"seen must be 2-D (H, W), got shape {seen.shape}")
    fig, ax = new_axes(ax, figsize=(4, 4))
    ax.imshow(seen, cmap="Oranges", vmin=0, vmax=1.4)
    ax.set_xticks([])
    ax.set_yticks([])
    rows, cols = np.nonzero(seen)
    if rows.size:
        title = (f"{rows.size} input pixels get a gradient: rows {rows.min()}-{rows.max()}, "
                 f"columns {cols.min()}-{cols.max()}")
    else:
        title = "no input pixel gets a gradient"
    if position is not None:
        title = f"output pixel {tuple(position)}: " + title
    ax.set_title(title, fontsize=9)
    alt = f"{title}, shaded on a {seen.shape[0]} x {seen.shape[1]} input."
    if window is not None:
        first, last = window
        ax.add_patch(Rectangle((first - 0.5, first - 0.5), last - first + 1, last - first + 1,
                               fill=False, edgecolor=OUTPUT_COLOUR, linewidth=2.5))
        alt += f" A green square outlines the predicted window, {first} to {last} on both axes."
    describe(ax, alt, f"1 where the gradient is non-zero, {grid_text(seen.astype(int))}")
    return fig
