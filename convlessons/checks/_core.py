"""The machinery every checker shares: run an answer safely, compare, explain.

A checker never lets an exception escape and never prints anything but its
verdict: whatever the answer does (raise, print, warn, return ``None``, return
the wrong shape, kind or type, hand back or modify its input), it becomes a
:class:`Verdict` with the failing case and a hint.

There is one way to say each thing here:

* :func:`show` renders any value (alone, after a label, or inside a sentence);
* :func:`compare` judges an array result against the expected one (kind,
  shape, values) and builds the "expected / got / first difference" lines;
* a catalogue of known mistakes is a list of :class:`Suspect`, searched by
  :func:`diagnose`, so a hint can name the mistake a result matches;
* :func:`checker` makes ``check_<exercise>`` from ``evaluate_<exercise>``;
* :func:`named_case` builds a case whose description names its arguments;
* :func:`hidden_cases` adds cases drawn from a seed only the grader knows, with
  :func:`random_shape`, :func:`window_that_fits` and :func:`random_pixels`.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

PASS_MARK = "✅"
FAIL_MARK = "❌"

# NumPy's own defaults, set for every rendering: a verdict must read the same
# whatever print options the student's notebook (or another test) has set.
VERDICT_PRINT_OPTIONS = {"precision": 8, "suppress": False, "floatmode": "maxprec",
                         "sign": "-", "nanstr": "nan", "infstr": "inf", "edgeitems": 3,
                         "formatter": None, "legacy": False}

NOT_DONE_MESSAGE = ("this exercise is not done yet: replace `raise NotImplementedError()` "
                    "with your code.")

# --- hints that several exercises share ------------------------------------------

#: A count that is not an int.
WHOLE_NUMBER_HINT = "Use // rather than / if you divide, or int(...) around the result."

#: A result built with np.zeros_like(image) (or an accumulator of the input's dtype).
INTEGER_RESULT_HINT = ("Your result holds integers where the task asks for floats: an output "
                       "made with np.zeros_like(x) or np.zeros(n, dtype=x.dtype) keeps an "
                       "integer input's dtype, so every value stored in it is truncated to a "
                       "whole number. Build it with np.zeros(shape), which is float.")

#: A loop written ``range(n - k)`` instead of ``range(n - k + 1)``.
STOPS_EARLY_HINT = ("Your result is one position short: a loop over range(n - k) stops one "
                    "window early; there are n - k + 1 positions.")

#: Convolution computed without flipping the kernel (that is correlation).
NO_FLIP_HINT = ("That is correlation: convolution flips the kernel first (kernel[::-1], or "
                "kernel[::-1, ::-1] in 2-D) and then slides it.")

#: Correlation computed with a flipped kernel (that is convolution).
FLIPPED_HINT = ("You flipped the kernel: correlation slides it as it is; only convolution "
                "flips it.")

#: The answer handed back the array it was given.
RETURNED_INPUT_HINT = ("Return a new array (for example np.array(x, dtype=float) or x.copy()), "
                       "not the argument itself: the caller's array must stay its own.")

#: The answer wrote into its argument.
MUTATED_INPUT_HINT = ("Work on a copy (or build a new array) instead of writing into the "
                      "argument.")


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


class NotDone(CaseFailed):
    """The answer still raises the stub's NotImplementedError."""


# --- the one renderer -------------------------------------------------------------


def _as_numbers(value):
    """``value`` as a NumPy array of its own kind (integer, float, bool), when it is a
    numeric array or a flat list or tuple of numbers; otherwise ``None``."""
    if isinstance(value, np.ndarray) or (
        isinstance(value, (list, tuple)) and value
        and all(isinstance(v, (int, float, np.number)) and not isinstance(v, bool)
                for v in value)
    ):
        try:
            array = np.asarray(value)
        except Exception:  # an odd array subclass: fall back to repr
            return None
        if array.dtype.kind in "iufb":
            return array
    return None


def show(value, label: str = "", *, inline: bool = False) -> str:
    """Render ``value`` for a verdict: numbers rounded, arrays aligned row by row.

    With ``label`` the value follows it and later rows line up under the
    first; with ``inline`` the rendering is one line, for use inside a
    sentence. NumPy scalars print as plain numbers; long text is cut.

    Examples
    --------
    >>> show(np.float64(2.5)), show(np.array([1.0, 2.0])), show("text")
    ('2.5', '[1., 2.]', "'text'")

    Integers stay integers and a tuple stays a tuple, so that a float where an
    integer is asked, or a list where a tuple is, shows in the verdict:

    >>> show(np.array([1, 2])), show((3, 4)), show([3, 4]), show((5,))
    ('[1, 2]', '(3, 4)', '[3, 4]', '(5,)')
    >>> print(show(np.array([[1.0, 2.0], [3.0, 4.0]]), "got:"))
    got: [[1., 2.],
          [3., 4.]]
    >>> show(np.array([[1.0, 2.0], [3.0, 4.0]]), inline=True)
    '[[1., 2.], [3., 4.]]'

    The student's print options do not change a verdict:

    >>> with np.printoptions(precision=2, suppress=True):
    ...     show(np.array([0.0625, 0.5]), inline=True)
    '[0.0625, 0.5 ]'
    """
    if isinstance(value, np.generic):
        value = value.item()
    numbers = _as_numbers(value)
    if numbers is not None:
        if numbers.dtype.kind == "f":
            with np.errstate(all="ignore"):
                numbers = np.round(numbers, 4) + 0.0  # + 0.0 turns -0.0 into 0.0
        with np.printoptions(**VERDICT_PRINT_OPTIONS):
            text = np.array2string(numbers, separator=", ", threshold=60, max_line_width=88)
        if isinstance(value, tuple):  # a tuple reads as one, so a list in its place shows
            text = "(" + text[1:-1] + ("," if len(value) == 1 else "") + ")"
    else:
        text = repr(value)
        if len(text) > 90:
            text = text[:87] + "..."
    rows = [row for row in text.split("\n") if row.strip()]
    if inline:
        return " ".join([*([label] if label else []), *" ".join(rows).split()])
    if not label:
        return "\n".join(rows)
    indent = " " * (len(label) + 1)
    return "\n".join([f"{label} {rows[0]}", *(indent + row for row in rows[1:])])


def input_lines(**arrays) -> list[str]:
    """The case's inputs as labelled message lines, when they are all small enough to read.

    Examples
    --------
    >>> input_lines(x=np.array([[1.0]]), grad_out=np.array([[2.0]]))
    ['x:        [[1.]]', 'grad_out: [[2.]]']
    >>> input_lines(x=np.zeros((6, 6)))
    []
    """
    if any(np.size(array) > 30 for array in arrays.values()):
        return []
    width = max(len(name) for name in arrays) + 1
    return [show(array, f"{name}:".ljust(width)) for name, array in arrays.items()]


def named_case(label: str = "", /, **arguments) -> tuple:
    """A case: the arguments, in order, then a description that names each of them.

    The description reads ``name=value, ...`` (values as Python writes them),
    followed by `` (label)`` when a label is given.

    Examples
    --------
    >>> named_case(n=10, mode="valid")
    (10, 'valid', "n=10, mode='valid'")
    >>> named_case("the example above", i=4, k=2)
    (4, 2, 'i=4, k=2 (the example above)')
    """
    text = ", ".join(f"{name}={value!r}" for name, value in arguments.items())
    return (*arguments.values(), text + (f" ({label})" if label else ""))


# --- the one catalogue of known mistakes -------------------------------------------


class Suspect(NamedTuple):
    """A known wrong answer: the value it produces and the hint that names the mistake.

    ``value`` may be a callable of no arguments, evaluated only when needed
    (some wrong answers are costly to reproduce or only make sense for some
    cases); it may return ``None`` when the mistake does not apply.
    """

    value: object
    hint: str


def _matches(got, value) -> bool:
    if isinstance(got, np.ndarray) or isinstance(value, np.ndarray):
        try:
            return same(np.asarray(got, dtype=float), np.asarray(value, dtype=float))
        except Exception:  # a suspect of another shape or kind is simply not this one
            return False
    try:
        return bool(got == value)
    except Exception:  # an answer whose == raises cannot match
        return False


def diagnose(got, suspects, default: str | None = None) -> str | None:
    """The hint of the first suspect whose value ``got`` equals, else ``default``.

    Examples
    --------
    >>> diagnose(6, [Suspect(5, "off by one"), Suspect(6, "counted the bias twice")])
    'counted the bias twice'
    >>> diagnose(np.array([1.0, 2.0]), [Suspect(lambda: np.array([1.0, 2.0]), "no flip")])
    'no flip'
    >>> diagnose(7, [Suspect(5, "off by one")], "Hint: count again.")
    'Hint: count again.'
    """
    for value, hint in suspects:
        if callable(value):
            try:
                value = value()
            except Exception:  # a suspect that cannot be built for this case does not apply
                continue
        if value is not None and _matches(got, value):
            return hint
    return default


def integer_result_suspects(expected, *inputs) -> list[Suspect]:
    """The results of an output array of an integer input's dtype, named by INTEGER_RESULT_HINT.

    ``np.zeros_like(x)`` (or ``np.zeros(n, dtype=x.dtype)``) with an integer
    ``x`` stores each float sum cut toward 0, and wrapped around for uint8;
    converting to float at the end does not bring the decimals back. No
    suspect when no input is of an integer dtype.

    Examples
    --------
    >>> diagnose(np.array([2.0, -1.0]), integer_result_suspects(np.array([2.5, -1.5]),
    ...                                                           np.arange(3)))[:30]
    'Your result holds integers whe'
    >>> integer_result_suspects(np.ones(2), np.ones(2))
    []
    """
    dtypes = {x.dtype for x in inputs if x.dtype.kind in "iu"}
    if not dtypes:
        return []
    return [*(Suspect(lambda dtype=dtype: expected.astype(dtype), INTEGER_RESULT_HINT)
              for dtype in sorted(dtypes, key=str)),
            Suspect(lambda: np.trunc(expected), INTEGER_RESULT_HINT)]


def integer_note(**arrays) -> str:
    """`` (image of dtype uint8)``: the inputs of an integer dtype, for a case's description.

    A case with an integer input is where an output of the input's dtype goes
    wrong, so the description says which inputs are integers.

    Examples
    --------
    >>> integer_note(f=np.array([1, 2]), g=np.array([0.5]))
    ' (f of dtype int64)'
    >>> integer_note(f=np.array([1.0]))
    ''
    """
    names = [f"{name} of dtype {array.dtype}" for name, array in arrays.items()
             if array.dtype.kind in "iu"]
    return f" ({', '.join(names)})" if names else ""


# --- the one comparison -----------------------------------------------------------

_KIND_NAMES = {"f": "a float array", "i": "an integer array"}


def as_float_array(result, description, hint) -> np.ndarray:
    """``result`` as a float array, or a failure saying that it is not one."""
    try:
        with np.errstate(all="ignore"):
            return np.asarray(result, dtype=float)
    except Exception:  # e.g. an __array__ that raises: still a verdict, not a crash
        lines = [f"on {description} your function returned {show(result, inline=True)} "
                 f"({type(result).__name__}), expected an array of numbers."]
        raise CaseFailed(*lines, *([hint] if hint else [])) from None


def _kind_failure(result, kind, description, hint):
    """A CaseFailed when ``result`` is not an ndarray of dtype kind ``kind`` (``"f"``/``"i"``)."""
    dtype = getattr(result, "dtype", None)
    if isinstance(result, np.ndarray) and dtype.kind in ("iu" if kind == "i" else kind):
        return None
    if kind == "f" and isinstance(result, np.ndarray) and dtype.kind in "iub":
        return CaseFailed(f"on {description} your function returned an array of dtype "
                          f"{dtype}; the task asks for {_KIND_NAMES[kind]}.",
                          INTEGER_RESULT_HINT)
    what = (f"an array of dtype {dtype}" if isinstance(result, np.ndarray)
            else "a float (a single number)" if isinstance(result, (float, np.floating))
            else f"a single number ({type(result).__name__})"
            if isinstance(result, (int, float, np.number)) else f"a {type(result).__name__}")
    return CaseFailed(f"on {description} your function returned {what}; the task asks for "
                      f"{_KIND_NAMES[kind]} (numpy.ndarray).", *([hint] if hint else []))


def shape_hint(result, hints: dict, default: str) -> str:
    """The hint for the shape of ``result`` (a key of ``hints``), else ``default``.

    Examples
    --------
    >>> shape_hint([[1, 2]], {(1, 2): "one row"}, "no idea"), shape_hint(3, {}, "no idea")
    ('one row', 'no idea')
    """
    try:
        return hints.get(np.shape(result), default)
    except Exception:  # an answer that cannot even give its shape gets the default
        return default


def _when_failed(value):
    """``value``, or what it returns when it is a function put off until a case fails."""
    return value() if callable(value) else value


def compare(result, expected, description, hint=None, *, inputs=(), kind=None,
            suspects=()) -> np.ndarray:
    """Fail with a precise message unless ``result`` matches ``expected``; return it as floats.

    Parameters
    ----------
    result : object
        What the student's function returned.
    expected : ndarray
        The right answer, from an independent oracle (NumPy, SciPy).
    description : str
        The case, as "on <description>: ..." in the message.
    hint : str, optional
        Said when no suspect matches.
    inputs : list of str, or a function returning it
        Lines showing the case's inputs (see :func:`input_lines`). A function
        is called only when the case fails: rendering arrays costs more than
        judging them, and most cases pass.
    kind : {None, "f", "i"}
        When given, the result must be an ndarray of that dtype kind: the
        task asked for "a float array" or "an integer array".
    suspects : list of Suspect, or a function returning it
        Known mistakes; the first one the result equals gives the hint. A
        function is called only when the case fails.

    Examples
    --------
    >>> try:
    ...     compare([1.0, 0.0], np.array([1.0, 2.0]), "a case", "Hint: add.")
    ... except CaseFailed as failure:
    ...     print("\\n".join(failure.lines))
    on a case:
    expected: [1., 2.]
    got:      [1., 0.]
    the first difference is at index 1.
    Hint: add.
    """
    if kind is not None:
        failure = _kind_failure(result, kind, description, hint)
        if failure is not None:
            raise failure
    got = as_float_array(result, description, hint)
    expected = np.asarray(expected, dtype=float)
    if got.shape != expected.shape:
        advice = diagnose(got, _when_failed(suspects), hint)
        raise CaseFailed(f"on {description}:", *_when_failed(inputs),
                         show(expected, f"expected shape {expected.shape}:"),
                         show(got, f"your result has shape {got.shape}:"),
                         *([advice] if advice else []))
    if not same(got, expected):
        advice = diagnose(got, _when_failed(suspects), hint)
        raise CaseFailed(f"on {description}:", *_when_failed(inputs),
                         show(expected, "expected:"), show(got, "got:     "),
                         f"the first difference is at {first_difference(got, expected)}.",
                         *([advice] if advice else []))
    return got


def same(got: np.ndarray, other: np.ndarray) -> bool:
    """Whether ``got`` has the shape and (nearly) the values of ``other``.

    Examples
    --------
    >>> same(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-12])), same(np.ones(2), np.ones(3))
    (True, False)
    """
    with np.errstate(all="ignore"):  # inf - inf in an answer is a mismatch, not a warning
        return got.shape == other.shape and bool(np.allclose(got, other, rtol=1e-6, atol=1e-9))


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
    return tuple(int(i) for i in wrong[0]) if len(wrong) else ()


def first_difference(got: np.ndarray, expected: np.ndarray) -> str:
    """Where two arrays of the same shape first differ: ``row r, column c`` for matrices.

    Examples
    --------
    >>> first_difference(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0, 2.0], [3.0, 5.0]]))
    'row 1, column 1'
    >>> first_difference(np.array([1.0, 2.0]), np.array([1.0, 3.0]))
    'index 1'
    """
    wrong = first_wrong(got, expected)
    if len(wrong) == 2:
        return f"row {wrong[0]}, column {wrong[1]}"
    return f"index {wrong[0]}" if len(wrong) == 1 else f"index {wrong}"


# --- calling an answer ------------------------------------------------------------


def call(answer, args, description, names=None, *, explain=None):
    """Call the student's function on copies of ``args``; report what goes wrong.

    It fails when the answer raises, returns ``None``, writes into one of its
    array arguments or hands back one of them instead of a new object.
    ``explain``, when given, turns the line that reports a crash into more
    lines of advice (a list, maybe empty), for the crashes an exercise
    invites. Warnings and printing are silenced by :func:`run`, which calls
    every judge.

    Examples
    --------
    >>> call(lambda x: x + 1, (np.ones(2),), "a case")
    array([2., 2.])
    >>> try:
    ...     call(lambda x: x, (np.ones(2),), "a case", ("x",))
    ... except CaseFailed as failure:
    ...     print(failure.lines[0])
    on a case your function returned its argument x itself, not a new array.
    """
    copies = copy.deepcopy(args)
    names = names or [f"argument {number}" for number in range(1, len(args) + 1)]
    try:
        result = answer(*copies)
    except NotImplementedError:
        raise NotDone(NOT_DONE_MESSAGE) from None
    except Exception as error:  # a student's bug must become a verdict, not a traceback
        # `total += floats` into an integer accumulator: NumPy refuses to truncate in place.
        named = ["NumPy refuses to add floats in place into an array of integers, your "
                 "accumulator.", INTEGER_RESULT_HINT] if "Cannot cast ufunc" in str(error) else []
        crash = (f"on {description} your function raised {type(error).__name__}: "
                 f"{' '.join(str(error).split())[:300]}")
        raise CaseFailed(crash, *named, *(explain(crash) if explain else [])) from None
    for name, original, passed in zip(names, args, copies, strict=True):
        if not isinstance(original, np.ndarray):
            continue
        if not np.array_equal(original, passed):
            raise CaseFailed(
                f"on {description} your function changed its input {name} "
                f"from {show(original, inline=True)} to {show(passed, inline=True)}.",
                MUTATED_INPUT_HINT,
            )
        if result is passed:
            raise CaseFailed(
                f"on {description} your function returned its argument {name} itself, "
                "not a new array.",
                RETURNED_INPUT_HINT,
            )
    if result is None:
        raise CaseFailed(
            f"on {description} your function returned None.",
            "Did you forget the `return` statement?",
        )
    return result


@contextlib.contextmanager
def silenced():
    """Keep the answer's prints, warnings and floating-point complaints out of the notebook.

    The verdict explains what went wrong; anything printed in between would
    only bury it.

    Examples
    --------
    >>> with silenced():
    ...     print("hidden"); _ = np.ones(2) / 0
    """
    sink = io.StringIO()
    with warnings.catch_warnings(), np.errstate(all="ignore"), \
            contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        warnings.simplefilter("ignore")
        yield


def run(exercise, answer, cases, judge, hidden=()) -> Verdict:
    """Run ``judge(answer, *case)`` for every case, then every hidden one, and build the verdict.

    Everything the answer prints or warns is silenced (see :func:`silenced`).
    Hidden cases (from :func:`hidden_cases`) follow the visible ones, so a
    student who passes the notebook's cases meets no new format under grading.

    Examples
    --------
    >>> def judge(answer, x, description):
    ...     compare(call(answer, (x,), description), 2 * x, description)
    >>> run("double", lambda x: 2 * x, [(np.ones(2), "x=[1, 1]")], judge).passed
    True
    """
    if not callable(answer):
        return Verdict(exercise, False, 0, [
            f"expected a function, got {show(answer, inline=True)} ({type(answer).__name__}).",
            "Pass the function itself, without calling it: check(my_function), "
            "not check(my_function()).",
        ])
    cases = [*cases, *hidden]
    for number, case in enumerate(cases, start=1):
        try:
            with silenced():
                judge(answer, *case)
        except NotDone as failure:
            return Verdict(exercise, False, number, failure.lines)
        except CaseFailed as failure:
            return Verdict(exercise, False, number, [f"case {number} of {len(cases)}: "
                                                     + failure.lines[0], *failure.lines[1:]])
        except RecursionError:
            return Verdict(exercise, False, number, [
                f"case {number} of {len(cases)}: your function never stopped calling itself "
                "(RecursionError)."])
        except Exception as error:  # the checker itself must never crash
            return Verdict(exercise, False, number, [
                f"case {number} of {len(cases)}: your answer could not be checked "
                f"({type(error).__name__}: {error}).",
            ])
    return Verdict(exercise, True, len(cases))


def hidden_cases(hidden_seed: int | None, make: Callable[[np.random.Generator], list]) -> list:
    """Cases drawn by ``make(rng)`` from ``hidden_seed``; none when it is ``None``.

    Under grading (see :mod:`convlessons.grading`) each checker is called
    with a seed that only the instructor's configuration holds, so an answer
    that memorises the visible cases meets cases it has never seen.

    Examples
    --------
    >>> hidden_cases(None, lambda rng: [rng.integers(10)])
    []
    >>> hidden_cases(3, lambda rng: [int(rng.integers(10))]) == hidden_cases(3,
    ...     lambda rng: [int(rng.integers(10))])
    True
    """
    if hidden_seed is None:
        return []
    return list(make(np.random.default_rng(hidden_seed)))


# --- drawing hidden cases ---------------------------------------------------------


def random_shape(rng: np.random.Generator, low: int, high: int, dims: int = 2) -> tuple[int, ...]:
    """``dims`` sizes from ``low`` to ``high - 1``, drawn in one call, as Python ints.

    Examples
    --------
    >>> shape = random_shape(np.random.default_rng(0), 1, 10)
    >>> len(shape), all(isinstance(size, int) and 1 <= size < 10 for size in shape)
    (2, True)
    """
    return tuple(int(size) for size in rng.integers(low, high, size=dims))


def window_that_fits(rng: np.random.Generator, shape) -> tuple[int, ...]:
    """A window (kernel) shape that fits in ``shape``: each side from 1 to that of ``shape``.

    Examples
    --------
    >>> window_that_fits(np.random.default_rng(0), (1, 1))
    (1, 1)
    """
    return tuple(int(rng.integers(1, size + 1)) for size in shape)


def random_pixels(rng: np.random.Generator, shape, *, all_negative: bool = False) -> np.ndarray:
    """Random pixels of a kind drawn first: floats, int64 in -5..5 or uint8 in 0..255.

    With ``all_negative`` a fourth kind, floats that are all below 0, can be
    drawn (after the floats): a maximum that starts from 0 is wrong on them.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> {random_pixels(rng, (2, 3)).shape for _ in range(5)}
    {(2, 3)}
    """
    kinds = [lambda: rng.normal(size=shape).round(2),
             *([lambda: -rng.uniform(1, 9, size=shape).round(1)] if all_negative else []),
             lambda: rng.integers(-5, 6, size=shape),
             lambda: rng.integers(0, 256, size=shape).astype(np.uint8)]
    return kinds[rng.integers(len(kinds))]()


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


def checker(evaluate):
    """Make ``check_<exercise>`` from ``evaluate_<exercise>``: it prints the verdict.

    Examples
    --------
    >>> def evaluate_double(answer, *, hidden_seed=None):
    ...     return Verdict("double", answer(1) == 2, 1)
    >>> check_double = checker(evaluate_double)
    >>> check_double(lambda x: 2 * x)
    ✅ double: all 1 cases pass.
    >>> check_double.__name__
    'check_double'
    """

    def check(answer) -> None:
        report(evaluate(answer))

    check.__name__ = check.__qualname__ = evaluate.__name__.replace("evaluate_", "check_", 1)
    check.__module__ = evaluate.__module__
    check.__doc__ = (f"Print the verdict of :func:`{evaluate.__name__}` on ``answer``; under "
                     "grading, a failed verdict also fails the cell.")
    check.evaluate = evaluate
    return check


# --- numbers and tuples ------------------------------------------------------------


def is_whole(value) -> bool:
    """Whether ``value`` is a Python or NumPy integer (a bool is not).

    Examples
    --------
    >>> is_whole(3), is_whole(np.int64(3)), is_whole(3.0), is_whole(True)
    (True, True, False, False)
    """
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def whole_number(result, description: str, what: str, *, hint: str = WHOLE_NUMBER_HINT,
                 float_hint: str | None = None) -> int:
    """``result`` as a Python int, or a CaseFailed that says what is wrong.

    ``what`` names the quantity (``"a number of pixels"``); ``hint`` follows
    the message, or ``float_hint`` when the answer is a float.

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
        raise CaseFailed(
            f"on {description} your function returned {show(result, inline=True)} "
            f"({type(result).__name__}); {what} is a whole number (int).",
            hint,
        )
    return int(result)


TUPLE_HINT = "Return a tuple, e.g. return (a, b), not a list or an array."


def int_tuple(result, count: int, description: str, what: str, *, noun: str = "sizes",
              arrays: bool = True) -> tuple[int, ...]:
    """``result`` as ``count`` Python ints, or a CaseFailed that says what is wrong.

    ``what`` describes the expected answer (``"a pair (rows, columns) of whole
    numbers"``), ``noun`` the numbers (``"sizes"``, ``"counts"``). The answer
    must be a tuple, as the tasks say: a list or an array of the right
    numbers fails with :data:`TUPLE_HINT`; with ``arrays=False`` a NumPy
    array fails earlier, as if it were no sequence at all.

    Examples
    --------
    >>> int_tuple((2, np.int64(3)), 2, "a case", "a pair")
    (2, 3)
    >>> try:
    ...     int_tuple([2, 3], 2, "a case", "a pair")
    ... except CaseFailed as failure:
    ...     for line in failure.lines:
    ...         print(line)
    on a case your function returned [2, 3] (list); expected a pair.
    Return a tuple, e.g. return (a, b), not a list or an array.
    """
    refused = (str, bytes) if arrays else (str, bytes, np.ndarray)
    try:
        items = None if isinstance(result, refused) else list(result)
    except TypeError:
        items = None
    not_this = (f"on {description} your function returned {show(result, inline=True)} "
                f"({type(result).__name__}); expected {what}.")
    if items is None or len(items) != count:
        raise CaseFailed(not_this)
    for item in items:
        if not is_whole(item):
            raise CaseFailed(
                f"on {description} your function returned {show(result, inline=True)}, "
                f"which holds {show(item, inline=True)} ({type(item).__name__}); "
                f"{noun} are whole numbers (int).",
                WHOLE_NUMBER_HINT,
            )
    if not isinstance(result, tuple):
        raise CaseFailed(not_this, TUPLE_HINT)
    return tuple(int(item) for item in items)


def expect_value_error(answer, args, description, example, *lines) -> tuple[bool, object]:
    """Call ``answer(*args)`` (on copies) on a case where it must raise ValueError.

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
            f"on {description} your function raised {type(error).__name__}: "
            f"{' '.join(str(error).split())[:300]}; expected a ValueError.",
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
