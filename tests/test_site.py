"""The offline website: build it, open it in headless Chromium, and look.

Students read the course as a static site (``docs/build_site.py``). These tests
build it into a temporary folder and check what a reader would see: maths
typeset by MathJax (no raw ``$...$`` left), every figure loaded, widgets
replaced by a note (or, when a notebook stores widget state, rendered by the
site's own copy of the widget embedder), and nothing at all loaded from
another host, neither in the HTML nor while the pages load; and, with
axe-core (packed from npm into the build's offline cache and injected), no
serious or critical WCAG 2.1 A/AA finding on any page, and a text alternative
on every figure. A screenshot goes to ``test-artifacts/site/``; what axe-core
still reports at moderate or minor impact goes to ``axe-<page>.json`` beside it.

Needs Sphinx, myst-nb, sphinx-book-theme, Playwright for Python and a
Chromium (``/usr/bin/chromium``, or ``$CONVLESSONS_CHROMIUM``), plus npm or
an already filled ``build/site-assets/`` cache. Without them the tests are
skipped, except on CI (``$CI`` set), where they fail and say what is missing.
"""

from __future__ import annotations

import functools
import html.parser
import importlib.util
import json
import re
import shutil
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .browser.chromium import (
    CHROMIUM_ARGS,
    chromium_executable,
    chromium_wanted,
    skip_or_fail_on_ci,
)
from .conftest import EXERCISES as EXERCISE_PATHS
from .conftest import LESSONS as LESSON_PATHS
from .conftest import ROOT

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "site"
LESSONS = [path.stem for path in LESSON_PATHS]
EXERCISES = [path.stem for path in EXERCISE_PATHS]
LESSONS_WITH_WIDGETS = [
    path.stem for path in LESSON_PATHS
    if "application/vnd.jupyter.widget-view+json" in path.read_text(encoding="utf-8")
]


# --- what is needed, and skipping (or failing on CI) without it --------------


def missing_requirements(browser: bool) -> list[str]:
    """What is missing to build the site, and (``browser``) to open it."""
    packages = [("sphinx", "sphinx"), ("myst_nb", "myst-nb"),
                ("sphinx_book_theme", "sphinx-book-theme")]
    if browser:
        packages.append(("playwright", "playwright"))
    missing = [f"the Python package {name} (pip install {pip})"
               for name, pip in packages if importlib.util.find_spec(name) is None]
    assets = load_build_script().asset_cache_folder()
    if shutil.which("npm") is None and not any(assets.glob("mathjax-*")):
        missing.append("npm, to fetch MathJax and the widget embedder once "
                       "(apt-get install -y npm)")
    if browser and chromium_executable() is None:
        missing.append(f"Chromium at {chromium_wanted()} (apt-get install -y chromium, "
                       "or set CONVLESSONS_CHROMIUM)")
    return missing


def require(browser: bool) -> None:
    """Skip without what the test needs; on CI, fail instead and say what is missing."""
    missing = missing_requirements(browser)
    if not missing:
        return
    reason = "the website tests need " + "; ".join(missing)
    skip_or_fail_on_ci(
        reason, f"{reason}. On CI these must be installed: the site is part of the course.")


def load_build_script():
    spec = importlib.util.spec_from_file_location("build_site", ROOT / "docs" / "build_site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- fixtures: the site, a local web server, a browser -----------------------


@pytest.fixture(scope="module")
def build_site():
    require(browser=False)
    return load_build_script()


@pytest.fixture(scope="module")
def site(build_site, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    start = time.perf_counter()
    build_site.build(folder / "out", folder / "work", clean=True, strict=True, quiet=True)
    print(f"site built in {time.perf_counter() - start:.1f} s")
    return folder / "out"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def serve():
    """Serve folders on 127.0.0.1 (an ephemeral port); yields a function folder -> URL."""
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(build_site):
    require(browser=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visit:
    """One browser page that records every request and error while it loads."""

    def __init__(self, browser, local_prefixes: tuple[str, ...]):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.local_prefixes = local_prefixes
        self.external: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        # Every request goes through this route: a local one is served, any
        # other is recorded and aborted, so a test never touches the network.
        self.context.route("**/*", self._route)
        self.page.on("requestfailed", lambda request: self.failed.append(
            f"{request.url} ({request.failure})"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.local_prefixes):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def open(self, url: str):
        self.page.goto(url, wait_until="load")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser):
    visits = []

    def start(local_prefixes: tuple[str, ...]) -> Visit:
        opened = Visit(browser, local_prefixes)
        visits.append(opened)
        return opened

    yield start
    for opened in visits:
        opened.close()


# --- what a page shows --------------------------------------------------------

TYPESET = """async () => {
    if (!window.MathJax) {
        return document.querySelector(".math") ? "maths, but no MathJax on the page" : "ok";
    }
    const deadline = Date.now() + 30000;
    while (!(MathJax.startup && MathJax.startup.promise)) {
        if (Date.now() > deadline) return "MathJax did not start";
        await new Promise(r => setTimeout(r, 50));
    }
    await MathJax.startup.promise;
    return "ok";
}"""

# The article's visible prose: code, outputs and typeset maths taken out.
PROSE = """() => {
    const article = document.querySelector("article") || document.body;
    const copy = article.cloneNode(true);
    copy.querySelectorAll("pre, code, script, style, mjx-container, .cell_output, .highlight")
        .forEach(node => node.remove());
    return copy.textContent;
}"""

IMAGES = """async () => {
    const images = Array.from(document.querySelectorAll("article img"));
    for (const image of images) { image.loading = "eager"; }
    await Promise.all(images.map(image => image.decode().catch(() => null)));
    return images.map(image => ({src: image.getAttribute("src"), complete: image.complete,
                                 width: image.naturalWidth, height: image.naturalHeight}));
}"""


# axe-core's WCAG 2.0/2.1 level A and AA rules; the test injects the script into the page.
AXE = """async () => {
    const result = await axe.run(document, {runOnly: {type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
    return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" "))}));
}"""

# MathJax's accessibility extensions: hidden MathML beside every formula, and
# speech (the explorer's semantic enrichment) once the Speech Rule Engine is in.
ASSISTIVE_MML = """() => [document.querySelectorAll("mjx-container").length,
    document.querySelectorAll("mjx-container mjx-assistive-mml").length]"""
SPEECH = """() => document.querySelector(
    "mjx-container[data-semantic-speech], mjx-container [data-semantic-speech]") !== null"""

ALTS = """() => Array.from(document.querySelectorAll("article img")).map(image => image.alt)"""


def check_accessibility(page, axe: Path, name: str) -> list[dict]:
    """Run axe-core (the script ``axe``) on the page: no serious or critical finding; the rest
    is returned."""
    page.add_script_tag(path=str(axe))
    findings = page.evaluate(AXE)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{name.replace('/', '-')}.json").write_text(json.dumps(findings, indent=1))
    grave = [f for f in findings if f["impact"] in ("serious", "critical")]
    assert not grave, f"axe-core on {name}: {json.dumps(grave, indent=1)}"
    return findings


def check_alts(page, name: str) -> list[str]:
    """Every figure has a text alternative: a sentence, not a file name, not repeated."""
    alts = page.evaluate(ALTS)
    for alt in alts:
        assert len(alt.split()) >= 4 and not re.search(r"\.(png|jpe?g|svg)$", alt), (
            f"figure without a real text alternative in {name}: {alt!r}")
    assert len(set(alts)) == len(alts), f"two figures of {name} share a text alternative"
    return alts


def check_page(page) -> dict:
    """Everything a lesson page must get right; returns what it found."""
    assert page.evaluate(TYPESET) == "ok"
    found = {
        "maths": page.locator("mjx-container").count(),
        "maths_errors": page.locator("mjx-merror").count(),
        "images": page.evaluate(IMAGES),
    }
    prose = page.evaluate(PROSE)
    raw = re.findall(r".{0,40}(?:\$|\\\(|\\\[|\\begin\{).{0,40}", prose)
    assert not raw, f"maths left untypeset in {page.url}: {raw[:5]}"
    assert found["maths_errors"] == 0, f"MathJax could not typeset some maths in {page.url}"
    broken = [image for image in found["images"]
              if not (image["complete"] and image["width"] > 0)]
    assert not broken, f"figures that did not load in {page.url}: {broken}"
    return found


# --- the HTML itself ------------------------------------------------------------


class LoadedResources(html.parser.HTMLParser):
    """Addresses a page loads by itself: scripts, styles, icons, images, frames."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        names = {"script": ["src"], "link": ["href"], "img": ["src", "srcset"],
                 "iframe": ["src"], "source": ["src", "srcset"], "video": ["src", "poster"],
                 "audio": ["src"], "embed": ["src"], "object": ["data"]}.get(tag, [])
        self.urls += [attrs[name] for name in names if attrs.get(name)]
        if attrs.get("data-jupyter-widgets-cdn"):
            self.urls.append(attrs["data-jupyter-widgets-cdn"])


def is_external(url: str) -> bool:
    url = url.strip()
    if url.startswith("//"):
        return True
    return bool(re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*://", url)) and not url.startswith("file://")


def test_no_page_refers_to_another_host_for_scripts_or_styles(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= len(LESSONS) + 1
    external = {}
    for page in pages:
        parser = LoadedResources()
        parser.feed(page.read_text(encoding="utf-8"))
        bad = [url for url in parser.urls if is_external(url)]
        if bad:
            external[str(page.relative_to(site))] = bad
    for sheet in site.rglob("*.css"):
        bad = [url for url in re.findall(r"(?:url\(|@import)\s*['\"]?([^'\")\s]+)",
                                         sheet.read_text(encoding="utf-8", errors="replace"))
               if is_external(url)]
        if bad:
            external[str(sheet.relative_to(site))] = bad
    assert not external, f"the site loads files from other hosts: {external}"


def test_site_serves_its_own_mathjax_and_widget_embedder(site):
    assert (site / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert any((site / "_static" / "mathjax" / "output" / "chtml" / "fonts").rglob("*.woff"))
    assert (site / "_static" / "widgets" / "embed-amd.js").is_file()
    assert (site / "_static" / "widgets" / "require.js").is_file()
    lesson = (site / "lessons" / f"{LESSONS[0]}.html").read_text(encoding="utf-8")
    assert '_static/mathjax/tex-chtml.js' in lesson


def test_index_lists_every_lesson_in_order(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    positions = [index.find(f'href="lessons/{name}.html"') for name in LESSONS]
    assert -1 not in positions, f"lessons missing from the index page: {positions}"
    assert positions == sorted(positions)


# --- in the browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(site, serve) -> str:
    return serve(site)


def lesson_notebook(lesson: str) -> dict:
    return json.loads((ROOT / "lessons" / f"{lesson}.ipynb").read_text(encoding="utf-8"))


def stored_figures(lesson: str) -> int:
    """How many figures (image outputs) the lesson notebook stores."""
    return sum(1 for cell in lesson_notebook(lesson)["cells"] for output in cell.get("outputs", [])
               if any(kind.startswith("image/") for kind in output.get("data", {})))


def stores_widget_state(lesson: str) -> bool:
    widgets = lesson_notebook(lesson).get("metadata", {}).get("widgets", {})
    return bool(widgets.get("application/vnd.jupyter.widget-state+json", {}).get("state"))


@pytest.mark.parametrize("name", ["index", *(f"lessons/{lesson}" for lesson in LESSONS)])
def test_page_shows_maths_and_figures_and_loads_nothing_from_outside(name, site_url, visit,
                                                                    build_site):
    opened = visit((site_url,))
    page = opened.open(f"{site_url}{name}.html")
    found = check_page(page)
    alts = check_alts(page, name)
    print(f"{name}: {found['maths']} typeset formulas, {len(found['images'])} figures, "
          f"{len(alts)} with text alternatives")
    if name == "index":
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    else:
        lesson = name.split("/", 1)[1]
        expected = stored_figures(lesson)
        assert found["maths"] > 0, f"no typeset maths in {name}"
        formulas, readable = page.evaluate(ASSISTIVE_MML)
        assert readable == formulas, f"{name}: {formulas - readable} formulas lack assistive MathML"
        page.wait_for_function(SPEECH, timeout=30000)
        assert expected > 0, (f"{lesson}.ipynb stores no figure: are its outputs stored? "
                              f"(python3 course.py execute lessons/{lesson}.ipynb)")
        assert len(found["images"]) >= expected, (
            f"{name} shows {len(found['images'])} figures, its notebook stores {expected}")
        if stores_widget_state(lesson):  # drawn by the site's own widget embedder
            page.wait_for_selector(".jupyter-widgets", timeout=20000)
            page.wait_for_load_state("networkidle")
        if lesson == LESSONS[0]:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.locator("mjx-container[display='true']").first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / "lesson.png"))
    findings = check_accessibility(page, build_site.axe_script(), name)
    print(f"{name}: axe-core, moderate or minor: {[(f['id'], f['impact']) for f in findings]}")
    assert not opened.external, f"requests to other hosts: {opened.external}"
    assert not opened.failed, f"requests that failed: {opened.failed}"
    assert not opened.errors, f"JavaScript errors: {opened.errors}"


@pytest.mark.parametrize("exercise", EXERCISES)
def test_exercise_page_passes_axe_core(exercise, site_url, visit, build_site):
    opened = visit((site_url,))
    page = opened.open(f"{site_url}exercises/{exercise}.html")
    check_page(page)
    check_alts(page, exercise)
    check_accessibility(page, build_site.axe_script(), f"exercises/{exercise}")
    assert not opened.external and not opened.failed and not opened.errors


def test_lesson_works_when_opened_as_a_file(site, visit):
    """Students may simply double-click index.html: no web server at all."""
    opened = visit(("file://",))
    page = opened.open((site / "lessons" / f"{LESSONS[0]}.html").as_uri())
    found = check_page(page)
    assert found["maths"] > 0 and found["images"]
    assert not opened.external, f"requests to other hosts: {opened.external}"
    assert not opened.failed, f"requests that failed: {opened.failed}"
    assert not opened.errors, f"JavaScript errors: {opened.errors}"


@pytest.mark.skipif(not LESSONS_WITH_WIDGETS, reason="no lesson shows a widget")
def test_every_widget_comes_with_a_note(site):
    for name in LESSONS_WITH_WIDGETS:
        text = (site / "lessons" / f"{name}.html").read_text(encoding="utf-8")
        assert 'class="widget-note"' in text, name
        assert "VBox(children=" not in text, name


def test_stored_widget_state_renders_from_the_site_itself(build_site, tmp_path, serve, visit):
    """A notebook that stores widget state gets the site's own embedder, not a CDN's."""
    import ipywidgets
    import nbformat
    from ipywidgets.embed import embed_data

    slider = ipywidgets.IntSlider(value=7, min=0, max=10, description="kernel size")
    data = embed_data(views=[slider])
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    notebook.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": data["manager_state"]}
    cell = nbformat.v4.new_code_cell("slider")
    cell.outputs = [nbformat.v4.new_output(
        "display_data", data={"application/vnd.jupyter.widget-view+json": data["view_specs"][0],
                              "text/plain": "IntSlider(value=7)"})]
    notebook.cells = [nbformat.v4.new_markdown_cell("# A widget\n\nMaths: $k = 7$."), cell]

    root = tmp_path / "course"
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "lessons").mkdir()
    (root / "lessons" / "01_widget.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    build_site.build(tmp_path / "out", tmp_path / "work", root=root, exercises=False,
                     strict=True, quiet=True)

    html = (tmp_path / "out" / "lessons" / "01_widget.html").read_text(encoding="utf-8")
    assert "_static/widgets/embed-amd.js" in html and "_static/widgets/require.js" in html
    base = serve(tmp_path / "out")
    opened = visit((base,))
    page = opened.open(f"{base}lessons/01_widget.html")
    page.wait_for_selector(".widget-slider, .jupyter-widgets .widget-readout", timeout=20000)
    page.wait_for_load_state("networkidle")
    assert "kernel size" in page.inner_text("article")
    assert page.locator(".widget-readout").first.inner_text().strip() == "7"
    assert page.locator(".widget-note").count() == 1  # it says the controls do not respond
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "widget.png"))
    assert not opened.external, f"requests to other hosts: {opened.external}"
    assert not opened.failed, f"requests that failed: {opened.failed}"
    assert not opened.errors, f"JavaScript errors: {opened.errors}"
