"""Shared fixtures and paths for the test suite."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))

#: PyTorch is an optional oracle: its comparisons run where it is installed (always on CI).
HAS_TORCH = importlib.util.find_spec("torch") is not None
needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="PyTorch is not installed")


@pytest.fixture(autouse=True)
def _close_figures():
    """Figures made by one test must not pile up across the suite."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")


@pytest.fixture(autouse=True)
def _numpy_print_options_kept():
    """A test must not change NumPy's print options for the tests after it on its worker.

    Doctests and verdicts print arrays; one leaked ``set_printoptions`` made a
    doctest fail only when the tests happened to run in a certain order.
    """
    import numpy as np

    before = np.get_printoptions()
    yield
    after = np.get_printoptions()
    np.set_printoptions(**before)
    assert after == before, f"this test changed NumPy's print options: {before} -> {after}"


@pytest.fixture
def record_drawing(monkeypatch):
    """``record_drawing(module, name, keep)``: replace a drawing function by a recorder.

    Each call appends ``keep(*args, **kwargs)`` (the positional arguments by
    default) to the list returned, and returns a small real figure, so that an
    explorer shows it as it would the real drawing.
    """
    from matplotlib.figure import Figure

    def install(module, name, keep=lambda *args, **kwargs: args):
        calls = []

        def record(*args, **kwargs):
            calls.append(keep(*args, **kwargs))
            figure = Figure(figsize=(1, 1))
            figure.add_subplot()
            return figure

        monkeypatch.setattr(module, name, record)
        return calls

    return install
