"""Checkers for the exercises of lesson 1, signals in 1D.

The expected values come from NumPy, never from ``convlessons.signals``, so a
bug in the package cannot make a wrong answer pass. Each judge lists the
wrong answers students are known to write as :class:`~._core.Suspect`, so the
verdict can name the mistake, not only show the difference.
"""

from __future__ import annotations

import numpy as np

from ._core import (
    INTEGER_RESULT_HINT,
    NO_FLIP_HINT,
    CaseFailed,
    Suspect,
    Verdict,
    call,
    checker,
    compare,
    diagnose,
    hidden_cases,
    integer_note,
    named_case,
    random_shape,
    run,
    show,
    whole_number,
)

# --- pairs of signals: exercises 1 and 3 ------------------------------------------


def _pair_case(f, g):
    return f, g, f"f={show(f, inline=True)}, g={show(g, inline=True)}" + integer_note(f=f, g=g)


def _visible_pairs(seed: int):
    """Hand-checkable pairs, edge cases, integer signals with float kernels, random pairs."""
    rng = np.random.default_rng(seed)
    pairs = [
        (np.array([1.0, 2.0, 3.0]), np.array([0.0, 1.0, 0.5])),
        (np.array([10.0, 9, 10, 9, 10, 1, 10, 9, 10, 8]), np.full(3, 1 / 3)),
        (np.array([4.0]), np.array([2.0])),
        (np.array([1.0, -2.0, 3.0, 0.5]), np.array([1.0, -1.0])),
        (np.array([2.0, 1.0]), np.array([1.0, 2.0, 3.0, 4.0, 5.0])),
        (np.array([1, 2, 3, 4, 5]), np.array([1, 0, -1])),
        # An accumulator of f's integer dtype truncates every partial sum here.
        (np.array([10, 9, 10, 1, 10, 8]), np.array([0.25, 0.5, 0.25])),
        (np.array([0.5, -1.5, 2.0]), np.array([3, -1])),
    ]
    for n, m in [(7, 3), (6, 6), (3, 8), (12, 4)]:
        pairs.append((rng.normal(size=n).round(2), rng.normal(size=m).round(2)))
    return [_pair_case(f, g) for f, g in pairs]


def _random_pairs(rng):
    """Hidden pairs: lengths 1 to 12 either way round, integer and float inputs mixed."""
    cases = []
    for _ in range(8):
        n, m = random_shape(rng, 1, 13)
        f = rng.integers(-9, 10, size=n) if rng.random() < 0.5 else rng.normal(size=n).round(2)
        g = rng.normal(size=m).round(2) if rng.random() < 0.7 else rng.integers(-3, 4, size=m)
        cases.append(_pair_case(f, g))
    f = rng.integers(0, 20, size=int(rng.integers(4, 10)))
    cases.append(_pair_case(f, np.full(3, 1 / 3)))  # the integer signal with a float kernel
    return cases


def _truncating_convolution(f, g):
    """What ``y = np.zeros(n + m - 1, dtype=f.dtype)`` gives: each partial sum cut to int."""
    y = np.zeros(len(f) + len(g) - 1, dtype=np.int64)
    for k in range(len(y)):
        for i in range(len(f)):
            if 0 <= k - i < len(g):
                y[k] = int(y[k] + f[i] * g[k - i])  # int() truncates, as the assignment does
    return y


def _wrapping_convolution(f, g):
    """The loop without ``k - i >= 0``: a negative index reads g from its end."""
    y = np.zeros(len(f) + len(g) - 1)
    for k in range(len(y)):
        for i in range(len(f)):
            if k - i < len(g):
                y[k] += f[i] * g[k - i]
    return y


_FULL_HINT = ("Hint: the full output has len(f) + len(g) - 1 samples, and "
              "y[k] = sum over i of f[i] * g[k - i], skipping i where k - i is outside g.")


def _mode_suspects(oracle, f, g, name):
    """The other two modes of ``oracle``, which a student may have computed instead of full."""
    return [Suspect(lambda mode=mode: oracle(f, g, mode=mode),
                    f"That is mode {mode!r}; the task asks for the full {name}, which keeps "
                    "every position where f and g overlap at all: len(f) + len(g) - 1 samples.")
            for mode in ("same", "valid")]


def _judge_convolve(answer, f, g, description):
    f_float, g_float = f.astype(float), g.astype(float)
    expected = np.convolve(f_float, g_float, mode="full")
    result = call(answer, (f, g), description, ("f", "g"))
    suspects = [
        Suspect(lambda: np.correlate(f_float, g_float, mode="full"), NO_FLIP_HINT),
        Suspect(lambda: expected[:-1], "Your result is one sample short: range(n + m - 2) "
                "stops early; the full convolution has n + m - 1 samples."),
        Suspect(lambda: _truncating_convolution(f, g) if f.dtype.kind == "i" else None,
                INTEGER_RESULT_HINT),
        Suspect(lambda: _wrapping_convolution(f_float, g_float),
                "When k - i is negative, g[k - i] reads g from its end (Python's negative "
                "indices wrap around): skip those i, keep only 0 <= k - i < len(g)."),
        *_mode_suspects(np.convolve, f_float, g_float, "convolution"),
    ]
    compare(result, expected, description, _FULL_HINT, kind="f", suspects=suspects)


def evaluate_convolve_loops(answer, *, hidden_seed=None) -> Verdict:
    """Check a loop implementation of full 1-D convolution against ``numpy.convolve``.

    ``answer(f, g)`` receives two 1-D arrays of shapes (n,) and (m,), n, m >= 1,
    either the longer one, integer or float, and must return their full
    convolution as a new float array of shape (n + m - 1,), without
    modifying them.

    Examples
    --------
    >>> evaluate_convolve_loops(lambda f, g: np.convolve(f, g).astype(float)).passed
    True
    >>> evaluate_convolve_loops(lambda f, g: np.correlate(f, g, "full")).passed
    False
    """
    return run("convolve_loops", answer, _visible_pairs(seed=1), _judge_convolve,
               hidden=hidden_cases(hidden_seed, _random_pairs))


check_convolve_loops = checker(evaluate_convolve_loops)


def _judge_correlate(answer, f, g, description):
    f_float, g_float = f.astype(float), g.astype(float)
    expected = np.correlate(f_float, g_float, mode="full")
    result = call(answer, (f, g), description, ("f", "g"))
    suspects = [
        Suspect(lambda: np.convolve(f_float, g_float, mode="full"),
                "That is the convolution: convolve1d flips g itself, so flip g before you "
                "hand it over, g[::-1], and the two flips cancel."),
        Suspect(lambda: expected[::-1],
                "Your result is reversed: you flipped f instead of g (or swapped f and g). "
                "Correlation slides g along f; flip g: convolve1d(f, g[::-1])."),
        *_mode_suspects(np.correlate, f_float, g_float, "correlation"),
    ]
    compare(result, expected, description,
            "Hint: correlation slides g without flipping it; convolution flips it first. "
            "So flip g before you convolve: g[::-1].", suspects=suspects)


def evaluate_correlate_with_convolve(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(f, g)``: full cross-correlation, against ``numpy.correlate``.

    ``f`` has shape (n,) and ``g`` (m,), either the longer one; the result
    must have shape (n + m - 1,) and the values of
    ``numpy.correlate(f, g, mode="full")``; neither input may be modified.

    Examples
    --------
    >>> evaluate_correlate_with_convolve(lambda f, g: np.correlate(f, g, "full")).passed
    True
    >>> evaluate_correlate_with_convolve(np.convolve).passed
    False
    """
    return run("correlate_with_convolve", answer, _visible_pairs(seed=2), _judge_correlate,
               hidden=hidden_cases(hidden_seed, _random_pairs))


check_correlate_with_convolve = checker(evaluate_correlate_with_convolve)


# --- exercise 2: output lengths ---------------------------------------------------

_LENGTH_HINTS = {
    "full": "Hint: 'full' keeps every position where the two overlap at all: n + m - 1.",
    "same": "Hint: 'same' returns as many samples as the longer input: max(n, m).",
    "valid": "Hint: 'valid' keeps only complete overlaps, and NumPy swaps the inputs when "
             "the kernel is longer: max(n, m) - min(n, m) + 1.",
}


def _length_suspects(n, m, mode):
    """Lengths that known mistakes predict, with the hint that names each."""
    return {
        "full": [Suspect(n + m, "n + m is one too many: two inputs that overlap by one "
                                "sample at each end give n + m - 1 positions."),
                 Suspect(n + m - 2, "n + m - 2 is one too few: count both positions where "
                                    "only one sample overlaps, n + m - 1 in all.")],
        "same": [Suspect(n, "That is n, the length of f; when g is longer, 'same' returns "
                            "max(n, m) samples.")],
        "valid": [Suspect(n - (m + 1), "n - (m + 1) has its brackets misplaced: a kernel of "
                                       "m samples fits at n - m + 1 positions."),
                  Suspect(n - m, "n - m is one short: the kernel fits at n - m + 1 positions, "
                                 "0 to n - m included."),
                  Suspect(n - m + 1, "n - m + 1 holds only when f is the longer input; when g "
                                     "is longer NumPy swaps them: max(n, m) - min(n, m) + 1.")],
    }[mode]


def _judge_length(answer, n, m, mode, description):
    expected = len(np.convolve(np.ones(n), np.ones(m), mode=mode))
    result = call(answer, (n, m, mode), description)
    got = whole_number(result, description, "a length")
    if got != expected:
        raise CaseFailed(f"on {description} you predicted {got}, "
                         f"but numpy.convolve returns {expected} samples.",
                         diagnose(got, _length_suspects(n, m, mode), _LENGTH_HINTS[mode]))


def _random_lengths(rng):
    """Hidden lengths up to 300, each mode with the kernel shorter and longer."""
    cases = []
    for mode in ("full", "same", "valid"):
        for _ in range(3):
            n, m = sorted(random_shape(rng, 1, 300))
            cases += [named_case(n=m, m=n, mode=mode), named_case(n=n, m=m, mode=mode)]
    return cases


def evaluate_output_length(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(n, m, mode)``, the predicted output length, against NumPy.

    ``n`` and ``m`` are ints >= 1 (``m`` may exceed ``n``), ``mode`` one of
    ``"full"``, ``"same"``, ``"valid"``; the answer is the int
    ``len(numpy.convolve(f, g, mode))`` for ``len(f) == n`` and ``len(g) == m``.

    Examples
    --------
    >>> evaluate_output_length(lambda n, m, mode: n + m - 1).passed
    False
    """
    sizes = [(10, 3), (5, 5), (1, 1), (4, 1), (3, 7), (2, 9), (100, 10), (8, 2)]
    cases = [named_case(n=n, m=m, mode=mode)
             for mode in ("full", "same", "valid") for n, m in sizes]
    return run("output_length", answer, cases, _judge_length,
               hidden=hidden_cases(hidden_seed, _random_lengths))


check_output_length = checker(evaluate_output_length)


# --- exercise 4: a kernel that shifts ------------------------------------------------

#: The 12-sample signal the task promises; kernels of 2|shift| + 1 taps reach shifts of 5.
_SHIFT_SIGNAL = np.array([3.0, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8])
_LARGEST_SHIFT = (len(_SHIFT_SIGNAL) - 1) // 2


def _shifted(signal: np.ndarray, shift: int) -> np.ndarray:
    """``signal`` moved ``shift`` places right (left if negative), zeros entering."""
    moved = np.zeros_like(signal)
    if shift >= 0:
        moved[shift:] = signal[: len(signal) - shift]
    else:
        moved[:shift] = signal[-shift:]
    return moved


def _places(shift: int) -> str:
    places = "place" if abs(shift) == 1 else "places"
    if shift == 0:
        return "not at all"
    return f"{abs(shift)} {places} to the {'right' if shift > 0 else 'left'}"


def _shift_suspects(signal, shift):
    """Every other shift, so the verdict can say which way and how far the kernel moved it."""
    suspects = []
    for other in range(-len(signal) + 1, len(signal)):
        if other == shift:
            continue
        hint = f"Your kernel moves the signal {_places(other)}, not {_places(shift)}."
        if other == -shift:
            hint += (" With convolution and mode 'same', the kernel [0, 0, 1] moves a signal "
                     "one place to the right and [1, 0, 0] one place to the left.")
        suspects.append(Suspect(_shifted(signal, other), hint))
    return suspects


def _judge_shift(answer, shift, signal, description):
    kernel = call(answer, (shift,), description)
    try:
        kernel = np.asarray(kernel, dtype=float)
    except (TypeError, ValueError):
        raise CaseFailed(f"on {description} your kernel {show(kernel, inline=True)} is not "
                         "a list or array of numbers.") from None
    if kernel.ndim == 0:
        raise CaseFailed(f"on {description} your kernel is a single number, "
                         f"{show(kernel, inline=True)}; return a list or array of numbers, "
                         "such as [0, 0, 1].")
    if kernel.ndim != 1 or kernel.size == 0:
        raise CaseFailed(f"on {description} your kernel has shape {kernel.shape}; "
                         "it must be a non-empty 1-D list or array.")
    if kernel.size > len(signal):
        raise CaseFailed(f"on {description} your kernel has {kernel.size} taps, more than "
                         f"the {len(signal)} samples of the test signal, so mode 'same' would "
                         f"change the output length. {2 * abs(shift) + 1} taps are enough.")
    got = np.convolve(signal, kernel, mode="same")
    compare(got, _shifted(signal, shift),
            f"{description} (convolving {show(signal, inline=True)} with your kernel "
            f"{show(kernel, inline=True)})",
            "Hint: a kernel of 2 * abs(shift) + 1 taps with a single 1 at one end moves the "
            "signal abs(shift) places; which end decides the direction.",
            suspects=lambda: _shift_suspects(signal, shift))


def _shift_case(shift, signal=_SHIFT_SIGNAL):
    return shift, signal, f"shift={shift}"


def _every_shift(rng):
    """Hidden cases: every shift the task allows, in a random order, on random signals."""
    shifts = rng.permutation(np.arange(-_LARGEST_SHIFT, _LARGEST_SHIFT + 1))
    return [_shift_case(int(shift), rng.integers(1, 10, size=len(_SHIFT_SIGNAL)).astype(float))
            for shift in shifts]


def evaluate_shift_kernel(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(shift)``: a kernel that moves a signal by ``shift`` places.

    ``shift`` is an int with ``2 * abs(shift) + 1 <= 12``; the kernel is a 1-D
    list or array of at most 12 taps, and
    ``numpy.convolve(signal, answer(shift), mode="same")`` must equal a
    12-sample signal moved ``shift`` places to the right (to the left when
    negative), with zeros coming in.

    Examples
    --------
    >>> evaluate_shift_kernel(lambda shift: [1.0]).passed
    False
    """
    cases = [_shift_case(shift) for shift in (1, -1, 0, 2, -2, 3, -4, _LARGEST_SHIFT,
                                              -_LARGEST_SHIFT)]
    return run("shift_kernel", answer, cases, _judge_shift,
               hidden=hidden_cases(hidden_seed, _every_shift))


check_shift_kernel = checker(evaluate_shift_kernel)


# --- exercise 5: steps -------------------------------------------------------------

_STEPS_HINT = ("Hint: convolving with [1, -1] in mode 'valid' gives signal[i + 1] - signal[i]; "
               "a step sits where its absolute value exceeds the threshold, and the step's "
               "index is that of the first sample after it (i + 1).")


def _steps(signal, threshold, strict=True):
    jumps = np.abs(np.diff(signal))
    return np.flatnonzero(jumps > threshold if strict else jumps >= threshold) + 1


def _steps_suspects(signal, threshold):
    """Indices that known mistakes give, with the hint that names each."""
    padded = np.concatenate([[0.0], signal, [0.0]])  # what 'same' and 'full' difference with
    return [
        Suspect(lambda: _steps(signal, threshold) - 1,
                "Your indices are one too small: difference i of the 'valid' result is "
                "signal[i + 1] - signal[i], so the step ends at sample i + 1."),
        Suspect(lambda: _steps(signal, threshold, strict=False),
                "A jump exactly equal to the threshold is not a step: use > , not >=."),
        *(Suspect(lambda sign=sign: np.flatnonzero(sign * np.diff(signal) > threshold) + 1,
                  "You found the steps of one direction only: a step down gives a negative "
                  "difference; compare its absolute value, np.abs(...), with the threshold.")
          for sign in (1, -1)),
        Suspect(lambda: np.flatnonzero(np.abs(np.diff(padded[:-1])) > threshold),
                "Mode 'same' pads with a 0 before the first sample, so a large first sample "
                "looks like a step at index 0: use mode 'valid' and add 1."),
        Suspect(lambda: np.flatnonzero(np.abs(np.diff(padded)) > threshold),
                "Mode 'full' pads with 0 at both ends, so the ends look like steps: use "
                "mode 'valid' and add 1."),
        Suspect(lambda: _steps(signal, threshold)[:, None],
                "Your indices form a column (np.argwhere gives one row per index); return a "
                "1-D array, e.g. with np.flatnonzero."),
    ]


_FLOAT_INDEX_HINT = ("Indices must be integers: an array of floats cannot index a signal. "
                     "np.flatnonzero returns ints; an empty result needs "
                     "np.array([], dtype=int).")


def _judge_steps(answer, signal, threshold, description):
    result = call(answer, (signal, threshold), description, ("signal", "threshold"))
    floats = isinstance(result, np.ndarray) and result.dtype.kind == "f"
    compare(result, _steps(signal, threshold), description,
            _FLOAT_INDEX_HINT if floats else _STEPS_HINT, kind="i",
            suspects=lambda: _steps_suspects(signal, threshold))


def _steps_case(signal, threshold):
    return signal, threshold, f"signal={show(signal, inline=True)}, threshold={threshold}"


def _random_steps(rng):
    """Hidden signals: flat stretches up and down, some jumps exactly at the threshold."""
    cases = []
    for _ in range(6):
        levels = rng.integers(-4, 6, size=int(rng.integers(1, 6))).astype(float)
        signal = np.repeat(levels, rng.integers(1, 5, size=len(levels)))
        if len(signal) < 2:
            signal = np.append(signal, signal[-1])
        noisy = rng.random() < 0.5
        if noisy:  # noise well below the threshold keeps the answer unambiguous
            signal = signal + rng.normal(0, 0.05, size=len(signal)).round(3)
        cases.append(_steps_case(signal, 0.5 if noisy else float(rng.integers(0, 3))))
    return cases


def evaluate_find_steps(answer, *, hidden_seed=None) -> Verdict:
    """Check ``answer(signal, threshold)``: indices where the signal jumps.

    ``signal`` has shape (n,), n >= 2, and ``threshold`` >= 0; the answer is
    a 1-D integer array of the indices ``i`` where
    ``abs(signal[i] - signal[i - 1]) > threshold``, in increasing order: the
    index of a step is that of the first sample after it (for
    ``[0, 0, 5, 5]`` the step is at index 2). A flat signal gives an empty
    integer array.

    Examples
    --------
    >>> evaluate_find_steps(lambda signal, threshold: np.array([2])).passed
    False
    >>> evaluate_find_steps(lambda s, t: np.flatnonzero(np.abs(np.diff(s)) > t) + 1).passed
    True
    """
    rng = np.random.default_rng(3)
    signals = [
        (np.array([0.0, 0, 0, 0, 5, 5, 5, 5, 2, 2, 2, 2]), 1.0),
        (np.array([0.0, 0, 5, 5]), 1.0),
        (np.array([5.0, 5, 5, 5]), 0.5),
        (np.array([1.0, 4.0]), 2.0),
        (np.array([0.0, 0, 1, 1]), 1.0),  # a jump equal to the threshold is not a step
        (np.array([3.0, 3.0]), 1.0),
        (np.array([6.0, 6, 6, 2, 2, 2, 7]), 1.0),  # a large first and last sample
        (np.repeat(rng.integers(0, 10, size=6).astype(float), 3)
         + rng.normal(0, 0.05, size=18).round(3), 0.5),
    ]
    return run("find_steps", answer, [_steps_case(s, t) for s, t in signals], _judge_steps,
               hidden=hidden_cases(hidden_seed, _random_steps))


check_find_steps = checker(evaluate_find_steps)
