"""The border problem (lesson 3): padding modes and output sizes.

A k-wide kernel fits ``n - k + 1`` times along n samples, so every
unpadded convolution shrinks its input. Padding adds a frame first; the
*mode* says what the frame holds. The same five modes go by different names
in NumPy, SciPy and PyTorch: :data:`MODE_NAMES` is the table, and
``tests/test_borders.py`` verifies every row of it by computation.
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import as_real_array, check_choice, check_int

#: Our padding modes and the names other libraries give them (None: not offered).
#: Example row for the samples ``a b c d`` padded by 2 on each side.
MODE_NAMES = {
    "zeros": {
        "example": "0 0 | a b c d | 0 0",
        "numpy.pad": "constant",
        "scipy.ndimage": "constant",
        "scipy.signal": "fill",
        "torch F.pad": "constant",
        "torch Conv2d padding_mode": "zeros",
    },
    "reflect": {
        "example": "c b | a b c d | c b",
        "numpy.pad": "reflect",
        "scipy.ndimage": "mirror",
        "scipy.signal": None,
        "torch F.pad": "reflect",
        "torch Conv2d padding_mode": "reflect",
    },
    "symmetric": {
        "example": "b a | a b c d | d c",
        "numpy.pad": "symmetric",
        "scipy.ndimage": "reflect",
        "scipy.signal": "symm",
        "torch F.pad": None,
        "torch Conv2d padding_mode": None,
    },
    "replicate": {
        "example": "a a | a b c d | d d",
        "numpy.pad": "edge",
        "scipy.ndimage": "nearest",
        "scipy.signal": None,
        "torch F.pad": "replicate",
        "torch Conv2d padding_mode": "replicate",
    },
    "circular": {
        "example": "c d | a b c d | a b",
        "numpy.pad": "wrap",
        "scipy.ndimage": "grid-wrap",
        "scipy.signal": "wrap",
        "torch F.pad": "circular",
        "torch Conv2d padding_mode": "circular",
    },
}

PAD_MODES = tuple(MODE_NAMES)


def _pad_widths(width, ndim: int) -> list[tuple[int, int]]:
    """Normalise ``width`` (int, (before, after), or one pair per axis)."""

    def checked(value):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"width must contain whole numbers, got {value!r}")
        if value < 0:
            raise ValueError(f"width must not be negative, got {value}")
        return int(value)

    if isinstance(width, numbers.Integral) and not isinstance(width, bool):
        return [(checked(width), checked(width))] * ndim
    if isinstance(width, (str, bytes)):
        raise TypeError(f"width must contain whole numbers, got {width!r}")
    try:
        items = list(width)
    except TypeError:
        raise TypeError(
            f"width must be an int, a (before, after) pair, or one pair per axis; got {width!r}"
        ) from None
    if len(items) == 2 and all(isinstance(item, numbers.Number) for item in items):
        return [(checked(items[0]), checked(items[1]))] * ndim
    if len(items) == ndim and all(np.ndim(item) == 1 and len(item) == 2 for item in items):
        return [(checked(before), checked(after)) for before, after in items]
    raise ValueError(
        f"width must be an int, a (before, after) pair, or {ndim} such pairs (one per axis); "
        f"got {width!r}"
    )


def source_index(position: int, size: int, mode: str) -> int | None:
    """Which sample of an axis of ``size`` samples lands at ``position`` after padding.

    ``position`` counts from the first original sample (negative: in the
    frame before it). Returns None for ``zeros`` outside the array.

    Examples
    --------
    >>> [source_index(p, 4, "reflect") for p in range(-3, 7)]
    [3, 2, 1, 0, 1, 2, 3, 2, 1, 0]
    >>> [source_index(p, 4, "symmetric") for p in range(-3, 7)]
    [2, 1, 0, 0, 1, 2, 3, 3, 2, 1]
    """
    if 0 <= position < size:
        return position
    if mode == "zeros":
        return None
    if mode == "replicate":
        return 0 if position < 0 else size - 1
    if mode == "circular":
        return position % size
    if mode == "symmetric":  # mirror that repeats the edge: period 2 * size
        folded = position % (2 * size)
        return folded if folded < size else 2 * size - 1 - folded
    if size == 1:  # reflect: mirror about the edge sample, period 2 * (size - 1)
        return 0
    folded = position % (2 * (size - 1))
    return folded if folded < size else 2 * (size - 1) - folded


def pad_reference(array, width, mode: str = "zeros") -> np.ndarray:
    """Padding by the definition: every output element looked up one at a time.

    Parameters and returns as for :func:`pad`.

    Examples
    --------
    >>> pad_reference([1, 2, 3], 2, mode="replicate")
    array([1., 1., 1., 2., 3., 3., 3.])
    """
    array, widths = _checked(array, width, mode)
    shape = tuple(n + before + after for n, (before, after) in zip(array.shape, widths,
                                                                    strict=True))
    out = np.zeros(shape)
    for position in np.ndindex(*shape):
        sources = [
            source_index(p - before, n, mode)
            for p, n, (before, _) in zip(position, array.shape, widths, strict=True)
        ]
        if None not in sources:
            out[position] = array[tuple(sources)]
    return out


def _checked(array, width, mode):
    array = as_real_array(array, "array", copy=False)  # only read: the result is new
    if array.ndim == 0:
        raise ValueError("array must have at least one dimension, got a single number")
    check_choice(mode, "mode", PAD_MODES)
    return array, _pad_widths(width, array.ndim)


def pad(array, width, mode: str = "zeros") -> np.ndarray:
    """Add a frame of ``width`` samples around an array, filled according to ``mode``.

    Equal to ``numpy.pad`` with the mode named in :data:`MODE_NAMES`
    (``zeros`` is ``constant``, ``replicate`` is ``edge``, ``circular`` is
    ``wrap``); our names are PyTorch's where it has one. A frame wider than
    the array repeats the pattern, as NumPy does (PyTorch's ``F.pad`` refuses
    a ``reflect`` frame as wide as the array and a ``circular`` one wider).

    Parameters
    ----------
    array : array_like, shape (n0, n1, ...)
        Any number of dimensions; integers become float64.
    width : int, (before, after), or one (before, after) pair per axis
        Samples added at each end of each axis; whole numbers >= 0.
    mode : {"zeros", "reflect", "symmetric", "replicate", "circular"}
        ``zeros``: 0. ``reflect``: mirror about the edge sample (``c b | a b c``).
        ``symmetric``: mirror that repeats the edge (``b a | a b c``).
        ``replicate``: the edge sample again. ``circular``: the opposite end.

    Returns
    -------
    ndarray, shape (n0 + before0 + after0, ...), float64

    Examples
    --------
    >>> pad([1, 2, 3, 4], 2, mode="reflect")
    array([3., 2., 1., 2., 3., 4., 3., 2.])
    >>> pad([[1, 2], [3, 4]], 1)
    array([[0., 0., 0., 0.],
           [0., 1., 2., 0.],
           [0., 3., 4., 0.],
           [0., 0., 0., 0.]])
    """
    array, widths = _checked(array, width, mode)
    if mode == "zeros":
        out = np.zeros(tuple(n + b + a for n, (b, a) in zip(array.shape, widths, strict=True)))
        inside = tuple(slice(b, b + n) for n, (b, _) in zip(array.shape, widths, strict=True))
        out[inside] = array
        return out
    # One look-up per axis, computed for all positions at once, then one gather.
    indices = [source_indices(np.arange(-before, n + after), n, mode)
               for n, (before, after) in zip(array.shape, widths, strict=True)]
    return array[np.ix_(*indices)]


def source_indices(positions: np.ndarray, size: int, mode: str) -> np.ndarray:
    """:func:`source_index` of every position at once (not for ``zeros``); inside, p itself.

    Examples
    --------
    >>> source_indices(np.arange(-2, 5), 3, "symmetric")
    array([1, 0, 0, 1, 2, 2, 1])
    """
    if mode == "replicate":
        return np.clip(positions, 0, size - 1)
    if mode == "circular":
        return positions % size
    period = 2 * size if mode == "symmetric" else 2 * (size - 1)
    if period == 0:  # reflect of a single sample
        return np.zeros_like(positions)
    folded = positions % period
    return np.where(folded < size, folded, period - 1 - folded if mode == "symmetric"
                    else period - folded)


def output_size(input_size, kernel_size, stride=1, padding=0, dilation=1, *, strict=True) -> int:
    """Number of positions a kernel takes along one axis.

    ``floor((input_size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1``,
    with ``padding`` added on *each* side, as in PyTorch. With ``stride=1``,
    no padding and no dilation this is ``n - k + 1``.

    Parameters
    ----------
    input_size, kernel_size : int >= 1
    stride : int >= 1
    padding : int >= 0, per side
    dilation : int >= 1
        Spacing between kernel taps: the kernel spans ``dilation * (k - 1) + 1``.
    strict : bool, keyword-only, default True
        If the kernel does not land exactly on the last samples (the steps do
        not divide the room it has), raise a ``ValueError`` that explains why
        and suggests paddings that would fit. ``strict=False`` returns the
        floor instead, dropping the leftover samples as PyTorch does silently.

    Returns
    -------
    int

    Examples
    --------
    >>> output_size(13, 3, stride=2)
    6
    >>> output_size(10, 3, stride=2, strict=False)
    4
    >>> output_size(10, 3, stride=2)
    Traceback (most recent call last):
    ...
    ValueError: kernel_size 3 with stride 2 does not fit input_size 10 (padding 0) ...
    """
    input_size = check_int(input_size, "input_size", minimum=1)
    kernel_size = check_int(kernel_size, "kernel_size", minimum=1)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    dilation = check_int(dilation, "dilation", minimum=1)
    span = dilation * (kernel_size - 1) + 1
    room = input_size + 2 * padding - span  # how far the kernel can travel
    if room < 0:
        raise ValueError(
            f"the kernel spans {span} samples (kernel_size {kernel_size}, dilation {dilation}) "
            f"but the padded input has only {input_size + 2 * padding} "
            f"(input_size {input_size} + 2 * padding {padding}): no output at all"
        )
    if strict and room % stride:
        raise ValueError(_misfit_message(input_size, kernel_size, stride, padding, dilation, room))
    return room // stride + 1


def _misfit_message(input_size, kernel_size, stride, padding, dilation, room) -> str:
    leftover = room % stride
    candidates = [p for p in range(0, padding + stride + 1) if p != padding
                  and (input_size + 2 * p - dilation * (kernel_size - 1) - 1) % stride == 0]
    fitting = sorted(candidates, key=lambda p: (abs(p - padding), p))
    sizes = [n for n in (input_size - leftover, input_size + stride - leftover) if n >= 1]
    advice = (f"Padding {fitting[0]} would fit" if fitting
              else "No padding fits, because 2 * padding is always even")
    samples = "sample" if leftover == 1 else "samples"
    return (
        f"kernel_size {kernel_size} with stride {stride} does not fit input_size "
        f"{input_size} (padding {padding}) a whole number of times: after its first "
        f"position the kernel has {room} samples of room, not a multiple of {stride}, so "
        f"the last {leftover} {samples} would never be covered. {advice}; input sizes "
        f"{' or '.join(map(str, sizes))} would fit. Pass strict=False to drop the "
        "leftover samples, as PyTorch does."
    )


def conv_transpose_output_size(input_size, kernel_size, stride=1, padding=0, output_padding=0,
                               dilation=1) -> int:
    """Number of samples a transposed convolution produces along one axis.

    ``(input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1)
    + output_padding + 1``, as ``torch.nn.ConvTranspose2d``. The input's
    samples stamp the kernel ``stride`` apart: the first stamp covers the
    kernel's span, each further one reaches ``stride`` samples further;
    ``padding`` is then cut from each side and ``output_padding`` added at
    the end.

    Why ``output_padding``: with a stride, several input sizes give the same
    :func:`output_size` (13 and 14 both give 6 for kernel 3, stride 2, with
    ``strict=False``), so going back up from 6 needs to be told which one.
    It must be smaller than the stride or the dilation, as in PyTorch:
    a larger one would add samples that no input size explains.

    Parameters
    ----------
    input_size, kernel_size : int >= 1
    stride, dilation : int >= 1
    padding, output_padding : int >= 0

    Returns
    -------
    int >= 1

    Examples
    --------
    >>> conv_transpose_output_size(6, 3, stride=2)
    13
    >>> conv_transpose_output_size(6, 3, stride=2, output_padding=1)
    14
    >>> conv_transpose_output_size(6, 3, stride=2, output_padding=2)
    Traceback (most recent call last):
    ...
    ValueError: output_padding 2 must be smaller than the stride 2 or the dilation 1 ...
    """
    input_size = check_int(input_size, "input_size", minimum=1)
    kernel_size = check_int(kernel_size, "kernel_size", minimum=1)
    stride = check_int(stride, "stride", minimum=1)
    padding = check_int(padding, "padding", minimum=0)
    output_padding = check_int(output_padding, "output_padding", minimum=0)
    dilation = check_int(dilation, "dilation", minimum=1)
    if output_padding >= stride and output_padding >= dilation:
        raise ValueError(
            f"output_padding {output_padding} must be smaller than the stride {stride} or the "
            f"dilation {dilation} (as in PyTorch): it only chooses between the input sizes "
            "that a strided convolution maps to the same output size"
        )
    size = (input_size - 1) * stride - 2 * padding + dilation * (kernel_size - 1) \
        + output_padding + 1
    if size < 1:
        raise ValueError(
            f"the padding {padding} cuts 2 * {padding} = {2 * padding} samples from each axis, "
            f"but the transposed convolution makes only {size + 2 * padding} "
            f"((input_size {input_size} - 1) * stride {stride} + dilation {dilation} * "
            f"(kernel_size {kernel_size} - 1) + output_padding {output_padding} + 1): "
            "no output is left"
        )
    return size
