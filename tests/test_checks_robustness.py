"""Every checker, present and future: a wrong answer of any kind gets a verdict, never a crash."""

import warnings

import numpy as np
import pytest

import convlessons.checks as checks

EVALUATORS = [getattr(checks, name) for name in checks.__all__ if name.startswith("evaluate_")]
CHECKERS = [getattr(checks, name) for name in checks.__all__ if name.startswith("check_")]


def raises_not_implemented(*args):
    raise NotImplementedError()


def divides_by_zero(*args):
    return 1 / 0


def infinite_recursion(*args):
    return infinite_recursion(*args)


def writes_into_every_array(*args):
    for argument in args:
        if isinstance(argument, np.ndarray) and argument.size:
            argument.flat[0] = 12345
    return None


BAD_ANSWERS = {
    "None instead of a function": None,
    "a number instead of a function": 42,
    "the stub": raises_not_implemented,
    "an exception": divides_by_zero,
    "a RecursionError": infinite_recursion,
    "a mutating answer returning None": writes_into_every_array,
    "returns None": lambda *args: None,
    "returns text": lambda *args: "text",
    "returns a ragged list": lambda *args: [[1, 2], [3]],
    "returns NaN": lambda *args: float("nan"),
    "returns a huge array": lambda *args: np.zeros((300, 300)),
}


def test_every_exercise_has_both_functions():
    names = {name.split("_", 1)[1] for name in checks.__all__ if "_" in name}
    for name in names:
        assert hasattr(checks, f"check_{name}") and hasattr(checks, f"evaluate_{name}")
    assert len(EVALUATORS) == len(CHECKERS) >= 16


@pytest.mark.parametrize("evaluate", EVALUATORS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("answer", BAD_ANSWERS.values(), ids=list(BAD_ANSWERS))
def test_bad_answers_fail_politely(evaluate, answer):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning may escape to the notebook either
        verdict = evaluate(answer)
    assert not verdict.passed
    assert verdict.message.startswith("❌")
    assert "Traceback" not in verdict.message
    assert len(verdict.message) < 2000, "a verdict must stay readable"


@pytest.mark.parametrize("check", CHECKERS, ids=lambda f: f.__name__)
def test_check_functions_print_one_verdict_and_return_nothing(check, capsys):
    assert check(raises_not_implemented) is None
    printed = capsys.readouterr().out
    assert printed.startswith("❌") and "not done yet" in printed
    assert printed.count("❌") == 1
