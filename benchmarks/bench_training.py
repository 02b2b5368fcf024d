"""One training epoch of the lesson 7 CNN: NumPy (this package) against PyTorch, one thread each.

    python3 course.py bench

Same architecture, same batch size (16), same optimiser (Adam), same data
(the 1438 training digits), float64 in both. Prints seconds per epoch and
the ratio (target of the course: at most 1.25x), timed in turns on CPU time so
that both sides see the same load. PyTorch's part is skipped when it is not
installed. A report, not a test.
"""

from __future__ import annotations

import importlib.util

import _one_thread  # noqa: F401 - before NumPy: one BLAS thread, as for PyTorch
import numpy as np
from _timing import paired_best_times

from convlessons.data import digits_split
from convlessons.layers import Conv2D, Dense, Flatten, ReLU
from convlessons.pooling import MaxPool2D
from convlessons.training import Adam, Sequential, train_epoch

BATCH = 16


def ours_model():
    return Sequential([
        Conv2D(1, 32, 3, padding=1, seed=0), ReLU(),
        Conv2D(32, 32, 3, padding=1, seed=1), ReLU(), MaxPool2D(2),
        Conv2D(32, 64, 3, padding=1, seed=2), ReLU(), MaxPool2D(2),
        Flatten(), Dense(256, 10, seed=3),
    ])


def main() -> None:
    x_train, y_train, _, _ = digits_split()
    model = ours_model()
    optimiser = Adam(model, learning_rate=0.002)

    def ours_epoch():
        train_epoch(model, optimiser, x_train, y_train, BATCH, np.random.default_rng(0))

    print(f"one epoch, lesson 7 CNN ({model.parameter_count()} parameters), batch {BATCH}, "
          "1438 digits, float64, 1 thread")
    if importlib.util.find_spec("torch") is None:
        print(f"  convlessons (NumPy): {paired_best_times([ours_epoch], rounds=3)[0]:6.2f} s")
        print("  PyTorch: not installed")
        return
    import torch

    torch.set_num_threads(1)
    nn = torch.nn
    reference = nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(),
        nn.MaxPool2d(2), nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(256, 10)).double()
    torch_optimiser = torch.optim.Adam(reference.parameters(), lr=0.002)
    x, y = torch.tensor(x_train), torch.tensor(y_train)

    def torch_epoch():
        order = torch.randperm(len(x), generator=torch.Generator().manual_seed(0))
        for start in range(0, len(x), BATCH):
            chosen = order[start : start + BATCH]
            torch_optimiser.zero_grad()
            nn.functional.cross_entropy(reference(x[chosen]), y[chosen]).backward()
            torch_optimiser.step()

    ours, theirs = paired_best_times([ours_epoch, torch_epoch], rounds=3)
    print(f"  convlessons (NumPy): {ours:6.2f} s")
    print(f"  PyTorch:             {theirs:6.2f} s")
    print(f"  ratio:               {ours / theirs:6.2f}x  (target: at most 1.25x)")


if __name__ == "__main__":
    main()
