"""Shared fixtures and paths for the test suite."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))


@pytest.fixture(autouse=True)
def _close_figures():
    """Figures made by one test must not pile up across the suite."""
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
