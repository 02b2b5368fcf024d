"""Grade a whole class: every submission autograded in parallel processes, marks in a CSV.

::

    python3 course.py grade COURSE_DIR --jobs 2
    python -m convlessons.grading.classroom COURSE_DIR --jobs 2 --assignment 01_signals_in_1d

``COURSE_DIR`` is an nbgrader course folder (``nbgrader_config.py``,
``source/``, ``submitted/<student>/<assignment>/``, the gradebook), with the
assignments already generated. Each submission is one ``nbgrader autograde
ASSIGNMENT --student STUDENT`` process, so submissions are independent: the
same command with ``--shard K/N`` grades one N-th of them, for a cluster's
job array. A progress line counts what is done; the marks, read back from
nbgrader's gradebook, go to ``COURSE_DIR/marks.csv`` (or ``--csv``).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

#: SQLite refuses a write while another process writes; such a run is simply repeated.
LOCKED = "database is locked"
ATTEMPTS = 3


def find_submissions(course: Path, assignments=(), shard: tuple[int, int] = (0, 1)) -> list:
    """``(assignment, student)`` pairs found in ``course/submitted``, sorted, one shard of them.

    Examples
    --------
    >>> import tempfile
    >>> course = Path(tempfile.mkdtemp())
    >>> for student in ("bo", "al"):
    ...     (course / "submitted" / student / "lesson01").mkdir(parents=True)
    >>> find_submissions(course), find_submissions(course, shard=(1, 2))
    ([('lesson01', 'al'), ('lesson01', 'bo')], [('lesson01', 'bo')])
    """
    found = sorted((folder.name, student.name)
                   for student in (course / "submitted").iterdir() if student.is_dir()
                   for folder in student.iterdir()
                   if folder.is_dir() and (not assignments or folder.name in assignments))
    index, count = shard
    return found[index::count]


def nbgrader_environment() -> dict:
    """The environment nbgrader runs in: this Python's scripts first on PATH (nbgrader calls
    ``alembic`` by name), and no ``NBGRADER_EXECUTION`` inherited from a notebook."""
    folder = Path(sys.executable).parent
    env = dict(os.environ, PATH=f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("NBGRADER_EXECUTION", None)
    return env


def autograde(course: Path, assignment: str, student: str) -> tuple[bool, str]:
    """Run nbgrader's autograde on one submission: (succeeded, last lines of its log)."""
    command = [str(Path(sys.executable).parent / "nbgrader"), "autograde", assignment,
               "--student", student, "--force", f"--CourseDirectory.root={course}"]
    env = nbgrader_environment()
    for _ in range(ATTEMPTS):
        done = subprocess.run(command, cwd=course, env=env, capture_output=True, text=True)
        if done.returncode == 0 or LOCKED not in done.stdout + done.stderr:
            break
    log = (done.stdout + done.stderr).strip().splitlines()
    return done.returncode == 0, "\n".join(log[-5:])


def read_marks(course: Path, pairs: list) -> list[dict]:
    """One row per submission: its score and maximum from nbgrader's gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    rows = []
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as book:
        for assignment, student in pairs:
            try:
                submission = book.find_submission(assignment, student)
                rows.append({"student": student, "assignment": assignment,
                             "score": submission.score, "max_score": submission.max_score,
                             "needs_manual_grade": submission.needs_manual_grade})
            except MissingEntry:
                rows.append({"student": student, "assignment": assignment, "score": "",
                             "max_score": "", "needs_manual_grade": ""})
    return rows


def progress(done: int, total: int, failed: int, started: float) -> str:
    """A one-line progress bar with a count and the rate so far.

    Examples
    --------
    >>> progress(3, 4, 0, time.perf_counter() - 60.0)[:33]
    '[######################--------] '
    """
    width = 30
    filled = width * done // max(total, 1)
    minutes = max(time.perf_counter() - started, 1e-9) / 60
    return (f"[{'#' * filled}{'-' * (width - filled)}] {done}/{total} submissions, "
            f"{failed} failed, {done / minutes:.1f} per minute")


def grade(course: Path, jobs: int, assignments=(), shard=(0, 1), output: Path | None = None,
          stream=sys.stderr) -> list[dict]:
    """Autograde every submission with ``jobs`` processes at a time; write and return the marks."""
    pairs = find_submissions(course, assignments, shard)
    started = time.perf_counter()
    failures = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        running = {pool.submit(autograde, course, *pair): pair for pair in pairs}
        for done, future in enumerate(as_completed(running), start=1):
            succeeded, log = future.result()
            if not succeeded:
                failures.append((running[future], log))
            print("\r" + progress(done, len(pairs), len(failures), started), end="",
                  file=stream, flush=True)
    print(file=stream)
    for (assignment, student), log in failures:
        print(f"autograde failed for {student} / {assignment}:\n{log}", file=stream)
    rows = read_marks(course, pairs)
    output = output or course / "marks.csv"
    with open(output, "w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, ["student", "assignment", "score", "max_score",
                                       "needs_manual_grade"])
        writer.writeheader()
        writer.writerows(rows)
    minutes = (time.perf_counter() - started) / 60
    print(f"{len(pairs)} submissions in {minutes:.2f} min "
          f"({len(pairs) / max(minutes, 1e-9):.1f} per minute); marks in {output}", file=stream)
    return rows


def shard_of(text: str) -> tuple[int, int]:
    """``"K/N"`` as ``(K, N)`` with ``0 <= K < N``.

    Examples
    --------
    >>> shard_of("1/4")
    (1, 4)
    """
    try:
        index, count = (int(part) for part in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected K/N, got {text!r}") from None
    if not 0 <= index < count:
        raise argparse.ArgumentTypeError(f"expected 0 <= K < N, got {text!r}")
    return index, count


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="course.py grade", description=__doc__.split("\n")[0])
    parser.add_argument("course", type=Path, help="the nbgrader course folder")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="submissions graded at once (default: the number of cores)")
    parser.add_argument("--assignment", action="append", default=[],
                        help="grade only this assignment (repeatable)")
    parser.add_argument("--shard", type=shard_of, default=(0, 1),
                        help="K/N: grade only every N-th submission, starting at the K-th")
    parser.add_argument("--csv", type=Path, help="where to write the marks")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    course = args.course.resolve()
    if not (course / "submitted").is_dir():
        parser.error(f"{course} has no submitted/ folder: is it an nbgrader course?")
    rows = grade(course, args.jobs, args.assignment, args.shard, args.csv)
    return 0 if all(row["score"] != "" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
