"""Figures used by the lessons, so that a notebook shows only the code that teaches.

Every function draws on a Matplotlib ``Axes`` (a new figure when none is
given) and returns the figure, so a lesson can end the cell with
``plt.show()``.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ._validation import as_real_array
from .signals import output_length, output_sample_terms

SIGNAL_COLOUR = "tab:blue"
KERNEL_COLOUR = "tab:orange"
OUTPUT_COLOUR = "tab:green"


def _new_axes(ax, figsize=(8, 3)):
    if ax is None:
        fig, ax = plt.subplots(figsize=figsize)
        return fig, ax
    return ax.figure, ax


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
    fig, ax = _new_axes(ax)
    positions = np.arange(start, start + len(values))
    markerline, stemlines, _ = ax.stem(positions, values, label=label, basefmt=" ")
    plt.setp(markerline, color=colour, marker=marker)
    plt.setp(stemlines, color=colour)
    ax.axhline(0, color="0.6", linewidth=0.8)
    ax.set_xlabel("index")
    if label is not None:
        ax.legend(loc="best")
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
    fig, ax = _new_axes(ax)
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
    outputs = [
        output_sample_terms(f, g, index, mode, operation).value
        for index in range(output_length(len(f), len(g), mode))
    ]
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
    bottom.plot([k], [sample.value], "o", color="tab:red", markersize=10)
    bottom.axhline(0, color="0.6", linewidth=0.8)
    bottom.set_xlim(-1, max(len(outputs), 2))
    bottom.set_xlabel("output index")
    bottom.set_title(format_sample(sample))
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


# --- images (lessons 2 and 3) -------------------------------------------------


def show_image(image, ax=None, title=None, signed=None, colorbar=False):
    """Draw a grayscale image; signed results on a blue-white-red scale centred at 0.

    Parameters
    ----------
    image : array_like, shape (H, W)
    ax : matplotlib Axes, optional
    title : str, optional
    signed : bool, optional
        Show negative values in blue and positive in red, 0 in white, with
        limits symmetric about 0 (for edge detectors). By default: True when
        the image has negative values.
    colorbar : bool
        Add a colour bar.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = show_image([[0, -1], [1, 0]], title="signed")
    >>> fig.axes[0].images[0].get_cmap().name
    'RdBu_r'
    >>> plt.close(fig)
    """
    values = as_real_array(image, "image", ndim=2)
    fig, ax = _new_axes(ax, figsize=(5, 5))
    if signed is None:
        # Rounding (an FFT, say) can leave -1e-17 in a non-negative image: not "signed".
        signed = bool(values.min() < -1e-9 * max(1.0, float(np.abs(values).max())))
    if signed:
        limit = float(np.abs(values).max()) or 1.0
        shown = ax.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit)
    elif values.min() >= 0 and values.max() <= 1:
        shown = ax.imshow(values, cmap="gray", vmin=0, vmax=1)
    else:
        shown = ax.imshow(values, cmap="gray")
    if colorbar:
        fig.colorbar(shown, ax=ax, shrink=0.8)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    return fig


def _format_entry(value: float) -> str:
    if np.isfinite(value) and value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0")


def show_kernel(kernel, ax=None, title=None):
    """Draw a small kernel as a grid of coloured cells with its numbers written in.

    Parameters
    ----------
    kernel : array_like, shape (kh, kw)
    ax : matplotlib Axes, optional
    title : str, optional
        Defaults to the kernel's sum.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = show_kernel([[0, -1, 0], [-1, 5, -1], [0, -1, 0]])
    >>> fig.axes[0].get_title(), len(fig.axes[0].texts)
    ('sum = 1', 9)
    >>> plt.close(fig)
    """
    values = as_real_array(kernel, "kernel", ndim=2)
    fig, ax = _new_axes(ax, figsize=(3, 3))
    limit = float(np.abs(values).max()) or 1.0
    ax.imshow(values, cmap="RdBu_r", vmin=-limit, vmax=limit)
    for (row, col), value in np.ndenumerate(values):
        # White text where the cell colour is dark enough to hide black text.
        colour = "white" if abs(value) > 0.6 * limit else "black"
        ax.text(col, row, _format_entry(value), ha="center", va="center", fontsize=10,
                color=colour)
    ax.set_xticks([])
    ax.set_yticks([])
    total = float(values.sum())
    ax.set_title(title if title is not None else f"sum = {_format_entry(round(total, 3))}")
    return fig


def draw_kernel_result(image, kernel, axes=None):
    """The photograph, the kernel, and the photograph convolved with the kernel.

    The result is computed with ``convolve2d(image, kernel, mode="same",
    boundary="symm")`` (mirrored borders, so no dark frame; see lesson 3) and
    shown on a signed scale when the kernel sums to about 0 (edge detectors).

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel : array_like, shape (kh, kw)
    axes : three matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_kernel_result(np.eye(6), [[0, 0, 0], [0, 1, 0], [0, 0, 0]])
    >>> [ax.get_title() for ax in fig.axes]
    ['image', 'kernel, sum = 1', 'result: range 0 to 1']
    >>> plt.close(fig)
    """
    from .images import convolve2d

    values = as_real_array(image, "image", ndim=2)
    weights = as_real_array(kernel, "kernel", ndim=2)
    result = convolve2d(values, weights, mode="same", boundary="symm")
    if axes is None:
        fig, axes = plt.subplots(1, 3, figsize=(11, 4), constrained_layout=True,
                                 gridspec_kw={"width_ratios": [4, 2, 4]})
    fig = axes[0].figure
    show_image(values, ax=axes[0], title="image")
    total = round(float(weights.sum()), 3)
    show_kernel(weights, ax=axes[1], title=f"kernel, sum = {_format_entry(total)}")
    show_image(result, ax=axes[2], signed=abs(total) < 1e-9,
               title=f"result: range {_format_entry(round(float(result.min()), 2))} "
                     f"to {_format_entry(round(float(result.max()), 2))}")
    return fig


def draw_padding(image, width, mode="zeros", kernel_size=3, ax=None):
    """An image with its padded frame, the original outlined, sizes in the title.

    Parameters
    ----------
    image : array_like, shape (H, W)
    width : int >= 0
        Padding on each side.
    mode : {"zeros", "reflect", "symmetric", "replicate", "circular"}
    kernel_size : int >= 1
        A square kernel whose stride-1 output size is reported.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_padding(np.ones((10, 10)), 1, "zeros", kernel_size=3)
    >>> fig.axes[0].get_title()
    'zeros padding, width 1: 10 x 10 -> 12 x 12; a 3 x 3 kernel gives 10 x 10'
    >>> plt.close(fig)
    """
    from .borders import output_size, pad

    values = as_real_array(image, "image", ndim=2)
    padded = pad(values, width, mode)
    fig, ax = _new_axes(ax, figsize=(5, 5))
    ax.imshow(padded, cmap="gray", vmin=0, vmax=max(1.0, float(padded.max())))
    height, breadth = values.shape
    ax.add_patch(plt.Rectangle((width - 0.5, width - 0.5), breadth, height,
                               fill=False, edgecolor="tab:orange", linewidth=2))
    ax.set_xticks([])
    ax.set_yticks([])
    rows, cols = padded.shape
    try:
        out = (f"a {kernel_size} x {kernel_size} kernel gives "
               f"{output_size(rows, kernel_size)} x {output_size(cols, kernel_size)}")
    except ValueError:
        out = f"a {kernel_size} x {kernel_size} kernel does not fit"
    ax.set_title(f"{mode} padding, width {width}: {height} x {breadth} -> {rows} x {cols}; {out}")
    return fig


def draw_patch_product(image, kernel, row, col, operation="convolution", axes=None):
    """One output pixel of a 2-D convolution, taken apart: patch, kernel, Hadamard product.

    Four panels of numbers: the image with the patch under the kernel
    outlined (centred on ``(row, col)``, the kernel's centre at offset
    (0, 0)); the patch; the kernel as it is laid on the patch (flipped on
    both axes for convolution, as printed for correlation); and their
    element-wise product, whose sum is the output pixel ``y[row, col]``.

    Parameters
    ----------
    image : array_like, shape (H, W)
        Small enough to read its numbers (up to about 8 x 8).
    kernel : array_like, shape (kh, kw)
        Odd sizes only, so that it has a centre.
    row, col : int
        The output pixel; the whole patch must lie inside the image.
    operation : {"convolution", "correlation"}
    axes : four matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    A 1 just right of the kernel's centre picks, once flipped, the pixel on
    the left: ``y[2, 2] = image[2, 1] = 11``.

    >>> image = np.arange(25).reshape(5, 5)
    >>> fig = draw_patch_product(image, [[0, 0, 0], [0, 0, 1], [0, 0, 0]], 2, 2)
    >>> fig.axes[3].get_title()
    'product, sum = 11'
    >>> plt.close(fig)
    """
    from ._validation import check_choice, check_int

    values = as_real_array(image, "image", ndim=2)
    weights = as_real_array(kernel, "kernel", ndim=2)
    check_choice(operation, "operation", ("convolution", "correlation"))
    row = check_int(row, "row", minimum=0)
    col = check_int(col, "col", minimum=0)
    kh, kw = weights.shape
    if kh % 2 == 0 or kw % 2 == 0:
        raise ValueError(f"kernel must have odd sizes so that it has a centre, got {weights.shape}")
    top, left = row - kh // 2, col - kw // 2
    if top < 0 or left < 0 or top + kh > values.shape[0] or left + kw > values.shape[1]:
        raise ValueError(
            f"the {kh} x {kw} patch centred on ({row}, {col}) must lie inside the image "
            f"of shape {values.shape}; pick a pixel at least {kh // 2} rows and "
            f"{kw // 2} columns from the border"
        )
    patch = values[top : top + kh, left : left + kw]
    laid = weights[::-1, ::-1] if operation == "convolution" else weights
    product = patch * laid
    if axes is None:
        fig, axes = plt.subplots(1, 4, figsize=(12, 3.6), constrained_layout=True,
                                 gridspec_kw={"width_ratios": [values.shape[1], kw, kw, kw]})
    fig = axes[0].figure
    show_kernel(values, ax=axes[0], title=f"image, patch around ({row}, {col})")
    axes[0].add_patch(plt.Rectangle((left - 0.5, top - 0.5), kw, kh, fill=False,
                                    edgecolor="tab:orange", linewidth=3))
    show_kernel(patch, ax=axes[1], title="patch")
    show_kernel(laid, ax=axes[2], title="kernel, flipped" if operation == "convolution"
                else "kernel, not flipped")
    show_kernel(product, ax=axes[3],
                title=f"product, sum = {_format_entry(round(float(product.sum()), 3))}")
    return fig


def draw_window_positions(n, k, stride=1, ax=None):
    """Every position of a ``k``-wide window on ``n`` samples, one row per position.

    Row ``p`` shows the samples as numbered cells, with the window's cells
    (``p * stride`` to ``p * stride + k - 1``) in orange. Samples that no
    position covers (when the stride does not divide ``n - k``) are red in
    every row. The number of rows is ``floor((n - k) / stride) + 1``, which
    is ``n - k + 1`` for stride 1.

    Parameters
    ----------
    n : int >= 1
        Number of samples.
    k : int, 1 <= k <= n
        Width of the window (the kernel).
    stride : int >= 1
        Step between positions.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_window_positions(5, 3)
    >>> fig.axes[0].get_title()
    'window of 3 on 5 samples, stride 1: 3 positions'
    >>> fig.axes[0].images[0].get_array().shape  # (positions, samples)
    (3, 5)
    >>> plt.close(fig)
    >>> fig = draw_window_positions(10, 3, stride=2)
    >>> fig.axes[0].get_title()
    'window of 3 on 10 samples, stride 2: 4 positions, sample 9 never covered'
    >>> plt.close(fig)
    """
    from matplotlib.colors import ListedColormap

    from .borders import output_size

    count = output_size(n, k, stride=stride, strict=False)
    grid = np.zeros((count, n))
    for position in range(count):
        grid[position, position * stride : position * stride + k] = 1
    missed = [int(i) for i in np.flatnonzero(grid.sum(axis=0) == 0)]
    grid[:, missed] = 2
    fig, ax = _new_axes(ax, figsize=(max(4.0, 0.45 * n + 1.5), 0.45 * count + 1.2))
    colours = ListedColormap(["0.93", KERNEL_COLOUR, "tab:red"])
    ax.imshow(grid, cmap=colours, vmin=0, vmax=2, aspect="equal")
    for (row, col), _ in np.ndenumerate(grid):
        ax.text(col, row, str(col), ha="center", va="center", fontsize=8)
    ax.set_xticks(np.arange(n + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(count + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.set_xticks([])
    ax.set_yticks(np.arange(count), [f"position {p}" for p in range(count)])
    ax.set_xlabel("sample index")
    title = f"window of {k} on {n} samples, stride {stride}: {count} positions"
    if missed:
        samples = "sample" if len(missed) == 1 else "samples"
        title += f", {samples} {', '.join(map(str, missed))} never covered"
    ax.set_title(title)
    return fig
