"""The course with the real nbgrader: solutions/ is a valid source folder.

In a temporary course directory, for every solution notebook:
``generate_assignment`` makes the student version, whose code cells must equal
our ``exercises/``; ``autograde`` must give the worked solutions, submitted as
a student, every point, and the untouched exercises none. nbgrader runs
offline; it calls ``alembic`` by name, so the environment's ``bin`` folder
goes on ``PATH``.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from .conftest import ROOT, SOLUTIONS

pytest.importorskip("nbgrader")

BIN = Path(sys.executable).parent


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("NBGRADER_EXECUTION", None)
    result = subprocess.run(
        [str(BIN / "nbgrader"), *args, f"--CourseDirectory.root={course}"],
        cwd=course, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def scores(course: Path, assignment: str, notebook: str) -> dict:
    """Points and maximum per student, read from nbgrader's own gradebook."""
    script = (
        "import json, sys\n"
        "from nbgrader.api import Gradebook\n"
        "with Gradebook(sys.argv[1]) as book:\n"
        "    out = {}\n"
        "    for student in ('solved', 'untouched'):\n"
        "        nb = book.find_submission_notebook(sys.argv[3], sys.argv[2], student)\n"
        "        out[student] = [nb.score, nb.max_score, nb.needs_manual_grade]\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, f"sqlite:///{course / 'gradebook.db'}", assignment,
         notebook], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def code_sources(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """One nbgrader course with every lesson as an assignment, generated and autograded."""
    course = tmp_path_factory.mktemp("course")
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.CourseDirectory.course_id = 'convlessons'\n"
        "c.ExecutePreprocessor.timeout = 300\n", encoding="utf-8")
    for solution in SOLUTIONS:
        source = course / "source" / solution.stem
        source.mkdir(parents=True)
        shutil.copy(solution, source / solution.name)
    for student in ("solved", "untouched"):
        nbgrader(course, "db", "student", "add", student)
    for solution in SOLUTIONS:
        assignment = solution.stem
        nbgrader(course, "generate_assignment", assignment, "--force", "--create")
        for student, notebook in (("solved", solution),
                                  ("untouched", ROOT / "exercises" / solution.name)):
            submitted = course / "submitted" / student / assignment
            submitted.mkdir(parents=True)
            shutil.copy(notebook, submitted / solution.name)
        nbgrader(course, "autograde", assignment, "--force")
    return course


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda path: path.name)
def test_generate_assignment_makes_exactly_our_exercises(course, solution):
    released = course / "release" / solution.stem / solution.name
    assert code_sources(released) == code_sources(ROOT / "exercises" / solution.name)


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda path: path.name)
def test_autograde_full_points_for_solutions_none_for_exercises(course, solution):
    result = scores(course, solution.stem, solution.stem)
    solved_score, maximum, _ = result["solved"]
    untouched_score, _, _ = result["untouched"]
    checkers = sum(bool(re.search(r"^check_\w+\(", source, re.MULTILINE))
                   for source in code_sources(solution))
    record = ROOT / "test-artifacts" / "nbgrader"
    record.mkdir(parents=True, exist_ok=True)
    (record / f"{solution.stem}.json").write_text(json.dumps(result), encoding="utf-8")
    assert maximum == checkers > 0, "every checker cell is worth one point"
    assert solved_score == maximum
    assert untouched_score == 0
