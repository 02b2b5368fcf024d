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


def not_done(*args):
    raise NotImplementedError()


def forgot_return(*args):
    pass


def crashes(*args):
    return [][1]


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
    """An answer that has learnt the visible cases of ``evaluate`` by heart from ``right``.

    It returns (or raises) what ``right`` did on each case the checker showed
    it and raises KeyError on any other: a checker whose hidden cases work fails it
    under a grader's seed.
    """
    table = {}

    def recorder(*args):
        try:
            result = right(*args)
        except ValueError as error:  # a case where the task asks to refuse
            table[_key(args)] = error
            raise
        table[_key(args)] = copy.deepcopy(result)
        return result

    assert evaluate(recorder).passed

    def lookup(*args):
        known = table[_key(args)]
        if isinstance(known, ValueError):
            raise known
        return copy.deepcopy(known)

    return lookup


def assert_hidden_cases_catch_memorising(evaluate, right) -> None:
    """A memorising answer passes the visible cases and fails under a grader's seed,
    while ``right`` passes that seed's hidden cases too."""
    lookup = memorising(evaluate, right)
    assert evaluate(lookup).passed
    assert_fails_with(evaluate(lookup, hidden_seed=2026), ["hidden", "KeyError"])
    assert_passes(evaluate(right, hidden_seed=2026), min_cases=10)
