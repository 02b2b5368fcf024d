"""Shared plumbing of the explorers."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython import get_ipython
from IPython.display import display
from matplotlib.figure import Figure


def _clear(output: widgets.Output, wait: bool = True) -> None:
    """Empty an Output widget; without a kernel (tests, scripts) just drop its outputs.

    ``wait=True`` keeps the old output until the next one arrives (no
    flicker); pass ``wait=False`` when nothing will be drawn, or the old
    figure would stay on screen.
    """
    if get_ipython() is None:
        output.outputs = ()
    else:
        output.clear_output(wait=wait)


def _show_figure(output: widgets.Output, draw: Callable[..., Figure], *args, **kwargs) -> None:
    """Replace what ``output`` shows with the figure ``draw(*args, **kwargs)`` returns.

    The figure is built with pyplot's interactive mode off and closed before
    it is displayed, so ``display`` inside ``output`` is the only way it
    reaches the page. The inline backend flushes every open figure after
    each widget message; a figure still open then would also be shown under
    that message (in JupyterLab's log console, not in the widget), and a
    click that sends two messages could lose its redraw.

    An error raised by ``draw`` is shown inside ``output``, like a cell's.
    """
    with output:
        already_open = set(plt.get_fignums())
        try:
            with plt.ioff():
                figure = draw(*args, **kwargs)
        finally:
            for number in set(plt.get_fignums()) - already_open:
                plt.close(number)
        _clear(output)
        if get_ipython() is not None:
            display(figure)
