"""Shared plumbing of the explorers: put a freshly drawn figure into an Output widget."""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as widgets
import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .._validation import check_int
from ..alt_text import FigureText, figure_bundle, figure_text


def _figure_output(figure: Figure, text: FigureText) -> dict:
    """The figure as one notebook output, as the inline backend would show it.

    A PNG with its text alternative in the metadata, the same picture as an
    HTML ``<img>`` with ``alt`` (what JupyterLab renders), and the plain repr;
    see :mod:`convlessons.alt_text`.

    Examples
    --------
    >>> figure, axes = plt.subplots()
    >>> output = _figure_output(figure, figure_text(figure))
    >>> output["output_type"], sorted(output["data"])
    ('display_data', ['image/png', 'text/html', 'text/plain'])
    >>> plt.close(figure)
    """
    # The lead tells a screen reader this is the picture the controls redraw, and
    # keeps it apart from a figure of the lesson that shows the same settings.
    data, metadata = figure_bundle(figure, lead="Explorer picture, redrawn when a control "
                                   "changes. ", text=text)
    return {"output_type": "display_data", "data": data, "metadata": metadata}


def _announcement(text: FigureText) -> dict:
    """A visually hidden status message saying what the redrawn picture now shows.

    JupyterLab's ``jp-sr-only`` class hides it from the eye but not from
    screen readers, which read a ``role="status"`` element when it appears, so
    a student who cannot see the picture hears it change.

    Examples
    --------
    >>> figure, axes = plt.subplots()
    >>> _ = axes.set_title("an empty plot")
    >>> _announcement(figure_text(figure))["data"]["text/plain"]
    'Picture updated: an empty plot.'
    >>> plt.close(figure)
    """
    message = f"Picture updated: {text.alt}"
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/html": f'<p class="jp-sr-only" role="status" aria-live="polite">'
                                  f"{html.escape(message)}</p>",
                     "text/plain": message}}


def show_figure(output: widgets.Output, draw: Callable[..., Figure], *args, **kwargs) -> None:
    """Replace what ``output`` shows with the figure ``draw(*args, **kwargs)`` returns.

    The new picture is written into the widget's ``outputs`` in one state
    update, instead of being displayed inside ``with output:``. Displaying
    works only if the page has already started capturing the current kernel
    message when the picture arrives; a figure that misses the capture lands in
    JupyterLab's log console instead, and the widget keeps the old picture.

    After the picture comes a status message with its text alternative
    (:func:`_announcement`), which screen readers announce.

    The figure is drawn with pyplot's interactive mode off and closed at once,
    so the inline backend's flush after each widget message finds nothing to
    show either.

    An error raised by ``draw`` is shown inside ``output``, like a cell's
    error, and the old picture stays; outside a kernel it propagates.

    Examples
    --------
    >>> area = widgets.Output()
    >>> show_figure(area, lambda: plt.subplots()[0])
    >>> [sorted(shown["data"]) for shown in area.outputs]  # the picture, then its announcement
    [['image/png', 'text/html', 'text/plain'], ['text/html', 'text/plain']]
    """
    shown = None
    with output:
        already_open = set(plt.get_fignums())
        try:
            with plt.ioff():
                figure = draw(*args, **kwargs)
                text = figure_text(figure)
                shown = (_figure_output(figure, text), _announcement(text))
        finally:
            for number in set(plt.get_fignums()) - already_open:
                plt.close(number)
    if shown is not None:
        output.outputs = shown


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
        if step > 1 and (value > high or (value - low) % step):
            raise ValueError(f"{name} must be one of {low}, {low + step}, ... {high} in the "
                             f"explorer, got {value}")
        if value > high:
            raise ValueError(f"{name} must be at most {high} in the explorer, got {value}")
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


#: How an explorer's description begins the line saying that its settings are refused.
INVALID = "Invalid settings"


def described_explorer(controls: list, describe: Callable[..., str],
                       draw: Callable[..., Figure] | None) -> widgets.VBox:
    """Controls, a note worked out by ``describe`` and a figure drawn by ``draw``, kept in step.

    Both are called with the controls' values, in order, whenever one of them
    moves. When the note reports :data:`INVALID` settings, the figure is
    cleared instead of drawn: the note says why, and an old figure would
    contradict it. With ``draw=None`` the explorer is the controls and the note.

    Examples
    --------
    >>> size = widgets.IntSlider(value=2, min=1, max=3)
    >>> explorer = described_explorer([size], lambda n: f"{n} cells",
    ...                               lambda n: plt.subplots(figsize=(n, 1))[0])
    >>> size.value = 3
    >>> "3 cells" in explorer.children[1].value, len(explorer.children[2].outputs)
    (True, 2)
    """
    note = widgets.HTML()
    figure_area = widgets.Output()

    def redraw(_change=None):
        values = [control.value for control in controls]
        text = describe(*values)
        note.value = text_as_html(text)
        if draw is None:
            return
        if INVALID in text:
            figure_area.outputs = ()
        else:
            show_figure(figure_area, draw, *values)

    for control in controls:
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([*controls, note, *([] if draw is None else [figure_area])])
