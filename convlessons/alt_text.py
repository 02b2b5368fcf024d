"""Text alternatives of figures: what a screen reader says instead of the picture.

Every figure the course shows carries a short text alternative (the ``alt``
of the image) and, where numbers do not fit in a sentence (a grid, a
kernel), a longer description. Both are made from the data drawn, never
typed per cell, so they stay true when the data changes.

* The plotting helpers attach a description to the Axes (or Figure) they
  draw, with :func:`describe`.
* Anything else, such as a figure a lesson builds with Matplotlib directly,
  is described from what its Axes hold (titles, labels, images, lines,
  bars, numbers written in cells) by :func:`describe_axes`.
* :func:`figure_text` combines the two for a whole figure, and
  :func:`figure_bundle` turns a figure into a notebook output: a PNG with
  ``alt`` in its metadata (the key nbconvert reads, and the one the Jupyter
  enhancement pre-proposal names), plus an HTML ``<img>`` with the same
  ``alt`` and a ``<details>`` description, which JupyterLab and the site
  render (JupyterLab ignores image metadata other than the size).
* :func:`install` makes IPython display every Matplotlib figure that way,
  so the inline backend's figures carry it; the explorers use
  :func:`figure_bundle` for the pictures they redraw. Importing
  :mod:`convlessons` inside IPython installs it.
"""

from __future__ import annotations

import html
import weakref
from dataclasses import dataclass

import numpy as np

# Axes or Figure -> FigureText; weak, so that closed figures are forgotten.
_ATTACHED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

#: Longest run of values written out in a short text alternative.
SHORT_LIST = 12


@dataclass(frozen=True)
class FigureText:
    """A text alternative: ``alt``, a sentence or two; ``details``, longer, possibly empty."""

    alt: str
    details: str = ""


def number(value) -> str:
    """A value as a figure shows it: whole numbers as such, others to 3 significant digits.

    Examples
    --------
    >>> number(3.0), number(-0.3333), number(12345.6), number(float("nan"))
    ('3', '-0.333', '1.23e+04', 'nan')
    """
    value = float(value)
    if not np.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.3g}"


def values_text(values, limit: int = SHORT_LIST) -> str:
    """A list of values in brackets; long lists shortened to their ends, count and range.

    Examples
    --------
    >>> values_text([3, 1, 4])
    '[3, 1, 4]'
    >>> values_text(range(40), limit=6)
    '40 values from 0 to 39: [0, 1, 2, …, 37, 38, 39]'
    """
    flat = np.asarray(values, dtype=float).ravel()
    if flat.size <= limit:
        return "[" + ", ".join(number(v) for v in flat) + "]"
    half = limit // 2
    shown = [number(v) for v in flat[:half]] + ["…"] + [number(v) for v in flat[-half:]]
    return (f"{flat.size} values from {number(np.nanmin(flat))} to {number(np.nanmax(flat))}: "
            f"[{', '.join(shown)}]")


def grid_text(grid) -> str:
    """A 2-D grid of numbers, row by row, for a longer description.

    Examples
    --------
    >>> grid_text([[0, -1], [1, 0.5]])
    'row 1: 0, -1; row 2: 1, 0.5.'
    """
    rows = np.atleast_2d(np.asarray(grid, dtype=float))
    return _rows_text([number(v) for v in row] for row in rows)


def _rows_text(rows) -> str:
    """Rows of already written numbers, as :func:`grid_text` reads them."""
    return "; ".join(f"row {i}: " + ", ".join(row) for i, row in enumerate(rows, start=1)) + "."


def range_text(values) -> str:
    """``"from LOW to HIGH"`` of the finite values.

    Examples
    --------
    >>> range_text([[2, -1], [0.5, 7]])
    'from -1 to 7'
    """
    flat = np.asarray(values, dtype=float)
    flat = flat[np.isfinite(flat)]
    if flat.size == 0:
        return "with no finite values"
    return f"from {number(flat.min())} to {number(flat.max())}"


def describe(target, alt: str, details: str = "") -> None:
    """Attach a text alternative to a Matplotlib Axes or Figure.

    A plotting helper calls it with a description made from the data it drew.
    On an Axes, the description stands for that panel in the figure's text;
    on a Figure, it replaces the panels' texts in ``alt`` (their details are
    kept when ``details`` is empty).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> describe(ax, "The signal [1, 2] as stems.")
    >>> figure_text(fig).alt
    'The signal [1, 2] as stems.'
    >>> plt.close(fig)
    """
    if not isinstance(alt, str) or not alt.strip():
        raise ValueError("alt must be a non-empty string describing the picture")
    if not isinstance(details, str):
        raise TypeError(f"details must be a string, got {type(details).__name__}")
    _ATTACHED[target] = FigureText(" ".join(alt.split()), details.strip())


def _title(ax) -> str:
    parts = [ax.get_title(loc) for loc in ("left", "center", "right")]
    return " ".join(part.strip() for part in parts if part.strip())


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?:;" else text + "."


def _is_colorbar(ax) -> bool:
    return ax.get_label() == "<colorbar>"


def _image_text(image) -> tuple[str, np.ndarray | None]:
    array = np.ma.getdata(image.get_array())
    if array.ndim == 3:
        unit = "cells" if max(array.shape[:2]) <= 32 else "pixels"
        return f"a colour picture of {array.shape[0]} x {array.shape[1]} {unit}", array
    low, high = image.get_clim()
    name = image.get_cmap().name.removesuffix("_r")
    return (f"a {array.shape[0]} x {array.shape[1]} grid of values {range_text(array)}, "
            f"coloured on the '{name}' scale from {number(low)} to {number(high)}"), array


def _cell_numbers(ax, shape) -> list[list[str]] | None:
    """Numbers written one per cell of a grid of ``shape``, as drawn, or None."""
    cells: dict[tuple[int, int], str] = {}
    for text in ax.texts:
        x, y = text.get_position()
        row, col = round(y), round(x)
        if abs(x - col) > 0.05 or abs(y - row) > 0.05:
            return None
        if not (0 <= row < shape[0] and 0 <= col < shape[1]) or not text.get_text():
            return None
        cells[row, col] = text.get_text()
    if len(cells) < 2:
        return None
    return [[cells.get((r, c), "blank") for c in range(shape[1])] for r in range(shape[0])]


def _named(label: str) -> str:
    """`` 'label'`` for a label given by the figure's author; matplotlib's own start with _."""
    return f" '{label}'" if label and not label.startswith("_") else ""


def _line_text(line) -> str:
    y = np.asarray(line.get_ydata(), dtype=float)
    label = line.get_label()
    name = _named(label)
    many = "s" if y.size != 1 else ""
    if line.get_linestyle() in ("None", "none", "", " "):
        text = f"{y.size} point{many}{name}"
    else:
        text = f"a line{name} through {y.size} point{many}"
    if y.size <= SHORT_LIST:
        return f"{text}, values {values_text(y)}"
    return f"{text}, values {range_text(y)}, starting {values_text(y[:3])}"


def describe_axes(ax) -> FigureText:
    """What one Axes shows, in words: its attached description, or one read from its contents.

    The reading names the title, the axis labels, every image (size, value
    range, colour scale), numbers written in its cells, lines and points
    (their values), bars, and the legend; the numbers of grids go to
    ``details``.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.bar([0, 1, 2], [3, 1, 4])
    >>> _ = ax.set_title("three bars")
    >>> describe_axes(ax).alt
    'three bars: bars of heights [3, 1, 4].'
    >>> plt.close(fig)
    """
    if ax in _ATTACHED:
        return _ATTACHED[ax]
    if _is_colorbar(ax):
        # A vertical bar spans its values along y, a horizontal one along x.
        low, high = ax.get_ylim() if tuple(ax.get_xlim()) == (0, 1) else ax.get_xlim()
        return FigureText(f"a colour bar from {number(low)} to {number(high)}")
    parts, details = [], []
    numbers_written = False  # then the texts on the Axes are those numbers
    for image in ax.images:
        text, array = _image_text(image)
        numbers = _cell_numbers(ax, array.shape)
        if numbers is not None:
            text += ", with its numbers written in"
            details.append(_rows_text(numbers))
            numbers_written = True
        elif array.ndim == 2 and array.size <= 64:
            details.append(grid_text(array))
        parts.append(text)
    in_containers = set()
    for container in ax.containers:
        kind = type(container).__name__
        if kind == "BarContainer":
            heights = [patch.get_height() for patch in container.patches]
            parts.append(f"bars{_named(container.get_label())} of heights "
                         f"{values_text(heights)}")
        elif kind == "StemContainer":
            in_containers |= {container.markerline, container.baseline}
            parts.append(f"stems{_named(container.get_label())} at values "
                         f"{values_text(container.markerline.get_ydata())}")
    lines = [line for line in ax.get_lines()
             # Reference lines (axhline, axvline) span the axes: not data.
             if line not in in_containers and line.get_transform() == ax.transData
             and np.asarray(line.get_ydata()).size]
    strokes = [line for line in lines if line.get_label().startswith("_")
               and np.asarray(line.get_ydata()).size <= 3]
    if len(strokes) > 4:  # drawn shapes (grid lines, edges of boxes), not data
        parts.append(f"{len(strokes)} unlabelled strokes")
        lines = [line for line in lines if line not in strokes]
    parts += [_line_text(line) for line in lines]
    if ax.texts and not numbers_written:
        words = [t.get_text().strip() for t in ax.texts if t.get_text().strip()]
        if words:
            parts.append("labels " + values_text_words(words))
    for axis, label in (("horizontal", ax.get_xlabel()), ("vertical", ax.get_ylabel())):
        if label:
            parts.append(f"{axis} axis: {label}")
    legend = ax.get_legend()
    if legend is not None:
        entries = [t.get_text() for t in legend.get_texts() if t.get_text()]
        if entries:
            parts.append("legend: " + ", ".join(entries))
    title = _title(ax)
    body = "; ".join(parts)
    alt = f"{title}: {body}" if title and body else (title or body)
    return FigureText(_sentence(" ".join(alt.split())), " ".join(details))


def values_text_words(words, limit: int = SHORT_LIST) -> str:
    """Short labels in quotes, the first ``limit`` of them.

    Examples
    --------
    >>> values_text_words(["a", "b"])
    "'a', 'b'"
    """
    shown = ", ".join(f"'{w}'" for w in words[:limit])
    return shown + (f" and {len(words) - limit} more" if len(words) > limit else "")


def _panels(fig) -> list:
    return [ax for ax in fig.axes
            if ax.get_visible() and (ax in _ATTACHED or ax.has_data() or _title(ax)
                                     or _is_colorbar(ax))]


def figure_text(fig) -> FigureText:
    """The text alternative of a whole figure: its own description, or its panels'.

    With several panels the text says how many and then what each shows,
    after the figure's suptitle if it has one.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, (left, right) = plt.subplots(1, 2)
    >>> _ = left.plot([0, 1], [5, 6], label="up"); _ = right.set_title("empty")
    >>> figure_text(fig).alt
    "2 panels. Panel 1: a line 'up' through 2 points, values [5, 6]. Panel 2: empty."
    >>> plt.close(fig)
    """
    own = _ATTACHED.get(fig)
    panels = [describe_axes(ax) for ax in _panels(fig)]
    details = " ".join(p.details for p in panels if p.details)
    if own is not None:
        return FigureText(own.alt, own.details or details)
    suptitle = " ".join(fig.get_suptitle().split())
    head = _sentence(suptitle) + " " if suptitle else ""
    if not panels:
        return FigureText(_sentence(head + "An empty figure"))
    if len(panels) == 1:
        return FigureText(head + panels[0].alt, details)
    described = " ".join(f"Panel {i}: {_sentence(p.alt)}" for i, p in enumerate(panels, start=1))
    return FigureText(f"{head}{len(panels)} panels. {described}", details)


def figure_html(png_base64: str, text: FigureText, width=None, height=None) -> str:
    """An ``<img>`` of the PNG with ``text.alt``, and a ``<details>`` with the long description.

    Examples
    --------
    >>> figure_html("AAAA", FigureText('a "grid"', "row 1: 1, 2."))[:62]
    '<img src="data:image/png;base64,AAAA" alt="a &quot;grid&quot;"'
    """
    size = "".join(f' {name}="{int(value)}"' for name, value in
                   (("width", width), ("height", height)) if value)
    picture = (f'<img src="data:image/png;base64,{png_base64}" '
               f'alt="{html.escape(text.alt, quote=True)}"{size}/>')
    if not text.details:
        return picture
    return (f'{picture}\n<details class="figure-description"><summary>Description of the '
            f"figure, with its numbers</summary><p>{html.escape(text.details)}</p></details>")


def figure_bundle(fig, png_base64=None, png_metadata=None, lead: str = "",
                  text: FigureText | None = None) -> tuple[dict, dict]:
    """A figure as a notebook output's ``data`` and ``metadata`` (PNG, HTML, plain text).

    ``png_base64`` is the picture as already rendered (by IPython's own PNG
    formatter, say); drawn here when omitted. ``lead`` goes before the text
    alternative, to say where the picture is (an explorer's, say). ``text`` is
    the figure's :func:`figure_text` when the caller has it already.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> describe(ax, "Nothing to see: an empty plot.")
    >>> data, metadata = figure_bundle(fig)
    >>> sorted(data), metadata["image/png"]["alt"]
    (['image/png', 'text/html', 'text/plain'], 'Nothing to see: an empty plot.')
    >>> plt.close(fig)
    """
    if png_base64 is None:
        from IPython.core.pylabtools import print_figure

        png_base64 = print_figure(fig, "png", base64=True)
    text = text or figure_text(fig)
    if lead:
        text = FigureText(f"{lead}{text.alt}", text.details)
    metadata = dict(png_metadata or {})
    html_text = figure_html(png_base64, text, metadata.get("width"), metadata.get("height"))
    metadata["alt"] = text.alt
    data = {"image/png": png_base64, "text/html": html_text, "text/plain": repr(fig)}
    return data, {"image/png": metadata}


# The shell's own PNG function for figures, taken out of its image/png formatter.
_PNG_RENDERERS: dict = {}


def _shell_png(shell, fig):
    """The PNG (and metadata) the shell's own formatter makes of ``fig``, or None.

    The function is taken out of the image/png formatter, where the inline
    backend registers it (again at every change of figure formats): left
    there, IPython would render each figure a second time after this module's
    mimebundle, and the second result's metadata would replace the ``alt``.
    """
    from matplotlib.figure import Figure

    registered = shell.display_formatter.formatters["image/png"].pop(Figure, None)
    if registered is not None:  # None: already taken out, or PNGs are not shown
        _PNG_RENDERERS[id(shell)] = registered
    render = _PNG_RENDERERS.get(id(shell))
    return None if render is None else render(fig)


def _mimebundle(fig, include=None, exclude=None):
    """IPython's mimebundle formatter for figures: the PNG the shell would make, with alt."""
    from IPython import get_ipython

    shell = get_ipython()
    png = _shell_png(shell, fig) if shell is not None else None
    if png is None:  # the inline backend is not showing PNGs: leave the figure to it
        return None
    png, metadata = png if isinstance(png, tuple) else (png, {})
    data, metadata = figure_bundle(fig, png, metadata)
    del data["text/plain"]  # IPython's own repr formatter provides it
    return data, metadata


def install(shell=None) -> bool:
    """Make IPython display every Matplotlib figure with its text alternative.

    Returns True when a shell was found and the formatter registered.
    Registering twice is harmless.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    if shell is None or not hasattr(shell, "display_formatter"):
        return False
    shell.display_formatter.mimebundle_formatter.for_type_by_name(
        "matplotlib.figure", "Figure", _mimebundle)
    return True
