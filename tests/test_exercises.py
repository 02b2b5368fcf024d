"""The student notebooks run as handed out: stubs raise, checkers answer politely."""

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import EXERCISES


@pytest.mark.parametrize("path", EXERCISES, ids=lambda path: path.name)
def test_exercise_notebook_runs_and_every_checker_says_not_yet(path):
    notebook = nbformat.read(path, as_version=4)  # executed in memory: the file is not touched
    # raises-exception cells may fail; any other error aborts the run here.
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    checker_cells = [cell for cell in notebook.cells
                     if cell.cell_type == "code" and "check_" in cell.source
                     and "import" not in cell.source]
    assert checker_cells, "no checker calls found"
    for cell in checker_cells:
        text = "".join(out.get("text", "") for out in cell.outputs)
        assert not any(out.output_type == "error" for out in cell.outputs), cell.source
        assert text.startswith("❌"), f"{cell.source!r} printed {text!r}"
        assert "not done yet" in text
        assert "Traceback" not in text
