"""What a convolution costs, four ways: loops, shift-and-add, im2col, the FFT (lesson 10).

All four compute the same thing, the "valid" cross-correlation of one image
with one kernel (what a convolutional layer computes, lesson 6), and this
module holds one plain version of each so that a lesson can time them side
by side. The package's own :func:`convlessons.images.correlate2d` and
:func:`convlessons.layers.conv2d` use tuned versions of the same ideas.

For an ``n x n`` image and a ``k x k`` kernel:

* **loops** visit every output pixel and every tap: ``(n - k + 1)**2 * k**2``
  multiplications, each one a Python operation;
* **shift-and-add** makes ``k**2`` passes over the image, each multiplying a
  whole shifted slice by one tap: the same multiplications, done by NumPy;
* **im2col** copies every window into one row of a matrix (``k**2`` times the
  image's memory) and does one matrix-vector (or, for many filters,
  matrix-matrix) product: the same multiplications, done by BLAS;
* **the FFT** multiplies the two spectra: about ``3 N log2 N + 2 N``
  multiplications for ``N = (n + k - 1)**2``, whatever the kernel size.

Examples
--------
>>> image, kernel = np.arange(16.0).reshape(4, 4), np.array([[1.0, 0.0], [0.0, -1.0]])
>>> correlate_shift_add(image, kernel)
array([[-5., -5., -5.],
       [-5., -5., -5.],
       [-5., -5., -5.]])
>>> np.allclose(correlate_im2col(image, kernel), correlate_fft(image, kernel))
True
"""

from __future__ import annotations

import math
import os
import re
import timeit
from collections.abc import Callable
from contextlib import contextmanager

import numpy as np

from ._validation import check_choice
from .images import correlate2d_reference
from .signals import next_fast_length

#: The four ways of computing a convolution that lesson 10 compares, cheapest idea first.
METHODS = ("loops", "shift_add", "im2col", "fft")

_BYTES_PER_FLOAT = 8


def _checked(image, kernel) -> tuple[np.ndarray, np.ndarray]:
    """Both arrays as 2-D floats, the kernel no larger than the image."""
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    for name, array in (("image", image), ("kernel", kernel)):
        if array.ndim != 2 or array.size == 0:
            raise ValueError(f"{name} must be a non-empty 2-D array, got shape {array.shape}")
    if kernel.shape[0] > image.shape[0] or kernel.shape[1] > image.shape[1]:
        raise ValueError(f"kernel of shape {kernel.shape} does not fit in the image of shape "
                         f"{image.shape}: a 'valid' correlation needs it to")
    return image, kernel


def output_shape(image_shape, kernel_shape) -> tuple[int, int]:
    """Shape of the valid correlation: ``(H - kH + 1, W - kW + 1)``.

    Examples
    --------
    >>> output_shape((256, 256), (3, 3))
    (254, 254)
    """
    return (image_shape[0] - kernel_shape[0] + 1, image_shape[1] - kernel_shape[1] + 1)


# --- the four methods ----------------------------------------------------------------


def correlate_loops(image, kernel) -> np.ndarray:
    """Valid correlation by four nested Python loops: the formula, one product at a time.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel : array_like, shape (kH, kW)

    Returns
    -------
    ndarray, shape (H - kH + 1, W - kW + 1)

    Examples
    --------
    >>> correlate_loops(np.arange(9.0).reshape(3, 3), np.ones((2, 2)))
    array([[ 8., 12.],
           [20., 24.]])
    """
    image, kernel = _checked(image, kernel)
    return correlate2d_reference(image, kernel, mode="valid")


def correlate_shift_add(image, kernel) -> np.ndarray:
    """Valid correlation as ``kH * kW`` passes: each tap times a shifted slice, added up.

    Shapes as in :func:`correlate_loops`.

    Examples
    --------
    >>> correlate_shift_add(np.arange(9.0).reshape(3, 3), np.ones((2, 2)))
    array([[ 8., 12.],
           [20., 24.]])
    """
    image, kernel = _checked(image, kernel)
    rows, cols = output_shape(image.shape, kernel.shape)
    out = np.zeros((rows, cols))
    for di in range(kernel.shape[0]):
        for dj in range(kernel.shape[1]):
            out += kernel[di, dj] * image[di : di + rows, dj : dj + cols]
    return out


def im2col_reference(image, kernel_shape) -> np.ndarray:
    """The im2col matrix by loops: row ``p`` holds the window under output pixel ``p``.

    Parameters
    ----------
    image : array_like, shape (H, W)
    kernel_shape : tuple (kH, kW)

    Returns
    -------
    ndarray, shape ((H - kH + 1) * (W - kW + 1), kH * kW)
        Output pixels in row-major order; each window flattened row by row.

    Examples
    --------
    >>> im2col_reference(np.arange(6.0).reshape(2, 3), (2, 2))
    array([[0., 1., 3., 4.],
           [1., 2., 4., 5.]])
    """
    image, _ = _checked(image, np.zeros(kernel_shape))
    kh, kw = kernel_shape
    rows, cols = output_shape(image.shape, kernel_shape)
    matrix = np.zeros((rows * cols, kh * kw))
    for i in range(rows):
        for j in range(cols):
            matrix[i * cols + j] = image[i : i + kh, j : j + kw].ravel()
    return matrix


def im2col(image, kernel_shape) -> np.ndarray:
    """The im2col matrix of :func:`im2col_reference`, copied from a strided view of the windows.

    ``sliding_window_view`` gives every window without copying, as an array of
    shape ``(rows, cols, kH, kW)``; the reshape to a matrix is where the
    ``kH * kW`` copies of each pixel are made.

    Examples
    --------
    >>> image = np.arange(20.0).reshape(4, 5)
    >>> np.array_equal(im2col(image, (2, 3)), im2col_reference(image, (2, 3)))
    True
    >>> im2col(image, (3, 3)).shape
    (6, 9)
    """
    image, _ = _checked(image, np.zeros(kernel_shape))
    windows = np.lib.stride_tricks.sliding_window_view(image, tuple(kernel_shape))
    return windows.reshape(-1, kernel_shape[0] * kernel_shape[1])


def correlate_im2col(image, kernel) -> np.ndarray:
    """Valid correlation as one matrix-vector product: ``im2col(image) @ kernel.ravel()``.

    Shapes as in :func:`correlate_loops`.

    Examples
    --------
    >>> correlate_im2col(np.arange(9.0).reshape(3, 3), np.ones((2, 2)))
    array([[ 8., 12.],
           [20., 24.]])
    """
    image, kernel = _checked(image, kernel)
    return (im2col(image, kernel.shape) @ kernel.ravel()).reshape(
        output_shape(image.shape, kernel.shape))


def correlate_fft(image, kernel) -> np.ndarray:
    """Valid correlation through the FFT: multiply the spectra, keep the complete overlaps.

    Correlation is convolution with the flipped kernel; the FFT computes a
    circular convolution, so both arrays are padded with zeros to at least
    ``H + kH - 1`` (by ``W + kW - 1``), where the circle no longer wraps onto
    the result. The padding goes a little further, to the next size whose
    only prime factors are 2, 3 and 5: an FFT of 262 points (2 x 131) is
    several times slower than one of 270 (2 x 3**3 x 5).

    Examples
    --------
    >>> correlate_fft(np.arange(9.0).reshape(3, 3), np.ones((2, 2))).round(10)
    array([[ 8., 12.],
           [20., 24.]])
    """
    image, kernel = _checked(image, kernel)
    size = tuple(next_fast_length(image.shape[axis] + kernel.shape[axis] - 1)
                 for axis in (0, 1))
    spectrum = np.fft.rfft2(image, size) * np.fft.rfft2(kernel[::-1, ::-1], size)
    full = np.fft.irfft2(spectrum, size)
    rows, cols = output_shape(image.shape, kernel.shape)
    kh, kw = kernel.shape
    return full[kh - 1 : kh - 1 + rows, kw - 1 : kw - 1 + cols]


#: Each method by name, with the signature ``method(image, kernel) -> ndarray``.
CORRELATE = {"loops": correlate_loops, "shift_add": correlate_shift_add,
             "im2col": correlate_im2col, "fft": correlate_fft}


# --- cost models -----------------------------------------------------------------------


def _check_sizes(n: int, k: int) -> None:
    if not (isinstance(n, (int, np.integer)) and isinstance(k, (int, np.integer))):
        raise TypeError(f"n and k must be whole numbers, got n={n!r}, k={k!r}")
    if not 1 <= k <= n:
        raise ValueError(f"need 1 <= k <= n for a valid correlation, got n={n}, k={k}")


def multiplications(method: str, n: int, k: int) -> int:
    """Multiplications one method needs for an ``n x n`` image and a ``k x k`` kernel.

    Loops, shift-and-add and im2col all make ``(n - k + 1)**2 * k**2``: one
    per tap and output pixel. For the FFT the model is three real 2-D
    transforms of ``N = (n + k - 1)**2`` points, ``N log2 N`` each, plus the
    product of the half spectrum, ``2 N``: it does not depend on ``k`` except
    through the padding.

    Examples
    --------
    >>> multiplications("loops", 256, 3), multiplications("im2col", 256, 3)
    (580644, 580644)
    >>> multiplications("fft", 256, 3) < multiplications("shift_add", 256, 31)
    True
    """
    check_choice(method, "method", METHODS)
    _check_sizes(n, k)
    if method == "fft":
        points = (n + k - 1) ** 2
        return round(3 * points * math.log2(points) + 2 * points)
    return (n - k + 1) ** 2 * k**2


def memory_bytes(method: str, n: int, k: int) -> int:
    """Bytes of float64 working memory one method allocates, beyond the image and kernel.

    Every method allocates the output, ``(n - k + 1)**2`` numbers; im2col adds
    its matrix, ``k**2`` numbers per output pixel; the FFT adds two half
    spectra of ``(n + k - 1) x ((n + k - 1) // 2 + 1)`` complex numbers (two
    floats each) and the full result before it is cropped.

    Examples
    --------
    >>> memory_bytes("im2col", 256, 3) // memory_bytes("shift_add", 256, 3)
    10
    """
    check_choice(method, "method", METHODS)
    _check_sizes(n, k)
    output = (n - k + 1) ** 2
    if method == "im2col":
        return (output + output * k**2) * _BYTES_PER_FLOAT
    if method == "fft":
        padded = n + k - 1
        spectrum = padded * (padded // 2 + 1) * 2
        return (output + 2 * spectrum + padded**2) * _BYTES_PER_FLOAT
    return output * _BYTES_PER_FLOAT


# --- measuring ---------------------------------------------------------------------------


@contextmanager
def one_thread():
    """Run the block with one BLAS thread, so that every method gets one core.

    Examples
    --------
    >>> with one_thread():
    ...     _ = np.ones((3, 3)) @ np.ones((3, 3))
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        yield


def best_time(function: Callable[[], object], repeat: int = 5, budget: float = 0.2) -> float:
    """Best time of one call of ``function()``, in seconds, over ``repeat`` rounds.

    Each round runs as many calls as fit in about ``budget`` seconds (at least
    one); the best round is the least disturbed by whatever else the machine
    is doing.

    Examples
    --------
    >>> 0 < best_time(lambda: sum(range(100)), repeat=2, budget=0.01) < 1
    True
    """
    timer = timeit.Timer(function)
    single = min(timer.repeat(repeat=1, number=1))
    number = max(1, int(budget / max(single, 1e-9)))
    return min(timer.repeat(repeat=repeat, number=number)) / number


def time_methods(n: int, k: int, methods=("shift_add", "im2col", "fft"), repeat: int = 3,
                 seed: int = 0) -> dict[str, float]:
    """Measured seconds per call of each method on a random ``n x n`` image and ``k x k`` kernel.

    One BLAS thread; loops are left out by default (they take seconds).

    Examples
    --------
    >>> times = time_methods(32, 3, repeat=1)
    >>> sorted(times)
    ['fft', 'im2col', 'shift_add']
    """
    for method in methods:
        check_choice(method, "method", METHODS)
    _check_sizes(n, k)
    rng = np.random.default_rng(seed)
    image, kernel = rng.random((n, n)), rng.random((k, k))
    with one_thread():
        return {method: best_time(lambda method=method: CORRELATE[method](image, kernel),
                                  repeat=repeat, budget=0.02)
                for method in methods}


def matmul_gflops(size: int = 512, repeat: int = 3) -> float:
    """Billions of floating-point operations per second that one thread's matrix product reaches.

    A product of two ``size x size`` float64 matrices makes ``size**3``
    multiplications and as many additions.

    Examples
    --------
    >>> matmul_gflops(64, repeat=1) > 0
    True
    """
    rng = np.random.default_rng(0)
    a, b = rng.random((size, size)), rng.random((size, size))
    with one_thread():
        seconds = best_time(lambda: a @ b, repeat=repeat, budget=0.1)
    return 2 * size**3 / seconds / 1e9


def cpu_peak_gflops(cpuinfo: str | None = None) -> tuple[float, str] | None:
    """An estimate of one core's float64 peak, with the reasoning, from ``/proc/cpuinfo``.

    Peak = clock x floats per vector x 2 (a fused multiply-add counts as two
    operations) x 2 (two FMA units, as on most desktop and server cores since
    2013). The vector width comes from the instruction-set flags: AVX-512
    holds 8 doubles, AVX2 4, SSE2 2. The reported clock is the base or
    current clock, not the turbo clock, so the estimate is rough. Returns
    ``None`` where there is no ``/proc/cpuinfo`` (macOS, Windows).

    Examples
    --------
    >>> peak, how = cpu_peak_gflops("cpu MHz : 2000.0\\nflags : fpu sse2 avx avx2 fma")
    >>> peak, how
    (32.0, '2.00 GHz x 4 doubles per vector (AVX2) x 2 (FMA) x 2 units')
    """
    if cpuinfo is None:
        if not os.path.exists("/proc/cpuinfo"):
            return None
        with open("/proc/cpuinfo") as file:
            cpuinfo = file.read()
    clock = re.search(r"cpu MHz\s*:\s*([\d.]+)", cpuinfo)
    flags = re.search(r"flags\s*:(.*)", cpuinfo)
    if clock is None or flags is None:
        return None
    words = set(flags.group(1).split())
    width, name = next((w, n) for w, n, flag in [(8, "AVX-512", "avx512f"), (4, "AVX2", "avx2"),
                                                 (2, "SSE2", "sse2"), (1, "scalar", "fpu")]
                       if flag in words or flag == "fpu")
    fma = 2 if "fma" in words or width == 8 else 1
    ghz = float(clock.group(1)) / 1000
    peak = ghz * width * fma * 2
    how = f"{ghz:.2f} GHz x {width} doubles per vector ({name}) x {fma} (FMA) x 2 units"
    return peak, how


# --- Winograd ------------------------------------------------------------------------------


def winograd_f23(d, g) -> np.ndarray:
    """Two outputs of a 3-tap correlation from four inputs with 4 multiplications, not 6.

    Winograd's minimal filtering F(2, 3): with the kernel's three combinations
    ``g0``, ``(g0 + g1 + g2) / 2``, ``(g0 - g1 + g2) / 2`` and ``g2`` computed
    once (a layer reuses them at every position), each pair of outputs costs
    four products of input combinations.

    Parameters
    ----------
    d : array_like, shape (4,)
        Four consecutive input samples.
    g : array_like, shape (3,)
        The kernel.

    Returns
    -------
    ndarray, shape (2,)
        ``[d0 g0 + d1 g1 + d2 g2, d1 g0 + d2 g1 + d3 g2]``.

    Examples
    --------
    >>> winograd_f23([1.0, 2.0, 3.0, 4.0], [1.0, 0.0, -1.0])
    array([-2., -2.])
    """
    d = np.asarray(d, dtype=float)
    g = np.asarray(g, dtype=float)
    if d.shape != (4,) or g.shape != (3,):
        raise ValueError(f"d must have shape (4,) and g shape (3,), got {d.shape} and {g.shape}")
    m1 = (d[0] - d[2]) * g[0]
    m2 = (d[1] + d[2]) * ((g[0] + g[1] + g[2]) / 2)
    m3 = (d[2] - d[1]) * ((g[0] - g[1] + g[2]) / 2)
    m4 = (d[1] - d[3]) * g[2]
    return np.array([m1 + m2 + m3, m2 - m3 - m4])


def winograd_correlate1d(signal, kernel) -> np.ndarray:
    """Valid correlation of a signal with a 3-tap kernel, two outputs at a time by F(2, 3).

    Parameters
    ----------
    signal : array_like, shape (n,), n >= 4 and n even
        Even length, so that the ``n - 2`` outputs come in whole pairs.
    kernel : array_like, shape (3,)

    Returns
    -------
    ndarray, shape (n - 2,)

    Examples
    --------
    >>> signal = np.array([3.0, 1, 4, 1, 5, 9, 2, 6])
    >>> np.allclose(winograd_correlate1d(signal, [1.0, 2.0, 1.0]),
    ...             np.correlate(signal, [1.0, 2.0, 1.0], "valid"))
    True
    """
    signal = np.asarray(signal, dtype=float)
    if signal.ndim != 1 or signal.size < 4 or signal.size % 2:
        raise ValueError(f"signal must be 1-D of even length >= 4, got shape {signal.shape}")
    return np.concatenate([winograd_f23(signal[start : start + 4], kernel)
                           for start in range(0, signal.size - 2, 2)])
