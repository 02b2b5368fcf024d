"""Figures of lesson 6: channels, filters, volumes, and the grid of kernel positions."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import LinearSegmentedColormap, ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon, Rectangle

from .._validation import as_real_array, check_int
from ..alt_text import describe
from ..sharing import conv_parameter_count
from ..windows import axis_geometry, tap_positions, unused_samples
from ._common import KERNEL_COLOUR, OUTPUT_COLOUR, new_axes
from .images import show_image, show_kernel

#: Cell codes of the position pictures, and their colours and legend entries.
_IDLE, _PADDING, _TAP, _GAP, _UNUSED = range(5)
_CELL_COLOURS = ListedColormap(["0.93", "#cfe3f5", KERNEL_COLOUR, "#fdd9b5", "tab:red"])
_CELL_NAMES = {_PADDING: "padding (zeros)", _TAP: "kernel tap", _GAP: "skipped by dilation",
               _UNUSED: "never used"}


def _legend(ax, codes, extra=(), names=None) -> None:
    names = _CELL_NAMES | (names or {})
    present = [code for code in _CELL_NAMES if code in codes]
    handles = [Patch(facecolor=_CELL_COLOURS(code), edgecolor="0.6", label=names[code])
               for code in present]
    handles += list(extra)
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False)


def _plural(items, word) -> str:
    return f"{word}{'' if len(items) == 1 else 's'} {', '.join(map(str, items))}"


def draw_axis_positions(input_size, kernel_size, padding=0, stride=1, dilation=1, ax=None):
    """Every position of a kernel along one axis, with padding, stride and dilation.

    One row per position, one cell per sample of the *padded* axis, numbered
    as in the input (the padding gets negative numbers and numbers from
    ``input_size`` on). A row shows the taps of its position in orange, the
    samples that dilation steps over in light orange, the padding in light
    blue; input samples that no position ever uses are red in every row,
    also inside a span. Positions are
    counted with the floor, as PyTorch does:
    ``floor((input_size + 2 padding - span) / stride) + 1`` with the span
    ``dilation * (kernel_size - 1) + 1``.

    Parameters
    ----------
    input_size, kernel_size : int >= 1
    padding : int >= 0, per side
    stride, dilation : int >= 1
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        When the kernel's span is larger than the padded input (no position).

    Examples
    --------
    >>> fig = draw_axis_positions(10, 3, stride=2)
    >>> fig.axes[0].get_title()
    'input 10, kernel 3, padding 0, stride 2, dilation 1: 4 positions; sample 9 never used'
    >>> fig.axes[0].images[0].get_array().shape  # (positions, padded samples)
    (4, 10)
    >>> plt.close(fig)
    """
    input_size, kernel_size, padding, stride, dilation, count = axis_geometry(
        input_size, kernel_size, padding, stride, dilation)
    size = input_size + 2 * padding
    span = dilation * (kernel_size - 1) + 1
    grid = np.full((count, size), _IDLE)
    grid[:, :padding] = _PADDING
    grid[:, padding + input_size:] = _PADDING
    taps = tap_positions(kernel_size, stride, dilation, count)
    for position in range(count):
        grid[position, taps[position, 0] : taps[position, 0] + span] = _GAP
        grid[position, taps[position]] = _TAP
    # Last, so that a sample no tap ever lands on is red in every row, also where it lies
    # inside a span (it is never a tap, so no tap is painted over).
    unused = unused_samples(input_size, kernel_size, padding, stride, dilation)
    grid[:, [padding + i for i in unused]] = _UNUSED
    fig, ax = new_axes(ax, figsize=(max(5.0, 0.42 * size + 3.0), 0.42 * count + 1.3))
    ax.imshow(grid, cmap=_CELL_COLOURS, vmin=0, vmax=len(_CELL_NAMES), aspect="equal")
    for (row, col), _ in np.ndenumerate(grid):
        ax.text(col, row, str(col - padding), ha="center", va="center", fontsize=7)
    ax.set_xticks(np.arange(size + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(count + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.set_xticks([])
    ax.set_yticks(np.arange(count), [f"position {p}" for p in range(count)], fontsize=8)
    ax.set_xlabel("sample index" if padding == 0 else
                  f"sample index (padding: below 0 and from {input_size} on)")
    title = (f"input {input_size}, kernel {kernel_size}, padding {padding}, stride {stride}, "
             f"dilation {dilation}: {count} position{'' if count == 1 else 's'}")
    if unused:
        title += f"; {_plural(unused, 'sample')} never used"
    ax.set_title(title, fontsize=10)
    _legend(ax, set(np.unique(grid).tolist()))
    describe(ax, f"{title}. One row per position of the kernel along an input of "
                 f"{input_size} samples padded to {size}; each row marks the kernel's "
                 f"{kernel_size} taps.",
             "; ".join(f"position {p} takes samples "
                       + ", ".join(str(t - padding) for t in taps[p]) for p in range(count)) + ".")
    return fig


def draw_layer_grid(input_size, kernel_size, padding=0, stride=1, dilation=1, ax=None):
    """The grid of kernel positions on a square input, seen from above.

    The padded input is drawn cell by cell (padding light blue). Each
    position of the kernel is one black dot at the centre of its window, so
    the dots form the ``O x O`` grid of output pixels. The taps of the first
    window are orange, those of the last window are outlined in green, and
    rows and columns that no window uses are red.

    Parameters
    ----------
    input_size, kernel_size : int >= 1
        Of the square input and the square kernel.
    padding : int >= 0, per side
    stride, dilation : int >= 1
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        When the kernel's span is larger than the padded input.

    Examples
    --------
    >>> fig = draw_layer_grid(13, 3, stride=2)
    >>> fig.axes[0].get_title().splitlines()[1]
    'output 6 x 6 (one dot per position, at the centre of its window)'
    >>> len(fig.axes[0].collections[0].get_offsets())  # 6 x 6 dots
    36
    >>> plt.close(fig)
    """
    input_size, kernel_size, padding, stride, dilation, count = axis_geometry(
        input_size, kernel_size, padding, stride, dilation)
    size = input_size + 2 * padding
    span = dilation * (kernel_size - 1) + 1
    grid = np.full((size, size), _PADDING)
    grid[padding : padding + input_size, padding : padding + input_size] = _IDLE
    missed = unused_samples(input_size, kernel_size, padding, stride, dilation)
    unused = [padding + i for i in missed]  # rows and columns of the padded grid
    inside = slice(padding, padding + input_size)
    grid[unused, inside] = _UNUSED
    grid[inside, unused] = _UNUSED
    taps = tap_positions(kernel_size, stride, dilation, count)
    grid[np.ix_(taps[0], taps[0])] = _TAP
    fig, ax = new_axes(ax, figsize=(max(4.5, 0.3 * size + 3.5), max(3.5, 0.3 * size + 1.2)))
    ax.imshow(grid, cmap=_CELL_COLOURS, vmin=0, vmax=len(_CELL_NAMES))
    ax.set_xticks(np.arange(size + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(size + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=1)
    ax.tick_params(which="minor", length=0)
    ax.set_xticks([])
    ax.set_yticks([])
    if count > 1:
        for row in taps[-1]:
            for col in taps[-1]:
                ax.add_patch(Rectangle((col - 0.45, row - 0.45), 0.9, 0.9, fill=False,
                                       edgecolor=OUTPUT_COLOUR, linewidth=2))
    centres = np.arange(count) * stride + (span - 1) / 2
    rows, cols = np.meshgrid(centres, centres, indexing="ij")
    ax.scatter(cols.ravel(), rows.ravel(), s=max(6.0, 60.0 / max(1, size / 10)), color="black",
               zorder=3)
    ax.set_xlabel("column of the padded input")
    ax.set_ylabel("row of the padded input")
    ax.set_title(
        f"{input_size} x {input_size} input, padding {padding}, {kernel_size} x {kernel_size} "
        f"kernel, dilation {dilation} (span {span}), stride {stride}\n"
        f"output {count} x {count} (one dot per position, at the centre of its window)",
        fontsize=10)
    extra = [Line2D([], [], marker="o", color="black", linestyle="none",
                    label="centre of a window")]
    if count > 1:
        extra.append(Patch(facecolor="none", edgecolor=OUTPUT_COLOUR, linewidth=2,
                           label="last window"))
    _legend(ax, set(np.unique(grid).tolist()), extra, {_TAP: "taps of the first window"})
    describe(ax, f"A {input_size} x {input_size} input with padding {padding}, seen from "
                 f"above, under a {kernel_size} x {kernel_size} kernel with dilation "
                 f"{dilation} (span {span}) and stride {stride}: {count} x {count} positions, "
                 f"one dot at the centre of each window, so the output is {count} x {count}"
                 + (f"; rows and columns {', '.join(map(str, missed))} are "
                    "never used." if missed else "."))
    return fig


def show_channels(stack, names=None, colours=None, axes=None, colorbar=False):
    """Each channel of a ``(C, H, W)`` stack as its own picture, side by side.

    Parameters
    ----------
    stack : array_like, shape (C, H, W)
        Channels first, as the layers take them.
    names : list of C str, optional
        Panel titles; by default ``channel 0``, ``channel 1``, ...
    colours : list of C Matplotlib colours, optional
        Draw channel c from black (0) to ``colours[c]`` (1 or the maximum),
        as for the red, green and blue planes of a photograph. By default
        every channel is drawn as by :func:`show_image` (gray, or blue-white-red
        when it has negative values).
    axes : C matplotlib Axes, optional
    colorbar : bool, default False
        Give each panel its own colour bar (each channel has its own scale).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = show_channels(np.zeros((3, 4, 5)), names=["R", "G", "B"],
    ...                     colours=["red", "green", "blue"])
    >>> [ax.get_title() for ax in fig.axes]
    ['R', 'G', 'B']
    >>> plt.close(fig)
    """
    values = as_real_array(stack, "stack", ndim=3)
    channels = values.shape[0]
    names = [f"channel {c}" for c in range(channels)] if names is None else list(names)
    for label, given in (("names", names), ("colours", colours)):
        if given is not None and len(given) != channels:
            raise ValueError(f"{label} must have one entry per channel ({channels}), "
                             f"got {len(given)}")
    if axes is None:
        _, axes = plt.subplots(1, channels, figsize=(3.2 * channels, 3.4), squeeze=False,
                                 constrained_layout=True)
        axes = axes[0]
    axes = list(np.ravel(axes))
    if len(axes) != channels:
        raise ValueError(f"axes must hold one Axes per channel ({channels}), got {len(axes)}")
    for channel, ax in enumerate(axes):
        if colours is None:
            show_image(values[channel], ax=ax, title=names[channel], colorbar=colorbar)
            continue
        ramp = LinearSegmentedColormap.from_list(f"black to {colours[channel]}",
                                                 ["black", colours[channel]])
        top = max(1.0, float(values[channel].max()))
        image = ax.imshow(values[channel], cmap=ramp, vmin=0, vmax=top)
        if colorbar:
            ax.figure.colorbar(image, ax=ax, shrink=0.8)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_title(names[channel])
    return axes[0].figure


def draw_filter_sum(x, weight, bias=0.0, axes=None):
    """One filter on a multi-channel input, taken apart channel by channel.

    Row c shows input channel c, the filter's kernel c, and their valid
    cross-correlation; the last column shows the sum of the rows plus the
    bias: the feature map, equal to ``conv2d(x, weight[None], [bias])[0]``.
    Small arrays (at most 8 x 8) are drawn with their numbers written in.

    Parameters
    ----------
    x : array_like, shape (C, H, W)
    weight : array_like, shape (C, kH, kW)
        One filter: a kernel per input channel.
    bias : float
    axes : array of matplotlib Axes, shape (C, 4), optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> x = np.arange(18.0).reshape(2, 3, 3)
    >>> fig = draw_filter_sum(x, np.ones((2, 2, 2)), bias=1)
    >>> fig.axes[3].get_title()  # row 0: channel, kernel, correlation, (empty)
    ''
    >>> fig.axes[7].get_title(), fig.axes[7].images[0].get_array().tolist()
    ('sum + bias 1 = feature map', [[53.0, 61.0], [77.0, 85.0]])
    >>> plt.close(fig)
    """
    from ..images import correlate2d

    values = as_real_array(x, "x", ndim=3)
    weights = as_real_array(weight, "weight", ndim=3)
    if values.shape[0] != weights.shape[0]:
        raise ValueError(f"x has {values.shape[0]} channels but weight has "
                         f"{weights.shape[0]} kernels; a filter needs one kernel per channel")
    if any(k > n for k, n in zip(weights.shape[1:], values.shape[1:], strict=True)):
        raise ValueError(f"each kernel {weights.shape[1:]} must fit inside a channel "
                         f"{values.shape[1:]}")
    bias = float(bias)
    maps = [correlate2d(channel, kernel, mode="valid")
            for channel, kernel in zip(values, weights, strict=True)]
    total = np.sum(maps, axis=0) + bias
    channels = values.shape[0]
    if axes is None:
        _, axes = plt.subplots(channels, 4, figsize=(11, 2.6 * channels + 0.2),
                                 squeeze=False, constrained_layout=True)
    axes = np.asarray(axes).reshape(channels, 4)
    small = max(values.shape[1:]) <= 8

    def draw(array, ax, title):
        if small:
            show_kernel(array, ax=ax, title=title)
        else:
            show_image(array, ax=ax, title=title)

    for channel in range(channels):
        draw(values[channel], axes[channel, 0], f"input channel {channel}")
        show_kernel(weights[channel], ax=axes[channel, 1], title=f"kernel {channel}")
        draw(maps[channel], axes[channel, 2], f"kernel {channel} on channel {channel}")
        axes[channel, 3].axis("off")
    middle = axes[channels // 2, 3]
    middle.axis("on")
    draw(total, middle, f"sum + bias {bias:g} = feature map")
    return axes[0, 0].figure


def _box(ax, x0, y0, width, height, depth, faces, edge, alpha=1.0, zorder=1, linewidth=1.0):
    """A box in oblique projection: front face, top face and right face."""
    dx, dy = depth
    front = [(x0, y0), (x0 + width, y0), (x0 + width, y0 + height), (x0, y0 + height)]
    top = [(x0, y0 + height), (x0 + width, y0 + height),
           (x0 + width + dx, y0 + height + dy), (x0 + dx, y0 + height + dy)]
    side = [(x0 + width, y0), (x0 + width + dx, y0 + dy),
            (x0 + width + dx, y0 + height + dy), (x0 + width, y0 + height)]
    for corners, face in zip((top, side, front), faces, strict=True):
        ax.add_patch(Polygon(corners, closed=True, facecolor=face, edgecolor=edge,
                             alpha=alpha, zorder=zorder, linewidth=linewidth))


def _volume(ax, x0, channels, height, width, unit, faces, lines):
    """A (channels, height, width) volume: front face gridded, channel slices marked."""
    slope = np.array([0.6, 0.45]) * unit
    _box(ax, x0, 0, width, height, channels * slope, faces, "0.3", zorder=1)
    if max(height, width) <= 24:
        for col in range(1, width):
            ax.plot([x0 + col, x0 + col], [0, height], color="0.75", lw=0.5, zorder=2)
        for row in range(1, height):
            ax.plot([x0, x0 + width], [row, row], color="0.75", lw=0.5, zorder=2)
    if channels <= 16:
        for c in range(1, channels):
            dx, dy = c * slope
            ax.plot([x0 + dx, x0 + width + dx, x0 + width + dx],
                    [height + dy, height + dy, dy], color=lines, lw=0.7, zorder=2)
    return slope


def draw_volumes(input_shape, out_channels, kernel_size, stride=1, dilation=1, position=(0, 0),
                 ax=None):
    """A convolutional layer as two volumes: one filter's window and one depth column.

    The input ``(C_in, H, W)`` and output ``(C_out, OH, OW)`` are drawn as
    boxes whose depth is the number of channels (slices drawn when there are
    at most 16). At output pixel ``position`` the window of the filters is
    shown in the input (orange: its taps on the front channel, and the prism
    through every input channel, since a filter has a kernel for each), and
    the depth column in the output (green: one value per filter). No padding.

    Parameters
    ----------
    input_shape : (C_in, H, W)
    out_channels : int >= 1
        The number of filters: the depth of the output.
    kernel_size : int >= 1
    stride, dilation : int >= 1
    position : (row, col)
        An output pixel.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_volumes((3, 8, 8), 4, 3, position=(2, 3))
    >>> fig.axes[0].get_title()
    '4 filters of shape (3, 3, 3): weight (4, 3, 3, 3), 4 * (3 * 3 * 3 + 1) = 112 parameters'
    >>> plt.close(fig)
    """
    from ..borders import output_size

    if np.ndim(input_shape) != 1 or len(input_shape) != 3:
        raise ValueError(f"input_shape must be (C_in, H, W), got {input_shape!r}")
    in_channels = check_int(input_shape[0], "input_shape[0] (C_in)", 1)
    height = check_int(input_shape[1], "input_shape[1] (H)", 1)
    width = check_int(input_shape[2], "input_shape[2] (W)", 1)
    out_channels = check_int(out_channels, "out_channels", 1)
    kernel_size = check_int(kernel_size, "kernel_size", 1)
    stride = check_int(stride, "stride", 1)
    dilation = check_int(dilation, "dilation", 1)
    out_h = output_size(height, kernel_size, stride, 0, dilation, strict=False)
    out_w = output_size(width, kernel_size, stride, 0, dilation, strict=False)
    if np.ndim(position) != 1 or len(position) != 2:
        raise ValueError(f"position must be a (row, col) pair, got {position!r}")
    row = check_int(position[0], "position[0] (row)", 0)
    col = check_int(position[1], "position[1] (col)", 0)
    if row >= out_h or col >= out_w:
        raise ValueError(f"position {(row, col)} is outside the {out_h} x {out_w} output")

    fig, ax = new_axes(ax, figsize=(11, 5))
    unit = min(1.0, 10.0 / max(in_channels, out_channels)) * max(height, width) / 8
    span = dilation * (kernel_size - 1) + 1

    # Input volume; image rows count downwards from the top of the front face.
    slope_in = _volume(ax, 0, in_channels, height, width, unit,
                       ("#e4e4e4", "#d0d0d0", "#f4f4f4"), "0.55")
    top, left = height - row * stride, col * stride
    for i in range(kernel_size):
        for j in range(kernel_size):
            ax.add_patch(Rectangle((left + j * dilation, top - i * dilation - 1), 1, 1,
                                   facecolor=KERNEL_COLOUR, edgecolor="0.3", lw=0.5, zorder=3))
    _box(ax, left, top - span, span, span, in_channels * slope_in,
         (KERNEL_COLOUR, KERNEL_COLOUR, "none"), KERNEL_COLOUR, alpha=0.35, zorder=4)

    # Output volume, to the right.
    x_out = width + in_channels * slope_in[0] + max(3.0, 0.4 * width)
    slope_out = _volume(ax, x_out, out_channels, out_h, out_w, unit,
                        ("#dcecdc", "#c6e0c6", "#eef6ee"), "0.55")
    cell_y = out_h - row - 1
    _box(ax, x_out + col, cell_y, 1, 1, out_channels * slope_out,
         (OUTPUT_COLOUR, OUTPUT_COLOUR, OUTPUT_COLOUR), "darkgreen", alpha=0.6, zorder=4)
    for (xa, ya), (xb, yb) in [((left, top), (x_out + col, cell_y + 1)),
                               ((left + span, top - span), (x_out + col + 1, cell_y))]:
        ax.plot([xa, xb], [ya, yb], color="0.4", ls="--", lw=1, zorder=5)

    ax.text(width / 2, -0.8, f"input: {in_channels} x {height} x {width}\n"
            "(channels x height x width)", ha="center", va="top", fontsize=10)
    ax.text(x_out + out_w / 2, -0.8, f"output: {out_channels} x {out_h} x {out_w}\n"
            f"depth column at ({row}, {col}): {out_channels} values", ha="center", va="top",
            fontsize=10)
    count = conv_parameter_count(in_channels, out_channels, kernel_size)
    ax.set_title(f"{out_channels} filters of shape ({in_channels}, {kernel_size}, "
                 f"{kernel_size}): weight ({out_channels}, {in_channels}, {kernel_size}, "
                 f"{kernel_size}), {out_channels} * ({in_channels} * {kernel_size} * "
                 f"{kernel_size} + 1) = {count} parameters", fontsize=10)
    describe(ax, f"A convolutional layer as two boxes. Input {in_channels} x {height} x "
                 f"{width} (channels x height x width), with the {kernel_size} x "
                 f"{kernel_size} window of output pixel ({row}, {col}) marked through all "
                 f"{in_channels} channels; output {out_channels} x {out_h} x {out_w}, with "
                 f"its depth column of {out_channels} values at ({row}, {col}). "
                 f"{out_channels} filters of shape ({in_channels}, {kernel_size}, "
                 f"{kernel_size}): {count} parameters.")
    ax.set_aspect("equal")
    ax.autoscale_view()
    ax.axis("off")
    return fig
