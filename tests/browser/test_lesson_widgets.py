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

It also checks what a screen reader gets: every figure of the lesson has a
text alternative (a sentence made from its data, not a file name or a
``<Figure size ...>`` repr, none repeated within the lesson), and every
control of every explorer has an accessible name (read from Chromium's
accessibility tree).

What was moved and what changed is printed and written to
test-artifacts/browser/moves-<lesson>.txt.
"""

from __future__ import annotations

import re
import time

import pytest

from .conftest import ARTIFACTS, ROOT
from .notebook import explorer_cells, widget_lessons

pytestmark = pytest.mark.browser

LESSONS = widget_lessons(ROOT / "lessons")

FIGURE_ALTS_JS = """(panel) => [...panel.querySelectorAll('.jp-OutputArea-output img')].map(
    img => img.getAttribute('alt'))"""
#: Roles of controls in Chromium's accessibility tree, as Playwright's aria snapshot names them.
CONTROL_ROLES = ("slider", "button", "textbox", "spinbutton", "combobox", "checkbox", "radio",
                 "switch", "listbox")


def check_figure_alts(notebook, lesson) -> list[str]:
    """Every figure image of the lesson has a real text alternative, distinct from the others."""
    alts = notebook.panel.evaluate(FIGURE_ALTS_JS)
    assert alts, f"{lesson.name}: no figure found after Run All Cells"
    for alt in alts:
        assert alt and len(alt.split()) >= 4 and alt.rstrip()[-1] in ".!?", (
            f"{lesson.name}: a figure's alt is not a sentence: {alt!r}")
        assert not alt.startswith("<Figure") and not re.search(r"\.(png|jpe?g|svg)\b", alt), (
            f"{lesson.name}: a figure's alt is a repr or a file name: {alt!r}")
    repeated = sorted({alt for alt in alts if alts.count(alt) > 1})
    assert not repeated, f"{lesson.name}: figures share a text alternative: {repeated}"
    return alts


def unnamed_controls(explorer) -> list[str]:
    """Lines of the explorer's accessibility tree naming a control without a name.

    ipywidgets 8.1 draws a slider's handle with noUiSlider, which has role
    ``slider`` but no name: the widget's description sits in a label that is
    not tied to the handle, and Python cannot add one. Until ipywidgets passes
    noUiSlider's ``handleAttributes`` through, a slider counts as named when
    its visible description is there, and the number of such sliders is
    checked against the explorer's labelled sliders.
    """
    tree = explorer.root.aria_snapshot()
    roles = "|".join(CONTROL_ROLES)
    unnamed = [line.strip() for line in tree.splitlines()
               if re.match(rf"\s*- ({roles})\b(?!\s+\")", line)]
    labelled_sliders = sum(1 for c in explorer.controls if c["kind"] == "slider" and c["label"])
    bare_sliders = [line for line in unnamed if line == "- slider" or line.startswith("- slider:")]
    if len(bare_sliders) <= labelled_sliders:
        unnamed = [line for line in unnamed if line not in bare_sliders]
    return unnamed


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
        alts = check_figure_alts(notebook, lesson)
        record.append(f"{len(alts)} figures, each with its own text alternative, e.g. "
                      f"{alts[0][:120]!r}")
        for cell_index, name in explorer_cells(lesson):
            explorer = notebook.explorer(cell_index, name)
            first = explorer.shown()
            assert explorer.controls, f"{lesson.name}: {name} (cell {cell_index}) has no control"
            unnamed = unnamed_controls(explorer)
            assert not unnamed, (f"{lesson.name}: {name} has controls without an accessible "
                                 f"name: {unnamed}")
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
