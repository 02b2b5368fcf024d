"""The kernel's side of a judged call: look up the student's function, call it, send back data.

The grader (:mod:`convlessons.grading.judge`) runs one short piece of code
in the student's kernel per call of the student's function; that code calls
:func:`serve`. Everything goes back to the grader through the kernel's
standard-input channel (``input()``), one message per prompt, as JSON text
made by :mod:`convlessons.grading.wire`:

* ``{"kind": "returned", "result": ..., "args": ...}``: the value returned
  and the arguments as they are after the call (so a modified input is
  seen); ``"same_as": i`` instead of ``"result"`` when the function returned
  its argument ``i`` itself;
* ``{"kind": "raised", "type": "ValueError", "message": "..."}``;
* ``{"kind": "unsupported", "type": "generator"}``: a value that is not data;
* ``{"kind": "too_large", "size": n}``: a reply longer than the grader accepts;
* ``{"kind": "callback", "id": k, "args": ...}``: the student's function calls
  a function the checker passed in (a layer, a classifier); the grader runs
  it and answers the prompt with its result.

Nothing here is trusted by the grader: a student can replace this module
in their own kernel, but all it could send back is data, which the grader
decodes with its own copy of :mod:`~convlessons.grading.wire` and judges.
"""

from __future__ import annotations

import builtins
import json

from . import wire

#: Every prompt of the protocol starts with this, to tell it from a student's own input().
PROMPT = "convlessons-judge:"


def serve(namespace: dict, name: str, arguments: str, limit: int) -> None:
    """Call ``namespace[name]`` on the decoded ``arguments`` and send the outcome to the grader.

    ``limit`` is the longest message, in characters, that the grader accepts.
    """
    ask = builtins.input  # ipykernel's, relaying to the grader's stdin channel
    stubs: dict[int, int] = {}

    def send(**message) -> str:
        text = PROMPT + json.dumps(message)
        if len(text) > limit:
            text = PROMPT + json.dumps({"kind": "too_large", "size": len(text)})
        return ask(text)

    def stand_in(number: int):
        def call_checker(*args):
            reply = json.loads(send(kind="callback", id=number, args=wire.encode(args)))
            if "error" in reply:
                raise wire.exception_named(str(reply["error"][0]), str(reply["error"][1]))
            return wire.decode(reply["value"])
        stubs[id(call_checker)] = number
        return call_checker

    args = wire.decode(arguments, stand_in)
    function = namespace.get(name)
    if function is None:
        send(kind="raised", type="NameError", message=f"name {name!r} is not defined")
        return
    try:
        result = function(*args)
    except KeyboardInterrupt:
        raise  # the grader's interrupt at its time limit: the call just stops
    except BaseException as error:
        send(kind="raised", type=type(error).__name__, message=_text(error))
        return
    same_as = next((number for number, arg in enumerate(args) if result is arg), None)
    try:
        after = wire.encode(args, lambda function: stubs.get(id(function), -1))
        if same_as is not None:
            send(kind="returned", same_as=same_as, args=after)
        else:
            send(kind="returned", result=wire.encode(result), args=after)
    except wire.Unsupported as error:
        send(kind="unsupported", type=str(error))


def _text(error: BaseException) -> str:
    """The exception's message, even when its ``__str__`` is broken, cut to 1000 characters."""
    try:
        return str(error)[:1000]
    except Exception:
        return ""
