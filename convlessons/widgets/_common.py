"""Shared plumbing of the explorers: put a freshly drawn figure into an Output widget."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
import matplotlib.pyplot as plt
from IPython.core.pylabtools import print_figure
from matplotlib.figure import Figure

from .._validation import check_int
from ..alt_text import figure_bundle


def _figure_output(figure: Figure) -> dict:
    """The figure as one notebook output, as the inline backend would show it.

    A PNG with its text alternative in the metadata, the same picture as an
    HTML ``<img>`` with ``alt`` (what JupyterLab renders), and the plain repr;
    see :mod:`convlessons.alt_text`.

    Examples
    --------
    >>> figure, axes = plt.subplots()
    >>> output = _figure_output(figure)
    >>> output["output_type"], sorted(output["data"])
    ('display_data', ['image/png', 'text/html', 'text/plain'])
    >>> plt.close(figure)
    """
    data, metadata = figure_bundle(figure, print_figure(figure, "png", base64=True))
    return {"output_type": "display_data", "data": data, "metadata": metadata}


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
    [['image/png', 'text/html', 'text/plain']]
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


def int_sliders(values: dict, ranges: dict) -> list:
    """One IntSlider per setting, labelled with its name, after checking the starting value.

    ``ranges`` maps each name to ``(minimum, maximum)`` or ``(minimum, maximum, step)``;
    a value outside it raises ``ValueError``. Labels drop ``_size`` and use spaces.

    Examples
    --------
    >>> [s.description for s in int_sliders({"kernel_size": 3, "output_padding": 0},
    ...                                     {"kernel_size": (1, 7, 2), "output_padding": (0, 3)})]
    ['kernel', 'output padding']
    """
    sliders = []
    for name, value in values.items():
        low, high, step = (*ranges[name], 1)[:3]
        value = check_int(value, name, low)
        if value > high:
            raise ValueError(f"{name} must be at most {high} in the explorer, got {value}")
        if (value - low) % step:
            raise ValueError(f"{name} must be one of {list(range(low, high + 1, step))} in "
                             f"the explorer, got {value}")
        sliders.append(widgets.IntSlider(value=value, min=low, max=high, step=step,
                                         description=name.replace("_size", "").replace("_", " "),
                                         style={"description_width": "initial"}))
    return sliders


def text_as_html(text: str) -> str:
    """Preformatted text for an explorer's note, announced to screen readers when it changes.

    Examples
    --------
    >>> text_as_html("a < b")[-25:]
    'margin: 0">a &lt; b</pre>'
    """
    return ('<pre aria-live="polite" style="white-space: pre-wrap; line-height: 1.3; margin: 0">'
            f"{html.escape(text)}</pre>")
