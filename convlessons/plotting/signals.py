"""Figures of lesson 1: signals, and one step of flip and slide."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validation import as_real_array
from ..alt_text import describe, values_text
from ..signals import convolve1d, correlate1d, output_sample_terms
from ._common import KERNEL_COLOUR, OUTPUT_COLOUR, SIGNAL_COLOUR, new_axes


def plot_signal(signal, ax=None, label=None, colour=SIGNAL_COLOUR, start=0, marker="o"):
    """Draw a 1-D signal as a stem plot: one stem per sample.

    Parameters
    ----------
    signal : array_like, shape (n,)
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when omitted.
    label : str, optional
        Legend entry.
    colour : str
        Matplotlib colour of stems and markers.
    start : int
        Index of the first sample on the horizontal axis.
    marker : str
        Matplotlib marker of the stem heads.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_signal([1, 3, 2], label="x")
    >>> len(fig.axes)
    1
    >>> plt.close(fig)
    """
    values = as_real_array(signal, "signal", ndim=1)
    fig, ax = new_axes(ax)
    positions = np.arange(start, start + len(values))
    markerline, stemlines, _ = ax.stem(positions, values, label=label, basefmt=" ")
    plt.setp(markerline, color=colour, marker=marker)
    plt.setp(stemlines, color=colour)
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel("index")
    if label is not None:
        ax.legend(loc="best")
    name = f"'{label}'" if label else "a signal"
    describe(ax, f"{name} as stems at indices {start} to {start + len(values) - 1}, "
                 f"values {values_text(values)}.")
    return fig


def plot_signals(signals: dict, ax=None, title=None, styles=None):
    """Overlay several signals of any lengths as lines with sample markers.

    Parameters
    ----------
    signals : dict of str to array_like
        Legend label to 1-D signal; each is drawn from index 0.
    ax : matplotlib Axes, optional
    title : str, optional
    styles : dict of str to dict, optional
        Extra keyword arguments for ``ax.plot``, per label.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_signals({"a": [1, 2, 3], "b": [2, 2]}, title="two signals")
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['a', 'b']
    >>> plt.close(fig)
    """
    if not isinstance(signals, dict) or not signals:
        raise TypeError("signals must be a non-empty dict mapping a label to a 1-D signal")
    styles = styles or {}
    fig, ax = new_axes(ax)
    for label, signal in signals.items():
        values = as_real_array(signal, f"signals[{label!r}]", ndim=1)
        style = {"marker": "o", "markersize": 4}
        style.update(styles.get(label, {}))
        ax.plot(np.arange(len(values)), values, label=label, **style)
    ax.set_xlabel("index")
    ax.legend(loc="best")
    if title:
        ax.set_title(title)
    return fig


def draw_slide(f, g, k, mode="full", operation="convolution", axes=None):
    """Picture of one step of "flip and slide": how output sample ``k`` is formed.

    Top: the signal, with the (flipped, for convolution) kernel laid over the
    positions it covers for sample ``k``. Bottom: the whole output, samples
    before ``k`` solid, sample ``k`` highlighted, later ones faint.

    Parameters
    ----------
    f : array_like, shape (n,)
    g : array_like, shape (m,)
    k : int
        Output index, ``0 <= k < output_length(n, m, mode)``.
    mode : {"full", "same", "valid"}
    operation : {"convolution", "correlation"}
    axes : pair of matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_slide([1, 2, 3], [1, 1], k=1)
    >>> fig.axes[1].get_title()
    'y[1] = 1×1 + 2×1 = 3'
    >>> plt.close(fig)
    """
    sample = output_sample_terms(f, g, k, mode, operation)
    f = as_real_array(f, "f", ndim=1)
    g = as_real_array(g, "g", ndim=1)
    outputs = (convolve1d if operation == "convolution" else correlate1d)(f, g, mode)
    if axes is None:
        fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 5), constrained_layout=True)
    else:
        top, bottom = axes
        fig = top.figure

    low = min(0, int(sample.positions[0])) - 1
    high = max(len(f), int(sample.positions[-1]) + 1)
    top.bar(np.arange(len(f)), f, color=SIGNAL_COLOUR, alpha=0.35, width=0.8, label="signal f")
    top.plot(sample.positions, sample.weights, "s--", color=KERNEL_COLOUR,
             label="kernel, flipped" if operation == "convolution" else "kernel")
    for position, _, _ in sample.terms:
        top.axvspan(position - 0.4, position + 0.4, color=KERNEL_COLOUR, alpha=0.15)
    top.set_xlim(low, high)
    top.axhline(0, color="0.6", linewidth=0.8)
    top.set_xlabel("signal index")
    top.legend(loc="upper left", fontsize="small")
    top.set_title(f"{operation}, mode={mode!r}: the kernel covers positions "
                  f"{int(sample.positions[0])} to {int(sample.positions[-1])}")

    indices = np.arange(len(outputs))
    done = indices < k
    bottom.plot(indices[done], np.asarray(outputs)[done], "o", color=OUTPUT_COLOUR)
    bottom.plot(indices[k + 1:], np.asarray(outputs)[k + 1:], "o", color=OUTPUT_COLOUR, alpha=0.2)
    # A larger diamond, not only another colour: red and green look alike to many.
    bottom.plot([k], [sample.value], "D", color="tab:red", markersize=10)
    bottom.axhline(0, color="0.6", linewidth=0.8)
    bottom.set_xlim(-1, max(len(outputs), 2))
    bottom.set_xlabel("output index")
    bottom.set_title(format_sample(sample))
    laid = "flipped kernel" if operation == "convolution" else "kernel"
    describe(fig, f"{operation.capitalize()}, mode '{mode}', output sample {k}. Top: the "
                  f"signal {values_text(f)} as bars, with the {laid} "
                  f"{values_text(sample.weights)} over positions {int(sample.positions[0])} "
                  f"to {int(sample.positions[-1])}. Bottom: the output so far, "
                  f"{values_text(np.asarray(outputs)[:k]) if k else 'nothing yet'}, and the "
                  f"current sample, marked larger: {format_sample(sample)}.")
    return fig


def _number(x: float, bracket_negative: bool = False) -> str:
    text = str(int(x)) if np.isfinite(x) and x == int(x) else f"{x:.3g}"
    return f"({text})" if bracket_negative and x < 0 else text


def format_sample(sample) -> str:
    """The sum behind one output sample, written out, e.g. ``y[1] = 1×1 + 2×1 = 3``.

    Parameters
    ----------
    sample : SampleTerms
        From :func:`convlessons.signals.output_sample_terms`.

    Returns
    -------
    str

    Examples
    --------
    >>> from convlessons.signals import output_sample_terms
    >>> format_sample(output_sample_terms([4, 5], [0.5, 0.5], k=0))
    'y[0] = 4×0.5 = 2'
    """
    products = " + ".join(
        f"{_number(x, True)}×{_number(w, True)}" for _, x, w in sample.terms
    )
    return f"y[{sample.index}] = {products or '0'} = {_number(sample.value)}"
