"""Project-wide pytest set-up: paths that work from any working directory."""

from pathlib import Path

import matplotlib

# Figures are made but never shown while testing.
matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent

# The exercise notebooks hold stubs and no outputs: nbval has nothing to
# compare there. tests/test_exercises.py executes them instead.
collect_ignore_glob = ["exercises/*.ipynb", ".venv/*", "build/*"]


def pytest_configure(config):
    # nbval opens the sanitize file relative to the working directory; an
    # absolute path makes `pytest` work from anywhere in the checkout.
    if getattr(config.option, "nbval_sanitize_with", None) is None:
        config.option.nbval_sanitize_with = str(ROOT / "tests" / "nbval_sanitize.cfg")
