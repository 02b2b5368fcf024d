"""Colours and axes shared by the figures."""

from __future__ import annotations

import matplotlib.pyplot as plt

SIGNAL_COLOUR = "tab:blue"
KERNEL_COLOUR = "tab:orange"
OUTPUT_COLOUR = "tab:green"


def _new_axes(ax, figsize=(8, 3)):
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax
