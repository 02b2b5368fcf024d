"""The course with the real nbgrader, judging outside the student's kernel.

In a temporary course directory configured by the repository's
``nbgrader_config.py``, for every solution notebook: ``generate_assignment``
makes the student version, whose code cells must equal our ``exercises/``;
``autograde`` must give the worked solutions, submitted as a student, every
point, and the untouched exercises none. Lesson 1 is also submitted by a
partly right student and by the catalogue of cheats in
:mod:`tests.grading_submissions`, each of which must get exactly the points of
the exercises it really solved. nbgrader runs offline; it calls ``alembic`` by
name, so the environment's ``bin`` folder goes on ``PATH``.
"""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from convlessons.grading import classroom

from .conftest import ROOT, SOLUTIONS
from .grading_submissions import EXERCISES, EXPECTED, LESSON, all_submissions, submission

pytest.importorskip("nbgrader")

BIN = Path(sys.executable).parent
SECRET = "test-secret-7f3a"
#: Short limits keep the infinite loop and the oversized reply cheap to judge.
TEST_SETTINGS = (
    "c.CourseDirectory.course_id = 'convlessons'\n"
    "c.JudgedExecute.secret_file = ''\n"  # the secret comes from the environment here
    "c.JudgedExecute.call_timeout = 3\n"
    "c.JudgedExecute.interrupt_grace = 3\n"
    "c.JudgedExecute.reply_limit = 1_000_000\n"
)


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(classroom.nbgrader_environment(), PYTHONPATH=str(ROOT),
               CONVLESSONS_GRADING_SECRET=SECRET)
    result = subprocess.run(
        [str(BIN / "nbgrader"), *args, f"--CourseDirectory.root={course}"],
        cwd=course, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def grades(course: Path) -> dict:
    """{assignment: {student: [total, maximum, {grade cell: score}]}}, from the gradebook.

    Each assignment here has one notebook, named like it.
    """
    script = (
        "import json, sys\n"
        "from nbgrader.api import Gradebook\n"
        "with Gradebook(sys.argv[1]) as book:\n"
        "    out = {}\n"
        "    for assignment in book.assignments:\n"
        "        out[assignment.name] = {\n"
        "            sub.student.id: [sub.score, sub.max_score,\n"
        "                             {g.name: g.score for g in sub.grades}]\n"
        "            for sub in book.notebook_submissions(assignment.name, assignment.name)}\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, f"sqlite:///{course / 'gradebook.db'}"],
        capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def code_sources(path: Path) -> list[str]:
    notebook = nbformat.read(path, as_version=4)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def grade_course(course: Path, config: str, submissions: dict) -> None:
    """Autograde ``submissions`` ({assignment: {student: notebook}}) with ``config``.

    One ``autograde`` run grades every student of every assignment.
    """
    (course / "nbgrader_config.py").write_text(config, encoding="utf-8")
    for solution in SOLUTIONS:
        if solution.stem in submissions:
            source = course / "source" / solution.stem
            source.mkdir(parents=True)
            shutil.copy(solution, source / solution.name)
    for assignment, students in submissions.items():
        for student, notebook in students.items():
            submitted = course / "submitted" / student / assignment
            submitted.mkdir(parents=True)
            nbformat.write(notebook, submitted / f"{assignment}.ipynb")
    # nbgrader takes a glob for the assignment: one process for all (each start costs seconds).
    nbgrader(course, "generate_assignment", "*", "--force", "--create")
    nbgrader(course, "autograde", "*", "--force")


ENV_PROBE = "env_probe"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """One course: every lesson solved and untouched, lesson 1 also partly right and cheated."""
    course = tmp_path_factory.mktemp("course")
    config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8") + TEST_SETTINGS
    submissions = {solution.stem: {
        "solved": nbformat.read(solution, as_version=4),
        "untouched": nbformat.read(ROOT / "exercises" / solution.name, as_version=4),
    } for solution in SOLUTIONS}
    lesson1 = all_submissions()
    lesson1.pop("solved"), lesson1.pop("blank")
    # A student whose code writes down the kernel's environment, to see what it holds.
    lesson1[ENV_PROBE] = submission("blank", prepend=(
        "import json, os\n"
        f"open({str(course / 'kernel_env.json')!r}, 'w').write(json.dumps(dict(os.environ)))"))
    submissions[LESSON].update(lesson1)
    grade_course(course, config, submissions)
    return course


@pytest.fixture(scope="module")
def marks(course):
    return grades(course)


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda path: path.name)
def test_generate_assignment_makes_exactly_our_exercises(course, solution):
    released = course / "release" / solution.stem / solution.name
    assert code_sources(released) == code_sources(ROOT / "exercises" / solution.name)


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda path: path.name)
def test_autograde_full_points_for_solutions_none_for_exercises(marks, solution):
    result = marks[solution.stem]
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


@pytest.mark.parametrize("student", sorted(set(EXPECTED) - {"solved", "blank"}))
def test_lesson1_submission_gets_the_points_of_what_it_solved(marks, student):
    scores = marks[LESSON][student][2]
    earned = {name for name in EXERCISES if scores[f"{LESSON}_check_{name}"] == 1}
    assert earned == EXPECTED[student]
    assert all(scores[f"{LESSON}_check_{name}"] == 0 for name in set(EXERCISES) - earned)


def test_verdicts_are_written_into_the_test_cells(course):
    """The student's feedback shows why: the verdict, then the error that cost the point."""
    graded = nbformat.read(course / "autograded" / "infinite_loop" / LESSON / f"{LESSON}.ipynb",
                           as_version=4)
    cell = next(cell for cell in graded.cells
                if cell.source.strip() == "check_convolve_loops(convolve_loops)")
    assert cell.outputs[0]["text"].startswith("❌ convolve_loops: not yet.")
    assert "took longer than 3 s" in cell.outputs[0]["text"]
    assert cell.outputs[-1]["output_type"] == "error"


def test_the_secret_never_reaches_the_kernel(course):
    seen = json.loads((course / "kernel_env.json").read_text(encoding="utf-8"))
    assert seen.get("NBGRADER_EXECUTION") == "autograde", "the probe did run under autograde"
    assert "CONVLESSONS_GRADING_SECRET" not in seen
    assert SECRET not in json.dumps(seen)



def test_the_class_command_regrades_in_parallel_and_writes_the_marks(course, marks,
                                                                      monkeypatch):
    """``course.py grade`` on a slice of lesson 1: the CSV holds the gradebook's marks."""
    shard = (0, 9)
    pairs = classroom.find_submissions(course, [LESSON], shard)
    output = course / "marks-slice.csv"
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("CONVLESSONS_GRADING_SECRET", SECRET)
    classroom.grade(course, 2, [LESSON], shard, output, stream=io.StringIO())
    with open(output, encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(pairs) >= 2
    assert [(row["assignment"], row["student"]) for row in rows] == pairs
    for row in rows:
        assert float(row["score"]) == marks[LESSON][row["student"]][0]
        assert float(row["max_score"]) == 5


def test_a_kernel_that_ignores_the_interrupt_is_stopped_and_said_so(course):
    graded = nbformat.read(course / "autograded" / "loop_that_ignores_interrupts" / LESSON
                           / f"{LESSON}.ipynb", as_version=4)
    verdicts = [cell.outputs[0]["text"] for cell in graded.cells
                if cell.cell_type == "code" and cell.source.startswith("check_")]
    assert "did not stop when interrupted" in verdicts[0]
    assert all("could not be run" in text for text in verdicts[1:])
