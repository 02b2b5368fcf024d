"""Submissions of lesson 1 for the grading tests: honest ones and a catalogue of cheats.

Each submission is the student notebook (``exercises/``) or the worked
solutions with some answer cells rewritten, as a student would. ``EXPECTED``
gives the exercises each must be credited with when judged outside the
kernel: only those it really solved.
"""

from __future__ import annotations

import copy
import functools
import re

import nbformat
import numpy as np

from .conftest import ROOT

LESSON = "01_signals_in_1d"
EXERCISES = ("convolve_loops", "output_length", "correlate_with_convolve", "shift_kernel",
             "find_steps")


def _answer_cells(notebook) -> dict:
    """Each exercise's answer cell, by the name of the function it defines."""
    cells = {}
    for cell in notebook.cells:
        match = re.match(r"def (\w+)\(", cell.source)
        if cell.cell_type == "code" and match and match.group(1) in EXERCISES:
            cells[match.group(1)] = cell
    return cells


@functools.cache
def _load(kind: str):
    """The lesson's solved or blank notebook, read once; callers copy it before changing it."""
    folder = "solutions" if kind == "solved" else "exercises"
    return nbformat.read(ROOT / folder / f"{LESSON}.ipynb", as_version=4)


def submission(base: str, answers: dict | None = None, prepend: str = ""):
    """``base`` ("solved" or "blank") with some answer cells replaced and code put first."""
    notebook = copy.deepcopy(_load(base))
    cells = _answer_cells(notebook)
    for name, source in (answers or {}).items():
        cells[name].source = source
    if prepend:
        first = cells[EXERCISES[0]]
        first.source = prepend + "\n\n" + first.source
    return notebook


def _stub(name: str) -> str:
    return _answer_cells(_load("blank"))[name].source


def memorised_convolve_loops() -> str:
    """A ``convolve_loops`` that only knows the outputs for the checker's visible inputs."""
    from convlessons.checks import evaluate_convolve_loops

    seen = {}

    def record(f, g):
        key = (tuple(np.asarray(f, float).tolist()), tuple(np.asarray(g, float).tolist()))
        seen[key] = np.convolve(f, g).astype(float).tolist()
        return np.convolve(f, g).astype(float)

    assert evaluate_convolve_loops(record).passed
    return (
        "import numpy as np\n"
        f"KNOWN = {seen!r}\n\n"
        "def convolve_loops(f, g):\n"
        "    key = (tuple(np.asarray(f, float).tolist()), tuple(np.asarray(g, float).tolist()))\n"
        "    return np.array(KNOWN.get(key, [0.0]))\n"
    )


CHEATS = {
    "grading_variable_removed":
        "import os\nos.environ.pop('NBGRADER_EXECUTION', None)\n"
        "os.environ.pop('CONVLESSONS_GRADING', None)",
    "checkers_shadowed":
        "def _passes(answer):\n    print('✅ all cases pass.')\n"
        + "".join(f"check_{name} = _passes\n" for name in EXERCISES),
    "checker_modules_patched":
        "import sys\n"
        "for _name, _module in list(sys.modules.items()):\n"
        "    if _name.startswith('convlessons.checks'):\n"
        "        for _attr in dir(_module):\n"
        "            if (_attr.startswith(('check_', 'evaluate_'))\n"
        "                    or _attr in ('report', 'grading')):\n"
        "                setattr(_module, _attr, lambda *a, **k: False)\n"
        + "".join(f"check_{name} = sys.modules['convlessons.checks'].check_{name}\n"
                  for name in EXERCISES),
    "traceback_display_off":
        "get_ipython().showtraceback = lambda *a, **k: None\n"
        "get_ipython().showsyntaxerror = lambda *a, **k: None",
    "kernel_side_of_the_judge_replaced":
        "import json, sys\n"
        "def _serve(namespace, name, arguments, limit):\n"
        "    input('convlessons-judge:' + json.dumps({'kind': 'returned', 'result': 'true',\n"
        "                                             'args': arguments}))\n"
        "sys.modules['convlessons.grading.kernel'] = type(sys)('fake')\n"
        "sys.modules['convlessons.grading.kernel'].serve = _serve",
}

#: Cheats that replace an answer: exercise -> source of the answer cell.
CHEATING_ANSWERS = {
    "numpy_comparisons_patched": {"convolve_loops": (
        "import numpy as np\n"
        "np.allclose = lambda *a, **k: True\n"
        "np.array_equal = lambda *a, **k: True\n"
        "np.isclose = lambda a, b, *r, **k: np.ones(np.broadcast(a, b).shape, bool)\n"
        "np.testing.assert_allclose = lambda *a, **k: None\n\n"
        "def convolve_loops(f, g):\n"
        "    return np.zeros(len(f) + len(g) - 1)\n")},
    "equals_everything": {"convolve_loops": (
        "import numpy as np\n\n"
        "class Anything(np.ndarray):\n"
        "    def __eq__(self, other):\n        return np.ones(np.shape(other), bool)\n"
        "    def __array_function__(self, func, types, args, kwargs):\n        return True\n"
        "    def __array_ufunc__(self, *args, **kwargs):\n        return True\n\n"
        "def convolve_loops(f, g):\n"
        "    return np.zeros(len(f) + len(g) - 1).view(Anything)\n")},
    "equals_everything_not_an_array": {"convolve_loops": (
        "class Anything:\n"
        "    def __eq__(self, other):\n        return True\n"
        "    def __array__(self, *args, **kwargs):\n"
        "        raise TypeError('no')\n\n"
        "def convolve_loops(f, g):\n    return Anything()\n")},
    "memorised_visible_cases": {"convolve_loops": None},  # filled in by all_submissions()
    "reply_too_large": {"convolve_loops": (
        "import numpy as np\n\n"
        "def convolve_loops(f, g):\n    return np.zeros(2_000_000)\n")},
    # The kernel cannot be interrupted: it is shut down and the rest fails with a verdict.
    "loop_that_ignores_interrupts": {"convolve_loops": (
        "def convolve_loops(f, g):\n"
        "    while True:\n"
        "        try:\n"
        "            while True:\n"
        "                pass\n"
        "        except KeyboardInterrupt:\n"
        "            pass\n")},
    "kernel_exits_at_top_level": {"convolve_loops": (
        "import os\nos._exit(0)\n\ndef convolve_loops(f, g):\n    return None\n")},
}


def all_submissions() -> dict:
    """Every submission of lesson 1, by student id; see :data:`EXPECTED`."""
    answers = dict(CHEATING_ANSWERS, memorised_visible_cases={
        "convolve_loops": memorised_convolve_loops()})
    made = {"solved": submission("solved"), "blank": submission("blank"),
            "partly_right": submission("solved", {name: _stub(name) for name in
                                                  ("output_length", "shift_kernel")}),
            # Honest elsewhere: only the exercise that loops forever must cost its point.
            "infinite_loop": submission("solved", {"convolve_loops": (
                "def convolve_loops(f, g):\n    while True:\n        pass\n")}),
            # The kernel exits in the last exercise: the four before keep their points.
            "kernel_exits_in_a_call": submission("solved", {"find_steps": (
                "import os\n\ndef find_steps(signal, threshold):\n    os._exit(3)\n")}),
            }
    for name, prepend in CHEATS.items():
        made[name] = submission("blank", prepend=prepend)
    for name, replaced in answers.items():
        made[name] = submission("blank", replaced)
    return made


#: Exercises each submission must be credited with (all others score 0).
EXPECTED = {
    "solved": set(EXERCISES),
    "blank": set(),
    "partly_right": {"convolve_loops", "correlate_with_convolve", "find_steps"},
    "infinite_loop": set(EXERCISES) - {"convolve_loops"},
    "kernel_exits_in_a_call": set(EXERCISES) - {"find_steps"},
    **{name: set() for name in CHEATS},
    **{name: set() for name in CHEATING_ANSWERS},
}
