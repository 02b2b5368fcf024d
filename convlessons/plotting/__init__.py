"""Figures used by the lessons, so that a notebook shows only the code that teaches.

One module per lesson topic (``plotting.signals``, ``plotting.images``,
``plotting.borders``, ...); every figure function is importable from here.
Each draws on a Matplotlib ``Axes`` (a new figure when none is given) and
returns the figure, so a lesson can end the cell with ``plt.show()``.
"""

from .borders import draw_padding, draw_window_positions
from .images import draw_kernel_result, draw_patch_product, show_image, show_kernel
from .signals import draw_slide, format_sample, plot_signal, plot_signals

__all__ = [
    "draw_kernel_result",
    "draw_padding",
    "draw_patch_product",
    "draw_slide",
    "draw_window_positions",
    "format_sample",
    "plot_signal",
    "plot_signals",
    "show_image",
    "show_kernel",
]
