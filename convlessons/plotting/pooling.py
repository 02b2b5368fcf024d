"""Figures of lesson 5: pooling windows, pooled features of two images, and pooling gradients."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from .._validation import as_real_array, check_choice
from ..alt_text import describe, range_text, values_text
from ..pooling import POOL_MODES, checked_pool, pool2d
from ..windows import unused_samples
from .images import format_entry

_MODE_NAMES = {"max": "max", "avg": "average", "sum": "sum"}


def _checked_setup(x, kernel_size, stride, mode):
    """The 2-D input, the window and stride pairs, and the output size, checked."""
    values = as_real_array(x, "x", ndim=2)
    check_choice(mode, "mode", POOL_MODES)
    _, _, kernel, stride, _, out_hw = checked_pool(values[None], kernel_size, stride, 0)
    return values, kernel, stride, out_hw


def _size_text(n, k, s, out):
    return f"floor(({n} - {k}) / {s}) + 1 = {out}"


def _window_colour(i, j, ow):
    return plt.get_cmap("tab10")((i * ow + j) % 10)


def _add(ax, patch):
    """Add a patch without recomputing the data limits (add_patch is slow for many)."""
    ax.add_artist(patch)


def _draw_numbers(ax, values, cmap="Blues", numbers=None, fontsize=None):
    """A grid of cells coloured by value, with the values written in."""
    low, high = float(np.min(values)), float(np.max(values))
    if high == low:
        # Equal values have no range of their own: scale from 0, so that a grid of 9s is
        # drawn dark (large) rather than palest, and a grid of 0s pale.
        low, high = min(low, 0.0), max(high, 0.0)
        if high == low:
            high = low + 1.0
    ax.imshow(values, cmap=cmap, vmin=low, vmax=high)
    height, width = values.shape
    if numbers is None:
        numbers = max(height, width) <= 12
    if numbers:
        size = fontsize or (10 if max(height, width) <= 6 else 7)
        for (row, col), value in np.ndenumerate(values):
            dark = (value - low) / (high - low) > 0.6
            ax.text(col, row, format_entry(round(float(value), 2)), ha="center",
                    va="center", fontsize=size, color="white" if dark else "black")
    ax.hlines(np.arange(height + 1) - 0.5, -0.5, width - 0.5, color="white", linewidth=1)
    ax.vlines(np.arange(width + 1) - 0.5, -0.5, height - 0.5, color="white", linewidth=1)
    ax.set_xticks([])
    ax.set_yticks([])


def _outline_windows(ax, kernel, stride, out_hw, position=None):
    """Outline each pooling window (or only the one at ``position``) in its own colour."""
    (kh, kw), (sh, sw), (oh, ow) = kernel, stride, out_hw
    overlapping = sh < kh or sw < kw
    for i in range(oh):
        for j in range(ow):
            if position is not None and (i, j) != tuple(position):
                continue
            # Overlapping windows share edges: inset them by different amounts.
            inset = 0.08 + (0.1 * ((i + j) % 3) if overlapping else 0.0)
            _add(ax, plt.Rectangle(
                (j * sw - 0.5 + inset, i * sh - 0.5 + inset), kw - 2 * inset, kh - 2 * inset,
                fill=False, edgecolor=_window_colour(i, j, ow), linewidth=2.5))


def _mark_winners(ax, values, kernel, stride, out_hw, position=None):
    """Circle the first maximum of each window (the cell that gets its gradient)."""
    (kh, kw), (sh, sw), (oh, ow) = kernel, stride, out_hw
    overlapping = sh < kh or sw < kw
    for i in range(oh):
        for j in range(ow):
            if position is not None and (i, j) != tuple(position):
                continue
            window = values[i * sh : i * sh + kh, j * sw : j * sw + kw]
            a, b = divmod(int(np.argmax(window)), kw)
            # One pixel can win several overlapping windows: concentric rings.
            radius = 0.4 - (0.07 * ((i * ow + j) % 4) if overlapping else 0.0)
            _add(ax, plt.Circle((j * sw + b, i * sh + a), radius, fill=False,
                                    edgecolor=_window_colour(i, j, ow), linewidth=2))


def _cross_out(ax, rows, cols, shape):
    height, width = shape
    for row, col in np.ndindex(height, width):
        if row in rows or col in cols:
            _add(ax, plt.Rectangle((col - 0.5, row - 0.5), 1, 1, facecolor="0.5",
                                       alpha=0.55, hatch="//", edgecolor="tab:red"))


def draw_pooling(x, kernel_size, stride=None, mode="max", position=None, axes=None):
    """The windows of a pooling on a small 2-D array, and the pooled output.

    Left: the input with its numbers, every window outlined in its own colour
    (in max mode the first maximum of each window is circled); pixels that no
    window covers are hatched. Right: the output, each cell framed in the
    colour of its window. The titles give the output size per axis,
    ``floor((n - k) / s) + 1``.

    Parameters
    ----------
    x : array_like, shape (H, W)
        One channel; up to about 12 x 12 to read the numbers.
    kernel_size : int or (int, int)
        The window, at most the size of ``x``.
    stride : int or (int, int), default kernel_size
    mode : {"max", "avg", "sum"}
    position : (int, int), optional
        Outline only the window of this output cell.
    axes : two matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> x = np.arange(16).reshape(4, 4)
    >>> fig = draw_pooling(x, 2)
    >>> [ax.get_title() for ax in fig.axes]
    ['input 4 x 4, 2 x 2 windows, stride 2', 'max pooling: output 2 x 2']
    >>> fig._suptitle.get_text()
    'output size: floor((4 - 2) / 2) + 1 = 2 rows, floor((4 - 2) / 2) + 1 = 2 columns'
    >>> plt.close(fig)
    >>> fig = draw_pooling(np.ones((5, 5)), 2, mode="sum")
    >>> print(fig.axes[0].get_title())
    input 5 x 5, 2 x 2 windows, stride 2
    row 4 and column 4 never covered
    >>> plt.close(fig)
    """
    values, kernel, stride, out_hw = _checked_setup(x, kernel_size, stride, mode)
    pooled = pool2d(values[None], kernel, stride, 0, mode)[0]
    if position is not None:
        i, j = position
        if not (0 <= i < out_hw[0] and 0 <= j < out_hw[1]):
            raise ValueError(f"position must be an output cell inside {out_hw}, got {position}")
    if axes is None:
        height, width = values.shape
        fig, axes = plt.subplots(
            1, 2, figsize=(max(7.5, 3 + 0.6 * (width + out_hw[1])), 1.8 + 0.5 * height),
            constrained_layout=True,
            gridspec_kw={"width_ratios": [width, max(out_hw[1], 0.4 * width)]})
    fig = axes[0].figure
    _draw_numbers(axes[0], values)
    _outline_windows(axes[0], kernel, stride, out_hw, position)
    if mode == "max":
        _mark_winners(axes[0], values, kernel, stride, out_hw, position)
    # Leftovers at the end, and gaps between windows when the stride exceeds the window.
    rows = unused_samples(values.shape[0], kernel[0], stride=stride[0])
    cols = unused_samples(values.shape[1], kernel[1], stride=stride[1])
    _cross_out(axes[0], rows, cols, values.shape)
    title = (f"input {values.shape[0]} x {values.shape[1]}, {kernel[0]} x {kernel[1]} windows, "
             f"stride {stride[0] if stride[0] == stride[1] else stride}")
    missed = []
    if rows:
        missed.append(("row " if len(rows) == 1 else "rows ") + ", ".join(map(str, rows)))
    if cols:
        missed.append(("column " if len(cols) == 1 else "columns ") + ", ".join(map(str, cols)))
    if missed:
        title += f"\n{' and '.join(missed)} never covered"
    axes[0].set_title(title)

    _draw_numbers(axes[1], pooled, cmap="Oranges", numbers=max(out_hw) <= 12)
    for i, j in np.ndindex(*out_hw):
        if position is None or (i, j) == tuple(position):
            _add(axes[1], plt.Rectangle((j - 0.45, i - 0.45), 0.9, 0.9, fill=False,
                                            edgecolor=_window_colour(i, j, out_hw[1]),
                                            linewidth=2.5))
    axes[1].set_title(f"{_MODE_NAMES[mode]} pooling: output {out_hw[0]} x {out_hw[1]}")
    fig.suptitle(f"output size: {_size_text(values.shape[0], kernel[0], stride[0], out_hw[0])} "
                 f"rows, {_size_text(values.shape[1], kernel[1], stride[1], out_hw[1])} "
                 "columns")
    describe(fig, f"{_MODE_NAMES[mode].capitalize()} pooling of a {values.shape[0]} x "
                  f"{values.shape[1]} input, values {range_text(values)}, with {kernel[0]} x "
                  f"{kernel[1]} windows and stride {stride[0]} by {stride[1]}: the output is "
                  f"{out_hw[0]} x {out_hw[1]}, {values_text(pooled)}"
                  + (f"; {' and '.join(missed)} of the input never covered." if missed else "."))
    return fig


def _relative_change(before, after) -> float:
    """``||after - before|| / ||before||``: 0 when equal, about 1.4 for disjoint maps."""
    scale = float(np.linalg.norm(before))
    return float(np.linalg.norm(after - before)) / scale if scale else float("nan")


def _feature_and_pooled(image, kernel, kernel_size, stride):
    from ..images import correlate2d
    from ..pooling import max_pool2d

    feature = np.maximum(correlate2d(image, kernel, mode="same"), 0.0)
    return feature, max_pool2d(feature[None], kernel_size, stride)[0]


def _window_grid(ax, kernel, stride, out_hw):
    """Dashed lines along the edges of non-overlapping pooling windows."""
    (kh, kw), (sh, sw), (oh, ow) = kernel, stride, out_hw
    if sh < kh or sw < kw:
        return
    for i in range(oh):
        for j in range(ow):
            _add(ax, plt.Rectangle((j * sw - 0.5, i * sh - 0.5), kw, kh, fill=False,
                                       edgecolor="tab:cyan", linewidth=1, linestyle="--"))


def draw_pooled_pair(first, second, kernel, kernel_size=2, stride=None,
                     labels=("original", "moved"), axes=None):
    """Two images through the same edge detector, ReLU and max pooling, and what differs.

    Row 1 and 2: each image, its feature map ``max(0, correlate2d(image,
    kernel, mode="same"))`` with the pooling windows dashed, and the max-pooled
    map. Row 3: second minus first, for the images, the feature maps and the
    pooled maps, each titled with the relative change
    ``||second - first|| / ||first||`` (0 % when equal).

    Parameters
    ----------
    first, second : array_like, shape (H, W)
    kernel : array_like, shape (kh, kw)
    kernel_size : int >= 1
        The pooling window.
    stride : int >= 1, default kernel_size
    labels : two str
    axes : 3 x 3 array of matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    A bar whose top edge (row 2) moves down to row 3, inside the same
    2 x 2 windows: the feature maps no longer overlap, the pooled maps agree.

    >>> image = np.zeros((6, 6))
    >>> image[3, 1:5] = 1
    >>> moved = np.roll(image, 1, axis=0)
    >>> fig = draw_pooled_pair(image, moved, [[-1], [0], [1]], kernel_size=2)
    >>> [ax.get_title() for ax in fig.axes[6:9]]
    ['difference of the images', 'feature maps: 141% change', 'pooled: 0% change']
    >>> plt.close(fig)
    """
    from ..windows import pair

    a = as_real_array(first, "first", ndim=2)
    b = as_real_array(second, "second", ndim=2)
    if a.shape != b.shape:
        raise ValueError(f"first and second must have the same shape, got {a.shape} and "
                         f"{b.shape}")
    weights = as_real_array(kernel, "kernel", ndim=2)
    feature_a, pooled_a = _feature_and_pooled(a, weights, kernel_size, stride)
    feature_b, pooled_b = _feature_and_pooled(b, weights, kernel_size, stride)
    window = pair(kernel_size, "kernel_size", 1)
    step = window if stride is None else pair(stride, "stride", 1)
    if axes is None:
        fig, axes = plt.subplots(3, 3, figsize=(10, 10), constrained_layout=True)
    axes = np.asarray(axes)
    fig = axes[0, 0].figure
    feature_top = max(float(feature_a.max()), float(feature_b.max())) or 1.0
    image_top = max(1.0, float(a.max()), float(b.max()))
    for row, (label, image, feature, pooled) in enumerate(
            [(labels[0], a, feature_a, pooled_a), (labels[1], b, feature_b, pooled_b)]):
        axes[row, 0].imshow(image, cmap="gray", vmin=min(0.0, float(image.min())),
                            vmax=image_top)
        axes[row, 0].set_title(label)
        feature_image = axes[row, 1].imshow(feature, cmap="magma", vmin=0, vmax=feature_top)
        _window_grid(axes[row, 1], window, step, pooled.shape)
        axes[row, 1].set_title(f"{label}: edge feature (ReLU)")
        axes[row, 2].imshow(pooled, cmap="magma", vmin=0, vmax=feature_top)
        axes[row, 2].set_title(f"{label}: max pooled {pooled.shape[0]} x {pooled.shape[1]}")
    differences = [(b - a, "difference of the images"),
                   (feature_b - feature_a,
                    f"feature maps: {_relative_change(feature_a, feature_b):.0%} change"),
                   (pooled_b - pooled_a,
                    f"pooled: {_relative_change(pooled_a, pooled_b):.0%} change")]
    # One scale for both map differences, so that their sizes can be compared by eye.
    difference_images = []
    for ax, (difference, title), limit in zip(axes[2], differences,
                                               (image_top, feature_top, feature_top),
                                               strict=True):
        difference_images.append(ax.imshow(difference, cmap="RdBu_r", vmin=-limit, vmax=limit))
        ax.set_title(title)
    fig.colorbar(feature_image, ax=list(axes[:2, 2]), shrink=0.8, label="edge response")
    fig.colorbar(difference_images[0], ax=axes[2, 0], location="bottom", shrink=0.8,
                 label="brightness difference")
    fig.colorbar(difference_images[2], ax=list(axes[2, 1:]), location="bottom", shrink=0.6,
                 label=f"{labels[1]} minus {labels[0]}, edge response")
    for ax in axes.ravel():
        ax.set_xticks([])
        ax.set_yticks([])
    describe(fig, f"Two {a.shape[0]} x {a.shape[1]} images, {labels[0]} and {labels[1]}, each "
                  f"with its edge feature map (ReLU) and that map max pooled to "
                  f"{pooled_a.shape[0]} x {pooled_a.shape[1]}; the bottom row shows the "
                  f"differences: {differences[1][1]}, {differences[2][1]}.")
    return fig


def draw_pool_gradient(x, grad_out, kernel_size, stride=None, mode="max", axes=None):
    """Where the gradient of a pooling goes: input, incoming gradient, gradient passed back.

    Three grids of numbers: the input with its windows outlined (maxima
    circled in max mode), the gradient arriving at the output, and
    :func:`convlessons.pooling.pool2d_backward`, the gradient with respect to
    the input, with the windows outlined again. Overlapping windows add up
    where they share a pixel.

    Parameters
    ----------
    x : array_like, shape (H, W)
    grad_out : array_like, shape of the pooled output
    kernel_size, stride, mode
        As for :func:`draw_pooling`.
    axes : three matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_pool_gradient([[1, 3], [4, 2]], [[10]], 2)
    >>> fig.axes[2].get_title()
    'gradient to the input, sum = 10'
    >>> plt.close(fig)
    """
    from ..pooling import pool2d_backward

    values, kernel, stride, out_hw = _checked_setup(x, kernel_size, stride, mode)
    grad = as_real_array(grad_out, "grad_out", ndim=2)
    if grad.shape != out_hw:
        raise ValueError(f"grad_out must have the output's shape {out_hw}, got {grad.shape}")
    grad_in = pool2d_backward(values[None], grad[None], kernel, stride, mode=mode)[0]
    if axes is None:
        height, width = values.shape
        fig, axes = plt.subplots(
            1, 3, figsize=(3 + 0.6 * (2 * width + out_hw[1]), 1.4 + 0.55 * height),
            constrained_layout=True,
            gridspec_kw={"width_ratios": [width, max(out_hw[1], 0.4 * width), width]})
    fig = axes[0].figure
    _draw_numbers(axes[0], values)
    _outline_windows(axes[0], kernel, stride, out_hw)
    if mode == "max":
        _mark_winners(axes[0], values, kernel, stride, out_hw)
    axes[0].set_title(f"input, {_MODE_NAMES[mode]} pooling {kernel[0]} x {kernel[1]}, "
                      f"stride {stride[0] if stride[0] == stride[1] else stride}")
    _draw_numbers(axes[1], grad, cmap="Greens")
    for i, j in np.ndindex(*out_hw):
        _add(axes[1], plt.Rectangle((j - 0.45, i - 0.45), 0.9, 0.9, fill=False,
                                        edgecolor=_window_colour(i, j, out_hw[1]),
                                        linewidth=2.5))
    axes[1].set_title("gradient at the output")
    _draw_numbers(axes[2], grad_in, cmap="Greens")
    _outline_windows(axes[2], kernel, stride, out_hw)
    axes[2].set_title(
        f"gradient to the input, sum = {format_entry(round(float(grad_in.sum()), 3))}")
    describe(fig, f"The gradient of {_MODE_NAMES[mode]} pooling ({kernel[0]} x {kernel[1]} "
                  f"windows) on a {values.shape[0]} x {values.shape[1]} input: the gradient "
                  f"at the output, {values_text(grad)}, goes back to the input as "
                  f"{values_text(grad_in, limit=16)}, sum "
                  f"{format_entry(round(float(grad_in.sum()), 3))}.")
    return fig


__all__ = ["draw_pool_gradient", "draw_pooled_pair", "draw_pooling"]
