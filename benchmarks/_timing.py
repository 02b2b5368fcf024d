"""What the benchmark scripts share: one way to time a call."""

from __future__ import annotations

import timeit


def best_time(function, repeat=5) -> float:
    """Best per-call time in seconds over ``repeat`` rounds of auto-sized loops."""
    timer = timeit.Timer(function)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number
