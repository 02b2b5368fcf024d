"""Exercise checkers: run a student's answer on many cases and say what is wrong.

A checker never lets an exception escape: whatever the answer does (raise,
return ``None``, return the wrong shape or type, modify its input), the
student gets a short verdict with the failing case and a hint.

Each exercise has two functions:

* ``evaluate_<exercise>(answer)`` returns a :class:`Verdict` (used by tests);
* ``check_<exercise>(answer)`` prints that verdict (used in the notebooks).

The expected values come from NumPy, never from this package, so a bug in
``convlessons`` cannot make a wrong answer pass.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import numpy as np

PASS_MARK = "✅"
FAIL_MARK = "❌"


@dataclass
class Verdict:
    """The outcome of checking one answer.

    Attributes
    ----------
    exercise : str
        Name of the exercise, as shown to the student.
    passed : bool
        True when every case passed.
    cases : int
        Number of cases that were run before the verdict.
    lines : list of str
        The explanation printed below the headline.
    """

    exercise: str
    passed: bool
    cases: int
    lines: list = field(default_factory=list)

    @property
    def message(self) -> str:
        if self.passed:
            head = f"{PASS_MARK} {self.exercise}: all {self.cases} cases pass."
        else:
            head = f"{FAIL_MARK} {self.exercise}: not yet."
        return "\n".join([head, *("   " + line for line in self.lines)])

    def __str__(self) -> str:
        return self.message


class _CaseFailed(Exception):
    """Raised inside a checker to stop at the first failing case."""

    def __init__(self, *lines):
        super().__init__(lines[0] if lines else "")
        self.lines = list(lines)


def _show(value) -> str:
    """A short, rounded rendering of a value for messages."""
    if isinstance(value, np.ndarray) or (
        isinstance(value, (list, tuple)) and all(isinstance(v, (int, float)) for v in value)
    ):
        array = np.asarray(value)
        if np.issubdtype(array.dtype, np.number):
            array = np.round(array.astype(float), 4) + 0.0
            return np.array2string(array, separator=", ", threshold=20, max_line_width=90)
    text = repr(value)
    return text if len(text) <= 90 else text[:87] + "..."


class _NotDone(_CaseFailed):
    """The answer still raises the stub's NotImplementedError."""


def _call(answer, args, description, names=None):
    """Call the student's function on copies of ``args``; report what goes wrong."""
    copies = copy.deepcopy(args)
    names = names or [f"argument {number}" for number in range(1, len(args) + 1)]
    try:
        result = answer(*copies)
    except NotImplementedError:
        raise _NotDone(
            "this exercise is not done yet: replace `raise NotImplementedError()` with your code."
        ) from None
    except Exception as error:  # a student's bug must become a verdict, not a traceback
        raise _CaseFailed(
            f"on {description} your function raised {type(error).__name__}: {error}",
        ) from None
    for name, original, passed in zip(names, args, copies, strict=True):
        if isinstance(original, np.ndarray) and not np.array_equal(original, passed):
            raise _CaseFailed(
                f"on {description} your function changed its input {name} "
                f"from {_show(original)} to {_show(passed)}.",
                "Work on a copy (or build a new array) instead of writing into the argument.",
            )
    if result is None:
        raise _CaseFailed(
            f"on {description} your function returned None.",
            "Did you forget the `return` statement?",
        )
    return result


def _compare_arrays(result, expected, description, hint):
    """Fail with a precise message unless ``result`` matches ``expected``."""
    try:
        got = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise _CaseFailed(
            f"on {description} your function returned {_show(result)} "
            f"({type(result).__name__}), expected an array of numbers.",
            hint,
        ) from None
    if got.shape != expected.shape:
        raise _CaseFailed(
            f"on {description}:",
            f"expected shape {expected.shape}: {_show(expected)}",
            f"your result has shape {got.shape}: {_show(got)}",
            hint,
        )
    if not np.allclose(got, expected, rtol=1e-6, atol=1e-9):
        wrong = np.flatnonzero(~np.isclose(got.ravel(), expected.ravel(), rtol=1e-6, atol=1e-9))
        where = np.unravel_index(wrong[0], expected.shape) if expected.ndim else ()
        where = where[0] if len(where) == 1 else tuple(int(i) for i in where)
        raise _CaseFailed(
            f"on {description}:",
            f"expected {_show(expected)}",
            f"got      {_show(got)}",
            f"the first difference is at index {where}.",
            hint,
        )


def _run(exercise, answer, cases, judge) -> Verdict:
    """Run ``judge(answer, *case)`` for every case and build the verdict."""
    if not callable(answer):
        return Verdict(exercise, False, 0, [
            f"expected a function, got {_show(answer)} ({type(answer).__name__}).",
            "Pass the function itself, without calling it: check(my_function), "
            "not check(my_function()).",
        ])
    for number, case in enumerate(cases, start=1):
        try:
            judge(answer, *case)
        except _NotDone as failure:
            return Verdict(exercise, False, number, failure.lines)
        except _CaseFailed as failure:
            return Verdict(exercise, False, number, [f"case {number} of {len(cases)}: "
                                                     + failure.lines[0], *failure.lines[1:]])
        except Exception as error:  # the checker itself must never crash
            return Verdict(exercise, False, number, [
                f"case {number} of {len(cases)}: your answer could not be checked "
                f"({type(error).__name__}: {error}).",
            ])
    return Verdict(exercise, True, len(cases))


def _report(verdict: Verdict) -> None:
    print(verdict.message)


# --- lesson 1 ----------------------------------------------------------------


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
    return [(f, g, f"f={_show(f)}, g={_show(g)}") for f, g in pairs]


def _judge_full_convolution(answer, f, g, description):
    expected = np.convolve(f.astype(float), g.astype(float), mode="full")
    hint = ("Hint: the full output has len(f) + len(g) - 1 samples, and "
            "y[k] = sum over i of f[i] * g[k - i], skipping i where k - i is outside g.")
    _compare_arrays(_call(answer, (f, g), description, ("f", "g")), expected, description, hint)


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
    return _run("convolve_loops", answer, _signal_pairs(seed=1), _judge_full_convolution)


def check_convolve_loops(answer) -> None:
    """Print the verdict of :func:`evaluate_convolve_loops`.

    Examples
    --------
    >>> check_convolve_loops(np.convolve)
    ✅ convolve_loops: all 10 cases pass.
    """
    _report(evaluate_convolve_loops(answer))


_LENGTH_HINTS = {
    "full": "Hint: 'full' keeps every position where the two overlap at all: n + m - 1.",
    "same": "Hint: 'same' returns as many samples as the longer input: max(n, m).",
    "valid": "Hint: 'valid' keeps only complete overlaps, and NumPy swaps the inputs when "
             "the kernel is longer: max(n, m) - min(n, m) + 1.",
}


def _judge_length(answer, n, m, mode, description):
    expected = len(np.convolve(np.ones(n), np.ones(m), mode=mode))
    result = _call(answer, (n, m, mode), description)
    if isinstance(result, bool) or not isinstance(result, (int, np.integer)):
        raise _CaseFailed(
            f"on {description} your function returned {_show(result)} "
            f"({type(result).__name__}); a length is a whole number (int).",
            "Use // for division if you need it, or int(...) around the result.",
        )
    if result != expected:
        raise _CaseFailed(
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
    return _run("output_length", answer, cases, _judge_length)


def check_output_length(answer) -> None:
    """Print the verdict of :func:`evaluate_output_length`.

    Examples
    --------
    >>> check_output_length(lambda n, m, mode: len(np.convolve(np.ones(n), np.ones(m), mode)))
    ✅ output_length: all 24 cases pass.
    """
    _report(evaluate_output_length(answer))


def _judge_correlation(answer, f, g, description):
    expected = np.correlate(f.astype(float), g.astype(float), mode="full")
    hint = ("Hint: correlation slides g without flipping it; convolution flips it first. "
            "So flip g before you convolve: g[::-1].")
    _compare_arrays(_call(answer, (f, g), description, ("f", "g")), expected, description, hint)


def evaluate_correlate_with_convolve(answer) -> Verdict:
    """Check ``answer(f, g)``: full cross-correlation, against ``numpy.correlate``.

    Examples
    --------
    >>> evaluate_correlate_with_convolve(lambda f, g: np.correlate(f, g, "full")).passed
    True
    >>> evaluate_correlate_with_convolve(np.convolve).passed
    False
    """
    return _run("correlate_with_convolve", answer, _signal_pairs(seed=2), _judge_correlation)


def check_correlate_with_convolve(answer) -> None:
    """Print the verdict of :func:`evaluate_correlate_with_convolve`."""
    _report(evaluate_correlate_with_convolve(answer))


def _shifted(signal: np.ndarray, shift: int) -> np.ndarray:
    """``signal`` moved ``shift`` places right (left if negative), zeros entering."""
    moved = np.zeros_like(signal)
    if shift >= 0:
        moved[shift:] = signal[: len(signal) - shift]
    else:
        moved[:shift] = signal[-shift:]
    return moved


def _judge_shift(answer, shift, description):
    kernel = _call(answer, (shift,), description)
    try:
        kernel = np.asarray(kernel, dtype=float)
    except (TypeError, ValueError):
        raise _CaseFailed(f"on {description} your kernel {_show(kernel)} is not "
                          "a list or array of numbers.") from None
    if kernel.ndim == 0:
        raise _CaseFailed(f"on {description} your kernel is a single number, {_show(kernel)}; "
                          "return a list or array of numbers, such as [0, 0, 1].")
    if kernel.ndim != 1 or kernel.size == 0:
        raise _CaseFailed(f"on {description} your kernel has shape {kernel.shape}; "
                          "it must be a non-empty 1-D list or array.")
    signal = np.array([3.0, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8])
    if kernel.size > len(signal):
        raise _CaseFailed(f"on {description} your kernel has {kernel.size} taps, more than "
                          f"the {len(signal)} samples of the test signal, so mode 'same' would "
                          f"change the output length. {2 * abs(shift) + 1} taps are enough.")
    expected = _shifted(signal, shift)
    got = np.convolve(signal, kernel, mode="same")
    hint = ("Hint: with convolution and mode 'same', the kernel [0, 0, 1] moves a signal "
            "one place to the right and [1, 0, 0] one place to the left.")
    _compare_arrays(got, expected, f"{description} (convolving {_show(signal)} "
                    f"with your kernel {_show(kernel)})", hint)


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
    return _run("shift_kernel", answer, cases, _judge_shift)


def check_shift_kernel(answer) -> None:
    """Print the verdict of :func:`evaluate_shift_kernel`."""
    _report(evaluate_shift_kernel(answer))


def _judge_steps(answer, signal, threshold, description):
    expected = np.flatnonzero(np.abs(np.diff(signal)) > threshold) + 1
    result = _call(answer, (signal, threshold), description, ("signal", "threshold"))
    hint = ("Hint: convolving with [1, -1] in mode 'valid' gives signal[i + 1] - signal[i]; "
            "a step sits where its absolute value exceeds the threshold, and the step's "
            "index is that of the first sample after it (i + 1).")
    _compare_arrays(result, expected.astype(float), description, hint)


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
    cases = [(s, t, f"signal={_show(s)}, threshold={t}") for s, t in signals]
    return _run("find_steps", answer, cases, _judge_steps)


def check_find_steps(answer) -> None:
    """Print the verdict of :func:`evaluate_find_steps`."""
    _report(evaluate_find_steps(answer))
