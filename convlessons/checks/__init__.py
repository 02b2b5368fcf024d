"""Exercise checkers: run a student's answer on many cases and say what is wrong.

One module per lesson topic, named like the package module it checks
(:mod:`convlessons.checks.signals` for lesson 1, :mod:`~convlessons.checks.images` for
lesson 2, :mod:`~convlessons.checks.borders` for lesson 3, ``sharing``, ``pooling``
and ``layers`` for lessons 4-6, ...); every checker is also
importable from here. Each exercise has two functions:

* ``check_<exercise>(answer)`` prints a verdict with a hint (used in notebooks);
* ``evaluate_<exercise>(answer)`` returns that :class:`Verdict` (used by tests).

A checker never lets an exception escape, whatever the answer does.

Examples
--------
>>> import numpy as np
>>> from convlessons.checks import check_convolve_loops
>>> check_convolve_loops(lambda f, g: np.convolve(f, g, "valid"))  # doctest: +ELLIPSIS
❌ convolve_loops: not yet.
   case 1 of ...: on f=[1., 2., 3.], g=[0. , 1. , 0.5]:
   expected shape (5,): [0. , 1. , 2.5, 4. , 1.5]
   your result has shape (1,): [2.5]
   That is mode 'valid'; the task asks for the full convolution, ...
"""

from . import (
    borders,
    costs,
    images,
    layers,
    pooling,
    separable,
    sharing,
    signals,
    training,
    transposed,
)
from ._core import Verdict

#: The checker modules, in course order. Every ``check_<exercise>`` and
#: ``evaluate_<exercise>`` they define is exported from here, so a new
#: exercise needs no second list to keep in step with its module.
_MODULES = (signals, images, borders, sharing, pooling, layers, training, transposed, separable,
            costs)

_EXERCISE_FUNCTIONS = {name: value for module in _MODULES for name, value in vars(module).items()
                       if name.startswith(("check_", "evaluate_"))}
globals().update(_EXERCISE_FUNCTIONS)

__all__ = ["Verdict", *sorted(_EXERCISE_FUNCTIONS)]
