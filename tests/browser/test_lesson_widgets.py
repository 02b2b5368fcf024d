"""Every lesson widget, moved in a real browser: each control must change what it drives.

nbval executes the notebooks but cannot see a widget: a slider that renders
and does nothing, or whose callback raises, passes it. Here each lesson that
calls a ``*_explorer(`` is opened in JupyterLab in Chromium, run with
Run > Run All Cells, and every control of every explorer is moved with the
keyboard or the mouse, as a student would. After each move the test waits for
the kernel to answer and checks that

- the control shows its new value,
- the figure (the ``src`` of the output image) or the text of the explorer changed,
- no cell of the notebook shows an error or anything on stderr, and the kernel
  sent no error or stderr message (an exception outside ``with output:``
  reaches only the log console, which is read at the end too).

What was moved and what changed is printed and written to
test-artifacts/browser/moves-<lesson>.txt.
"""

from __future__ import annotations

import time

import pytest

from .conftest import ARTIFACTS, ROOT
from .notebook import explorer_cells, widget_lessons

pytestmark = pytest.mark.browser

LESSONS = widget_lessons(ROOT / "lessons")


def test_lessons_with_widgets_are_found():
    assert LESSONS, "no lesson in lessons/ calls a *_explorer(: the scan is broken"
    assert all(explorer_cells(path) for path in LESSONS)


@pytest.mark.parametrize("lesson", LESSONS, ids=[path.stem for path in LESSONS])
def test_every_control_of_every_widget_changes_what_it_shows(lesson, lesson_page):
    record = [f"# {lesson.name}"]
    start = time.monotonic()
    try:
        notebook = lesson_page(lesson.name)
        record.append(f"opened from the file browser and Run > Run All Cells clicked (or "
                      f"found so, started ahead), next lesson started ahead: "
                      f"{time.monotonic() - start:.1f} s")
        seconds = notebook.run_all_cells()
        errors = notebook.errors()
        assert not errors, f"{lesson.name}: errors after Run All Cells:\n" + "\n".join(errors)
        record.append(f"Run All Cells: every cell ran, {seconds:.1f} s after the click; "
                      "no error output")
        for cell_index, name in explorer_cells(lesson):
            explorer = notebook.explorer(cell_index, name)
            first = explorer.shown()
            assert explorer.controls, f"{lesson.name}: {name} (cell {cell_index}) has no control"
            exercised = explorer.exercised_controls()
            record.append(
                f"## {name} (cell {cell_index}): {len(explorer.controls)} controls, "
                f"{len(exercised)} moved; at first: figure {first.describe_images()}"
                + (f", text {first.texts[0].splitlines()[-1][:80]!r}" if first.texts else ""))
            for control in exercised:
                record += ["- " + line for line in explorer.exercise(control)]
        notebook.focus = None
        entries = notebook.log_console_entries()
        assert not entries, (f"{lesson.name}: the log console holds output that no widget "
                             "showed:\n" + "\n".join(entries))
        record.append("log console: empty")
    finally:
        record.append(f"total: {time.monotonic() - start:.1f} s")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / f"moves-{lesson.stem}.txt").write_text("\n".join(record) + "\n")
        print("\n".join(record))
