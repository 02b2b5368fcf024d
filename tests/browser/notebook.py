"""Drive a lesson in JupyterLab the way a student does, and watch its kernel.

``NotebookPage`` opens a notebook from the file browser, runs all its cells
from the Run menu and waits for the kernel; ``Explorer`` finds the controls of
one widget and moves them with the keyboard and the mouse; ``LessonRunner``
keeps two JupyterLab pages so that the next lesson runs while a test works.

Synchronisation never relies on a fixed sleep: every message the page sends to
the kernel is recorded from the websocket, and a step is over when the kernel
has reported "idle" for each of them, the page shows the kernel idle, and the
kernels REST API agrees.
"""

from __future__ import annotations

import hashlib
import json
import re
import struct
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

RUN_ALL_TIMEOUT = 240.0  # seconds for Run All Cells of one lesson
MOVE_TIMEOUT = 60.0  # seconds for the kernel to answer one move of a control
RENDER_TIMEOUT = 30.0  # seconds for a widget view to appear once its cell has run
POLL = 25  # milliseconds between two looks at a condition that has no event to wait for

#: A call of one of the package's explorers, e.g. ``slide_explorer(recording(), ...)``.
EXPLORER_CALL = re.compile(r"\b([A-Za-z_]\w*_explorer)\s*\(")
#: A grid of more controls of one kind than this is sampled (first, middle, last).
LARGEST_GROUP = 3

STDERR = "application/vnd.jupyter.stderr"
JOURNAL = 400  # messages kept per kernel, written out when a test fails
CONTROL_COMM = "jupyter.widget.control"


def explorer_cells(path: Path) -> list[tuple[int, str]]:
    """(cell index, explorer name) of every code cell that calls a ``*_explorer(``."""
    found = []
    for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
        if cell.cell_type != "code":
            continue
        for line in cell.source.splitlines():
            code = line.split("#", 1)[0]
            if code.lstrip().startswith(("from ", "import ", "def ")):
                continue
            match = EXPLORER_CALL.search(code)
            if match:
                found.append((index, match.group(1)))
                break
    return found


def widget_lessons(lessons: Path) -> list[Path]:
    """The lesson notebooks that display at least one explorer, in course order."""
    return [path for path in sorted(lessons.glob("*.ipynb")) if explorer_cells(path)]


def short_hash(text: str | None) -> str:
    if not text:
        return "none"
    return hashlib.sha1(text.encode()).hexdigest()[:8]


# -- the kernel's websocket ----------------------------------------------------------------


def _decode_frame(payload: str | bytes) -> dict | None:
    """channel, header, parent_header and content of one kernel websocket frame.

    JupyterLab speaks either the JSON protocol or the binary
    ``v1.kernel.websocket.jupyter.org`` one: a count of parts, their offsets,
    then channel, header, parent header, metadata, content and buffers.
    """
    try:
        if isinstance(payload, str):
            message = json.loads(payload)
            return {"channel": message.get("channel"), "header": message.get("header") or {},
                    "parent": message.get("parent_header") or {},
                    "content": message.get("content") or {}}
        count = struct.unpack_from("<Q", payload, 0)[0]
        offsets = [*struct.unpack_from(f"<{count}Q", payload, 8), len(payload)]
        parts = [payload[offsets[i]:offsets[i + 1]] for i in range(count)]

        def part(i):
            return json.loads(parts[i]) if len(parts) > i and parts[i] else {}

        return {"channel": parts[0].decode(), "header": part(1), "parent": part(2),
                "content": part(4)}
    except (ValueError, struct.error, UnicodeDecodeError, IndexError):
        return None


def _summary(content: dict) -> str:
    """A short text for the journal of a message's content (no images)."""
    if "data" in content and isinstance(content["data"], dict):
        data = content["data"]
        if "state" in data:
            return f"state {str(data['state'])[:160]}"
        return f"{sorted(data)} {str(data.get('text/plain', ''))[:80]!r}"
    for key in ("execution_state", "text", "code", "wait", "ename"):
        if key in content:
            return f"{key}={str(content[key])[:120]!r}"
    return ""


def _kernel_id(url: str) -> str | None:
    match = re.search(r"/api/kernels/([^/?]+)/channels", url)
    return match.group(1) if match else None


@dataclass
class KernelTraffic:
    """For each kernel: the requests the page sent it, the ones it reported idle for,
    and the error and stderr messages it sent back."""

    requests: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # id, msg_type
    answered: set[str] = field(default_factory=set)  # msg_ids the kernel reported idle for
    problems: dict[str, list[str]] = field(default_factory=dict)
    probes: set[str] = field(default_factory=set)  # comm ids of the widget manager's probes
    journal: dict[str, list[str]] = field(default_factory=dict)  # recent messages, as text
    kinds: dict[str, str] = field(default_factory=dict)  # msg_id -> msg_type of requests

    def _note(self, kernel: str, line: str) -> None:
        entries = self.journal.setdefault(kernel, [])
        entries.append(f"{time.monotonic():.3f} {line}")
        del entries[:-JOURNAL]

    def attach(self, page) -> None:
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, websocket) -> None:
        kernel = _kernel_id(websocket.url)
        if kernel is not None:
            websocket.on("framesent", lambda payload: self._on_sent(kernel, payload))
            websocket.on("framereceived", lambda payload: self._on_received(kernel, payload))

    def _on_sent(self, kernel: str, payload) -> None:
        message = _decode_frame(payload)
        if message and message["channel"] == "shell":
            header, content = message["header"], message["content"]
            self.requests.setdefault(kernel, []).append(
                (header.get("msg_id"), header.get("msg_type")))
            self.kinds[header.get("msg_id")] = header.get("msg_type")
            self._note(kernel, f"sent {header.get('msg_type')} {header.get('msg_id')} "
                               f"{_summary(content)}")
            if header.get("msg_type") == "comm_open" and \
                    content.get("target_name") == CONTROL_COMM:
                self.probes.add(content.get("comm_id"))

    def _on_received(self, kernel: str, payload) -> None:
        message = _decode_frame(payload)
        if not message or message["channel"] != "iopub":
            return
        kind, content = message["header"].get("msg_type"), message["content"]
        parent = message["parent"].get("msg_id")
        self._note(kernel, f"got {kind} for {self.kinds.get(parent, '?')} {parent} "
                           f"{_summary(content)}")
        if kind == "status" and content.get("execution_state") == "idle":
            self.answered.add(message["parent"].get("msg_id"))
        elif kind == "error":
            self.problems.setdefault(kernel, []).append("error: " + "\n".join(
                re.sub(r"\x1b\[[0-9;]*m", "", line) for line in content.get("traceback", [])))
        elif kind == "stream" and content.get("name") == "stderr":
            text = content.get("text", "")
            if not self._is_probe_noise(text):
                self.problems.setdefault(kernel, []).append("stderr: " + text)

    def _is_probe_noise(self, text: str) -> bool:
        """JupyterLab's widget manager opens a ``jupyter.widget.control`` comm as soon as
        the kernel starts, to restore widgets; before ipywidgets is imported the kernel
        logs that it has no such target and then no such comm. Harmless, and only that."""
        lines = [line.strip() for line in text.strip().splitlines()]
        return bool(lines) and all(
            line == f"No such comm target registered: {CONTROL_COMM}"
            or (line.startswith("No such comm: ") and line[len("No such comm: "):] in self.probes)
            for line in lines)

    def mark(self, kernel: str) -> int:
        return len(self.requests.get(kernel, []))

    def sent_since(self, kernel: str, mark: int) -> list[tuple[str, str]]:
        return self.requests.get(kernel, [])[mark:]

    def unanswered_since(self, kernel: str, mark: int) -> list[tuple[str, str]]:
        return [(msg_id, kind) for msg_id, kind in self.sent_since(kernel, mark)
                if msg_id not in self.answered]


# -- JavaScript run in the page ---------------------------------------------------------------

_PROMPTS_JS = """(panel) => [...panel.querySelectorAll('.jp-Notebook .jp-Cell')].map((cell, i) => ({
    index: i,
    code: cell.classList.contains('jp-CodeCell'),
    prompt: (cell.querySelector('.jp-InputPrompt') || {}).textContent || '',
    empty: cell.classList.contains('jp-CodeCell') &&
           !((cell.querySelector('.cm-content') || {}).textContent || '').trim(),
}))"""

_ERRORS_JS = """(panel, stderr) => {
    const found = [];
    panel.querySelectorAll('.jp-Notebook .jp-Cell').forEach((cell, i) => {
        cell.querySelectorAll('.jp-OutputArea-output').forEach(output => {
            if (output.querySelector('.jp-OutputArea-output')) return;  // a widget's: see inside
            const text = output.textContent || '';
            const mime = output.getAttribute('data-mime-type') || '';
            if (mime === stderr || output.querySelector(`[data-mime-type="${stderr}"]`)
                || /Traceback \\(most recent call last\\)/.test(text)
                || /Error displaying widget/.test(text)) {
                found.push({cell: i, text: text.slice(0, 1500)});
            }
        });
    });
    return found;
}"""

# Tags the controls of a widget view with data-bt-control and describes them.
_CONTROLS_JS = """(root) => {
    const controls = [];
    const label = (el) => {
        const l = el.querySelector(':scope > .widget-label');
        return l ? l.textContent.replace(/\\u200b/g, '').trim() : '';
    };
    const add = (el, kind, extra) => {
        el.setAttribute('data-bt-control', String(controls.length));
        controls.push(Object.assign({id: controls.length, kind}, extra));
    };
    root.querySelectorAll('.widget-slider').forEach(el => {
        const handle = el.querySelector('.noUi-handle');
        if (!handle) return;
        add(el, 'slider', {label: label(el), min: Number(handle.getAttribute('aria-valuemin')),
                           max: Number(handle.getAttribute('aria-valuemax'))});
    });
    root.querySelectorAll('.widget-toggle-buttons').forEach(el => add(el, 'toggles', {
        label: label(el),
        options: [...el.querySelectorAll('button')].map(b => b.textContent.trim())}));
    root.querySelectorAll('.widget-dropdown').forEach(el => add(el, 'dropdown', {
        label: label(el),
        options: [...el.querySelectorAll('option')].map(o => o.textContent.trim())}));
    root.querySelectorAll('.widget-checkbox').forEach(el => add(el, 'checkbox', {
        label: (el.querySelector('.widget-label-basic') || el).textContent.trim()}));
    root.querySelectorAll('.widget-text, .widget-inline-hbox.widget-text').forEach(el => {
        if (el.hasAttribute('data-bt-control') || !el.querySelector('input')) return;
        add(el, 'number', {label: label(el), parent: el.parentElement});
    });
    root.querySelectorAll('button.widget-toggle-button').forEach(el => {
        if (el.closest('.widget-toggle-buttons')) return;
        add(el, 'toggle', {label: el.textContent.trim(), parent: el.parentElement});
    });
    root.querySelectorAll('button.widget-button').forEach(el => {
        if (el.classList.contains('widget-toggle-button') || el.closest('.widget-toggle-buttons'))
            return;
        add(el, 'button', {label: el.textContent.trim()});
    });
    // Controls of one kind sharing a container form a group (a grid).
    const parents = [];
    for (const c of controls) {
        if (c.parent) {
            if (!parents.includes(c.parent)) parents.push(c.parent);
            c.group = parents.indexOf(c.parent);
            delete c.parent;
        }
    }
    return controls;
}"""

_STATE_JS = """(el) => {
    if (el.classList.contains('widget-slider')) {
        const h = el.querySelector('.noUi-handle');
        return {value: Number(h.getAttribute('aria-valuenow')),
                shown: (el.querySelector('.widget-readout') || {}).textContent || '',
                max: Number(h.getAttribute('aria-valuemax'))};
    }
    if (el.classList.contains('widget-toggle-buttons')) {
        const active = el.querySelector('button.mod-active');
        return {value: active ? active.textContent.trim() : null};
    }
    if (el.classList.contains('widget-dropdown')) {
        const s = el.querySelector('select');
        return {value: s.selectedIndex >= 0 ? s.options[s.selectedIndex].textContent.trim() : null};
    }
    if (el.classList.contains('widget-checkbox')) return {value: el.querySelector('input').checked};
    if (el.tagName === 'BUTTON' && el.classList.contains('widget-toggle-button'))
        return {value: el.classList.contains('mod-active')};
    if (el.querySelector('input')) return {value: el.querySelector('input').value};
    return {value: null};
}"""

# The values of all tagged controls, in the order of their ids.
_ALL_STATES_JS = ("(root) => [...root.querySelectorAll('[data-bt-control]')]"
                  ".sort((a, b) => Number(a.dataset.btControl) - Number(b.dataset.btControl))"
                  f".map(el => ({_STATE_JS})(el).value)")

# What an explorer shows: the figures of its Output widgets and its texts.
_SHOWN_JS = """(root) => {
    const images = [...root.querySelectorAll('.widget-output img')].map(img => ({
        src: img.getAttribute('src') || '', width: img.naturalWidth, height: img.naturalHeight}));
    const texts = [...root.querySelectorAll(
        '.widget-html-content, .widget-output .jp-RenderedText, ' +
        '.widget-output .jp-RenderedHTMLCommon')]
        .map(el => el.innerText.trim()).filter(Boolean);
    return {images, texts};
}"""


# -- JupyterLab and the notebook ---------------------------------------------------------------


def _exactly(text: str):
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


class LabSession:
    """JupyterLab loaded once in one browser page; the lessons are opened in it in turn."""

    def __init__(self, page, server, workspace: str = "browser-tests"):
        self.page = page
        self.server = server
        self.workspace = workspace
        self.traffic = KernelTraffic()
        self.traffic.attach(page)
        self.page_errors: list[str] = []
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def load(self) -> LabSession:
        """Load JupyterLab in a workspace of its own, emptied (``?reset``)."""
        self.page.goto(f"{self.server.url}/lab/workspaces/{self.workspace}?reset")
        self.page.locator(".jp-DirListing-item").first.wait_for(timeout=90_000)
        return self

    def menu(self, menu: str, item: str) -> None:
        """Click ``item`` in the menu ``menu`` of the menu bar (Run > Run All Cells)."""
        self.page.locator("#jp-MainMenu .lm-MenuBar-item", has_text=_exactly(menu)).click()
        entry = self.page.locator(".lm-Menu-item[data-type='command']", has=self.page.locator(
            ".lm-Menu-itemLabel", has_text=_exactly(item)))
        entry.wait_for()
        assert "lm-mod-disabled" not in (entry.get_attribute("class") or ""), \
            f"{menu} > {item} is disabled"
        entry.click()

    def close_tab(self, widget_id: str) -> None:
        tab = self.page.locator(f".lm-TabBar-tab[data-id='{widget_id}']")
        tab.locator(".lm-TabBar-tabCloseIcon").click()
        tab.wait_for(state="detached")


class NotebookPage:
    """One lesson, opened from the file browser, run, and watched through its kernel."""

    def __init__(self, lab: LabSession, name: str):
        self.lab = lab
        self.page = lab.page
        self.server = lab.server
        self.name = name
        self.first_page_error = len(lab.page_errors)
        self.focus = None  # the locator a failure screenshot should show
        self.panel = None  # the notebook's panel, once open
        self.kernel = None  # the id of its kernel, once started
        self._run_mark = None  # where Run All Cells started in the kernel's traffic
        self._run_started = 0.0

    @property
    def indicator(self):
        """The kernel status circle of the notebook's toolbar (data-status="idle", ...)."""
        return self.panel.locator(".jp-Notebook-ExecutionIndicator")

    @property
    def traffic(self) -> KernelTraffic:
        return self.lab.traffic

    def front(self) -> None:
        """Bring the page to the front: a page behind the other one gets no animation
        frames, and Playwright waits for two of them before each click."""
        self.page.bring_to_front()

    # -- opening and running ---------------------------------------------------

    def open(self) -> None:
        """Double-click the notebook in the file browser; wait for its kernel."""
        self.front()
        item = self.page.locator(".jp-DirListing-item", has=self.page.locator(
            ".jp-DirListing-itemName", has_text=_exactly(self.name)))
        item.dblclick()
        tab = self.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has=self.page.locator(
            ".lm-TabBar-tabLabel", has_text=_exactly(self.name)))
        tab.wait_for(timeout=60_000)
        self.panel = self.page.locator(f"[id='{tab.get_attribute('data-id')}']")
        self.panel.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=60_000)
        # The kernel has started and the page is connected to it. The status circle alone
        # does not tell: it reads "idle" before any kernel exists.
        self._wait(self._kernel_connected, 90, "the kernel did not start and connect")
        dialogs = self.page.locator(".jp-Dialog")
        assert dialogs.count() == 0, f"{self.name}: a dialog opened: {dialogs.first.inner_text()}"

    def _kernel_connected(self) -> bool:
        if self.kernel is None:
            model = self.server.kernel_for(self.name)
            if model is None:
                return False
            self.kernel = model["id"]
        answered_info = any(kind == "kernel_info_request" and msg_id in self.traffic.answered
                            for msg_id, kind in self.traffic.sent_since(self.kernel, 0))
        return answered_info and self._kernel_idle()

    def _kernel_idle(self) -> bool:
        """The page shows the kernel idle, and the kernels REST API agrees."""
        return (self.indicator.get_attribute("data-status") == "idle"
                and self.server.get(f"/api/kernels/{self.kernel}")["execution_state"] == "idle")

    def close(self) -> None:
        """Shut the kernel down (the REST API) and close the tab, discarding the outputs."""
        self.front()
        self.server.shut_down_kernel_of(self.name)
        if self.panel is None:
            return
        widget_id = self.panel.get_attribute("id")
        self.lab.page.locator(f".lm-TabBar-tab[data-id='{widget_id}'] .lm-TabBar-tabCloseIcon"
                              ).click()
        discard = self.page.locator(".jp-Dialog button", has_text=_exactly("Discard"))
        tab = self.page.locator(f".lm-TabBar-tab[data-id='{widget_id}']")
        self._wait(lambda: discard.count() > 0 or tab.count() == 0, 30,
                   "closing the notebook neither asked about its changes nor closed it")
        if discard.count():
            discard.click()
        tab.wait_for(state="detached")

    def start_run_all(self) -> None:
        """Run > Run All Cells; return once the first cell has gone to the kernel."""
        self.front()
        self._run_started = time.monotonic()
        self._run_mark = mark = self.traffic.mark(self.kernel)
        self.lab.menu("Run", "Run All Cells")
        self._wait(lambda: any(kind == "execute_request"
                               for _, kind in self.traffic.sent_since(self.kernel, mark)),
                   30, "Run All Cells sent no cell to the kernel")

    def run_all_cells(self) -> float:
        """Run All Cells (unless started already), then wait until every cell has run and
        the kernel is idle; return the seconds since the click."""
        if self._run_mark is None:
            self.start_run_all()
        self.wait_for_kernel(self._run_mark, RUN_ALL_TIMEOUT, "Run All Cells",
                             done=lambda: self._no_cell_running())
        not_run = [cell for cell in self.panel.evaluate(_PROMPTS_JS)
                   if cell["code"] and not cell["empty"] and not re.search(r"\d", cell["prompt"])]
        assert not not_run, (
            f"{self.name}: after Run All Cells, cells {[c['index'] for c in not_run]} have no "
            f"execution count (the run stopped early?); errors: {self.errors()}")
        return time.monotonic() - self._run_started

    def _wait(self, condition, timeout: float, failure: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}: {failure} (within {timeout:.0f} s)")
            self.page.wait_for_timeout(POLL)

    def _no_cell_running(self) -> bool:
        prompts = [cell["prompt"] for cell in self.panel.evaluate(_PROMPTS_JS) if cell["code"]]
        return bool(prompts) and not any("*" in prompt for prompt in prompts)

    def mark(self) -> int:
        return self.traffic.mark(self.kernel)

    def wait_for_kernel(self, mark: int, timeout: float, what: str, done=None) -> None:
        """Wait until the page has sent the kernel something since ``mark``, the kernel has
        reported idle for every request, the page shows it idle and the REST API agrees."""
        deadline = time.monotonic() + timeout
        while True:
            sent = self.traffic.sent_since(self.kernel, mark)
            waiting = self.traffic.unanswered_since(self.kernel, mark)
            if sent and not waiting and (done is None or done()) and self._kernel_idle():
                return
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"{self.name}: {what}: the kernel did not finish within {timeout:.0f} s "
                    f"(requests sent: {len(sent)}, still unanswered: {waiting[:5]}, page "
                    f"status: {self.indicator.get_attribute('data-status')}); errors: "
                    f"{self.errors()}")
            self.page.wait_for_timeout(POLL)

    # -- errors ----------------------------------------------------------------

    def errors(self) -> list[str]:
        """Every sign of an error: stderr or traceback outputs in any cell, error and
        stderr messages from the kernel, uncaught exceptions in the page."""
        found = [f"cell {e['cell']}: {e['text']}" for e in self.panel.evaluate(_ERRORS_JS, STDERR)]
        found += [f"kernel {problem}" for problem in self.traffic.problems.get(self.kernel, [])]
        found += [f"page: {error}" for error in self.lab.page_errors[self.first_page_error:]]
        return found

    def log_console_entries(self) -> list[str]:
        """Open View > Show Log Console, read it and close it: outputs of widget callbacks
        that no Output widget caught (an exception outside ``with output:``, a stray print)."""
        self.front()
        self.lab.menu("View", "Show Log Console")
        panel = self.page.locator(".jp-LogConsolePanel")
        panel.wait_for(timeout=10_000)
        entries = [text.strip() for text in
                   panel.locator(".jp-OutputArea-output").all_inner_texts() if text.strip()]
        self.lab.close_tab(panel.evaluate(
            "el => (el.closest('.jp-MainAreaWidget') || el).id"))
        return entries

    # -- explorers -------------------------------------------------------------

    def explorer(self, cell_index: int, name: str) -> Explorer:
        self.front()
        cell = self.panel.locator(".jp-Notebook .jp-Cell").nth(cell_index)
        source = cell.locator(".jp-InputArea-editor").inner_text()
        assert f"{name}(" in source, (
            f"{self.name}: cell {cell_index} of the page is not the {name} cell: {source[:200]!r}")
        root = cell.locator(".jp-OutputArea-output .jupyter-widgets.widget-container").first
        self.focus = cell
        try:
            root.wait_for(timeout=RENDER_TIMEOUT * 1000)
            # Every Output widget of the explorer shows something once it has drawn.
            self.page.wait_for_function(
                """(root) => [...root.querySelectorAll('.widget-output')].every(
                       el => el.querySelector('.jp-OutputArea-child'))""",
                arg=root.element_handle(), timeout=RENDER_TIMEOUT * 1000)
        except Exception as error:
            raise AssertionError(f"{self.name}: the {name} widget (cell {cell_index}) did not "
                                 f"render: {error}; errors: {self.errors()}") from None
        return Explorer(self, cell_index, name, root)


class LessonRunner:
    """Lessons in two JupyterLab pages: while a test moves the widgets of one lesson, the
    next lesson is opened and run in the other page, so that its kernel computes meanwhile.

    Both pages talk to the same server; each has its own workspace, so that neither
    reopens what the other opened.
    """

    PAGES = 2

    def __init__(self, context, server):
        self.context = context
        self.server = server
        self.labs: list[LabSession] = []
        self.open: dict[int, NotebookPage] = {}  # page number -> the lesson open in it

    def _free_lab(self) -> int:
        for number in range(len(self.labs)):
            if number not in self.open:
                return number
        if len(self.labs) < self.PAGES:
            page = self.context.pages[0] if not self.labs and self.context.pages \
                else self.context.new_page()
            self.labs.append(LabSession(page, self.server,
                                        f"browser-tests-{len(self.labs) + 1}").load())
            return len(self.labs) - 1
        raise RuntimeError(f"all {self.PAGES} JupyterLab pages are busy")

    def start(self, name: str) -> NotebookPage:
        """The lesson, open and running: the one started ahead, or opened now."""
        for notebook in self.open.values():
            if notebook.name == name:
                return notebook
        number = self._free_lab()
        notebook = NotebookPage(self.labs[number], name)
        self.open[number] = notebook
        notebook.open()
        notebook.start_run_all()
        return notebook

    def start_ahead(self, name: str) -> str | None:
        """Open and run a lesson that a later test will take; trouble here is left for that
        test to meet (the page is loaded afresh), so it is returned, not raised."""
        try:
            self.start(name)
            return None
        except Exception as error:
            for notebook in list(self.open.values()):
                if notebook.name == name:
                    self.finish(notebook, failed=True)
            return f"starting {name} ahead failed: {error}"

    def finish(self, notebook: NotebookPage, failed: bool) -> None:
        """Close a lesson: through the UI when its test passed; after a failure, shut its
        kernel down and load JupyterLab afresh in its page."""
        number = next(n for n, open_ in self.open.items() if open_ is notebook)
        try:
            if not failed:
                try:
                    notebook.close()
                except Exception:
                    failed = True  # still leave a clean page to the next test
                    raise
        finally:
            if failed:
                self.server.shut_down_kernel_of(notebook.name)
                notebook.lab.load()
            del self.open[number]

    def close_all(self) -> None:
        for notebook in list(self.open.values()):
            self.server.shut_down_kernel_of(notebook.name)
        self.open.clear()


@dataclass
class Shown:
    """What an explorer shows at one moment."""

    images: list[dict]  # src (a data URL), width, height of each figure
    texts: list[str]  # HTML widgets and text outputs

    def describe_images(self) -> str:
        if not self.images:
            return "no figure"
        return ", ".join(f"{short_hash(i['src'])} ({i['width']}x{i['height']})"
                         for i in self.images)


def _first_difference(before: list[str], after: list[str]) -> str:
    """The first line that differs; and the new last line, when that differs too."""
    for old, new in zip(before, after, strict=False):
        if old != new:
            old_lines, new_lines = old.splitlines() or [""], new.splitlines() or [""]
            first = next(((a, b) for a, b in zip(old_lines, new_lines, strict=False) if a != b),
                         None)
            text = (f"{first[0][:80]!r} -> {first[1][:80]!r}" if first else
                    f"{len(old_lines)} lines -> {len(new_lines)} lines")
            if old_lines[-1] != new_lines[-1] and (first is None or first[1] != new_lines[-1]):
                text += f", last line now {new_lines[-1][:80]!r}"
            return text
    return f"{len(before)} texts -> {len(after)} texts"


@dataclass
class Move:
    control: dict
    label: str
    action: str  # what the test did, in words
    perform: object  # callable
    expect: object  # callable(state) -> bool, on the control's state afterwards
    must_change: bool = True


class Explorer:
    """The controls of one explorer and what it shows."""

    def __init__(self, notebook: NotebookPage, cell_index: int, name: str, root):
        self.notebook = notebook
        self.page = notebook.page
        self.cell_index = cell_index
        self.name = name
        self.root = root
        self.controls = root.evaluate(_CONTROLS_JS)

    # -- reading -----------------------------------------------------------------

    def element(self, control: dict):
        return self.root.locator(f"[data-bt-control='{control['id']}']")

    def state(self, control: dict) -> dict:
        return self.element(control).evaluate(_STATE_JS)

    def control_values(self) -> list:
        return self.root.evaluate(_ALL_STATES_JS)

    def shown(self) -> Shown:
        return Shown(**self.root.evaluate(_SHOWN_JS))

    def describe(self, control: dict) -> str:
        kind, label = control["kind"], control["label"]
        if control.get("group") is not None and not label:
            members = [c for c in self.controls if c.get("group") == control["group"]]
            return f"{kind} {members.index(control) + 1} of {len(members)}"
        return f"{kind} {label!r}" if label else kind

    # -- moving ------------------------------------------------------------------

    def exercised_controls(self) -> list[dict]:
        """Every control; of a grid of more than LARGEST_GROUP controls of one
        kind, the first, the middle and the last. Buttons last: they cannot be undone."""
        chosen = []
        groups: dict[int, list[dict]] = {}
        for control in self.controls:
            if control.get("group") is not None:
                groups.setdefault(control["group"], []).append(control)
        for control in self.controls:
            members = groups.get(control.get("group"), [])
            if len(members) > LARGEST_GROUP:
                picks = {0, len(members) // 2, len(members) - 1}
                if members.index(control) not in picks:
                    continue
            chosen.append(control)
        return sorted(chosen, key=lambda c: c["kind"] == "button")

    def moves_for(self, control: dict) -> list[Move]:
        """The moves of one control: change it (one step, then to the end for a slider),
        then put it back, so that every control starts from the lesson's settings."""
        kind, name = control["kind"], self.describe(control)
        element = self.element(control)
        state = self.state(control)
        value = state["value"]
        moves: list[Move] = []
        if kind == "slider":
            handle = element.locator(".noUi-handle")

            def press(key):
                def perform():
                    handle.focus()
                    handle.press(key)
                return perform

            step_key = "ArrowRight" if value < control["max"] else "ArrowLeft"
            after_step = value + 1 if step_key == "ArrowRight" else value - 1
            moves.append(Move(control, name, f"{step_key} ({value} -> {after_step:g})",
                              press(step_key),
                              lambda s, old=value, key=step_key:
                              s["value"] > old if key == "ArrowRight" else s["value"] < old))
            if after_step < control["max"]:
                moves.append(Move(control, name, f"End ({after_step:g} -> {control['max']:g})",
                                  press("End"), lambda s: s["value"] == s["max"]))
            elif after_step > control["min"]:
                moves.append(Move(control, name, f"Home ({after_step:g} -> {control['min']:g})",
                                  press("Home"), lambda s: s["value"] == control["min"]))

            def restore(target=value):
                readout = element.locator(".widget-readout")
                readout.click()
                self.page.keyboard.press("Control+A")
                self.page.keyboard.type(f"{target:g}")
                self.page.keyboard.press("Enter")

            moves.append(Move(control, name, f"typed {value:g} into the readout (back to start)",
                              restore, lambda s, old=value: s["value"] == old, must_change=False))
        elif kind == "toggles":
            def click(option):
                return lambda: element.locator("button", has_text=re.compile(
                    rf"^\s*{re.escape(option)}\s*$")).click()
            for option in control["options"]:
                if option != value:
                    moves.append(Move(control, name, f"clicked {option!r}", click(option),
                                      lambda s, o=option: s["value"] == o))
            moves.append(Move(control, name, f"clicked {value!r} (back to start)", click(value),
                              lambda s, o=value: s["value"] == o, must_change=False))
        elif kind == "dropdown":
            select = element.locator("select")
            other = next((option for option in control["options"] if option != value), None)
            if other is None:
                return moves
            moves.append(Move(control, name, f"chose {other!r} (was {value!r})",
                              lambda: select.select_option(label=other),
                              lambda s: s["value"] == other))
            moves.append(Move(control, name, f"chose {value!r} (back to start)",
                              lambda: select.select_option(label=value),
                              lambda s: s["value"] == value, must_change=False))
        elif kind == "checkbox":
            box = element.locator("input[type=checkbox]")
            moves.append(Move(control, name, f"clicked ({value} -> {not value})", box.click,
                              lambda s: s["value"] is (not value)))
            moves.append(Move(control, name, f"clicked ({not value} -> {value}, back to start)",
                              box.click, lambda s: s["value"] is value, must_change=False))
        elif kind == "number":
            field_ = element.locator("input")
            new = f"{float(value) + 1:g}"

            def type_in(text):
                def perform():
                    field_.fill(text)
                    field_.press("Enter")
                return perform

            moves.append(Move(control, name, f"typed {new} (was {value})", type_in(new),
                              lambda s: float(s["value"]) == float(new)))
            moves.append(Move(control, name, f"typed {value} (back to start)", type_in(value),
                              lambda s: float(s["value"]) == float(value), must_change=False))
        elif kind == "toggle":
            moves.append(Move(control, name, f"clicked ({'on' if value else 'off'} -> "
                              f"{'off' if value else 'on'})", element.click,
                              lambda s: s["value"] is (not value)))
            moves.append(Move(control, name, "clicked again (back to start)", element.click,
                              lambda s: s["value"] is value, must_change=False))
        elif kind == "button":
            moves.append(Move(control, name, "clicked", element.click, lambda s: True))
        return moves

    def make(self, move: Move) -> tuple[bool, str]:
        """Make one move, wait for the kernel and check it; return (changed, record line).

        "Changed" means the figure changed (its image ``src``, or it appeared or went
        away) or the text did; but a figure left as it was while the text moved on is
        stale, and fails the test at once.
        """
        notebook = self.notebook
        notebook.front()
        element = self.element(move.control)
        element.scroll_into_view_if_needed()
        notebook.focus = self.root
        started = time.monotonic()
        before = self.shown()
        controls_before = self.control_values()
        mark = notebook.mark()
        move.perform()
        what = f"{self.name}: {move.label}: {move.action}"
        notebook.wait_for_kernel(mark, MOVE_TIMEOUT, what)
        after = self.shown()
        state = self.state(move.control)
        assert move.expect(state), f"{what}: the control shows {state} afterwards"
        errors = notebook.errors()
        assert not errors, f"{what}: errors after the move:\n" + "\n".join(errors)
        figure_changed = [i["src"] for i in before.images] != [i["src"] for i in after.images]
        text_changed = before.texts != after.texts
        assert figure_changed or not (text_changed and before.images and after.images), (
            f"{what}: the text changed ({_first_difference(before.texts, after.texts)}) but "
            f"the figure ({before.describe_images()}) stayed as it was: it is stale")
        changed = figure_changed or text_changed
        parts = [f"figure {before.describe_images()} -> {after.describe_images()}"
                 if figure_changed else f"figure unchanged ({before.describe_images()})"]
        if text_changed:
            parts.append(f"text {_first_difference(before.texts, after.texts)}")
        changed_controls = [
            f"{self.describe(c)} {old!r} -> {new!r}"
            for c, old, new in zip(self.controls, controls_before, self.control_values(),
                                   strict=True)
            if old != new and c is not move.control]
        if changed_controls:
            parts.append("also " + ", ".join(changed_controls[:4])
                         + (f" (+{len(changed_controls) - 4} more)"
                            if len(changed_controls) > 4 else ""))
        seconds = time.monotonic() - started
        line = f"{move.label}: {move.action}: " + "; ".join(parts) + f" [{seconds:.1f} s]"
        return changed, line.replace("\\xa0", " ")  # widgets write option labels with nbsp

    def exercise(self, control: dict) -> list[str]:
        """Make the moves of one control; each must change what the explorer shows.

        A control none of whose moves changes anything at the lesson's settings (a
        "strict" box where every setting fits) is tried again after one step of each
        slider in turn, and must matter in at least one of these neighbouring settings.
        """
        lines, unchanged, changing = [], [], 0
        for move in self.moves_for(control):
            changed, line = self.make(move)
            lines.append(line)
            if move.must_change:
                if changed:
                    changing += 1
                else:
                    unchanged.append(line)
        if not unchanged:
            return lines
        assert not changing, (
            f"{self.name}: some moves of {self.describe(control)} changed what the explorer "
            f"shows and others did not:\n" + "\n".join(lines))
        for other in self.controls:
            if other is control or other["kind"] != "slider":
                continue
            context = self.moves_for(other)
            step, back = context[0], context[-1]
            lines.append(f"(nothing changed: trying {self.describe(control)} after "
                         f"{step.label}: {step.action})")
            lines.append(self.make(step)[1])
            retry = [(*self.make(move), move) for move in self.moves_for(control)]
            lines += [line for _, line, _ in retry]
            lines.append(self.make(back)[1])
            if all(changed for changed, _, move in retry if move.must_change):
                return lines
        raise AssertionError(
            f"{self.name}: moving {self.describe(control)} changed nothing the explorer shows, "
            f"at the lesson's settings or after one step of any slider:\n" + "\n".join(lines))
