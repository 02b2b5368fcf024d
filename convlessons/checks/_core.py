"""The machinery every checker shares: run an answer safely, compare, explain.

A checker never lets an exception escape: whatever the answer does (raise,
return ``None``, return the wrong shape or type, modify its input), it becomes
a :class:`Verdict` with the failing case and a hint.
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
        # Multi-line entries (2-D arrays) keep the indentation on every line.
        body = [part for line in self.lines for part in str(line).split("\n")]
        return "\n".join([head, *("   " + part for part in body)])

    def __str__(self) -> str:
        return self.message


class CaseFailed(Exception):
    """Raised inside a checker to stop at the first failing case."""

    def __init__(self, *lines):
        super().__init__(lines[0] if lines else "")
        self.lines = list(lines)


def show(value) -> str:
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


class NotDone(CaseFailed):
    """The answer still raises the stub's NotImplementedError."""


def call(answer, args, description, names=None):
    """Call the student's function on copies of ``args``; report what goes wrong."""
    copies = copy.deepcopy(args)
    names = names or [f"argument {number}" for number in range(1, len(args) + 1)]
    try:
        result = answer(*copies)
    except NotImplementedError:
        raise NotDone(
            "this exercise is not done yet: replace `raise NotImplementedError()` with your code."
        ) from None
    except Exception as error:  # a student's bug must become a verdict, not a traceback
        raise CaseFailed(
            f"on {description} your function raised {type(error).__name__}: {error}",
        ) from None
    for name, original, passed in zip(names, args, copies, strict=True):
        if isinstance(original, np.ndarray) and not np.array_equal(original, passed):
            raise CaseFailed(
                f"on {description} your function changed its input {name} "
                f"from {show(original)} to {show(passed)}.",
                "Work on a copy (or build a new array) instead of writing into the argument.",
            )
    if result is None:
        raise CaseFailed(
            f"on {description} your function returned None.",
            "Did you forget the `return` statement?",
        )
    return result


def as_float_array(result, description, hint) -> np.ndarray:
    """``result`` as a float array, or a failure saying that it is not one."""
    try:
        return np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise CaseFailed(
            f"on {description} your function returned {show(result)} "
            f"({type(result).__name__}), expected an array of numbers.",
            hint,
        ) from None


def compare_arrays(result, expected, description, hint):
    """Fail with a precise message unless ``result`` matches ``expected``."""
    got = as_float_array(result, description, hint)
    if got.shape != expected.shape:
        raise CaseFailed(
            f"on {description}:",
            f"expected shape {expected.shape}: {show(expected)}",
            f"your result has shape {got.shape}: {show(got)}",
            hint,
        )
    if not np.allclose(got, expected, rtol=1e-6, atol=1e-9):
        wrong = np.flatnonzero(~np.isclose(got.ravel(), expected.ravel(), rtol=1e-6, atol=1e-9))
        where = np.unravel_index(wrong[0], expected.shape) if expected.ndim else ()
        where = where[0] if len(where) == 1 else tuple(int(i) for i in where)
        raise CaseFailed(
            f"on {description}:",
            f"expected {show(expected)}",
            f"got      {show(got)}",
            f"the first difference is at index {where}.",
            hint,
        )


def run(exercise, answer, cases, judge) -> Verdict:
    """Run ``judge(answer, *case)`` for every case and build the verdict."""
    if not callable(answer):
        return Verdict(exercise, False, 0, [
            f"expected a function, got {show(answer)} ({type(answer).__name__}).",
            "Pass the function itself, without calling it: check(my_function), "
            "not check(my_function()).",
        ])
    for number, case in enumerate(cases, start=1):
        try:
            judge(answer, *case)
        except NotDone as failure:
            return Verdict(exercise, False, number, failure.lines)
        except CaseFailed as failure:
            return Verdict(exercise, False, number, [f"case {number} of {len(cases)}: "
                                                     + failure.lines[0], *failure.lines[1:]])
        except Exception as error:  # the checker itself must never crash
            return Verdict(exercise, False, number, [
                f"case {number} of {len(cases)}: your answer could not be checked "
                f"({type(error).__name__}: {error}).",
            ])
    return Verdict(exercise, True, len(cases))


def report(verdict: Verdict) -> None:
    print(verdict.message)
