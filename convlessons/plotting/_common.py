"""Colours and axes shared by the figures."""

from __future__ import annotations

import matplotlib.pyplot as plt

SIGNAL_COLOUR = "tab:blue"
KERNEL_COLOUR = "tab:orange"
OUTPUT_COLOUR = "tab:green"


def new_axes(ax, figsize=(8, 3), **subplots):
    """``(figure, ax)``: a new figure of ``figsize`` when ``ax`` is None, else ``ax``'s own.

    Other keywords go to :func:`matplotlib.pyplot.subplots` (``constrained_layout``, say).

    Examples
    --------
    >>> fig, ax = new_axes(None)
    >>> new_axes(ax) == (fig, ax)
    True
    >>> plt.close(fig)
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize, **subplots)
        return fig, ax
    return ax.figure, ax
