"""What the benchmark scripts share beyond :func:`convlessons.costs.best_time`: paired timing."""

from __future__ import annotations

import time
import timeit


def paired_best_times(functions, rounds=15) -> list[float]:
    """Best per-call CPU time of each function, timed in turns (a, b, a, b, ...).

    On a machine shared with other work, wall-clock times measure the other
    work too. Each side here runs on one thread, so the CPU time of this
    process (``time.process_time``) is the time the call itself needed; and
    taking turns exposes every function to the same cache and memory
    traffic of the neighbours, so the ratio of the best times is fair.
    """
    timers = [timeit.Timer(function, timer=time.process_time) for function in functions]
    numbers = [timer.autorange()[0] for timer in timers]
    best = [float("inf")] * len(timers)
    for _ in range(rounds):
        for index, (timer, number) in enumerate(zip(timers, numbers, strict=True)):
            best[index] = min(best[index], timer.timeit(number) / number)
    return best
