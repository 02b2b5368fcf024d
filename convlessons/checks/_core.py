"""The machinery every checker shares: run an answer safely, compare, explain.

A checker never lets an exception escape: whatever the answer does (raise,
return ``None``, return the wrong shape or type, modify its input), it becomes
a :class:`Verdict` with the failing case and a hint.

Besides :func:`run`, :func:`call` and :func:`compare_arrays`, the helpers
below build the pieces of messages that several lessons' checkers share: a
count that must be an ``int``, a tuple of them, an array shown row by row,
where two arrays first differ.
"""

from __future__ import annotations

import copy
import os
import re
import warnings
from dataclasses import dataclass, field

import numpy as np

PASS_MARK = "✅"
FAIL_MARK = "❌"

NOT_DONE_MESSAGE = ("this exercise is not done yet: replace `raise NotImplementedError()` "
                    "with your code.")

#: The usual hint for a count that is not an int.
WHOLE_NUMBER_HINT = "Use // rather than / if you divide, or int(...) around the result."

#: For a result built with np.zeros_like(image) from an integer image.
ZEROS_LIKE_NOTE = ("Your result holds integers: build the output with np.zeros(shape), "
                   "which is float, not np.zeros_like(image), which keeps the image's dtype.")


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
    """A short, rounded rendering of a value for messages; NumPy scalars as plain numbers.

    Examples
    --------
    >>> show(np.float64(2.5)), show(np.array([1.0, 2.0])), show("text")
    ('2.5', '[1., 2.]', "'text'")
    """
    if isinstance(value, np.generic):
        value = value.item()
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
        raise NotDone(NOT_DONE_MESSAGE) from None
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
    except Exception:  # e.g. an __array__ that raises: still a verdict, not a crash
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
    if not same(got, expected):
        where = first_wrong(got, expected)
        where = where[0] if len(where) == 1 else where
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


class ExerciseNotPassed(AssertionError):
    """Raised by a checker under grading, after its verdict is printed, to cost the points."""


def grading() -> bool:
    """True while nbgrader autogrades or validates a notebook (or when asked to grade).

    nbgrader sets ``NBGRADER_EXECUTION`` in the kernel's environment; setting
    ``CONVLESSONS_GRADING=1`` gives the same strictness without nbgrader.

    Examples
    --------
    >>> import os
    >>> os.environ.pop("NBGRADER_EXECUTION", None) and None
    >>> grading()
    False
    """
    return bool(os.environ.get("NBGRADER_EXECUTION") or os.environ.get("CONVLESSONS_GRADING"))


def report(verdict: Verdict) -> None:
    """Print the verdict; under grading a failed one also raises :class:`ExerciseNotPassed`.

    Outside grading a checker never raises, whatever the answer: the student
    reads the verdict. Under nbgrader the test cell must fail to cost the
    points, so after printing the same friendly verdict it raises an
    ``AssertionError`` whose message is the verdict's headline.
    """
    print(verdict.message)
    if not verdict.passed and grading():
        raise ExerciseNotPassed(verdict.message.splitlines()[0])


# --- pieces of messages ---------------------------------------------------------


def one_line(value) -> str:
    """:func:`show` on one line, for values inside a sentence.

    Examples
    --------
    >>> one_line(np.array([[1.0, 2.0], [3.0, 4.0]]))
    '[[1., 2.], [3., 4.]]'
    """
    return " ".join(show(value).split())


def block(label: str, array, *, skip_blank_rows: bool = False) -> list[str]:
    """``label`` and a rounded array, one message line per row, rows aligned.

    ``skip_blank_rows`` leaves out the empty lines NumPy puts between the
    matrices of an array with three axes or more.

    Examples
    --------
    >>> block("got:", np.array([[1.0, 2.0], [3.0, 4.0]]))
    ['got: [[1., 2.],', '      [3., 4.]]']
    >>> len(block("got:", np.zeros((2, 1, 1)))), len(block("got:", np.zeros((2, 1, 1)),
    ...                                                     skip_blank_rows=True))
    (3, 2)
    """
    values = np.round(np.asarray(array, dtype=float), 4) + 0.0
    text = np.array2string(values, separator=", ", threshold=60, max_line_width=88)
    rows = text.split("\n")
    first, *rest = (row for row in rows if row.strip()) if skip_blank_rows else rows
    return [f"{label} {first}", *(" " * (len(label) + 1) + row for row in rest)]


def input_lines(*, align: bool = False, **arrays) -> list[str]:
    """The case's input arrays as message lines, when they are all small enough to read.

    With ``align``, the labels are padded so that the arrays start in one column.

    Examples
    --------
    >>> input_lines(x=np.array([[1.0]]), grad_out=np.array([[2.0]]), align=True)
    ['x:        [[1.]]', 'grad_out: [[2.]]']
    >>> input_lines(x=np.zeros((6, 6)))
    []
    """
    if any(np.size(array) > 30 for array in arrays.values()):
        return []
    width = max(len(name) for name in arrays) + 1 if align else 0
    return [line for name, array in arrays.items()
            for line in block(f"{name}:".ljust(width), array)]


def first_wrong(got: np.ndarray, expected: np.ndarray) -> tuple[int, ...]:
    """The index of the first entry of ``got`` further from ``expected`` than :func:`same` allows.

    Call it only when :func:`same` has said no and the shapes agree.

    Examples
    --------
    >>> first_wrong(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 5.0]]))
    (1, 1)
    >>> first_wrong(np.array([0.0, 5e-9]), np.zeros(2))  # the tolerance of same()
    (1,)
    """
    with np.errstate(all="ignore"):
        wrong = np.argwhere(~np.isclose(got, expected, rtol=1e-6, atol=1e-9))
    return tuple(int(i) for i in wrong[0])


def first_difference(got: np.ndarray, expected: np.ndarray) -> str:
    """Where two arrays of the same shape first differ: ``row r, column c`` for matrices.

    Examples
    --------
    >>> first_difference(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 5.0]]))
    'row 1, column 1'
    >>> first_difference(np.array([1.0, 2.0]), np.array([1.0, 3.0]))
    'index (1,)'
    """
    wrong = first_wrong(got, expected)
    if len(wrong) == 2:
        return f"row {int(wrong[0])}, column {int(wrong[1])}"
    return f"index {tuple(int(i) for i in wrong)}"


def wrong_shape_lines(description, expected, got, inputs=()) -> list[str]:
    """The first lines of a message for a result of the wrong shape.

    Examples
    --------
    >>> wrong_shape_lines("a case", np.array([[1.0, 2.0]]), np.array([1.0]))
    ['on a case:', 'expected shape (1, 2): [[1., 2.]]', 'your result has shape (1,): [1.]']
    """
    return [f"on {description}:", *inputs,
            *block(f"expected shape {expected.shape}:", expected),
            *block(f"your result has shape {got.shape}:", got)]


def mismatch_lines(description, expected, got, inputs=()) -> list[str]:
    """The first lines of a message for a result of the right shape but wrong values.

    Examples
    --------
    >>> for line in mismatch_lines("a case", np.array([[1.0, 2.0]]), np.array([[1.0, 0.0]])):
    ...     print(line)
    on a case:
    expected: [[1., 2.]]
    got:      [[1., 0.]]
    the first difference is at row 0, column 1.
    """
    return [f"on {description}:", *inputs, *block("expected:", expected),
            *block("got:     ", got),
            f"the first difference is at {first_difference(got, expected)}."]


# --- judging a result -----------------------------------------------------------


def same(got: np.ndarray, other: np.ndarray) -> bool:
    """Whether ``got`` has the shape and (nearly) the values of ``other``.

    Examples
    --------
    >>> same(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-12])), same(np.ones(2), np.ones(3))
    (True, False)
    """
    with np.errstate(all="ignore"):  # inf - inf in an answer is a mismatch, not a warning
        return got.shape == other.shape and bool(np.allclose(got, other, rtol=1e-6, atol=1e-9))


def is_whole(value) -> bool:
    """Whether ``value`` is a Python or NumPy integer (a bool is not).

    Examples
    --------
    >>> is_whole(3), is_whole(np.int64(3)), is_whole(3.0), is_whole(True)
    (True, True, False, False)
    """
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def is_integer_array(result) -> bool:
    """Whether ``result`` becomes an array of integers; False for anything odd.

    Examples
    --------
    >>> is_integer_array([1, 2]), is_integer_array(np.zeros(2)), is_integer_array("text")
    (True, False, False)
    """
    try:
        return np.asarray(result).dtype.kind in "iu"
    except Exception:  # whatever the answer returned, this is only a detail of the hint
        return False


def whole_number(result, description: str, what: str, *, hint: str = WHOLE_NUMBER_HINT,
                 float_hint: str | None = None, inline: bool = False) -> int:
    """``result`` as a Python int, or a CaseFailed that says what is wrong.

    ``what`` names the quantity (``"a number of pixels"``); ``hint`` follows
    the message, or ``float_hint`` when the answer is a float; ``inline``
    shows the answer on one line.

    Examples
    --------
    >>> whole_number(np.int64(4), "a case", "a size")
    4
    >>> try:
    ...     whole_number(4.0, "a case", "a size")
    ... except CaseFailed as failure:
    ...     for line in failure.lines:
    ...         print(line)
    on a case your function returned 4.0 (float); a size is a whole number (int).
    Use // rather than / if you divide, or int(...) around the result.
    """
    if not is_whole(result):
        if float_hint is not None and isinstance(result, (float, np.floating)):
            hint = float_hint
        shown = one_line(result) if inline else show(result)
        raise CaseFailed(
            f"on {description} your function returned {shown} "
            f"({type(result).__name__}); {what} is a whole number (int).",
            hint,
        )
    return int(result)


def int_tuple(result, count: int, description: str, what: str, *, noun: str = "sizes",
              arrays: bool = True) -> tuple[int, ...]:
    """``result`` as ``count`` Python ints, or a CaseFailed that says what is wrong.

    ``what`` describes the expected answer (``"a pair (rows, columns) of whole
    numbers"``), ``noun`` the numbers (``"sizes"``, ``"counts"``); with
    ``arrays=False`` a NumPy array is refused, as if it were not a sequence.

    Examples
    --------
    >>> int_tuple([2, np.int64(3)], 2, "a case", "a pair")
    (2, 3)
    >>> try:
    ...     int_tuple(np.array([2, 3]), 2, "a case", "a pair", arrays=False)
    ... except CaseFailed as failure:
    ...     for line in failure.lines:
    ...         print(line)
    on a case your function returned [2., 3.] (ndarray); expected a pair.
    """
    refused = (str, bytes) if arrays else (str, bytes, np.ndarray)
    try:
        items = None if isinstance(result, refused) else list(result)
    except TypeError:
        items = None
    if items is None or len(items) != count:
        raise CaseFailed(
            f"on {description} your function returned {show(result)} "
            f"({type(result).__name__}); expected {what}.",
        )
    for item in items:
        if not is_whole(item):
            raise CaseFailed(
                f"on {description} your function returned {show(result)}, which holds "
                f"{show(item)} ({type(item).__name__}); {noun} are whole numbers (int).",
                "Use // rather than / if you divide, or int(...) around a result.",
            )
    return tuple(int(item) for item in items)


# --- calling an answer ----------------------------------------------------------


def quiet_call(answer, args, description, names=None):
    """:func:`call`, with the answer's warnings (overflow, division by 0) silenced.

    The verdict explains what went wrong; warnings printed in between would
    only bury it. Values inside the failure's sentences are kept on one line.

    Examples
    --------
    >>> quiet_call(lambda x: x / 0, (np.ones(2),), "a case")
    array([inf, inf])
    """
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return call(answer, args, description, names)
        except CaseFailed as failure:
            raise type(failure)(*(re.sub(r"\n\s*", " ", line) for line in failure.lines)) \
                from None


def expect_value_error(answer, args, description, example, *lines) -> tuple[bool, object]:
    """Call ``answer(*args)`` (on copies, quietly) on a case where it must raise ValueError.

    Returns ``(True, None)`` when it raises a ValueError with a message and
    ``(False, result)`` when it returns ``result`` instead. A ValueError
    without a message fails with a hint that shows ``raise ValueError(example)``;
    another exception fails, followed by ``lines``; the stub is :class:`NotDone`.

    Examples
    --------
    >>> def refuses(n):
    ...     raise ValueError("n must be positive")
    >>> expect_value_error(refuses, (-1,), "n=-1", "..."), expect_value_error(abs, (-1,), "", "")
    ((True, None), (False, 1))
    """
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            result = answer(*copy.deepcopy(args))
        except NotImplementedError:
            raise NotDone(NOT_DONE_MESSAGE) from None
        except ValueError as error:
            if not str(error).strip():
                raise CaseFailed(
                    f"on {description} your function raised ValueError without a message.",
                    "Hint: give the error a sentence for the person who reads it, "
                    f"e.g. raise ValueError('{example}').",
                ) from None
            return True, None
        except Exception as error:  # a student's bug must become a verdict
            raise CaseFailed(
                f"on {description} your function raised {type(error).__name__}: {error}; "
                "expected a ValueError.",
                *lines,
            ) from None
    return False, result


def scipy_signal():
    """``scipy.signal``, imported on first use: importing the checkers never needs SciPy.

    Examples
    --------
    >>> scipy_signal().correlate2d(np.ones((2, 2)), np.ones((1, 1)), mode="valid").shape
    (2, 2)
    """
    try:
        from scipy import signal
    except ImportError:
        raise CaseFailed(
            "this checker compares your answer with SciPy, which is not installed here.",
            "Install it (python -m pip install scipy), restart the kernel and run the "
            "checker again.",
        ) from None
    return signal
