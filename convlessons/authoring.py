"""Authoring the course: exercise notebooks from solutions, stored outputs.

``solutions/`` is the only place an exercise is written. Its answer code sits
between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (nbgrader's markers);
this module replaces each such region with a stub, exactly as nbgrader's
``generate_assignment`` does, and clears every output. It also re-executes
notebooks top to bottom in a fresh kernel, which is the only way their stored
outputs are made::

    python -m convlessons.authoring exercises          # write exercises/
    python -m convlessons.authoring exercises --check  # exit 1 if it is stale
    python -m convlessons.authoring execute [NOTEBOOK ...]

A stub at the top level of a cell raises ``NotImplementedError`` when run, so
that cell is tagged ``raises-exception`` for nbval and nbclient; a stub inside
a function only raises when the function is called (by its checker, which
turns it into a friendly "not done yet").
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

BEGIN = "### BEGIN SOLUTION"
END = "### END SOLUTION"
CODE_STUB = ("# YOUR CODE HERE", "raise NotImplementedError()")
MARKDOWN_STUB = "YOUR ANSWER HERE"
RAISES_TAG = "raises-exception"


def strip_solution(source: str, cell_type: str = "code") -> tuple[str, bool]:
    """Replace every marked answer region of a cell's source with a stub.

    Parameters
    ----------
    source : str
        The cell's text.
    cell_type : {"code", "markdown"}

    Returns
    -------
    stripped : str
        The source with each region replaced.
    top_level_stub : bool
        True when a code stub sits at indentation 0 (the cell itself raises).

    Examples
    --------
    >>> text = "def double(x):\\n    ### BEGIN SOLUTION\\n    return 2 * x\\n    ### END SOLUTION"
    >>> print(strip_solution(text)[0])
    def double(x):
        # YOUR CODE HERE
        raise NotImplementedError()
    >>> strip_solution("answer = 3")
    ('answer = 3', False)
    """
    lines = source.split("\n")
    result: list[str] = []
    top_level_stub = False
    inside = False
    for number, line in enumerate(lines, start=1):
        marker = line.strip()
        if marker == BEGIN:
            if inside:
                raise ValueError(f"line {number}: {BEGIN} inside another solution region")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            if cell_type == "code":
                result.extend(indent + stub for stub in CODE_STUB)
                top_level_stub = top_level_stub or indent == ""
            else:
                result.append(indent + MARKDOWN_STUB)
        elif marker == END:
            if not inside:
                raise ValueError(f"line {number}: {END} without a {BEGIN} before it")
            inside = False
        elif not inside:
            result.append(line)
    if inside:
        raise ValueError(f"{BEGIN} is never closed by {END}")
    return "\n".join(result), top_level_stub


CHECKER_CALL = re.compile(r"^check_(\w+)\(", re.MULTILINE)
DEFINITION = re.compile(r"^def (\w+)\(", re.MULTILINE)
#: Points an autograded checker cell is worth; instructors may change them in solutions/.
POINTS_PER_CHECK = 1


def _nbgrader(grade_id, *, solution=False, grade=False, locked=False, points=None):
    metadata = {"grade": grade, "grade_id": grade_id, "locked": locked,
                "schema_version": 3, "solution": solution, "task": False}
    if points is not None:
        metadata["points"] = points
    return metadata


def annotate_for_nbgrader(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Give a solution notebook the cell metadata nbgrader reads; returns a new notebook.

    * a cell with an answer region becomes a *solution* cell (its region is
      what ``generate_assignment`` replaces with a stub); a written (markdown)
      answer is also a manually graded cell, worth 0 points until an
      instructor sets some;
    * a code cell that calls a checker (``check_...(``) becomes an autograded
      *test* cell worth :data:`POINTS_PER_CHECK` points, locked;
    * every other markdown cell (the prose) becomes read-only;
    * other code cells (imports, demonstrations) stay free.

    Points already set on a test cell are kept, so an instructor can
    reweight an exercise in ``solutions/``.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> answer = "def f():\\n    ### BEGIN SOLUTION\\n    return 1\\n    ### END SOLUTION"
    >>> notebook = new_notebook(cells=[new_code_cell(answer), new_code_cell("check_f(f)")])
    >>> cells = annotate_for_nbgrader(notebook, "01_demo").cells
    >>> cells[0].metadata.nbgrader["solution"], cells[1].metadata.nbgrader["points"]
    (True, 1)
    """
    annotated = copy.deepcopy(solution)
    used = set()

    def unique(grade_id):
        grade_id = re.sub(r"[^A-Za-z0-9_-]", "_", grade_id)
        candidate, number = grade_id, 2
        while candidate in used:
            candidate, number = f"{grade_id}_{number}", number + 1
        used.add(candidate)
        return candidate

    for index, cell in enumerate(annotated.cells):
        previous = cell.metadata.get("nbgrader", {})
        if BEGIN in cell.source and cell.cell_type == "code":
            match = DEFINITION.search(cell.source)
            label = match.group(1) if match else f"cell{index}"
            cell.metadata["nbgrader"] = _nbgrader(unique(f"{name}_{label}"), solution=True)
        elif BEGIN in cell.source:
            # nbgrader grades written answers by hand; they are worth 0 points
            # until an instructor gives them some in solutions/.
            cell.metadata["nbgrader"] = _nbgrader(
                unique(f"{name}_answer{index}"), solution=True, grade=True,
                points=previous.get("points", 0))
        elif cell.cell_type == "code" and (checker := CHECKER_CALL.search(cell.source)):
            points = previous.get("points", POINTS_PER_CHECK)
            cell.metadata["nbgrader"] = _nbgrader(unique(f"{name}_check_{checker.group(1)}"),
                                                  grade=True, locked=True, points=points)
        elif cell.cell_type == "markdown":
            cell.metadata["nbgrader"] = _nbgrader(unique(f"{name}_text{index}"), locked=True)
        else:
            cell.metadata.pop("nbgrader", None)
    return annotated


def make_exercise(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student version of a solution notebook: stubs, no outputs.

    The input is not modified. Cell ids and metadata are kept, so that the
    two notebooks stay easy to compare; execution counts and outputs go.
    """
    exercise = copy.deepcopy(solution)
    for cell in exercise.cells:
        if cell.cell_type not in ("code", "markdown"):
            continue
        stripped, raises = strip_solution(cell.source, cell.cell_type)
        changed = stripped != cell.source
        cell.source = stripped
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
            tags = [tag for tag in cell.metadata.get("tags", []) if tag != RAISES_TAG]
            if changed and raises:
                tags.append(RAISES_TAG)
            if tags:
                cell.metadata["tags"] = tags
            else:
                cell.metadata.pop("tags", None)
    return exercise


def _render(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook) + "\n"


def generate(solutions_dir: Path, exercises_dir: Path, check: bool = False) -> list[Path]:
    """Write (or, with ``check``, compare) one exercise per solution notebook.

    The solution notebooks get their nbgrader cell metadata first
    (:func:`annotate_for_nbgrader`), so that ``solutions/`` is a valid
    nbgrader source folder; outputs are never touched.

    Returns
    -------
    list of Path
        The notebooks that were written (solutions re-annotated, exercises),
        or with ``check`` those that are missing, out of date, or have no
        solution any more.
    """
    exercises_dir.mkdir(parents=True, exist_ok=True)
    touched = []
    expected_names = set()
    for solution_path in sorted(solutions_dir.glob("*.ipynb")):
        solution = nbformat.read(solution_path, as_version=4)
        annotated = annotate_for_nbgrader(solution, solution_path.stem)
        rendered = _render(annotated)
        if rendered != solution_path.read_text(encoding="utf-8"):
            touched.append(solution_path)
            if not check:
                solution_path.write_text(rendered, encoding="utf-8")
        text = _render(make_exercise(annotated))
        target = exercises_dir / solution_path.name
        expected_names.add(target.name)
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current != text:
            touched.append(target)
            if not check:
                target.write_text(text, encoding="utf-8")
    if check:
        touched.extend(
            path for path in sorted(exercises_dir.glob("*.ipynb"))
            if path.name not in expected_names
        )
    return touched


def execute_notebook(path: Path, timeout: int = 600) -> float:
    """Run a notebook top to bottom in a fresh kernel and store its outputs.

    The kernel starts in the notebook's folder, as it does in JupyterLab.
    Cells tagged ``raises-exception`` may raise; any other error stops the run
    and leaves the file untouched.

    Returns
    -------
    float
        Seconds the execution took.
    """
    import time

    from nbclient import NotebookClient

    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(path.parent.resolve())}},
    )
    started = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - started
    # Keep only what is stable from machine to machine, so that a re-run on
    # another computer changes outputs only where the outputs changed.
    notebook.metadata.pop("widgets", None)
    notebook.metadata["language_info"] = {"name": "python"}
    path.write_text(_render(notebook), encoding="utf-8")
    return elapsed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("exercises", help="make exercises/ from solutions/")
    make.add_argument("--solutions", type=Path, default=Path("solutions"))
    make.add_argument("--exercises", type=Path, default=Path("exercises"))
    make.add_argument("--check", action="store_true",
                      help="change nothing; exit 1 if exercises/ is not up to date")
    execute = commands.add_parser("execute", help="re-run notebooks and store their outputs")
    execute.add_argument("notebooks", nargs="*", type=Path,
                         help="default: every notebook in lessons/ and solutions/")
    args = parser.parse_args(argv)

    if args.command == "execute":
        notebooks = args.notebooks or sorted(
            [*Path("lessons").glob("*.ipynb"), *Path("solutions").glob("*.ipynb")]
        )
        for notebook in notebooks:
            print(f"{notebook}: executed in {execute_notebook(notebook):.1f} s", flush=True)
        return 0

    if not args.solutions.is_dir():
        parser.error(f"no solutions folder at {args.solutions.resolve()}")
    paths = generate(args.solutions, args.exercises, check=args.check)
    for path in paths:
        print(("out of date: " if args.check else "wrote ") + str(path))
    if args.check and paths:
        print("run `python3 course.py exercises` to regenerate exercises/")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
