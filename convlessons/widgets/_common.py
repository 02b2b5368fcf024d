"""Shared plumbing of the explorers: put a freshly drawn figure into an Output widget."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.core.pylabtools import print_figure
from matplotlib.figure import Figure


def _figure_output(figure: Figure) -> dict:
    """The figure as one notebook output (a PNG, as the inline backend would show it).

    Examples
    --------
    >>> figure, axes = plt.subplots()
    >>> output = _figure_output(figure)
    >>> output["output_type"], sorted(output["data"])
    ('display_data', ['image/png', 'text/plain'])
    >>> plt.close(figure)
    """
    return {
        "output_type": "display_data",
        "data": {"image/png": print_figure(figure, "png", base64=True),
                 "text/plain": repr(figure)},
        "metadata": {},
    }


def show_figure(output: widgets.Output, draw: Callable[..., Figure], *args, **kwargs) -> None:
    """Replace what ``output`` shows with the figure ``draw(*args, **kwargs)`` returns.

    The new picture is written into the widget's ``outputs`` in one state
    update, instead of being displayed inside ``with output:``. Displaying
    works only if the page has already started capturing the current kernel
    message when the picture arrives; a figure that misses the capture lands in
    JupyterLab's log console instead, and the widget keeps the old picture.

    The figure is drawn with pyplot's interactive mode off and closed at once,
    so the inline backend's flush after each widget message finds nothing to
    show either.

    An error raised by ``draw`` is shown inside ``output``, like a cell's
    error, and the old picture stays; outside a kernel it propagates.

    Examples
    --------
    >>> area = widgets.Output()
    >>> show_figure(area, lambda: plt.subplots()[0])
    >>> [sorted(shown["data"]) for shown in area.outputs]
    [['image/png', 'text/plain']]
    """
    shown = None
    with output:
        already_open = set(plt.get_fignums())
        try:
            with plt.ioff():
                shown = _figure_output(draw(*args, **kwargs))
        finally:
            for number in set(plt.get_fignums()) - already_open:
                plt.close(number)
    if shown is not None:
        output.outputs = (shown,)
