"""What the tests of the exercise checkers share.

Each ``tests/test_checks_*.py`` lists the right answers of its lesson (each
must pass) and realistic wrong ones with the words their verdict must contain,
and checks them with :func:`assert_passes` and :func:`assert_fails_with`. The
answers below fit every exercise. Bad answers of every kind (not a function,
the stub, a crash, None, text, NaN, ...) are tried on every checker by
``tests/test_checks_robustness.py``, not again in each module.
"""


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


def _key(args) -> str:
    """A case's arguments as text: arrays by dtype, shape and bytes, the rest by repr."""
    return repr([(argument.dtype.str, argument.shape, argument.tobytes())
                 if hasattr(argument, "tobytes") else repr(argument) for argument in args])


def memorising(evaluate, right):
    """An answer that knows only the visible cases: ``right``'s results, looked up in a dict.

    It passes ``evaluate`` without a hidden seed; on any case it has not seen it
    raises KeyError, so the hidden cases of a grader must make it fail.
    """
    table = {}

    def recorder(*args):
        table[_key(args)] = right(*args)
        return table[_key(args)]

    evaluate(recorder)

    def lookup(*args):
        return table[_key(args)]

    return lookup


def assert_hidden_cases_separate(evaluate, right, seeds=(1, 2, 3)) -> None:
    """Hidden cases add to the visible ones, pass ``right`` and fail an answer that memorises."""
    visible = evaluate(right).cases
    for seed in seeds:
        verdict = evaluate(right, hidden_seed=seed)
        assert verdict.passed, verdict.message
        assert verdict.cases > visible
    lookup = memorising(evaluate, right)
    assert_passes(evaluate(lookup), min_cases=8)
    assert_fails_with(evaluate(lookup, hidden_seed=11), ["raised KeyError"])
