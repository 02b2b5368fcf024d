"""Convolution and cross-correlation of 1-D signals (lesson 1).

The public functions behave exactly like :func:`numpy.convolve` and
:func:`numpy.correlate`: same modes, same output lengths, same centring for
``mode="same"``. Each comes in two versions:

* ``*_reference``: loops written as plainly as the formula, for reading;
* the public one: whole-array operations (shift-and-add for short kernels,
  the FFT for long ones), for speed.

``tests/test_signals.py`` proves the two agree with each other and with NumPy.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_real_array, check_choice, check_int

MODES = ("full", "same", "valid")

# Rough costs in microseconds, measured with benchmarks/bench_signals.py on a
# 2-core machine: shift-and-add pays a fixed overhead plus a little per sample
# for every tap; the FFT pays a larger fixed cost, then per sample only.
_SHIFT_COST_PER_TAP = (2.0, 0.0005)
_FFT_COST = (30.0, 0.035)


def _fft_is_faster(n_long: int, n_short: int) -> bool:
    shift_cost = n_short * (_SHIFT_COST_PER_TAP[0] + _SHIFT_COST_PER_TAP[1] * n_long)
    fft_cost = _FFT_COST[0] + _FFT_COST[1] * (n_long + n_short)
    return fft_cost < shift_cost


def output_length(n: int, m: int, mode: str = "full") -> int:
    """Length of the convolution (or correlation) of signals of lengths n and m.

    ``full`` keeps every overlap, ``valid`` only the complete ones, ``same``
    the length of the longer input. The formula is symmetric in n and m,
    because NumPy swaps the inputs when the kernel is the longer one.

    Parameters
    ----------
    n, m : int
        Lengths of the two inputs, at least 1.
    mode : {"full", "same", "valid"}

    Returns
    -------
    int
        ``n + m - 1``, ``max(n, m)`` or ``max(n, m) - min(n, m) + 1``.

    Examples
    --------
    >>> [output_length(10, 3, mode) for mode in ("full", "same", "valid")]
    [12, 10, 8]
    """
    n = check_int(n, "n", minimum=1)
    m = check_int(m, "m", minimum=1)
    check_choice(mode, "mode", MODES)
    if mode == "full":
        return n + m - 1
    if mode == "same":
        return max(n, m)
    return max(n, m) - min(n, m) + 1


def _crop(full: np.ndarray, n: int, m: int, mode: str, same_start: int) -> np.ndarray:
    """Cut the ``mode`` part out of a full-length result of length n + m - 1."""
    if mode == "full":
        return full
    start = min(n, m) - 1 if mode == "valid" else same_start
    return full[start : start + output_length(n, m, mode)]


def _convolve_same_start(n: int, m: int) -> int:
    # NumPy centres "same" by dropping (shorter - 1) // 2 samples on the left.
    return (min(n, m) - 1) // 2


def _correlate_same_start(n: int, m: int) -> int:
    # np.correlate swaps its inputs when v is longer than a and reverses the
    # result, so the left cut is rounded the other way in that case.
    return (m - 1) // 2 if n >= m else n // 2


def checked_signal_pair(f, g, mode):
    """Signal ``f`` and kernel ``g`` as 1-D float arrays, and ``mode`` checked against MODES.

    Examples
    --------
    >>> checked_signal_pair([1, 2], [3], "same")
    (array([1., 2.]), array([3.]))
    """
    f = as_real_array(f, "f", ndim=1)
    g = as_real_array(g, "g", ndim=1)
    check_choice(mode, "mode", MODES)
    return f, g


# --- reference implementations: the formulas, loop by loop -----------------


def convolve1d_reference(f, g, mode: str = "full") -> np.ndarray:
    """Convolution by the definition ``y[k] = sum_i f[i] * g[k - i]``.

    Slow on purpose: two loops, one multiplication at a time.

    Parameters
    ----------
    f : array_like, shape (n,)
        The signal.
    g : array_like, shape (m,)
        The kernel.
    mode : {"full", "same", "valid"}
        Which part of the result to keep, as in :func:`numpy.convolve`.

    Returns
    -------
    ndarray, shape (output_length(n, m, mode),), float64

    Examples
    --------
    >>> convolve1d_reference([1, 2, 3], [0, 1, 0.5])
    array([0. , 1. , 2.5, 4. , 1.5])
    """
    f, g = checked_signal_pair(f, g, mode)
    n, m = len(f), len(g)
    full = np.zeros(n + m - 1)
    for k in range(n + m - 1):
        for i in range(n):
            if 0 <= k - i < m:
                full[k] += f[i] * g[k - i]
    return _crop(full, n, m, mode, _convolve_same_start(n, m))


def correlate1d_reference(f, g, mode: str = "valid") -> np.ndarray:
    """Cross-correlation by the definition ``c[k] = sum_i f[i + k] * g[i]``.

    The lag ``k`` runs from ``-(m - 1)`` (g hanging off the left end of f) to
    ``n - 1`` (g hanging off the right end); no flip anywhere.

    Parameters
    ----------
    f : array_like, shape (n,)
    g : array_like, shape (m,)
    mode : {"full", "same", "valid"}
        Which part of the result to keep, as in :func:`numpy.correlate`.

    Returns
    -------
    ndarray, shape (output_length(n, m, mode),), float64

    Examples
    --------
    >>> correlate1d_reference([1, 2, 3], [0, 1, 0.5], mode="full")
    array([0.5, 2. , 3.5, 3. , 0. ])
    """
    f, g = checked_signal_pair(f, g, mode)
    n, m = len(f), len(g)
    full = np.zeros(n + m - 1)
    for lag in range(-(m - 1), n):
        for i in range(m):
            if 0 <= i + lag < n:
                full[lag + m - 1] += f[i + lag] * g[i]
    return _crop(full, n, m, mode, _correlate_same_start(n, m))


# --- fast implementations ----------------------------------------------------


def next_fast_length(target: int) -> int:
    """Smallest 2^a 3^b 5^c >= target: lengths the FFT handles quickly.

    Examples
    --------
    >>> next_fast_length(97), next_fast_length(128)
    (100, 128)
    """
    best = 1 << (target - 1).bit_length()
    power5 = 1
    while power5 < best:
        power35 = power5
        while power35 < best:
            candidate = power35
            while candidate < target:
                candidate *= 2
            best = min(best, candidate)
            power35 *= 3
        power5 *= 5
    return best


def _full_convolution(f: np.ndarray, g: np.ndarray) -> np.ndarray:
    """Full convolution of two float arrays, by shift-and-add or by FFT."""
    long, short = (f, g) if len(f) >= len(g) else (g, f)
    size = len(f) + len(g) - 1
    if not _fft_is_faster(len(long), len(short)):
        # One whole-array multiply-add per tap of the shorter input: tap j
        # adds a copy of the longer input, scaled and shifted right by j.
        full = np.zeros(size)
        for j, weight in enumerate(short):
            full[j : j + len(long)] += weight * long
        return full
    fft_size = next_fast_length(size)
    spectrum = np.fft.rfft(f, fft_size) * np.fft.rfft(g, fft_size)
    return np.fft.irfft(spectrum, fft_size)[:size]


def convolve1d(f, g, mode: str = "full") -> np.ndarray:
    """Discrete convolution of two 1-D signals: flip ``g``, slide, multiply, add.

    ``y[k] = sum_i f[i] * g[k - i]``, the same result as
    ``numpy.convolve(f, g, mode)`` for real inputs. Integer inputs are
    converted to float64 first, so they cannot overflow.

    Parameters
    ----------
    f : array_like, shape (n,)
        The signal.
    g : array_like, shape (m,)
        The kernel. It may be longer than ``f``; convolution is commutative.
    mode : {"full", "same", "valid"}, default "full"
        ``full``: every overlap, length ``n + m - 1``.
        ``same``: length ``max(n, m)``, centred as NumPy centres it.
        ``valid``: complete overlaps only, length ``max(n, m) - min(n, m) + 1``.

    Returns
    -------
    ndarray, shape (output_length(n, m, mode),), float64
        A new array; the inputs are never modified.

    Raises
    ------
    TypeError
        If an input is not numeric, or ``mode`` is not a string.
    ValueError
        If an input is not 1-D or is empty, or ``mode`` is unknown.

    See Also
    --------
    convolve1d_reference : the same computation with plain loops.
    correlate1d : the same without the flip.

    Examples
    --------
    A three-point moving average softens the dip in a recording:

    >>> signal = [10, 9, 10, 9, 10, 1, 10, 9, 10, 8]
    >>> convolve1d(signal, [1/3, 1/3, 1/3], mode="valid").round(3)
    array([9.667, 9.333, 9.667, 6.667, 7.   , 6.667, 9.667, 9.   ])
    >>> convolve1d([1, 2, 3], [1, -1])
    array([ 1.,  1.,  1., -3.])
    """
    f, g = checked_signal_pair(f, g, mode)
    full = _full_convolution(f, g)
    return _crop(full, len(f), len(g), mode, _convolve_same_start(len(f), len(g)))


def correlate1d(f, g, mode: str = "valid") -> np.ndarray:
    """Cross-correlation of two 1-D signals: slide ``g`` without flipping it.

    ``c[k] = sum_i f[i + k] * g[i]``, the same result as
    ``numpy.correlate(f, g, mode)`` for real inputs, including its default
    ``mode="valid"``. This is what deep-learning libraries call convolution.

    Parameters
    ----------
    f : array_like, shape (n,)
    g : array_like, shape (m,)
    mode : {"full", "same", "valid"}, default "valid"
        Output lengths as for :func:`convolve1d`.

    Returns
    -------
    ndarray, shape (output_length(n, m, mode),), float64

    Raises
    ------
    TypeError, ValueError
        As for :func:`convolve1d`.

    Examples
    --------
    Correlating with a pattern scores how well each stretch matches it:

    >>> correlate1d([0, 1, 2, 1, 0], [1, 2, 1])
    array([4., 6., 4.])
    >>> correlate1d([1, 2, 3], [1, -1], mode="full")
    array([-1., -1., -1.,  3.])
    """
    f, g = checked_signal_pair(f, g, mode)
    full = _full_convolution(f, g[::-1])
    return _crop(full, len(f), len(g), mode, _correlate_same_start(len(f), len(g)))


# --- one output sample, taken apart (for figures and the slide widget) --------


class SampleTerms(NamedTuple):
    """How one output sample is formed; see :func:`output_sample_terms`."""

    index: int
    positions: np.ndarray
    weights: np.ndarray
    terms: list
    value: float


def _same_start(n: int, m: int, operation: str) -> int:
    if operation == "convolution":
        return _convolve_same_start(n, m)
    return _correlate_same_start(n, m)


def output_sample_terms(f, g, k: int, mode: str = "full", operation: str = "convolution"):
    """Take output sample ``k`` apart into the products that are summed for it.

    At every step the kernel covers ``m`` consecutive positions of the signal
    (some of them may hang off either end). Convolution lays the kernel there
    flipped, correlation as it is; the output sample is the sum of the
    products where kernel and signal overlap.

    Parameters
    ----------
    f : array_like, shape (n,)
        The signal.
    g : array_like, shape (m,)
        The kernel.
    k : int
        Index of the output sample, ``0 <= k < output_length(n, m, mode)``.
    mode : {"full", "same", "valid"}
    operation : {"convolution", "correlation"}

    Returns
    -------
    SampleTerms
        ``positions``, shape (m,): the signal positions under the kernel;
        ``weights``, shape (m,): the kernel value over each of them;
        ``terms``: ``(position, f[position], weight)`` for the positions
        inside the signal; ``value``: the sum of their products, equal to
        ``convolve1d(f, g, mode)[k]`` (or ``correlate1d``).

    Examples
    --------
    >>> sample = output_sample_terms([1, 2, 3], [1, 0, -1], k=1)
    >>> sample.positions.tolist(), sample.weights.tolist()
    ([-1, 0, 1], [-1.0, 0.0, 1.0])
    >>> sample.terms, sample.value
    ([(0, 1.0, 0.0), (1, 2.0, 1.0)], 2.0)
    """
    f, g = checked_signal_pair(f, g, mode)
    check_choice(operation, "operation", ("convolution", "correlation"))
    n, m = len(f), len(g)
    length = output_length(n, m, mode)
    k = check_int(k, "k", minimum=0)
    if k >= length:
        raise ValueError(f"k must be below the output length {length} for mode={mode!r}, got {k}")
    if mode == "full":
        full_index = k
    elif mode == "valid":
        full_index = k + min(n, m) - 1
    else:
        full_index = k + _same_start(n, m, operation)
    positions = np.arange(full_index - m + 1, full_index + 1)
    weights = g[::-1] if operation == "convolution" else g
    terms = [
        (int(p), float(f[p]), float(w))
        for p, w in zip(positions, weights, strict=True)
        if 0 <= p < n
    ]
    value = float(sum(x * w for _, x, w in terms))
    return SampleTerms(k, positions, weights.copy(), terms, value)
