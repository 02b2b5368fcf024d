"""Kernel-sized windows of a batch of images: where they sit, how many, and views of them.

Convolution layers and pooling both slide a window over ``(N, C, H, W)``
batches with a stride, a padding and (for convolution) a dilation. This
module holds what the two share: reading the arguments as PyTorch does
(:func:`pair`, :func:`as_batch`), the output size (:func:`output_hw`), the
padded batch (:func:`pad_hw`), every window as a view without copying
(:func:`windows`), and, one axis at a time, where the kernel's taps land
(:func:`axis_geometry`, :func:`tap_positions`, :func:`unused_samples`).
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ._validation import as_real_array, check_int
from .borders import output_size


def pair(value, name: str, minimum: int) -> tuple[int, int]:
    """An int or a pair of ints, as PyTorch accepts for stride, padding, dilation.

    Examples
    --------
    >>> pair(2, "stride", minimum=1), pair((1, 3), "stride", minimum=1)
    ((2, 2), (1, 3))
    >>> pair(0, "stride", minimum=1)
    Traceback (most recent call last):
    ...
    ValueError: stride must be at least 1, got 0
    """
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        value = check_int(value, name, minimum)
        return value, value
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return (check_int(value[0], name, minimum), check_int(value[1], name, minimum))
    raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")


def real_keeping_float32(value, name: str) -> np.ndarray:
    """``value`` as a real array, not copied: float32 stays float32, anything else float64.

    A subclass of ndarray (a matrix, a masked array) comes back as a plain ndarray.

    Examples
    --------
    >>> real_keeping_float32(np.ones(2, dtype=np.float32), "x").dtype
    dtype('float32')
    >>> real_keeping_float32([1, 2], "x").dtype
    dtype('float64')
    """
    array = np.asarray(value) if isinstance(value, np.ndarray) else value
    if isinstance(array, np.ndarray) and array.dtype == np.float32:
        return array
    return as_real_array(array, name, copy=False)


def as_batch(x, name: str = "x") -> tuple[np.ndarray, bool]:
    """``x`` as a numeric 4-D batch, and whether it came unbatched (3-D).

    Examples
    --------
    >>> batch, unbatched = as_batch(np.zeros((3, 5, 5)))
    >>> batch.shape, unbatched
    ((1, 3, 5, 5), True)
    """
    array = real_keeping_float32(x, name)
    if array.ndim == 3:
        return array[None], True
    if array.ndim != 4:
        raise ValueError(
            f"{name} must be 4-D (N, C, H, W) or 3-D (C, H, W), got shape {array.shape}"
        )
    if 0 in array.shape:
        raise ValueError(f"{name} must not have an empty axis, got shape {array.shape}")
    return array, False


def unbatch(out: np.ndarray, unbatched: bool) -> np.ndarray:
    """``out`` without its batch axis when the input came without one (see :func:`as_batch`).

    Examples
    --------
    >>> unbatch(np.zeros((1, 2, 3, 3)), True).shape, unbatch(np.zeros((1, 2, 3, 3)), False).shape
    ((2, 3, 3), (1, 2, 3, 3))
    """
    return out[0] if unbatched else out


def checked_grad(grad_out, expected_shape, unbatched: bool, dtype) -> np.ndarray:
    """The output gradient given to a backward pass, checked and as a batch of ``dtype``.

    ``expected_shape`` is the forward output's batched shape (N, C, OH, OW);
    after an unbatched forward the gradient may come unbatched, (C, OH, OW).
    Strings, complex numbers and other non-numbers are refused by name, like
    a shape that is not the forward output's.

    Examples
    --------
    >>> checked_grad(np.ones((2, 3, 3)), (1, 2, 3, 3), True, np.float32).shape
    (1, 2, 3, 3)
    >>> checked_grad(np.ones((2, 3)), (1, 2, 3, 3), True, np.float64)
    Traceback (most recent call last):
    ...
    ValueError: grad_out must have the shape of the forward output, (1, 2, 3, 3), got (2, 3)
    """
    grad = real_keeping_float32(grad_out, "grad_out")
    if unbatched and grad.ndim == 3:
        grad = grad[None]
    if grad.shape != tuple(expected_shape):
        raise ValueError(f"grad_out must have the shape of the forward output, "
                         f"{tuple(expected_shape)}, got {grad.shape}")
    return grad.astype(dtype, copy=False)


def output_hw(in_hw, kernel_hw, stride, padding, dilation) -> tuple[int, int]:
    """Output height and width, with PyTorch's floor; a kernel wider than the padded input raises.

    Parameters
    ----------
    in_hw, kernel_hw, stride, padding, dilation : pairs of int
        ``padding`` on each side.

    Examples
    --------
    >>> output_hw((13, 10), (3, 3), (2, 2), (0, 0), (1, 1))
    (6, 4)
    >>> output_hw((4, 4), (3, 3), (1, 1), (0, 0), (2, 2))
    Traceback (most recent call last):
    ...
    ValueError: the kernel spans 5 pixels along H (kernel 3, dilation 2) but the padded input ...
    """
    sizes = []
    for axis, n, k, s, p, d in zip("HW", in_hw, kernel_hw, stride, padding, dilation,
                                   strict=True):
        span = d * (k - 1) + 1
        if span > n + 2 * p:
            raise ValueError(
                f"the kernel spans {span} pixels along {axis} (kernel {k}, dilation {d}) but "
                f"the padded input has only {n + 2 * p} ({n} + 2 * padding {p})"
            )
        sizes.append(output_size(n, k, s, p, d, strict=False))
    return tuple(sizes)


def pad_hw(x: np.ndarray, padding, value=0.0) -> np.ndarray:
    """``x`` (N, C, H, W) with ``padding = (ph, pw)`` rows and columns of ``value`` on each side.

    Returns ``x`` itself when there is nothing to pad (callers never write into it).

    Examples
    --------
    >>> pad_hw(np.ones((1, 1, 1, 2)), (1, 0), value=-1.0)[0, 0]
    array([[-1., -1.],
           [ 1.,  1.],
           [-1., -1.]])
    """
    ph, pw = padding
    if ph == pw == 0:
        return x
    return np.pad(x, ((0, 0), (0, 0), (ph, ph), (pw, pw)), constant_values=value)


def windows(x_padded, kernel_hw, stride, dilation, out_hw) -> np.ndarray:
    """Every kernel-sized window of a padded batch, as a view (no copy).

    Parameters
    ----------
    x_padded : ndarray, shape (N, C, Hp, Wp)
    kernel_hw, stride, dilation, out_hw : pairs of int

    Returns
    -------
    ndarray, shape (N, C, OH, OW, kH, kW)
        ``[n, c, i, j]`` is the window whose top-left corner is at
        ``(i * stride_h, j * stride_w)``, its taps ``dilation`` apart.

    Examples
    --------
    >>> x = np.arange(16.0).reshape(1, 1, 4, 4)
    >>> windows(x, (2, 2), (2, 2), (1, 1), (2, 2))[0, 0, 1, 0]
    array([[ 8.,  9.],
           [12., 13.]])
    """
    (kh, kw), (sh, sw), (dh, dw), (oh, ow) = kernel_hw, stride, dilation, out_hw
    span = (dh * (kh - 1) + 1, dw * (kw - 1) + 1)
    view = sliding_window_view(x_padded, span, axis=(2, 3))
    return view[:, :, : sh * (oh - 1) + 1 : sh, : sw * (ow - 1) + 1 : sw, ::dh, ::dw]


# --- one axis at a time: where the taps land ------------------------------------


def axis_geometry(input_size, kernel_size, padding, stride, dilation):
    """The five numbers of one axis of a layer, checked, and how many positions they give.

    Returns
    -------
    (input_size, kernel_size, padding, stride, dilation, count)
        ``count`` is the output size with PyTorch's floor.

    Examples
    --------
    >>> axis_geometry(10, 3, 0, 2, 1)
    (10, 3, 0, 2, 1, 4)
    """
    input_size = check_int(input_size, "input_size", 1)
    kernel_size = check_int(kernel_size, "kernel_size", 1)
    padding = check_int(padding, "padding", 0)
    stride = check_int(stride, "stride", 1)
    dilation = check_int(dilation, "dilation", 1)
    count = output_size(input_size, kernel_size, stride, padding, dilation, strict=False)
    return input_size, kernel_size, padding, stride, dilation, count


def tap_slices(kernel_hw, stride, dilation, out_hw):
    """``(a, b, rows, cols)`` for every tap of the kernel, row by row: the pixels of a padded
    image that tap ``(a, b)`` reads at every window position, as two slices.

    ``image[..., rows, cols]`` has shape (..., OH, OW) and, unlike
    :func:`windows`, can be written through: adjoints (col2im, pooling's
    backward) add each tap's values back this way.

    Examples
    --------
    >>> [(a, b, rows, cols) for a, b, rows, cols in tap_slices((1, 2), (2, 2), (1, 3), (2, 2))]
    [(0, 0, slice(0, 3, 2), slice(0, 3, 2)), (0, 1, slice(0, 3, 2), slice(3, 6, 2))]
    """
    (kh, kw), (sh, sw), (dh, dw), (oh, ow) = kernel_hw, stride, dilation, out_hw
    for a in range(kh):
        for b in range(kw):
            yield (a, b, slice(a * dh, a * dh + sh * (oh - 1) + 1, sh),
                   slice(b * dw, b * dw + sw * (ow - 1) + 1, sw))


def tap_positions(kernel_size, stride, dilation, count) -> np.ndarray:
    """Padded indices of every kernel tap: row p holds the taps of position p.

    Returns
    -------
    ndarray of int, shape (count, kernel_size)

    Examples
    --------
    >>> tap_positions(3, 2, 1, 2)
    array([[0, 1, 2],
           [2, 3, 4]])
    """
    return np.arange(count)[:, None] * stride + dilation * np.arange(kernel_size)


def unused_samples(input_size, kernel_size, padding=0, stride=1, dilation=1) -> list[int]:
    """Input samples on which no tap of any kernel position ever lands.

    Positions are counted with the floor (``strict=False``), as PyTorch
    does; two things leave samples unused: a stride that does not fit (the
    last samples are dropped) and a dilation that steps over samples the
    stride never brings a tap back to.

    Parameters
    ----------
    input_size, kernel_size : int >= 1
    padding : int >= 0, per side
    stride, dilation : int >= 1

    Returns
    -------
    list of int
        Indices in the unpadded input, ascending.

    Examples
    --------
    >>> unused_samples(10, 3, stride=2)        # the floor drops the last sample
    [9]
    >>> unused_samples(9, 3, stride=2, dilation=2)  # taps only ever land on even samples
    [1, 3, 5, 7]
    >>> unused_samples(13, 3, stride=2)
    []
    """
    input_size, kernel_size, padding, stride, dilation, count = axis_geometry(
        input_size, kernel_size, padding, stride, dilation)
    taps = tap_positions(kernel_size, stride, dilation, count).ravel() - padding
    used = np.zeros(input_size, dtype=bool)
    used[taps[(taps >= 0) & (taps < input_size)]] = True
    return [int(i) for i in np.flatnonzero(~used)]
