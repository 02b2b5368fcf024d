#!/usr/bin/env python3
"""Set up and run the course with one command each; needs only Python 3.10+.

    python3 course.py lab          # open the lessons in JupyterLab
    python3 course.py test         # run the whole test suite
    python3 course.py execute      # re-run notebooks top to bottom, store outputs
    python3 course.py exercises    # regenerate exercises/ from solutions/
    python3 course.py bench        # speed against NumPy/SciPy
    python3 course.py site         # the lessons as an offline website in _site/
    python3 course.py grade COURSE_DIR --jobs 2   # autograde a class with nbgrader, marks.csv

The first run makes a virtual environment in .venv/ (ignored by git) and
installs the course into it; later runs reuse it and reinstall only when
pyproject.toml changes. Set CONVLESSONS_USE_CURRENT_PYTHON=1 to skip the
virtual environment and use the running interpreter (conda, Binder, CI images
that are already set up).

PyTorch is an optional extra oracle for the tests: they compare against it
when it is installed and skip those comparisons otherwise. The browser tests
(marker `browser`) need Debian's chromium; they skip where it is missing. On
CI (the CI variable is set) `test` installs both, so nothing is skipped there.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
EXTRAS = {"lab": "", "exercises": "", "execute": "test", "test": "test", "bench": "test",
          "site": "site", "grade": "test"}
# The CPU build that CI machines hold locally; any other version of torch
# would download gigabytes of CUDA libraries.
CI_TORCH = "torch==2.13.0"


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def ensure_environment(extra: str) -> Path:
    """Create .venv and install the course (with ``extra``) unless already done."""
    if os.environ.get("CONVLESSONS_USE_CURRENT_PYTHON"):
        python = Path(sys.executable)
        stamp_dir = ROOT / ".pytest_cache"
    else:
        python = venv_python()
        stamp_dir = VENV
        if not python.exists():
            print(f"creating a virtual environment in {VENV} ...", flush=True)
            venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:12]
    stamp = stamp_dir / f".convlessons-installed-{extra or 'base'}-{digest}"
    superset = stamp_dir / f".convlessons-installed-test-{digest}"
    if not (stamp.exists() or superset.exists()):
        target = f".[{extra}]" if extra else "."
        print(f"installing the course ({target}) ...", flush=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "-e", target],
            cwd=ROOT, check=True,
        )
        stamp_dir.mkdir(parents=True, exist_ok=True)
        stamp.touch()
    return python


def run(python: Path, *args: str, cwd: Path = ROOT) -> int:
    env = dict(os.environ, PYTHONNOUSERSITE="1")
    return subprocess.run([str(python), *args], cwd=cwd, env=env).returncode


def command_lab(python: Path, extra_args: list[str]) -> int:
    args = ["-m", "jupyter", "lab", f"--ServerApp.root_dir={ROOT}",
            "--LabApp.default_url=/lab/tree/lessons"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--allow-root")  # Jupyter refuses to start as root without it
    return run(python, *args, *extra_args)


def ensure_torch_on_ci(python: Path) -> None:
    """On CI, install PyTorch so that the tests comparing against it always run."""
    if not os.environ.get("CI"):
        return
    found = subprocess.run([str(python), "-c", "import torch"], capture_output=True)
    if found.returncode != 0:
        print(f"CI: installing {CI_TORCH} for the PyTorch comparison tests ...", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", CI_TORCH], check=True)


def ensure_chromium_on_ci() -> None:
    """On CI, install Debian's chromium for the browser tests (Playwright drives it)."""
    if not os.environ.get("CI") or shutil.which("chromium"):
        return
    if not (shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0):
        print("CI: chromium is missing and cannot be installed here (needs apt-get as root)")
        return
    print("CI: installing chromium for the browser tests ...", flush=True)
    quiet = {"stdout": subprocess.DEVNULL}
    subprocess.run(["apt-get", "update"], check=True, **quiet)
    subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"],
                   check=True, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"), **quiet)


def command_test(python: Path, extra_args: list[str]) -> int:
    ensure_torch_on_ci(python)
    ensure_chromium_on_ci()
    # One file per worker at a time, the slowest files first (see SLOWEST_FIRST in conftest.py).
    workers = ["-n", str(min(os.cpu_count() or 1, 4)), "--dist", "loadfile",
               "--no-loadscope-reorder"]
    return run(python, "-m", "pytest", *workers, *extra_args)


def command_execute(python: Path, extra_args: list[str]) -> int:
    status = run(python, "-m", "convlessons.authoring", "execute", *extra_args)
    # Solutions may have changed: keep the exercises made from them in step.
    return status or command_exercises(python, [])


def command_exercises(python: Path, extra_args: list[str]) -> int:
    return run(python, "-m", "convlessons.authoring", "exercises", *extra_args)


def command_site(python: Path, extra_args: list[str]) -> int:
    return run(python, str(ROOT / "docs" / "build_site.py"), *extra_args)


def command_bench(python: Path, extra_args: list[str]) -> int:
    status = 0
    for script in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        status |= run(python, str(script), *extra_args)
    return status


def command_grade(python: Path, extra_args: list[str]) -> int:
    # Paths (the course folder, --csv) are relative to where the command was typed.
    return run(python, "-m", "convlessons.grading.classroom", *extra_args, cwd=Path.cwd())


COMMANDS = {
    "lab": command_lab,
    "test": command_test,
    "execute": command_execute,
    "exercises": command_exercises,
    "bench": command_bench,
    "site": command_site,
    "grade": command_grade,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    name, extra_args = argv[0], argv[1:]
    if sys.version_info < (3, 10):  # noqa: UP036 - course.py must explain, not crash
        print("convlessons needs Python 3.10 or newer", file=sys.stderr)
        return 2
    python = ensure_environment(EXTRAS[name])
    return COMMANDS[name](python, extra_args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
