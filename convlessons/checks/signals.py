"""Checkers for the exercises of lesson 1, signals in 1D.

The expected values come from NumPy, never from ``convlessons.signals``, so a
bug in the package cannot make a wrong answer pass.
"""

from __future__ import annotations

import numpy as np

from ._core import CaseFailed, Verdict, call, compare_arrays, report, run, show, whole_number


def _signal_pairs(seed: int):
    """Hand-checkable pairs first, then edge cases, then random ones."""
    rng = np.random.default_rng(seed)
    pairs = [
        (np.array([1.0, 2.0, 3.0]), np.array([0.0, 1.0, 0.5])),
        (np.array([10.0, 9, 10, 9, 10, 1, 10, 9, 10, 8]), np.full(3, 1 / 3)),
        (np.array([4.0]), np.array([2.0])),
        (np.array([1.0, -2.0, 3.0, 0.5]), np.array([1.0, -1.0])),
        (np.array([2.0, 1.0]), np.array([1.0, 2.0, 3.0, 4.0, 5.0])),
        (np.array([1, 2, 3, 4, 5]), np.array([1, 0, -1])),
    ]
    for n, m in [(7, 3), (6, 6), (3, 8), (12, 4)]:
        pairs.append((rng.normal(size=n).round(2), rng.normal(size=m).round(2)))
    return [(f, g, f"f={show(f)}, g={show(g)}") for f, g in pairs]


def _pair_judge(oracle, hint):
    """A judge comparing ``answer(f, g)`` with ``oracle(f, g, mode="full")`` from NumPy."""

    def judge(answer, f, g, description):
        expected = oracle(f.astype(float), g.astype(float), mode="full")
        result = call(answer, (f, g), description, ("f", "g"))
        compare_arrays(result, expected, description, hint)

    return judge


_judge_full_convolution = _pair_judge(
    np.convolve,
    "Hint: the full output has len(f) + len(g) - 1 samples, and "
    "y[k] = sum over i of f[i] * g[k - i], skipping i where k - i is outside g.",
)


def evaluate_convolve_loops(answer) -> Verdict:
    """Check a loop implementation of full 1-D convolution against ``numpy.convolve``.

    ``answer(f, g)`` receives two 1-D arrays of shapes (n,) and (m,) and must
    return their full convolution, shape (n + m - 1,), without modifying them.

    Examples
    --------
    >>> evaluate_convolve_loops(np.convolve).passed
    True
    >>> evaluate_convolve_loops(lambda f, g: np.correlate(f, g, "full")).passed
    False
    """
    return run("convolve_loops", answer, _signal_pairs(seed=1), _judge_full_convolution)


def check_convolve_loops(answer) -> None:
    """Print the verdict of :func:`evaluate_convolve_loops`.

    Examples
    --------
    >>> check_convolve_loops(np.convolve)
    ✅ convolve_loops: all 10 cases pass.
    """
    report(evaluate_convolve_loops(answer))


_LENGTH_HINTS = {
    "full": "Hint: 'full' keeps every position where the two overlap at all: n + m - 1.",
    "same": "Hint: 'same' returns as many samples as the longer input: max(n, m).",
    "valid": "Hint: 'valid' keeps only complete overlaps, and NumPy swaps the inputs when "
             "the kernel is longer: max(n, m) - min(n, m) + 1.",
}


def _judge_length(answer, n, m, mode, description):
    expected = len(np.convolve(np.ones(n), np.ones(m), mode=mode))
    result = call(answer, (n, m, mode), description)
    whole_number(result, description, "a length",
                 hint="Use // for division if you need it, or int(...) around the result.")
    if result != expected:
        raise CaseFailed(
            f"on {description} you predicted {result}, "
            f"but numpy.convolve returns {expected} samples.",
            _LENGTH_HINTS[mode],
        )


def evaluate_output_length(answer) -> Verdict:
    """Check ``answer(n, m, mode)``, the predicted output length, against NumPy.

    Examples
    --------
    >>> evaluate_output_length(lambda n, m, mode: n + m - 1).passed
    False
    """
    sizes = [(10, 3), (5, 5), (1, 1), (4, 1), (3, 7), (2, 9), (100, 10), (8, 2)]
    cases = [
        (n, m, mode, f"n={n}, m={m}, mode={mode!r}")
        for mode in ("full", "same", "valid")
        for n, m in sizes
    ]
    return run("output_length", answer, cases, _judge_length)


def check_output_length(answer) -> None:
    """Print the verdict of :func:`evaluate_output_length`.

    Examples
    --------
    >>> check_output_length(lambda n, m, mode: len(np.convolve(np.ones(n), np.ones(m), mode)))
    ✅ output_length: all 24 cases pass.
    """
    report(evaluate_output_length(answer))


_judge_correlation = _pair_judge(
    np.correlate,
    "Hint: correlation slides g without flipping it; convolution flips it first. "
    "So flip g before you convolve: g[::-1].",
)


def evaluate_correlate_with_convolve(answer) -> Verdict:
    """Check ``answer(f, g)``: full cross-correlation, against ``numpy.correlate``.

    Examples
    --------
    >>> evaluate_correlate_with_convolve(lambda f, g: np.correlate(f, g, "full")).passed
    True
    >>> evaluate_correlate_with_convolve(np.convolve).passed
    False
    """
    return run("correlate_with_convolve", answer, _signal_pairs(seed=2), _judge_correlation)


def check_correlate_with_convolve(answer) -> None:
    """Print the verdict of :func:`evaluate_correlate_with_convolve`."""
    report(evaluate_correlate_with_convolve(answer))


def _shifted(signal: np.ndarray, shift: int) -> np.ndarray:
    """``signal`` moved ``shift`` places right (left if negative), zeros entering."""
    moved = np.zeros_like(signal)
    if shift >= 0:
        moved[shift:] = signal[: len(signal) - shift]
    else:
        moved[:shift] = signal[-shift:]
    return moved


def _judge_shift(answer, shift, description):
    kernel = call(answer, (shift,), description)
    try:
        kernel = np.asarray(kernel, dtype=float)
    except (TypeError, ValueError):
        raise CaseFailed(f"on {description} your kernel {show(kernel)} is not "
                          "a list or array of numbers.") from None
    if kernel.ndim == 0:
        raise CaseFailed(f"on {description} your kernel is a single number, {show(kernel)}; "
                          "return a list or array of numbers, such as [0, 0, 1].")
    if kernel.ndim != 1 or kernel.size == 0:
        raise CaseFailed(f"on {description} your kernel has shape {kernel.shape}; "
                          "it must be a non-empty 1-D list or array.")
    signal = np.array([3.0, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8])
    if kernel.size > len(signal):
        raise CaseFailed(f"on {description} your kernel has {kernel.size} taps, more than "
                          f"the {len(signal)} samples of the test signal, so mode 'same' would "
                          f"change the output length. {2 * abs(shift) + 1} taps are enough.")
    expected = _shifted(signal, shift)
    got = np.convolve(signal, kernel, mode="same")
    hint = ("Hint: with convolution and mode 'same', the kernel [0, 0, 1] moves a signal "
            "one place to the right and [1, 0, 0] one place to the left.")
    compare_arrays(got, expected, f"{description} (convolving {show(signal)} "
                    f"with your kernel {show(kernel)})", hint)


def evaluate_shift_kernel(answer) -> Verdict:
    """Check ``answer(shift)``: a kernel that moves a signal by ``shift`` places.

    ``numpy.convolve(signal, answer(shift), mode="same")`` must equal the signal
    moved ``shift`` places to the right (to the left when negative), with
    zeros coming in.

    Examples
    --------
    >>> evaluate_shift_kernel(lambda shift: [1.0]).passed
    False
    """
    cases = [(shift, f"shift={shift}") for shift in (1, -1, 0, 2, -2, 3, -4)]
    return run("shift_kernel", answer, cases, _judge_shift)


def check_shift_kernel(answer) -> None:
    """Print the verdict of :func:`evaluate_shift_kernel`."""
    report(evaluate_shift_kernel(answer))


def _judge_steps(answer, signal, threshold, description):
    expected = np.flatnonzero(np.abs(np.diff(signal)) > threshold) + 1
    result = call(answer, (signal, threshold), description, ("signal", "threshold"))
    hint = ("Hint: convolving with [1, -1] in mode 'valid' gives signal[i + 1] - signal[i]; "
            "a step sits where its absolute value exceeds the threshold, and the step's "
            "index is that of the first sample after it (i + 1).")
    compare_arrays(result, expected.astype(float), description, hint)


def evaluate_find_steps(answer) -> Verdict:
    """Check ``answer(signal, threshold)``: indices where the signal jumps.

    The index of a step is that of the first sample after it: for
    ``[0, 0, 5, 5]`` the step is at index 2.

    Examples
    --------
    >>> evaluate_find_steps(lambda signal, threshold: [2]).passed
    False
    """
    rng = np.random.default_rng(3)
    signals = [
        (np.array([0.0, 0, 0, 0, 5, 5, 5, 5, 2, 2, 2, 2]), 1.0),
        (np.array([0.0, 0, 5, 5]), 1.0),
        (np.array([5.0, 5, 5, 5]), 0.5),
        (np.array([1.0, 4.0]), 2.0),
        (np.array([0.0, 0, 1, 1]), 1.0),  # a jump equal to the threshold is not a step
        (np.array([3.0, 3.0]), 1.0),
        (np.repeat(rng.integers(0, 10, size=6).astype(float), 3)
         + rng.normal(0, 0.05, size=18).round(3), 0.5),
    ]
    cases = [(s, t, f"signal={show(s)}, threshold={t}") for s, t in signals]
    return run("find_steps", answer, cases, _judge_steps)


def check_find_steps(answer) -> None:
    """Print the verdict of :func:`evaluate_find_steps`."""
    report(evaluate_find_steps(answer))
