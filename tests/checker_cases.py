"""What the tests of the exercise checkers share.

Each ``tests/test_checks_*.py`` lists the right answers of its lesson (each
must pass) and realistic wrong ones with the words their verdict must contain,
and checks them with :func:`assert_passes` and :func:`assert_fails_with`. The
answers below fit every exercise. Bad answers of every kind (not a function,
the stub, a crash, None, text, NaN, ...) are tried on every checker by
``tests/test_checks_robustness.py``, not again in each module.
"""

import copy

import numpy as np
import pytest


def not_done(*args):
    raise NotImplementedError()


def forgot_return(*args):
    pass


def crashes(*args):
    return [][1]


def wrong(name, evaluate, answer, expected_words):
    """One wrong answer: the checker it must fail, and the words its verdict must say."""
    return pytest.param(evaluate, answer, expected_words, id=f"{evaluate.__name__}: {name}")


def assert_passes(verdict, min_cases: int) -> None:
    """The verdict of a right answer: passed, on at least ``min_cases`` cases."""
    assert verdict.passed, verdict.message
    assert verdict.cases >= min_cases
    assert verdict.message.startswith("✅")


def assert_fails_with(verdict, expected_words) -> None:
    """The verdict of a wrong answer: failed, readable, and saying each of ``expected_words``."""
    assert not verdict.passed
    assert verdict.message.startswith("❌")
    assert "Traceback" not in verdict.message
    for words in expected_words:
        assert words in verdict.message, verdict.message


def _key(value):
    """A hashable fingerprint of an answer's arguments: arrays by dtype, shape and bytes."""
    if isinstance(value, np.ndarray):
        return ("array", value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(_key(item) for item in value))
    return repr(value)


def memorising(evaluate, right):
    """An answer that knows only the visible cases of ``evaluate``: it looks them up.

    It records ``right``'s result on every visible case, then answers from
    that table (and raises KeyError on any case it has not seen), so it
    passes ``evaluate(answer)`` and must fail ``evaluate(answer, hidden_seed=...)``.
    """
    table = {}

    def recording(*args):
        try:
            table[_key(args)] = result = right(*args)
        except Exception as error:  # a case where the right answer raises: raise it again
            table[_key(args)] = error
            raise
        return copy.deepcopy(result)

    evaluate(recording)

    def lookup(*args):
        result = table[_key(args)]
        if isinstance(result, Exception):
            raise result
        return copy.deepcopy(result)

    return lookup


def assert_hidden_cases_catch_memorising(evaluate, right, seeds=(1, 2, 3)) -> None:
    """Hidden cases add to the visible ones, pass ``right`` and fail an answer that memorises.

    ``right`` must pass the hidden draws as well: they stay within the task.
    """
    visible = evaluate(right).cases
    answer = memorising(evaluate, right)
    assert evaluate(answer).passed
    for seed in seeds:
        verdict = evaluate(right, hidden_seed=seed)
        assert verdict.passed, verdict.message
        assert verdict.cases > visible
        assert not evaluate(answer, hidden_seed=seed).passed
