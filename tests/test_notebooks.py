"""Course structure: the notebooks follow the conventions that keep nbval honest."""

import ast
import functools
import re

import nbformat
import pytest

import convlessons

from .conftest import EXERCISES, LESSONS, ROOT, SOLUTIONS

STORED = LESSONS + SOLUTIONS
ALL = STORED + EXERCISES
NAME = re.compile(r"^(0[1-9]|10)_[a-z0-9_]+\.ipynb$")


def read(path):
    return nbformat.read(path, as_version=4)


def code_cells(notebook):
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def tags(cell):
    return cell.metadata.get("tags", [])


def ids(path):
    return f"{path.parent.name}/{path.name}"


def test_there_is_a_course():
    assert LESSONS, "no lesson notebooks found"
    assert len(SOLUTIONS) == len(EXERCISES)


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_names_and_kernel(path):
    assert NAME.match(path.name), f"{path.name}: expected NN_words.ipynb, N from 01 to 10"
    notebook = read(path)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_every_lesson_has_a_solution_and_an_exercise(path):
    assert (ROOT / "solutions" / path.name).exists()
    assert (ROOT / "exercises" / path.name).exists()


@pytest.mark.parametrize("path", STORED, ids=ids)
def test_outputs_come_from_one_top_to_bottom_run(path):
    counts = [cell.execution_count for cell in code_cells(read(path))]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; re-run it with `python3 course.py execute`"
    )


@pytest.mark.parametrize("path", STORED, ids=ids)
def test_no_error_outputs_except_where_expected(path):
    for number, cell in enumerate(code_cells(read(path)), start=1):
        errors = [out for out in cell.outputs if out.output_type == "error"]
        if "raises-exception" not in tags(cell):
            assert not errors, f"{path.name}, code cell {number} stored an error"
        stderr = [out for out in cell.outputs
                  if out.output_type == "stream" and out.name == "stderr"]
        assert not stderr, f"{path.name}, code cell {number} wrote to stderr (a warning?)"


@pytest.mark.parametrize("path", ALL, ids=ids)
def test_code_follows_the_conventions(path):
    for number, cell in enumerate(code_cells(read(path)), start=1):
        source = cell.source
        where = f"{path.name}, code cell {number}"
        assert not source.rstrip().endswith(";"), f"{where}: a trailing ; does not hide output"
        assert not re.search(r"np\.random\.(rand|randn|randint|random|normal|uniform|seed)\(",
                             source), f"{where}: use np.random.default_rng(seed)"
        assert "default_rng()" not in source, f"{where}: seed the random generator"
        assert "lenna" not in source.lower() and "lena." not in source.lower()
        if "_widget(" in source or "explorer(" in source:
            assert "nbval-ignore-output" in tags(cell), f"{where}: tag widget cells"


@functools.cache
def package_function_names() -> frozenset[str]:
    """The names of the functions defined at the top of every module of the package."""
    names = set()
    for module in (ROOT / "convlessons").rglob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        names |= {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    return frozenset(names)


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_lessons_import_helpers_instead_of_pasting_them(path):
    package_names = package_function_names()
    for number, cell in enumerate(code_cells(read(path)), start=1):
        source = "\n".join(line for line in cell.source.splitlines()
                           if not line.lstrip().startswith(("%", "!")))
        defined = {node.name for node in ast.walk(ast.parse(source))
                   if isinstance(node, ast.FunctionDef)}
        pasted = defined & package_names
        assert not pasted, f"{path.name}, cell {number} redefines {pasted}: import it"


@pytest.mark.parametrize("path", LESSONS, ids=ids)
def test_lesson_has_goals_a_widget_figures_and_a_recap(path):
    notebook = read(path)
    text = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    code = "\n".join(cell.source for cell in code_cells(notebook))
    assert re.search(r"you will be able to", text, re.IGNORECASE), "state what the student learns"
    assert re.search(r"^#+ .*recap", text, re.IGNORECASE | re.MULTILINE), "end with a recap"
    recap = re.split(r"^#+ .*recap", text, flags=re.IGNORECASE | re.MULTILINE)[-1]
    assert "**Questions**" in recap, "the recap needs a **Questions** block"
    block = recap.split("**Questions**", 1)[1].split("<details>", 1)[0]
    questions = re.findall(r"^\d+\.\s", block, re.MULTILINE)
    assert 3 <= len(questions) <= 5, f"recap should ask 3-5 questions, found {len(questions)}"
    assert "convlessons.widgets" in code
    figures = sum(
        1 for cell in code_cells(notebook) for out in cell.outputs
        if "image/png" in out.get("data", {})
    )
    assert figures >= 3


@pytest.mark.parametrize("path", SOLUTIONS, ids=ids)
def test_every_exercise_is_followed_by_its_checker(path):
    cells = code_cells(read(path))
    for index, cell in enumerate(cells):
        if "### BEGIN SOLUTION" not in cell.source:
            continue
        following = "\n".join(later.source for later in cells[index + 1 : index + 3])
        assert re.search(r"\bcheck_\w+\(", following), (
            f"{path.name}: the exercise in code cell {index + 1} has no checker after it"
        )
        checker_outputs = "".join(
            out.get("text", "") for later in cells[index + 1 : index + 3] for out in later.outputs
        )
        assert "✅" in checker_outputs, f"{path.name}: the worked answer must pass its checker"


def test_package_version_is_the_project_version():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{convlessons.__version__}"' in text
