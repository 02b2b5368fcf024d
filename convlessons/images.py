"""Convolution and cross-correlation of 2-D images (lesson 2).

The public functions behave exactly like :func:`scipy.signal.convolve2d` and
:func:`scipy.signal.correlate2d`: same modes, same boundaries, same fill
value, same centring for ``mode="same"`` (even and non-square kernels
included). Unlike SciPy, integer images (uint8 photographs) are converted to
float64 first, so the arithmetic cannot overflow.

* ``*_reference``: a loop over output pixels, the formula as written;
* the public functions: shifted slices of a padded image for small kernels,
  the FFT for large ones (the crossover is measured by
  ``benchmarks/bench_images.py``).
"""

from __future__ import annotations

import numbers

import numpy as np

from ._validation import as_real_array, check_choice
from .borders import source_indices
from .signals import MODES, next_fast_length

#: Boundary names, with the aliases SciPy also accepts.
BOUNDARIES = {"fill": "fill", "pad": "fill", "wrap": "wrap", "circular": "wrap",
              "symm": "symm", "symmetric": "symm"}

_NUMPY_PAD_MODE = {"fill": "constant", "wrap": "wrap", "symm": "symmetric"}

# Rough costs measured on a 2-core machine (benchmarks/bench_images.py): the
# shifted-slice method pays per kernel tap and output pixel; the FFT pays per
# pixel of the padded image, whatever the kernel.
_SLICE_COST = (5.0, 0.0008)  # microseconds per tap, and per tap and pixel
_FFT_COST = (50.0, 0.037)  # microseconds, and per padded pixel
# Band buffers of at most 32768 float64 (256 KiB): small enough to stay in
# the processor's cache while every tap of the kernel reads them.
_BAND_ELEMENTS = 32768
#: scipy.signal's boundary names, as the padding modes of :mod:`.borders` call them.
_BORDER_MODES = {"wrap": "circular", "symm": "symmetric"}


def to_grayscale(rgb) -> np.ndarray:
    """Luminance of a colour image, with the ITU-R BT.601 weights.

    The eye is most sensitive to green and least to blue, hence
    ``0.299 R + 0.587 G + 0.114 B`` rather than a plain average.

    Parameters
    ----------
    rgb : array_like, shape (H, W, 3) or (H, W, 4)
        Red, green, blue (and an ignored alpha) channels.

    Returns
    -------
    ndarray, shape (H, W), float64
        In the same units as the input (0-255 stays 0-255, 0-1 stays 0-1).

    Examples
    --------
    >>> to_grayscale([[[255, 0, 0], [0, 0, 255], [100, 100, 100]]]).round(2)
    array([[ 76.24,  29.07, 100.  ]])
    """
    rgb = as_real_array(rgb, "rgb", ndim=3)
    if rgb.shape[2] not in (3, 4):
        raise ValueError(f"rgb must have 3 or 4 channels in its last axis, got shape {rgb.shape}")
    return rgb[..., :3] @ np.array([0.299, 0.587, 0.114])


def _checked(image, kernel, mode, boundary, fillvalue):
    # Only read from here on, so no defensive copy of a large image is needed.
    image = as_real_array(image, "image", ndim=2, copy=False)
    kernel = as_real_array(kernel, "kernel", ndim=2, copy=False)
    check_choice(mode, "mode", MODES)
    if not isinstance(boundary, str) or boundary not in BOUNDARIES:
        raise ValueError(
            f"boundary must be one of 'fill', 'wrap', 'symm' (or the aliases 'pad', "
            f"'circular', 'symmetric'); got {boundary!r}"
        )
    if isinstance(fillvalue, bool) or not isinstance(fillvalue, numbers.Real):
        raise TypeError(f"fillvalue must be a real number, got {fillvalue!r}")
    if mode == "valid":
        image_fits = all(i >= k for i, k in zip(image.shape, kernel.shape, strict=True))
        kernel_fits = all(k >= i for i, k in zip(image.shape, kernel.shape, strict=True))
        if not (image_fits or kernel_fits):
            raise ValueError(
                f"mode='valid' needs the kernel {kernel.shape} to fit inside the image "
                f"{image.shape} on both axes (or the image inside the kernel); "
                "use mode='same' or 'full', or crop one of them"
            )
    return image, kernel, BOUNDARIES[boundary], float(fillvalue)


def _swaps(image, kernel, mode) -> bool:
    """True when SciPy slides the image over the kernel ('valid', kernel larger)."""
    return mode == "valid" and any(
        k > i for i, k in zip(image.shape, kernel.shape, strict=True)
    )


def _window(image_shape, kernel_shape, mode, operation):
    """Start and size, per axis, of the part of the full output that ``mode`` keeps."""
    starts, sizes = [], []
    for n, k in zip(image_shape, kernel_shape, strict=True):
        if mode == "full":
            start, size = 0, n + k - 1
        elif mode == "valid":
            start, size = min(n, k) - 1, abs(n - k) + 1
        else:
            # SciPy keeps the image's size and, for an even kernel, centres
            # convolution and correlation on opposite sides of the middle.
            start = (k - 1) // 2 if operation == "convolution" else k // 2
            size = n
        starts.append(start)
        sizes.append(size)
    return tuple(starts), tuple(sizes)


# --- reference: one output pixel at a time ---------------------------------


def _extended_value(image, row, col, boundary, fillvalue):
    """The image value at (row, col), which may lie outside the image."""
    height, width = image.shape
    if boundary == "fill":
        if 0 <= row < height and 0 <= col < width:
            return image[row, col]
        return fillvalue
    if boundary == "wrap":
        return image[row % height, col % width]
    # symm: mirror with the edge pixel repeated, so the pattern has period 2n.
    row, col = row % (2 * height), col % (2 * width)
    if row >= height:
        row = 2 * height - 1 - row
    if col >= width:
        col = 2 * width - 1 - col
    return image[row, col]


def convolve2d_reference(image, kernel, mode="full", boundary="fill", fillvalue=0):
    """2-D convolution by the definition, one output pixel at a time.

    ``y[i, j] = sum_a sum_b kernel[a, b] * image[i - a, j - b]``, where pixels
    outside the image come from the ``boundary`` rule.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel : array_like, shape (kh, kw)
    mode : {"full", "same", "valid"}
    boundary : {"fill", "wrap", "symm"}
    fillvalue : float

    Returns
    -------
    ndarray, float64
        Shape ``(H + kh - 1, W + kw - 1)`` for full, ``(H, W)`` for same,
        ``(H - kh + 1, W - kw + 1)`` for valid.

    Examples
    --------
    >>> convolve2d_reference([[1, 2], [3, 4]], [[1, 0], [0, -1]])
    array([[ 1.,  2.,  0.],
           [ 3.,  3., -2.],
           [ 0., -3., -4.]])
    """
    image, kernel, boundary, fillvalue = _checked(image, kernel, mode, boundary, fillvalue)
    (top, left), (rows, cols) = _window(image.shape, kernel.shape, mode, "convolution")
    kh, kw = kernel.shape
    if _swaps(image, kernel, mode):
        # Convolution is commutative: in 'valid' mode SciPy slides the smaller one.
        image, kernel = kernel, image
        kh, kw = kernel.shape
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            total = 0.0
            for a in range(kh):
                for b in range(kw):
                    value = _extended_value(image, top + i - a, left + j - b, boundary, fillvalue)
                    total += kernel[a, b] * value
            out[i, j] = total
    return out


def correlate2d_reference(image, kernel, mode="full", boundary="fill", fillvalue=0):
    """2-D cross-correlation by the definition: slide the kernel without flipping it.

    In full mode, ``c[i, j] = sum_a sum_b kernel[a, b] *
    image[i + a - (kh - 1), j + b - (kw - 1)]``.

    Parameters and returns as for :func:`convolve2d_reference`.

    Examples
    --------
    >>> correlate2d_reference([[1, 2], [3, 4]], [[1, 0], [0, -1]], mode="valid")
    array([[-3.]])
    """
    image, kernel, boundary, fillvalue = _checked(image, kernel, mode, boundary, fillvalue)
    (top, left), (rows, cols) = _window(image.shape, kernel.shape, mode, "correlation")
    kh, kw = kernel.shape
    flipped_result = _swaps(image, kernel, mode)
    if flipped_result:
        # SciPy swaps the inputs, which turns the correlation around: c(a, k) = c(k, a) flipped.
        image, kernel = kernel, image
        kh, kw = kernel.shape
    out = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            total = 0.0
            for a in range(kh):
                for b in range(kw):
                    row, col = top + i + a - (kh - 1), left + j + b - (kw - 1)
                    total += kernel[a, b] * _extended_value(image, row, col, boundary, fillvalue)
            out[i, j] = total
    return out[::-1, ::-1] if flipped_result else out


# --- fast: shifted slices, or the FFT ----------------------------------------


def _fft_is_faster(kernel_taps: int, output_pixels: int, padded_pixels: int) -> bool:
    slices = kernel_taps * (_SLICE_COST[0] + _SLICE_COST[1] * output_pixels)
    fft = _FFT_COST[0] + _FFT_COST[1] * padded_pixels
    return fft < slices


def _convolve_window(image, kernel, start, size, boundary, fillvalue):
    """The part ``[start : start + size]`` (per axis) of the full convolution."""
    kh, kw = kernel.shape
    (top, left), (rows, cols) = start, size
    full_shape = (image.shape[0] + kh - 1, image.shape[1] + kw - 1)
    if boundary == "fill" and fillvalue == 0 and _fft_is_faster(
        kh * kw, rows * cols, full_shape[0] * full_shape[1]
    ):
        # Zeros beyond the border are what the FFT's own zero padding adds.
        shape = tuple(next_fast_length(n) for n in full_shape)
        spectrum = np.fft.rfft2(image, shape) * np.fft.rfft2(kernel, shape)
        return np.fft.irfft2(spectrum, shape)[top : top + rows, left : left + cols]
    if _fft_is_faster(kh * kw, rows * cols,
                      (image.shape[0] + 2 * kh - 2) * (image.shape[1] + 2 * kw - 2)):
        pad_width = ((kh - 1, kh - 1), (kw - 1, kw - 1))
        if boundary == "fill":
            padded = np.pad(image, pad_width, mode="constant", constant_values=fillvalue)
        else:
            padded = np.pad(image, pad_width, mode=_NUMPY_PAD_MODE[boundary])
        # Circular convolution of the padded image; the samples we keep lie at
        # least kh - 1 (kw - 1) away from the wrap-around, so they are exact.
        shape = tuple(next_fast_length(n) for n in padded.shape)
        spectrum = np.fft.rfft2(padded, shape) * np.fft.rfft2(kernel, shape)
        full = np.fft.irfft2(spectrum, shape)
        return full[kh - 1 + top : kh - 1 + top + rows, kw - 1 + left : kw - 1 + left + cols]
    return _shifted_slices(image, kernel, start, size, boundary, fillvalue)


def _source_indices(first: int, count: int, size: int, boundary: str) -> np.ndarray:
    """Image index read at positions first .. first + count - 1 (-1: the fill value)."""
    positions = np.arange(first, first + count)
    if boundary in _BORDER_MODES:
        return source_indices(positions, size, _BORDER_MODES[boundary])
    return np.where((positions >= 0) & (positions < size), positions, -1)


def _shifted_slices(image, kernel, start, size, boundary, fillvalue):
    """Sum of shifted, scaled copies of the image: one whole-array step per tap.

    The work goes band by band, a few rows at a time, each band padded into
    a small reused buffer. Every tap then reads memory that is already in
    the processor's cache, and no image-sized padded copy is made: on a
    512 x 512 image that is about twice as fast as padding it all first.
    """
    kh, kw = kernel.shape
    (top, left), (rows, cols) = start, size
    # Rows per band so that each buffer stays below _BAND_ELEMENTS floats.
    widest = max(image.shape[1], cols + kw - 1)
    band = max(1, _BAND_ELEMENTS // widest - (kh - 1))
    column_sources = _source_indices(left - (kw - 1), cols + kw - 1, image.shape[1], boundary)
    fill_columns = column_sources < 0
    column_sources = np.maximum(column_sources, 0)
    out = np.empty((rows, cols))
    rows_buffer = np.empty((min(band, rows) + kh - 1, image.shape[1]))
    padded_buffer = np.empty((min(band, rows) + kh - 1, cols + kw - 1))
    scratch = np.empty((min(band, rows), cols))
    if boundary == "fill":
        # The frame columns hold the fill value for good; each band only
        # copies its image rows in between (one plain copy, no look-ups).
        padded_buffer.fill(fillvalue)
        inside = np.flatnonzero(~fill_columns)
        first_column, last_column = int(inside[0]), int(inside[-1]) + 1
        source_columns = slice(int(column_sources[first_column]),
                               int(column_sources[first_column]) + last_column - first_column)
    for first_row in range(0, rows, band):
        height = min(rows, first_row + band) - first_row
        padded = padded_buffer[: height + kh - 1]
        first_image_row = top + first_row - (kh - 1)
        if boundary == "fill":
            low = max(0, -first_image_row)
            high = min(height + kh - 1, image.shape[0] - first_image_row)
            padded[:low] = fillvalue
            padded[max(low, high):] = fillvalue
            if high > low:
                padded[low:high, first_column:last_column] = image[
                    first_image_row + low : first_image_row + high, source_columns]
        else:
            row_sources = _source_indices(first_image_row, height + kh - 1,
                                          image.shape[0], boundary)
            np.take(image, row_sources, axis=0, out=rows_buffer[: height + kh - 1])
            np.take(rows_buffer[: height + kh - 1], column_sources, axis=1, out=padded)
        out_band, scratch_band = out[first_row : first_row + height], scratch[:height]
        for tap, (a, b) in enumerate(np.ndindex(kh, kw)):
            # Tap (a, b) adds kernel[a, b] times the padded band shifted by (a, b).
            source = padded[kh - 1 - a : kh - 1 - a + height, kw - 1 - b : kw - 1 - b + cols]
            if tap == 0:
                np.multiply(source, kernel[a, b], out=out_band)
            else:
                np.multiply(source, kernel[a, b], out=scratch_band)
                out_band += scratch_band
    return out


def convolve2d(image, kernel, mode="full", boundary="fill", fillvalue=0):
    """2-D convolution of an image with a kernel, as ``scipy.signal.convolve2d``.

    ``y[i, j] = sum_a sum_b kernel[a, b] * image[i - a, j - b]``: the kernel is
    flipped on both axes, slid over the image, and at every position the
    element-wise (Hadamard) product of kernel and patch is summed.

    Parameters
    ----------
    image : array_like, shape (H, W)
        Integer images are converted to float64 first: no overflow.
    kernel : array_like, shape (kh, kw)
        Odd, even and non-square kernels are all fine.
    mode : {"full", "same", "valid"}, default "full"
        ``full``: ``(H + kh - 1, W + kw - 1)``; ``same``: ``(H, W)``, centred
        as SciPy centres it; ``valid``: ``(H - kh + 1, W - kw + 1)``, only
        positions where the kernel lies inside the image.
    boundary : {"fill", "wrap", "symm"}, default "fill"
        What lies beyond the border: ``fillvalue``, the opposite side of the
        image, or its mirror image (edge pixel repeated).
    fillvalue : float, default 0
        The value beyond the border for ``boundary="fill"``.

    Returns
    -------
    ndarray, float64
        A new array; the inputs are not modified.

    Raises
    ------
    ValueError
        Not 2-D, empty, unknown mode or boundary, or a 'valid' kernel that
        does not fit inside the image.
    TypeError
        Non-numeric input or fill value.

    See Also
    --------
    correlate2d : the same without the flip, as deep-learning layers compute.
    convolve2d_reference : the same result with plain loops.

    Examples
    --------
    A box blur averages each pixel with its 8 neighbours:

    >>> image = [[0, 0, 0, 0], [0, 9, 9, 0], [0, 9, 9, 0], [0, 0, 0, 0]]
    >>> convolve2d(image, [[1/9] * 3] * 3, mode="same")
    array([[1., 2., 2., 1.],
           [2., 4., 4., 2.],
           [2., 4., 4., 2.],
           [1., 2., 2., 1.]])
    >>> convolve2d(np.full((2, 2), 200, dtype=np.uint8), [[2]])  # no uint8 wrap-around
    array([[400., 400.],
           [400., 400.]])
    """
    image, kernel, boundary, fillvalue = _checked(image, kernel, mode, boundary, fillvalue)
    if _swaps(image, kernel, mode):
        image, kernel = kernel, image  # commutative: slide the smaller one
    start, size = _window(image.shape, kernel.shape, mode, "convolution")
    return _convolve_window(image, kernel, start, size, boundary, fillvalue)


def correlate2d(image, kernel, mode="full", boundary="fill", fillvalue=0):
    """2-D cross-correlation, as ``scipy.signal.correlate2d``: no flip.

    In ``valid`` mode, ``c[i, j] = sum_a sum_b kernel[a, b] * image[i + a, j + b]``:
    the kernel is laid on the image as it is. This is the operation that
    deep-learning libraries call convolution.

    Parameters, returns and errors as for :func:`convolve2d`.

    Examples
    --------
    >>> image = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    >>> correlate2d(image, [[1, 0], [0, 0]], mode="valid")  # the kernel's top-left picks
    array([[1., 2.],
           [4., 5.]])
    >>> correlate2d(image, [[0, 0], [0, 1]], mode="valid")  # ... and its bottom-right
    array([[5., 6.],
           [8., 9.]])
    """
    image, kernel, boundary, fillvalue = _checked(image, kernel, mode, boundary, fillvalue)
    if _swaps(image, kernel, mode):
        # SciPy swaps the inputs, which reverses the correlation on both axes.
        start, size = _window(kernel.shape, image.shape, mode, "correlation")
        result = _convolve_window(kernel, image[::-1, ::-1], start, size, boundary, fillvalue)
        return result[::-1, ::-1].copy()
    start, size = _window(image.shape, kernel.shape, mode, "correlation")
    return _convolve_window(image, kernel[::-1, ::-1], start, size, boundary, fillvalue)
