"""Every checker, present and future: a wrong answer of any kind gets a verdict, never a crash.

The checkers of every lesson (``COURSE_MODULES``) are held to more: more kinds
of bad answer, and a verdict that always explains (never "could not be checked").
"""

import ast
import importlib
import inspect
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import convlessons.checks as checks

from .checker_cases import not_done

EVALUATORS = [getattr(checks, name) for name in checks.__all__ if name.startswith("evaluate_")]
CHECKERS = [getattr(checks, name) for name in checks.__all__ if name.startswith("check_")]

CHECK_MODULES = sorted(Path(checks.__file__).parent.glob("*.py"))
COURSE_MODULES = [importlib.import_module(f"convlessons.checks.{path.stem}")
                  for path in CHECK_MODULES if not path.stem.startswith("_")]
COURSE_EVALUATORS = [getattr(module, name) for module in COURSE_MODULES
                     for name in sorted(vars(module)) if name.startswith("evaluate_")]


def divides_by_zero(*args):
    return 1 / 0


def numpy_divides_by_zero(*args):
    return np.ones(3) / np.zeros(3)


def prints_and_warns(*args):
    print("debugging output the student forgot")
    warnings.warn("a warning the student triggered", stacklevel=1)
    return np.log(np.zeros(2))


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
    "a NumPy division by zero": numpy_divides_by_zero,
    "prints and warns": prints_and_warns,
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


def test_every_checker_is_exported_and_made_from_its_evaluator():
    for module in COURSE_MODULES:
        for name in (name for name in vars(module) if name.startswith("evaluate_")):
            check = getattr(checks, name.replace("evaluate_", "check_", 1))
            assert getattr(checks, name) is getattr(module, name)
            assert check.evaluate is getattr(module, name), "check_x = checker(evaluate_x)"
    assert len(EVALUATORS) == len(CHECKERS) == len(COURSE_EVALUATORS) >= 38


@pytest.mark.parametrize("evaluate", COURSE_EVALUATORS, ids=lambda f: f.__name__)
def test_every_evaluator_takes_a_hidden_seed(evaluate):
    parameter = inspect.signature(evaluate).parameters["hidden_seed"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is None
    assert not evaluate(not_done, hidden_seed=12345).passed


@pytest.mark.parametrize("path", CHECK_MODULES, ids=lambda path: path.name)
def test_checkers_never_import_the_package_they_check(path):
    """Expected values come from NumPy/SciPy: a bug in the package cannot make an answer pass."""
    allowed = {"numpy", "scipy", "__future__"} | set(sys.stdlib_module_names)
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            assert node.level == 1, f"{path.name} imports from outside convlessons.checks"
            continue
        names = ([node.module] if isinstance(node, ast.ImportFrom)
                 else [alias.name for alias in node.names] if isinstance(node, ast.Import)
                 else [])
        for name in names:
            assert name.split(".")[0] in allowed, f"{path.name} imports {name}"


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
@pytest.mark.parametrize("answer", [numpy_divides_by_zero, prints_and_warns],
                         ids=["NumPy division by zero", "prints and warns"])
def test_a_checker_prints_its_verdict_and_nothing_else(check, answer, capsys):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check(answer) is None
    printed = capsys.readouterr()
    assert printed.err == ""
    assert printed.out == check.evaluate(answer).message + "\n"


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
