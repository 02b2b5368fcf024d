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


#: The files that take longest, in seconds on two cores (measured 2026-12-06): the
#: browser widget tests 145, the nbgrader course 109, the site 94, the exercise
#: notebooks 31, lesson 7 24. Each file runs on one worker (``--dist loadfile``); if
#: one of these started last it would run alone while the other workers idle, so
#: they start first, and ``course.py test`` passes ``--no-loadscope-reorder`` so that
#: xdist keeps this order instead of putting the files with the most tests first.
SLOWEST_FIRST = (
    "tests/browser/test_lesson_widgets.py",
    "tests/test_nbgrader.py",
    "tests/test_site.py",
    "tests/test_exercises.py",
    "lessons/07_capstone.ipynb",
)


def pytest_collection_modifyitems(config, items):
    rank = {path: place for place, path in enumerate(SLOWEST_FIRST)}
    # A stable sort: the other files, and the tests within every file, keep their order.
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))
