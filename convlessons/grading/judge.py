"""nbgrader's Execute step, with the exercises judged in the grading process, not in the kernel.

The student's notebook still runs top to bottom in its own kernel. But a
test cell that calls a checker, ``check_<exercise>(<function>)``, is not run
there: the grading process calls ``evaluate_<exercise>`` itself, with a
:class:`KernelFunction` standing in for the student's function, and writes the
verdict into the cell's outputs (plus an error output when it fails, which is
what costs nbgrader's points). The kernel never sees the checker, the hidden
cases or the verdict, so nothing the student's code does there (removing
``NBGRADER_EXECUTION``, redefining ``check_...``, patching NumPy or
``sys.modules``, switching tracebacks off) can change a mark.

Each call of the stand-in sends the arguments to the kernel as plain data
(:mod:`convlessons.grading.wire`), runs the student's function there
(:mod:`convlessons.grading.kernel`) and brings back only data: the result and
the arguments after the call, or the exception's type and message. A call
has a time limit and its reply a size limit; a kernel that does not stop
when interrupted, or dies, fails every exercise that remains.

Hidden cases come from :func:`hidden_seed`: a keyed hash of the instructor's
secret and the exercise, notebook and student. The secret is read from the
configuration and removed from the kernel's environment.

Use it through ``nbgrader_config.py`` at the root of the repository::

    c.Autograde.autograde_preprocessors = [JudgedExecute, ...]
"""

from __future__ import annotations

import hashlib
import hmac
import inspect
import json
import os
import re
import secrets
import time
from pathlib import Path
from queue import Empty

import numpy as np
from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync
from nbformat.v4 import new_output
from nbgrader.preprocessors import Execute
from nbgrader.utils import is_grade, is_solution
from traitlets import Float, Integer, Unicode

from .. import checks
from . import wire
from .kernel import PROMPT

#: A test cell the judge takes over: one checker call on one function, nothing else.
CHECKER_CALL = re.compile(r"\A\s*check_(\w+)\(\s*([A-Za-z_]\w*)\s*\)\s*\Z")


def judged_call(source: str) -> tuple[str, str] | None:
    """``(exercise, function name)`` when a cell is exactly one checker call, else None.

    Comment lines are ignored.

    Examples
    --------
    >>> judged_call("# the checker\\ncheck_convolve_loops(convolve_loops)")
    ('convolve_loops', 'convolve_loops')
    >>> judged_call("check_convolve_loops(convolve_loops)\\nprint('done')") is None
    True
    """
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith("#"))
    match = CHECKER_CALL.match(code)
    return (match.group(1), match.group(2)) if match else None


def hidden_seed(secret: bytes, *parts: str) -> int:
    """A seed for the hidden cases: HMAC-SHA256 of ``parts`` under ``secret``, as a 64-bit int.

    Without the secret the seed cannot be guessed, and each exercise, notebook
    and student gets its own.

    Examples
    --------
    >>> hidden_seed(b"secret", "lesson01", "alice", "convolve_loops") == hidden_seed(
    ...     b"secret", "lesson01", "alice", "convolve_loops")
    True
    >>> hidden_seed(b"secret", "a", "b") != hidden_seed(b"other", "a", "b")
    True
    """
    digest = hmac.new(secret, "\0".join(parts).encode("utf-8"), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big")


class JudgeFault(Exception):
    """A call the grader could not complete: time limit, size limit, unsupported value, dead kernel.

    It reaches the checker like any exception the student's function raised
    (so it fails the case); the judge then replaces the verdict by the fault.
    """


def write_back(original, after) -> None:
    """Make ``original`` (an argument the checker passed) equal ``after`` (it after the call).

    Arrays are written in place, lists and dicts refilled, tuples visited, so
    the checker's own test for a modified input sees what the kernel did.
    """
    if isinstance(original, np.ndarray) and isinstance(after, np.ndarray):
        if original.shape == after.shape and original.flags.writeable:
            np.copyto(original, after, casting="unsafe")
    elif isinstance(original, list) and isinstance(after, list):
        original[:] = after
    elif isinstance(original, dict) and isinstance(after, dict):
        original.clear()
        original.update(after)
    elif isinstance(original, tuple) and isinstance(after, tuple) and len(original) == len(after):
        for inner, changed in zip(original, after, strict=True):
            write_back(inner, changed)


class KernelFunction:
    """Stands in, in the grading process, for the student's function ``name`` in the kernel.

    Calling it runs the function in the kernel (see the module's docstring).
    The first fault (time, size, unsupported value, dead kernel) is kept in
    :attr:`fault`.
    """

    def __init__(self, judge: JudgedExecute, name: str):
        self.judge = judge
        self.__name__ = self.__qualname__ = name
        self.fault: str | None = None

    def __repr__(self) -> str:
        return f"<the student's {self.__name__}>"

    def __deepcopy__(self, memo):
        return self

    def _fail(self, message: str):
        self.fault = self.fault or message
        raise JudgeFault(message)

    def __call__(self, *args):
        if self.judge.dead:
            self._fail(self.judge.dead)
        callbacks: list = []

        def register(function) -> int:
            callbacks.append(function)
            return len(callbacks) - 1

        arguments = wire.encode(args, register)
        code = ("__import__('convlessons.grading.kernel', fromlist=['serve']).serve("
                f"globals(), {self.__name__!r}, {arguments!r}, {int(self.judge.reply_limit)})")
        outcome = self.judge.exchange(code, callbacks)
        kind = outcome.get("kind")
        if kind == "fault":
            self._fail(outcome["message"])
        if kind == "raised":
            raise wire.exception_named(str(outcome.get("type")), str(outcome.get("message", "")))
        if kind == "too_large":
            self._fail(f"{self.__name__} returned more data than the grader accepts "
                       f"({outcome.get('size')} characters; the limit is "
                       f"{self.judge.reply_limit}).")
        if kind == "unsupported":
            self._fail(f"{self.__name__} returned an unsupported type "
                       f"({str(outcome.get('type'))[:80]}): return arrays, numbers, strings, "
                       "tuples, lists, dicts or None.")
        if kind != "returned":
            self._fail(f"the kernel's answer for {self.__name__} could not be read.")
        try:
            after = wire.decode(outcome.get("args"), lambda number: (
                callbacks[number] if 0 <= number < len(callbacks) else None))
            same_as = outcome.get("same_as")
            if same_as is not None:
                if not (type(same_as) is int and 0 <= same_as < len(args)):
                    raise wire.Malformed("same_as out of range")
                result = args[same_as]
            else:
                result = wire.decode(outcome.get("result"))
        except wire.Malformed:
            self._fail(f"{self.__name__} returned an unsupported type (its reply was not "
                       "plain data).")
        if not (isinstance(after, tuple) and len(after) == len(args)):
            self._fail(f"the kernel's answer for {self.__name__} could not be read.")
        for original, changed in zip(args, after, strict=True):
            write_back(original, changed)
        return result


class JudgedExecute(Execute):
    """nbgrader's ``Execute``, judging checker cells in the grading process (module docstring)."""

    call_timeout = Float(10.0, help="Seconds one call of a student's function may take.").tag(
        config=True)
    interrupt_grace = Float(5.0, help="Seconds a kernel has to stop once interrupted.").tag(
        config=True)
    reply_limit = Integer(8_000_000, help="Longest reply of one call, in characters.").tag(
        config=True)
    secret = Unicode("", help="The instructor's secret for the hidden cases.").tag(config=True)
    secret_file = Unicode(
        "", help="A file holding the secret; made with a random one when missing.").tag(
        config=True)
    secret_env = Unicode(
        "CONVLESSONS_GRADING_SECRET",
        help="An environment variable holding the secret (removed from the kernel's).").tag(
        config=True)

    dead: str | None = None

    # -- the secret and the kernel's environment --------------------------------

    def load_secret(self) -> bytes:
        """The secret: from ``secret``, else ``secret_file``, else the ``secret_env`` variable."""
        if self.secret:
            return self.secret.encode("utf-8")
        if self.secret_file:
            path = Path(self.secret_file).expanduser()
            if not path.exists():
                path.write_text(secrets.token_hex(32) + "\n", encoding="utf-8")
                path.chmod(0o600)
                self.log.warning("made a new grading secret in %s; keep it", path)
            return path.read_text(encoding="utf-8").strip().encode("utf-8")
        if os.environ.get(self.secret_env):
            return os.environ[self.secret_env].encode("utf-8")
        raise ValueError(
            "JudgedExecute needs a secret for the hidden cases: set JudgedExecute.secret_file "
            f"(or .secret, or the environment variable {self.secret_env}) in nbgrader_config.py")

    def kernel_env(self) -> dict:
        """The grader's environment without the secret's variable, for the student's kernel."""
        return {key: value for key, value in os.environ.items()
                if not key.startswith(self.secret_env)}

    async def async_start_new_kernel(self, **kwargs):
        kwargs.setdefault("env", self.kernel_env())
        await super().async_start_new_kernel(**kwargs)

    start_new_kernel = run_sync(async_start_new_kernel)

    # -- the notebook ---------------------------------------------------------

    def preprocess(self, nb, resources=None, km=None):
        info = (resources or {}).get("nbgrader", {})
        self._names = [str(info.get(key, "")) for key in ("assignment", "notebook", "student")]
        self._secret = self.load_secret()
        self.dead = None
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        call = judged_call(cell.source) if cell.cell_type == "code" else None
        judged = (call is not None and is_grade(cell) and not is_solution(cell)
                  and hasattr(checks, f"evaluate_{call[0]}"))
        if judged:
            verdict = self.judge(*call)
            cell.outputs = verdict_outputs(verdict)
            cell.execution_count = None
            return cell, self.resources
        if call is not None and is_grade(cell) and not judged:
            self.log.warning("check_%s has no evaluate_%s: its cell runs in the kernel, "
                             "where it can be forged", call[0], call[0])
        if self.dead:
            if cell.cell_type == "code":
                cell.outputs = [error_output("KernelStopped", self.dead)]
            return cell, self.resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self.dead = "the notebook's kernel died before this cell; it was not run."
            cell.outputs.append(error_output("DeadKernelError", "the kernel died in this cell."))
            return cell, self.resources

    def judge(self, exercise: str, name: str):
        """The verdict on the student's ``name`` for ``exercise``, decided in this process."""
        evaluate = getattr(checks, f"evaluate_{exercise}")
        answer = KernelFunction(self, name)
        options = {}
        if "hidden_seed" in inspect.signature(evaluate).parameters:
            options["hidden_seed"] = hidden_seed(self._secret, *self._names, exercise)
        started = time.monotonic()
        try:
            verdict = evaluate(answer, **options)
        except Exception as error:
            verdict = checks.Verdict(exercise, False, 0, [
                f"the grader could not check this exercise ({type(error).__name__}: {error})."])
        if answer.fault:
            verdict = checks.Verdict(exercise, False, verdict.cases, [answer.fault])
        self.log.info("judged %s in %.2f s: %s", exercise, time.monotonic() - started,
                      "passed" if verdict.passed else "failed")
        return verdict

    # -- one call in the kernel -----------------------------------------------

    def exchange(self, code: str, callbacks: list) -> dict:
        """Run ``code`` (one :func:`~convlessons.grading.kernel.serve`) and return its message."""
        try:
            return run_sync(self._exchange)(code, callbacks)
        except DeadKernelError:
            self.dead = "the notebook's kernel died; the exercises after it could not be run."
            return {"kind": "fault", "message": self.dead}

    async def _exchange(self, code: str, callbacks: list) -> dict:
        kc = self.kc
        msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=True,
                            stop_on_error=False)
        deadline = time.monotonic() + self.call_timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return await self._stop(msg_id, f"the function took longer than "
                                                f"{self.call_timeout:g} s on one call.")
            try:
                request = await kc.stdin_channel.get_msg(timeout=min(left, 0.25))
            except Empty:
                if await self._replied(msg_id, 0):
                    return {"kind": "fault", "message": "the kernel ended the call without "
                                                        "an answer."}
                if not await self.km.is_alive():
                    raise DeadKernelError("the kernel died") from None
                continue
            prompt = str(request.get("content", {}).get("prompt", ""))
            if request.get("parent_header", {}).get("msg_id") != msg_id \
                    or not prompt.startswith(PROMPT):
                kc.input("")  # the student's own input(): it gets an empty line
                continue
            if len(prompt) > self.reply_limit + len(PROMPT):
                kc.input("")
                message = {"kind": "too_large", "size": len(prompt)}
            else:
                message = parse_message(prompt[len(PROMPT):])
            if message.get("kind") == "callback":
                kc.input(answer_callback(message, callbacks))
                continue
            kc.input("")
            if not await self._replied(msg_id, max(deadline - time.monotonic(), 0.5)):
                return await self._stop(msg_id, "the function did not finish after answering.")
            return message

    async def _replied(self, msg_id: str, wait: float) -> bool:
        """Whether the kernel's reply to ``msg_id`` arrives within ``wait`` seconds."""
        until = time.monotonic() + wait
        while True:
            try:
                reply = await self.kc.shell_channel.get_msg(
                    timeout=max(min(until - time.monotonic(), 0.25), 0))
            except Empty:
                await self._refuse_input()
                if time.monotonic() >= until:
                    return False
                if not await self.km.is_alive():
                    raise DeadKernelError("the kernel died") from None
                continue
            if reply.get("parent_header", {}).get("msg_id") == msg_id:
                return True

    async def _refuse_input(self) -> None:
        """Answer with an empty line any input() the kernel still waits on, so it can finish."""
        while True:
            try:
                await self.kc.stdin_channel.get_msg(timeout=0)
            except Empty:
                return
            self.kc.input("")

    async def _stop(self, msg_id: str, why: str) -> dict:
        """Interrupt the kernel; if it does not stop in time, shut it down for good."""
        await self.km.interrupt_kernel()
        if not await self._replied(msg_id, self.interrupt_grace):
            self.dead = (f"{why} The kernel did not stop when interrupted, so it was shut "
                         "down; the exercises after it could not be run.")
            await self.km.shutdown_kernel(now=True)
            return {"kind": "fault", "message": self.dead}
        return {"kind": "fault", "message": why}


def parse_message(text: str) -> dict:
    """A protocol message from the kernel as a dict with a known ``kind``, else a fault.

    Examples
    --------
    >>> parse_message('{"kind": "raised", "type": "ValueError", "message": "m"}')["type"]
    'ValueError'
    >>> parse_message("[1, 2]")["kind"]
    'fault'
    """
    try:
        message = json.loads(text, parse_constant=lambda name: None)
    except (ValueError, RecursionError):
        message = None
    kinds = ("returned", "raised", "unsupported", "too_large", "callback")
    if not isinstance(message, dict) or message.get("kind") not in kinds:
        return {"kind": "fault", "message": "the kernel's answer could not be read."}
    return message


def answer_callback(message: dict, callbacks: list) -> str:
    """Run the checker's function the student's code called in the kernel; its reply as text."""
    try:
        number = message.get("id")
        if not (type(number) is int and 0 <= number < len(callbacks)):
            raise LookupError("unknown function")
        value = callbacks[number](*wire.decode(message.get("args")))
        return json.dumps({"value": wire.encode(value)})
    except Exception as error:
        return json.dumps({"error": [type(error).__name__, str(error)[:500]]})


def error_output(name: str, message: str):
    """An nbformat error output: what makes nbgrader give a test cell no points."""
    return new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"])


def verdict_outputs(verdict) -> list:
    """The test cell's outputs for ``verdict``: its text, and an error output when it failed."""
    outputs = [new_output("stream", name="stdout", text=verdict.message + "\n")]
    if not verdict.passed:
        outputs.append(error_output("ExerciseNotPassed", verdict.message.splitlines()[0]))
    return outputs
