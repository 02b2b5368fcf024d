"""Every checker, present and future: a wrong answer of any kind gets a verdict, never a crash.

The checkers of every lesson (``COURSE_MODULES``) are held to more: more kinds
of bad answer, and a verdict that always explains (never "could not be checked").
"""

import warnings

import numpy as np
import pytest

import convlessons.checks as checks
from convlessons.checks import (
    borders,
    images,
    layers,
    pooling,
    separable,
    sharing,
    signals,
    training,
    transposed,
)

from .checker_cases import not_done

EVALUATORS = [getattr(checks, name) for name in checks.__all__ if name.startswith("evaluate_")]
CHECKERS = [getattr(checks, name) for name in checks.__all__ if name.startswith("check_")]

COURSE_MODULES = [signals, images, borders, sharing, pooling, layers, training, transposed,
                  separable]
COURSE_EVALUATORS = [getattr(module, name) for module in COURSE_MODULES
                     for name in sorted(vars(module)) if name.startswith("evaluate_")]


def divides_by_zero(*args):
    return 1 / 0


def infinite_recursion(*args):
    return infinite_recursion(*args)


def writes_into_every_array(*args):
    for argument in args:
        if isinstance(argument, np.ndarray) and argument.size:
            argument.flat[0] = 12345
    return None


class Unconvertible:
    """What an answer returns when NumPy cannot turn it into an array."""

    def __array__(self, *args, **kwargs):
        raise RuntimeError("cannot be an array")


BAD_ANSWERS = {
    "None instead of a function": None,
    "a number instead of a function": 42,
    "the stub": not_done,
    "an exception": divides_by_zero,
    "a RecursionError": infinite_recursion,
    "a mutating answer returning None": writes_into_every_array,
    "returns None": lambda *args: None,
    "returns text": lambda *args: "text",
    "returns a ragged list": lambda *args: [[1, 2], [3]],
    "returns NaN": lambda *args: float("nan"),
    "returns a huge array": lambda *args: np.zeros((300, 300)),
}

MORE_BAD_ANSWERS = {
    "returns inf": lambda *args: np.inf,
    "returns an object": lambda *args: object(),
    "returns a 2-D array of NaN": lambda *args: np.full((2, 2), np.nan),
    "returns a 3-D array of NaN": lambda *args: np.full((2, 2, 2), np.nan),
}


def evaluate_quietly(evaluate, answer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning may escape to the notebook either
        return evaluate(answer)


def test_every_exercise_has_both_functions():
    names = {name.split("_", 1)[1] for name in checks.__all__ if "_" in name}
    for name in names:
        assert hasattr(checks, f"check_{name}") and hasattr(checks, f"evaluate_{name}")
    assert len(EVALUATORS) == len(CHECKERS) >= 16


@pytest.mark.parametrize("module", COURSE_MODULES, ids=lambda module: module.__name__)
def test_every_checker_of_a_module_has_both_functions_and_is_exported(module):
    names = {name.split("_", 1)[1] for name in vars(module)
             if name.startswith(("check_", "evaluate_"))}
    assert names
    for name in names:
        assert callable(getattr(module, f"check_{name}"))
        assert callable(getattr(module, f"evaluate_{name}"))
        assert getattr(checks, f"check_{name}") is getattr(module, f"check_{name}")
        assert getattr(checks, f"evaluate_{name}") is getattr(module, f"evaluate_{name}")


@pytest.mark.parametrize("evaluate", EVALUATORS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", BAD_ANSWERS.values(), ids=list(BAD_ANSWERS))
def test_bad_answers_fail_politely(evaluate, answer):
    verdict = evaluate_quietly(evaluate, answer)
    assert not verdict.passed
    assert verdict.message.startswith("❌")
    assert "Traceback" not in verdict.message
    assert len(verdict.message) < 2000, "a verdict must stay readable"


@pytest.mark.parametrize("evaluate", COURSE_EVALUATORS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", {**BAD_ANSWERS, **MORE_BAD_ANSWERS}.values(),
                         ids=list({**BAD_ANSWERS, **MORE_BAD_ANSWERS}))
def test_bad_answers_get_a_verdict_that_explains(evaluate, answer):
    verdict = evaluate_quietly(evaluate, answer)
    assert not verdict.passed
    assert verdict.message.startswith("❌")
    assert "Traceback" not in verdict.message
    assert "could not be checked" not in verdict.message, verdict.message
    assert len(verdict.message) < 2000, "a verdict must stay readable"


@pytest.mark.parametrize("evaluate", COURSE_EVALUATORS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("not_a_function", [None, 3, "convolve", np.zeros(3), np.zeros((3, 3))],
                         ids=["None", "int", "str", "1-D array", "2-D array"])
def test_passing_something_that_is_not_a_function(evaluate, not_a_function):
    verdict = evaluate(not_a_function)
    assert not verdict.passed
    assert "expected a function" in verdict.message


@pytest.mark.parametrize("evaluate", COURSE_EVALUATORS, ids=lambda f: f.__name__)
def test_an_answer_that_breaks_comparison_still_gets_a_verdict(evaluate):
    verdict = evaluate(lambda *args: Unconvertible())
    assert not verdict.passed
    assert "case 1" in verdict.message


@pytest.mark.parametrize("check", CHECKERS, ids=lambda f: f.__name__)
def test_check_functions_print_one_verdict_and_return_nothing(check, capsys):
    assert check(not_done) is None
    printed = capsys.readouterr().out
    assert printed.startswith("❌") and "not done yet" in printed
    assert printed.count("❌") == 1


@pytest.mark.parametrize("check", CHECKERS, ids=lambda f: f.__name__)
def test_under_grading_a_failed_check_prints_then_raises_assertion_error(check, monkeypatch,
                                                                           capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(AssertionError, match="not yet"):
        check(not_done)
    assert capsys.readouterr().out.startswith("❌"), "the verdict is printed before raising"


def test_under_grading_a_passed_check_does_not_raise(monkeypatch, capsys):
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    checks.check_output_length(lambda n, m, mode: {"full": n + m - 1, "same": max(n, m),
                                                   "valid": max(n, m) - min(n, m) + 1}[mode])
    assert capsys.readouterr().out.startswith("✅")
