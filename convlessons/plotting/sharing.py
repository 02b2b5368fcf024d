"""Figures of lesson 4: neurons that share one kernel, and the matrix of that layer."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import colormaps

from .._validation import as_real_array, check_int
from ._common import KERNEL_COLOUR, new_axes
from .images import format_entry

SECOND_COLOUR = "tab:purple"


def _output_position(row, col, output_shape, names=("row", "col")):
    """Check that ``(row, col)`` is a pixel of a valid output of ``output_shape``."""
    checked = []
    for value, size, name in zip((row, col), output_shape, names, strict=True):
        value = check_int(value, name, minimum=0)
        if value >= size:
            raise ValueError(
                f"{name} must be below {size}, the number of output "
                f"{'rows' if name == names[0] else 'columns'} (valid correlation), got {value}"
            )
        checked.append(value)
    return tuple(checked)


def checked_image_and_kernel(image, kernel):
    """A 2-D image and a 2-D kernel that fits inside it, as float arrays.

    Examples
    --------
    >>> image, kernel = checked_image_and_kernel(np.zeros((4, 4)), [[1, 0], [0, 1]])
    >>> image.shape, kernel.dtype
    ((4, 4), dtype('float64'))
    """
    values = as_real_array(image, "image", ndim=2)
    weights = as_real_array(kernel, "kernel", ndim=2)
    if weights.shape[0] > values.shape[0] or weights.shape[1] > values.shape[1]:
        raise ValueError(f"the kernel {weights.shape} must fit inside the image {values.shape}")
    return values, weights


def _weights(count: int, adjective: str = "distinct") -> str:
    return f"{count} {adjective} weight" + ("" if count == 1 else "s")


def _outline(ax, top, left, height, width, colour, linewidth=3.0):
    ax.add_patch(plt.Rectangle((left - 0.5, top - 0.5), width, height, fill=False,
                               edgecolor=colour, linewidth=linewidth))


def _slot_colours(count: int):
    """One distinct colour per kernel weight (qualitative maps while they last)."""
    if count <= 10:
        return [colormaps["tab10"](i) for i in range(count)]
    if count <= 20:
        return [colormaps["tab20"](i) for i in range(count)]
    return [colormaps["viridis"](i / (count - 1)) for i in range(count)]


def draw_conv_matrix(kernel, input_shape, row=None, ax=None, numbers=None, title=None):
    """The dense matrix of a shared-weight layer, one colour per shared weight.

    Draws :func:`convlessons.sharing.conv_matrix` as an image: empty (zero)
    entries white, and every entry that holds a kernel weight coloured by
    *which* weight it is, so the same colour means the same parameter.

    Parameters
    ----------
    kernel : array_like, shape (kH, kW)
    input_shape : (H, W)
    row : int, optional
        A row of the matrix (an output pixel ``i * OW + j``) to outline.
    ax : matplotlib Axes, optional
    numbers : bool, optional
        Write the weights in their cells; by default when the matrix has at
        most 40 columns and 40 rows.
    title : str, optional
        Defaults to the shape and the parameter count.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_conv_matrix(np.arange(1, 10).reshape(3, 3), (4, 4))
    >>> fig.axes[0].get_title()
    '4 x 16 matrix: 36 weighted entries, 9 distinct weights'
    >>> plt.close(fig)
    """
    from ..sharing import conv_matrix

    weights = as_real_array(kernel, "kernel", ndim=2)
    matrix = conv_matrix(weights, input_shape)
    kh, kw = weights.shape
    height, width = (int(n) for n in input_shape)
    out_w = width - kw + 1
    # The same layer with the weights numbered 1..kH*kW tells which weight sits where.
    slots = conv_matrix(np.arange(1, kh * kw + 1).reshape(kh, kw), input_shape).astype(int)
    rows, cols = matrix.shape
    if row is not None:
        row = check_int(row, "row", minimum=0)
        if row >= rows:
            raise ValueError(f"row must be below {rows}, the number of matrix rows, got {row}")
    picture = np.ones((rows, cols, 3))
    for index, colour in enumerate(_slot_colours(kh * kw), start=1):
        picture[slots == index] = _lighten(colour, 0.2)
    if row is not None:
        # Fade every other row, so the outlined one stands out.
        faded = np.ones(rows, dtype=bool)
        faded[row] = False
        picture[faded] = 0.35 * picture[faded] + 0.65
    cell = min(0.3, 13.0 / cols, 9.0 / rows)
    fig, ax = new_axes(ax, figsize=(max(4.0, cell * cols + 1.5), max(2.0, cell * rows + 1.4)))
    ax.imshow(picture, interpolation="nearest", aspect="equal")
    if numbers is None:
        numbers = rows <= 40 and cols <= 40
    if numbers:
        for r, c in zip(*np.nonzero(slots), strict=True):
            ax.text(c, r, format_entry(round(float(matrix[r, c]), 2)), ha="center",
                    va="center", fontsize=6.5)
        ax.set_xticks(np.arange(cols + 1) - 0.5, minor=True)
        ax.set_yticks(np.arange(rows + 1) - 0.5, minor=True)
        ax.grid(which="minor", color="0.85", linewidth=0.5)
        ax.tick_params(which="minor", length=0)
    # Major ticks where a new image row (columns) or output row (rows) begins.
    ax.set_xticks(np.arange(0, cols, width), [f"x[{r},0]" for r in range(height)], fontsize=7)
    ax.set_yticks(np.arange(0, rows, out_w), [f"y[{i},0]" for i in range(rows // out_w)],
                  fontsize=7)
    ax.set_xlabel(f"column r * {width} + c: input pixel x[r, c]")
    ax.set_ylabel(f"row i * {out_w} + j:\noutput y[i, j]")
    if row is not None:
        _outline(ax, row, 0, 1, cols, "black", linewidth=1.5)
    if title is None:
        title = (f"{rows} x {cols} matrix: {rows * kh * kw} weighted entries, "
                 f"{_weights(kh * kw)}")
    ax.set_title(title)
    return fig


def _number_grid(ax, values, title, tints=None):
    """Numbers on a white grid; ``tints`` maps (row, col) to a cell colour."""
    picture = np.ones((*values.shape, 3))
    for (r, c), colour in (tints or {}).items():
        picture[r, c] = _lighten(colour)
    ax.imshow(picture, interpolation="nearest", aspect="equal")
    for (r, c), value in np.ndenumerate(values):
        ax.text(c, r, format_entry(round(float(value), 3)), ha="center", va="center",
                fontsize=11)
    ax.set_xticks(np.arange(values.shape[1] + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(values.shape[0] + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="0.7", linewidth=0.8)
    ax.tick_params(which="minor", length=0)
    ax.set_xticks(range(values.shape[1]))
    ax.set_yticks(range(values.shape[0]))
    ax.tick_params(labelsize=8, length=0)
    ax.set_title(title)


def _lighten(colour, amount=0.45):
    """Mix a colour with white, so that black numbers stay readable on it."""
    return (1 - amount) * np.asarray(colour[:3]) + amount


def _kernel_tints(kh, kw, top=0, left=0):
    """Colour of weight (a, b), placed at (top + a, left + b)."""
    colours = _slot_colours(kh * kw)
    return {(top + a, left + b): colours[a * kw + b] for a in range(kh) for b in range(kw)}


def draw_two_neurons(image, kernel, first, second, axes=None):
    """Two neurons of a shared-weight layer: their patches, their one kernel, their outputs.

    Neuron a reads the patch whose top-left pixel is ``first`` (outlined in
    orange), neuron b the patch at ``second`` (purple); both weigh their
    patch with the same kernel, and their values are the output pixels
    ``y[first]`` and ``y[second]`` of ``correlate2d(image, kernel, "valid")``.

    Parameters
    ----------
    image : array_like, shape (H, W)
        Small enough to read its numbers (up to about 8 x 8).
    kernel : array_like, shape (kH, kW)
    first, second : (int, int)
        Output pixels (equivalently, top-left corners of the patches).
    axes : three matplotlib Axes, optional

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_two_neurons(np.arange(16).reshape(4, 4), np.ones((3, 3)), (0, 0), (1, 1))
    >>> fig.axes[2].get_title()
    'a = y[0, 0] = 45,  b = y[1, 1] = 90'
    >>> plt.close(fig)
    """
    from ..images import correlate2d

    values, weights = checked_image_and_kernel(image, kernel)
    output = correlate2d(values, weights, "valid")
    kh, kw = weights.shape
    first = _output_position(*first, output.shape, names=("first[0]", "first[1]"))
    second = _output_position(*second, output.shape, names=("second[0]", "second[1]"))
    if axes is None:
        fig, axes = plt.subplots(1, 3, figsize=(12, 4), constrained_layout=True,
                                 gridspec_kw={"width_ratios": [values.shape[1], kw,
                                                               output.shape[1]]})
    fig = axes[0].figure
    _number_grid(axes[0], values, "image: patch A (orange), patch B (purple)")
    _number_grid(axes[1], weights, "the shared kernel W = V", _kernel_tints(kh, kw))
    _number_grid(axes[2], output, (
        f"a = y[{first[0]}, {first[1]}] = {format_entry(round(float(output[first]), 3))},  "
        f"b = y[{second[0]}, {second[1]}] = {format_entry(round(float(output[second]), 3))}"))
    for (top, left), colour, width in ((first, KERNEL_COLOUR, 4.0), (second, SECOND_COLOUR, 2.5)):
        _outline(axes[0], top, left, kh, kw, colour, linewidth=width)
        _outline(axes[2], top, left, 1, 1, colour, linewidth=width)
    return fig


def draw_shared_position(image, kernel, row, col, axes=None):
    """One output pixel of a shared-weight layer, seen as a patch and as a matrix row.

    Top: the image with the patch of output pixel ``(row, col)`` outlined and
    each of its pixels tinted with the colour of the weight that multiplies
    it, the kernel in those colours, and the output
    ``correlate2d(image, kernel, "valid")`` with that pixel outlined. Bottom:
    :func:`draw_conv_matrix` with the matching row ``row * OW + col``
    outlined: the same weights, in the same colours, on the columns of the
    patch's pixels.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel : array_like, shape (kH, kW), fitting inside the image
    row, col : int
        The output pixel, ``0 <= row < H - kH + 1`` and ``0 <= col < W - kW + 1``.
    axes : four matplotlib Axes, optional
        Image, kernel, output, matrix.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = draw_shared_position(np.arange(16).reshape(4, 4), [[1, -1]], 3, 2)
    >>> fig.axes[2].get_title(), fig.axes[3].get_title()
    ('y[3, 2] = -1', 'row 3 * 3 + 2 = 11 of the 12 x 16 matrix, 2 shared weights')
    >>> plt.close(fig)
    """
    from ..images import correlate2d

    values, weights = checked_image_and_kernel(image, kernel)
    output = correlate2d(values, weights, "valid")
    row, col = _output_position(row, col, output.shape)
    kh, kw = weights.shape
    out_h, out_w = output.shape
    if axes is None:
        fig = plt.figure(figsize=(12, 8.5), constrained_layout=True)
        grid = fig.add_gridspec(2, 3, height_ratios=[1, 1.1],
                                width_ratios=[values.shape[1], max(kw, 2), out_w])
        axes = [fig.add_subplot(grid[0, i]) for i in range(3)]
        axes.append(fig.add_subplot(grid[1, :]))
    fig = axes[0].figure
    _number_grid(axes[0], values, f"image, patch of y[{row}, {col}]",
                 _kernel_tints(kh, kw, row, col))
    _outline(axes[0], row, col, kh, kw, KERNEL_COLOUR, linewidth=4.0)
    _number_grid(axes[1], weights, "shared kernel", _kernel_tints(kh, kw))
    _number_grid(axes[2], output,
                 f"y[{row}, {col}] = {format_entry(round(float(output[row, col]), 3))}")
    _outline(axes[2], row, col, 1, 1, KERNEL_COLOUR, linewidth=4.0)
    index = row * out_w + col
    draw_conv_matrix(weights, values.shape, row=index, ax=axes[3], title=(
        f"row {row} * {out_w} + {col} = {index} of the {out_h * out_w} x {values.size} "
        f"matrix, {_weights(kh * kw, 'shared')}"))
    return fig
