"""Installation stays a two-command affair: the files that drive it agree."""

import re
import subprocess
import sys

import pytest
import yaml

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

# Where a package's conda-forge name differs from its PyPI name.
CONDA_NAMES = {"torch": "pytorch"}


def split(requirement: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*?)\s*", requirement)
    assert match, f"cannot read requirement {requirement!r}"
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


@pytest.fixture(scope="module")
def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def test_environment_yml_lists_exactly_the_pyproject_dependencies(pyproject, environment):
    project = pyproject["project"]
    wanted = dict(split(r) for r in project["dependencies"])
    for name, extra in project["optional-dependencies"].items():
        if name != "torch":  # optional oracle, too large for every Binder image
            wanted.update(split(r) for r in extra)
    wanted = {CONDA_NAMES.get(name, name): spec for name, spec in wanted.items()}
    conda = dict(split(item) for item in environment["dependencies"] if isinstance(item, str))
    python = conda.pop("python")
    conda.pop("pip")
    assert python == project["requires-python"]
    assert conda == wanted


def test_environment_yml_installs_the_package_itself(environment):
    pip_sections = [item["pip"] for item in environment["dependencies"] if isinstance(item, dict)]
    assert pip_sections == [["-e ."]]


def test_no_exact_pins(pyproject):
    project = pyproject["project"]
    requirements = list(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        requirements += extra
    for requirement in requirements:
        assert "==" not in requirement, f"{requirement}: use a lower bound, not a pin"
        assert ">=" in requirement, f"{requirement}: give a lower bound"


def test_readme_quick_start_has_the_two_commands_and_ci_runs_the_second():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^(python3 course\.py \w+)$", quick_start, re.MULTILINE)
    assert commands == ["python3 course.py lab", "python3 course.py test"]
    ci_lines = [line for line in (ROOT / ".ci" / "run").read_text().splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert ci_lines[-1].strip().endswith("python3 course.py test")


def test_course_script_help_lists_every_command():
    result = subprocess.run([sys.executable, str(ROOT / "course.py"), "--help"],
                            capture_output=True, text=True, check=True)
    for command in ("lab", "test", "execute", "exercises", "bench", "site"):
        assert f"course.py {command}" in result.stdout


def test_sanitize_file_is_used(pytestconfig):
    assert pytestconfig.option.nbval_sanitize_with == str(ROOT / "tests" / "nbval_sanitize.cfg")


def test_ci_runs_the_pytorch_comparisons():
    """On CI the PyTorch oracle tests must run, not skip: course.py installs torch there."""
    import importlib.util
    import os

    if not os.environ.get("CI"):
        pytest.skip("not on CI: PyTorch is optional here")
    assert importlib.util.find_spec("torch") is not None


def test_environment_yml_has_the_structure_repo2docker_reads(environment):
    assert set(environment) == {"name", "channels", "dependencies"}
    assert environment["channels"] == ["conda-forge"]
    strings = [item for item in environment["dependencies"] if isinstance(item, str)]
    assert strings[0].startswith("python") and "pip" in strings
    # repo2docker builds the environment from this file alone when present; a
    # requirements.txt or setup.py beside it would be ignored or compete.
    for competing in ("requirements.txt", "setup.py", "Pipfile"):
        assert not (ROOT / competing).exists()
    for requirement in strings:
        _, spec = split(requirement)
        assert spec == "" or spec.startswith(">="), f"{requirement}: conda spec with a bound"


def test_the_files_started_first_exist_and_xdist_keeps_their_order(pytestconfig):
    """``SLOWEST_FIRST`` (the root conftest.py) is only a list of paths: a file renamed or
    removed would silently drop out of it and run last again, alone at the end."""
    root_conftest = next(plugin for plugin in pytestconfig.pluginmanager.get_plugins()
                         if getattr(plugin, "__file__", None) == str(ROOT / "conftest.py"))
    for path in root_conftest.SLOWEST_FIRST:
        assert (ROOT / path).is_file(), f"SLOWEST_FIRST lists {path}, which does not exist"
    assert '"--no-loadscope-reorder"' in (ROOT / "course.py").read_text(encoding="utf-8")
