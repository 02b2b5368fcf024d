"""Fixtures of the browser tests: one JupyterLab server and one Chromium for the session.

The lessons are opened in two JupyterLab pages of that Chromium, taking turns: while
a test moves the widgets of one lesson, the next lesson runs in the other page.

Without Playwright or Chromium the tests skip, saying what is missing; on CI
(the CI variable is set) they fail instead, so that a CI image that lost its
browser cannot pass unnoticed. A failing test leaves a screenshot (and the
server's log) in test-artifacts/browser/ at the repository's root.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from .chromium import CHROMIUM_ARGS, chromium_executable, chromium_wanted, skip_or_fail_on_ci
from .lab import LabServer
from .notebook import LessonRunner, NotebookPage, widget_lessons

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"

def _missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return ("Playwright for Python is not installed (pip install 'playwright>=1.40'; "
                "no browser download is needed, the tests use Debian's Chromium)")
    if chromium_executable() is None:
        return (f"Chromium was not found at {chromium_wanted()} (apt-get install chromium, "
                "or set CONVLESSONS_CHROMIUM to a Chromium executable)")
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    missing = _missing()
    if missing:
        skip_or_fail_on_ci(missing, f"browser tests cannot run on CI: {missing}")
    return chromium_executable()


@pytest.fixture(scope="session")
def lesson_notebooks() -> list[Path]:
    return widget_lessons(ROOT / "lessons")


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory, chromium_path, lesson_notebooks):
    """One JupyterLab for every browser test, on a copy of the lessons."""
    server = LabServer(tmp_path_factory.mktemp("jupyterlab"), lesson_notebooks)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def lessons(tmp_path_factory, chromium_path, lab_server):
    """Chromium (fresh profile, headless, no network but 127.0.0.1) and the lessons in it."""
    from playwright.sync_api import sync_playwright

    # A screenshot left by an earlier run would pass for one of this run.
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(30_000)
        runner = LessonRunner(context, lab_server)
        try:
            yield runner
        finally:
            runner.close_all()
            context.close()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, for the fixtures to see whether it failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


def _next_lesson(request) -> str | None:
    """The lesson of the next test in this session, to start it ahead."""
    items = request.session.items
    for item in items[items.index(request.node) + 1:]:
        lesson = getattr(item, "callspec", None) and item.callspec.params.get("lesson")
        if lesson is not None:
            return Path(lesson).name
    return None


@pytest.fixture
def lesson_page(request, lessons):
    """``lesson_page(name)``: the lesson open in JupyterLab with Run All Cells started
    (the next lesson is started ahead in the other page). Afterwards the lesson is closed;
    a failing test leaves screenshots (the page, the widget), the server's log and the
    last messages between the page and the kernel in test-artifacts/browser/, and its page
    gets a fresh JupyterLab."""
    taken: list[NotebookPage] = []

    def open_lesson(name: str) -> NotebookPage:
        notebook = lessons.start(name)
        taken.append(notebook)
        following = _next_lesson(request)
        if following is not None and following != name:
            trouble = lessons.start_ahead(following)
            if trouble:
                print(trouble)
        return notebook

    yield open_lesson
    report = getattr(request.node, "report_call", None)
    failed = report is None or report.failed
    if failed and taken:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        notebook = taken[-1]
        try:
            notebook.front()
            notebook.page.screenshot(path=str(ARTIFACTS / f"{stem}.png"))
            if notebook.focus is not None:
                notebook.focus.screenshot(path=str(ARTIFACTS / f"{stem}-widget.png"))
        except Exception as error:  # the page may be gone; the log still helps
            print(f"no screenshot: {error}")
        (ARTIFACTS / f"{stem}-jupyterlab.log").write_text(lessons.server.log_tail(400))
        journal = notebook.traffic.journal.get(notebook.kernel, [])
        (ARTIFACTS / f"{stem}-kernel-messages.txt").write_text("\n".join(journal) + "\n")
    for notebook in taken:
        lessons.finish(notebook, failed)
