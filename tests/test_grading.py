"""The judge's parts without a kernel: the data-only wire format, the call protocol, the seed.

``tests/test_nbgrader.py`` runs the whole judge under the real nbgrader;
here the kernel's side (:func:`convlessons.grading.kernel.serve`) runs in
this process, behind the same :class:`~convlessons.grading.judge.KernelFunction`
the grader uses, so every checker of every lesson can be driven through the
wire on the worked solutions in a few seconds.
"""

import builtins
import json
import re

import nbformat
import numpy as np
import pytest

from convlessons import checks
from convlessons.grading import wire
from convlessons.grading.judge import (
    JudgedExecute,
    KernelFunction,
    answer_callback,
    hidden_seed,
    judged_call,
    parse_message,
)
from convlessons.grading.kernel import PROMPT

from .conftest import SOLUTIONS
from .grading_submissions import LESSON, memorised_convolve_loops


def same_value(left, right) -> bool:
    """Equal values of exactly the same types, arrays by dtype, shape and bits (NaN too)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, np.ndarray):
        return (left.dtype == right.dtype and left.shape == right.shape
                and left.tobytes() == right.tobytes())
    if isinstance(left, np.generic):
        return left.dtype == right.dtype and left.tobytes() == right.tobytes()
    if isinstance(left, (list, tuple)):
        return len(left) == len(right) and all(map(same_value, left, right))
    if isinstance(left, dict):
        return list(left) == list(right) and all(map(same_value, left.values(), right.values()))
    if isinstance(left, float) and left != left:
        return right != right
    return left == right


#: Every kind of value the exercises take or return, and the odd ones around them.
VALUES = [
    None, True, False, 0, -7, 2**80, 1.5, -0.0, float("inf"), float("-inf"), float("nan"),
    3 + 4j, "text é ✅", b"\x00\xff", [], [1, [2.0, None]], (), (4, 5), ((1, 2), [3]),
    {"a": 1, 2: (3,), (1, 2): None}, {1, 2}, frozenset({3}),
    np.float64(2.5), np.int64(-3), np.bool_(True), np.uint8(200), np.float32(0.1),
    np.arange(6.0).reshape(2, 3), np.arange(6.0).reshape(2, 3).T, np.arange(10)[::3],
    np.zeros((0, 3)), np.array(4.0), np.array([200, 3], dtype=np.uint8),
    np.array([True, False]), np.array([1 + 2j]), np.array([np.nan, np.inf]),
    np.ones((2, 1, 2, 3), dtype=np.float32), np.array([5], dtype=">i4"),
    (1.25, np.ones((2, 2))), (np.ones(2), np.zeros(2), np.full(2, 3.0)), [(1, 2, 3), (4, 5, 6)],
]


@pytest.mark.parametrize("value", VALUES, ids=lambda value: type(value).__name__)
def test_every_kind_of_value_round_trips_exactly(value):
    back = wire.decode(wire.encode(value))
    assert same_value(back, value)
    if isinstance(back, np.ndarray):
        assert back.flags.writeable and back.base is None


@pytest.mark.parametrize("value", [
    object(), (x for x in []), np.array([object()]), np.array(["a"]), lambda x: x,
    np.zeros(2, dtype=[("x", float)]), range(3),
], ids=["object", "generator", "object array", "string array", "function", "record", "range"])
def test_values_that_are_not_data_are_refused_by_name(value):
    with pytest.raises(wire.Unsupported) as raised:
        wire.encode(value)
    assert str(raised.value)


@pytest.mark.parametrize("text", [
    '{"$": "module", "name": "os"}',
    '{"$": "array", "dtype": "O", "shape": [1], "data": "AAAAAAAAAAA="}',
    '{"$": "array", "dtype": "<f8", "shape": [2], "data": "AAAAAAAAAAA="}',
    '{"$": "array", "dtype": "<f8", "shape": [-1], "data": ""}',
    '{"$": "array", "dtype": "|V8", "shape": [1], "data": "AAAAAAAAAAA="}',
    '{"$": "bytes", "data": "not base64!"}',
    '{"$": "float", "value": "1e308"}',
    '{"$": "callable", "id": 0}',
    '{"$": "dict", "items": [[1]]}',
    "NaN", "[1, 2", "[" * 100 + "]" * 100, '{"no tag": 1}',
])
def test_text_that_encode_never_writes_is_refused(text):
    with pytest.raises(wire.Malformed):
        wire.decode(text)


class InProcessJudge:
    """The grader's side of :class:`KernelFunction`, with the kernel's side run here.

    ``exchange`` runs the code the judge would send to the kernel in
    ``namespace``, answering the prompts of :func:`~convlessons.grading.kernel.serve`
    as :class:`~convlessons.grading.judge.JudgedExecute` does.
    """

    dead = None

    def __init__(self, namespace, reply_limit=8_000_000):
        self.namespace = namespace
        self.reply_limit = reply_limit

    def exchange(self, code, callbacks):
        final = []

        def prompt(text=""):
            assert text.startswith(PROMPT)
            if len(text) > self.reply_limit + len(PROMPT):
                final.append({"kind": "too_large", "size": len(text)})
                return ""
            message = parse_message(text[len(PROMPT):])
            if message["kind"] == "callback":
                return answer_callback(message, callbacks)
            final.append(message)
            return ""

        saved = builtins.input
        builtins.input = prompt
        try:
            exec(code, self.namespace)
        finally:
            builtins.input = saved
        assert len(final) == 1
        return final[0]


def through_the_wire(function, name="answer", **options):
    """``function`` as the grader sees a student's: a KernelFunction over the wire."""
    return KernelFunction(InProcessJudge({name: function}, **options), name)


def answer_cells(path):
    """The solution notebook's imports and answers, run here; its checker calls."""
    notebook = nbformat.read(path, as_version=4)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    namespace = {}
    with np.printoptions():  # the notebook's set_printoptions must not leak into other tests
        exec(code[0], namespace)
        for source in code:
            if "### BEGIN SOLUTION" in source:
                exec(source, namespace)
    calls = [judged_call(source) for source in code]
    return namespace, [call for call in calls if call]


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda path: path.stem)
def test_every_worked_answer_passes_its_checker_through_the_wire(path):
    """Whatever the exercises pass and return (callbacks included) survives the trip."""
    namespace, calls = answer_cells(path)
    assert calls
    for exercise, name in calls:
        answer = KernelFunction(InProcessJudge(namespace), name)
        verdict = getattr(checks, f"evaluate_{exercise}")(answer)
        assert verdict.passed, verdict.message
        assert answer.fault is None


def test_a_modified_input_is_seen_by_the_checker():
    def sneaky(f, g):
        result = np.convolve(f, g)
        f[0] = 99.0
        return result

    verdict = checks.evaluate_convolve_loops(through_the_wire(sneaky))
    assert not verdict.passed and "changed its input" in verdict.message


def test_an_argument_handed_back_is_seen_as_such():
    def lazy(kernel):
        kernel /= kernel.sum()
        return kernel

    verdict = checks.evaluate_normalise_blur(through_the_wire(lazy))
    assert not verdict.passed


def test_exceptions_keep_their_type_and_message():
    def refuses(n, m, mode):
        raise ValueError("no such mode")

    def not_done(n, m, mode):
        raise NotImplementedError()

    failed = checks.evaluate_output_length(through_the_wire(refuses))
    assert "ValueError: no such mode" in failed.message
    stub = checks.evaluate_output_length(through_the_wire(not_done))
    assert "not done yet" in stub.message


def test_an_unsupported_result_fails_with_a_clear_verdict():
    proxy = through_the_wire(lambda f, g: (value for value in f))
    verdict = checks.evaluate_convolve_loops(proxy)
    assert not verdict.passed
    assert proxy.fault and "returned an unsupported type (generator)" in proxy.fault


def test_a_reply_over_the_limit_is_refused():
    proxy = through_the_wire(lambda f, g: np.zeros(10_000), reply_limit=1000)
    assert not checks.evaluate_convolve_loops(proxy).passed
    assert "more data than the grader accepts" in proxy.fault


def test_an_object_that_claims_to_equal_everything_travels_as_its_data():
    class Anything(np.ndarray):
        def __eq__(self, other):
            return True

        def __array_function__(self, func, types, args, kwargs):
            return True

    proxy = through_the_wire(lambda f, g: np.zeros(len(f) + len(g) - 1).view(Anything))
    assert type(proxy(np.ones(2), np.ones(2))) is np.ndarray
    assert not checks.evaluate_convolve_loops(proxy).passed


def test_a_missing_function_is_a_name_error():
    proxy = KernelFunction(InProcessJudge({}), "convolve_loops")
    verdict = checks.evaluate_convolve_loops(proxy)
    assert "NameError" in verdict.message


def test_hidden_seeds_depend_on_the_secret_and_on_each_name():
    seeds = {hidden_seed(secret, "lesson01", student, exercise)
             for secret in (b"one", b"two") for student in ("al", "bo")
             for exercise in ("convolve_loops", "find_steps")}
    assert len(seeds) == 8 and all(0 <= seed < 2**64 for seed in seeds)


def test_a_memorised_answer_fails_the_hidden_cases():
    """The catalogue's memorising cheat passes every visible case of lesson 1 and no more."""
    namespace = {}
    exec(memorised_convolve_loops(), namespace)
    memorised = namespace["convolve_loops"]
    assert checks.evaluate_convolve_loops(memorised).passed
    for student in ("alice", "bob"):
        seed = hidden_seed(b"secret", LESSON, LESSON, student, "convolve_loops")
        assert not checks.evaluate_convolve_loops(memorised, hidden_seed=seed).passed


def test_the_secret_is_kept_out_of_the_kernels_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CONVLESSONS_GRADING_SECRET", "s3cret")
    judge = JudgedExecute()
    assert judge.load_secret() == b"s3cret"
    assert "CONVLESSONS_GRADING_SECRET" not in judge.kernel_env()
    judge.secret_file = str(tmp_path / "grading_secret.txt")
    made = judge.load_secret()
    assert re.fullmatch(rb"[0-9a-f]{64}", made) and judge.load_secret() == made
    assert (tmp_path / "grading_secret.txt").stat().st_mode & 0o077 == 0


def test_only_a_lone_checker_call_is_judged():
    assert judged_call("check_find_steps(find_steps)") == ("find_steps", "find_steps")
    for source in ("check_find_steps(find_steps); print(1)", "x = check_find_steps(f)",
                   "check_find_steps(lambda s, t: 0)", "check_find_steps(f, g)"):
        assert judged_call(source) is None


def test_a_callback_error_reaches_the_student_as_an_exception():
    def broken(*args):
        raise KeyError("inside the checker's function")

    reply = json.loads(answer_callback({"id": 0, "args": wire.encode(())}, [broken]))
    assert reply["error"][0] == "KeyError"
    assert json.loads(answer_callback({"id": 5, "args": "[]"}, [broken]))["error"]
