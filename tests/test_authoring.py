"""The exercise generator: stubs where the answers were, and exercises/ in step."""

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from convlessons.authoring import generate, make_exercise, strip_solution

from .conftest import ROOT, SOLUTIONS


def test_stub_keeps_the_indentation_of_the_marker():
    source = (
        "def area(w, h):\n"
        '    """Area of a rectangle."""\n'
        "    ### BEGIN SOLUTION\n"
        "    result = w * h\n"
        "    return result\n"
        "    ### END SOLUTION\n"
        "\n"
        "print('defined')"
    )
    stripped, top_level = strip_solution(source)
    assert stripped == (
        "def area(w, h):\n"
        '    """Area of a rectangle."""\n'
        "    # YOUR CODE HERE\n"
        "    raise NotImplementedError()\n"
        "\n"
        "print('defined')"
    )
    assert not top_level


def test_top_level_stub_and_several_regions():
    source = ("x = 1\n### BEGIN SOLUTION\nx = 2\n### END SOLUTION\n"
              "### BEGIN SOLUTION\ny = 3\n### END SOLUTION")
    stripped, top_level = strip_solution(source)
    assert stripped.count("raise NotImplementedError()") == 2
    assert "x = 2" not in stripped and "y = 3" not in stripped
    assert top_level


def test_markdown_answer_region():
    stripped, _ = strip_solution("**Answer:**\n### BEGIN SOLUTION\nTo the right.\n### END SOLUTION",
                                 "markdown")
    assert stripped == "**Answer:**\nYOUR ANSWER HERE"


@pytest.mark.parametrize(
    "source, message",
    [
        ("### BEGIN SOLUTION\nx = 1", "never closed"),
        ("x = 1\n### END SOLUTION", "without a"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", "inside another"),
    ],
)
def test_malformed_markers_are_reported(source, message):
    with pytest.raises(ValueError, match=message):
        strip_solution(source)


def test_make_exercise_clears_outputs_tags_raising_cells_and_keeps_the_solution():
    solution = new_notebook(cells=[
        new_markdown_cell("# Title"),
        new_code_cell("answer = 0\n### BEGIN SOLUTION\nanswer = 42\n### END SOLUTION",
                      execution_count=1, outputs=[nbformat.v4.new_output("stream", text="hi")]),
        new_code_cell("def f():\n    ### BEGIN SOLUTION\n    return 1\n    ### END SOLUTION",
                      execution_count=2),
        new_code_cell("print(answer)", execution_count=3, metadata={"tags": ["keep-me"]}),
    ])
    before = nbformat.writes(solution)
    exercise = make_exercise(solution)
    assert nbformat.writes(solution) == before, "the solution notebook must not be modified"
    first, second, third = exercise.cells[1:]
    assert first.metadata["tags"] == ["raises-exception"]
    assert "tags" not in second.metadata  # raises only when the function is called
    assert third.metadata["tags"] == ["keep-me"]
    for cell in exercise.cells[1:]:
        assert cell.outputs == [] and cell.execution_count is None
    assert all("answer = 42" not in cell.source for cell in exercise.cells)


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda path: path.name)
def test_every_solution_has_answer_regions(solution):
    notebook = nbformat.read(solution, as_version=4)
    regions = sum(cell.source.count("### BEGIN SOLUTION") for cell in notebook.cells)
    assert regions >= 4, f"{solution.name} has {regions} exercises, expected at least 4"


def test_exercises_folder_is_exactly_what_the_generator_makes():
    stale = generate(ROOT / "solutions", ROOT / "exercises", check=True)
    assert not stale, (
        "exercises/ is out of date for " + ", ".join(path.name for path in stale)
        + ": run `python3 course.py exercises`"
    )


def test_generator_reports_a_stale_and_an_orphan_exercise(tmp_path):
    solutions, exercises = tmp_path / "solutions", tmp_path / "exercises"
    solutions.mkdir()
    notebook = new_notebook(cells=[new_code_cell("### BEGIN SOLUTION\nx = 1\n### END SOLUTION")])
    nbformat.write(notebook, solutions / "01_x.ipynb")
    written = generate(solutions, exercises)  # annotates the solution, writes the exercise
    assert [path.parent.name for path in written] == ["solutions", "exercises"]
    assert generate(solutions, exercises, check=True) == []
    (exercises / "01_x.ipynb").write_text("edited by hand", encoding="utf-8")
    (exercises / "02_orphan.ipynb").write_text("{}", encoding="utf-8")
    stale = generate(solutions, exercises, check=True)
    assert [path.name for path in stale] == ["01_x.ipynb", "02_orphan.ipynb"]
