#!/usr/bin/env python3
"""Build the course as a static website that works offline: ``_site/``.

    python docs/build_site.py                 # build into _site/
    python docs/build_site.py --out DIR       # somewhere else
    python docs/build_site.py --no-exercises  # lessons only
    python docs/build_site.py --clean         # forget the previous build first

Open ``_site/index.html`` in a browser: nothing needs to be installed to read
the course, and no page loads anything from the internet.

What it does:

1. Gathers the site's sources in a work folder (``build/site/src`` by
   default): ``docs/conf.py``, ``docs/index.md`` and ``docs/_static``, the
   lessons (``lessons/*.ipynb``), the exercises (``exercises/*.ipynb``) and
   an overview of both for the index page, made from the notebooks' titles.
2. Copies the JavaScript that pages need into the site's ``_static``: MathJax 3
   and the Jupyter widget embedder (with require.js). They come from the
   npm registry, fetched once with ``npm pack`` into a cache
   (``build/site-assets``) and reused from there, so later builds need no
   network at all.
3. Runs Sphinx with myst-nb on the stored outputs: no notebook is executed.
   The outputs are the ones CI checks against a fresh run.
4. Checks the result: no page may load a script, style, font or image from
   another host.

Widgets need a running Python kernel. A widget output whose state the
notebook stores is drawn as it was, by the site's own copy of the widget
embedder, with a note that it does not respond here; one without stored state
becomes that note alone.
"""

from __future__ import annotations

import argparse
import copy
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "_site"
DEFAULT_WORK = ROOT / "build" / "site"
DEFAULT_ASSET_CACHE = ROOT / "build" / "site-assets"


def asset_cache_folder() -> Path:
    """Where the npm packages the pages load are kept: $CONVLESSONS_SITE_ASSETS, or build/."""
    return Path(os.environ.get("CONVLESSONS_SITE_ASSETS", DEFAULT_ASSET_CACHE))

# npm packages whose files the pages load; exact versions, so that every
# build serves the same scripts. html-manager 1.x renders ipywidgets 8.
NPM_ASSETS = {
    "mathjax": ("mathjax", "3.2.2"),
    "html-manager": ("@jupyter-widgets/html-manager", "1.0.15"),
    "requirejs": ("requirejs", "2.3.8"),
}
# Not part of the site: the accessibility test (tests/test_site.py) injects it
# into every page, from the same offline cache (see axe_script).
AXE_CORE = ("axe-core", "4.14.1")

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
WIDGET_NOTE = (
    '<div class="widget-note"><p><strong>Interactive widget.</strong> '
    "It needs a running Python kernel, so this page cannot show it. "
    "To move its controls, run the lesson in JupyterLab: "
    "<code>python3 course.py lab</code>.</p></div>"
)
WIDGET_NOTE_STORED = (
    '<div class="widget-note"><p><strong>Interactive widget</strong>, shown as it was '
    "when the lesson was run. Its controls need a running Python kernel to respond: "
    "run the lesson in JupyterLab, <code>python3 course.py lab</code>.</p></div>"
)


class SiteBuildError(RuntimeError):
    """The site could not be built; the message says why and what to do."""


# --- assets from npm ---------------------------------------------------------


def npm_package(name: str, version: str, cache: Path) -> Path:
    """Return the unpacked folder of the npm package ``name@version``.

    Fetched with ``npm pack`` (the tarball alone, no dependencies) the first
    time, then read from ``cache``.
    """
    dest = cache / f"{name.replace('/', '__').lstrip('@')}-{version}"
    if (dest / "package.json").is_file():
        return dest
    npm = shutil.which("npm")
    if npm is None:
        raise SiteBuildError(
            f"the site serves {name} {version} itself, and it is not in {cache} yet: "
            "fetching it needs npm, which was not found. Install Node.js and npm "
            "(Debian/Ubuntu: apt-get install -y npm) and build again; later builds "
            "reuse the copy and need no network."
        )
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        tmp_path = Path(tmp)
        result = subprocess.run(
            [npm, "pack", f"{name}@{version}", "--pack-destination", str(tmp_path),
             "--silent", "--no-fund", "--no-audit"],
            cwd=tmp_path, capture_output=True, text=True,
        )
        tarballs = list(tmp_path.glob("*.tgz"))
        if result.returncode != 0 or len(tarballs) != 1:
            raise SiteBuildError(
                f"npm could not fetch {name}@{version} (exit {result.returncode}):\n"
                f"{result.stderr.strip()}"
            )
        unpacked = tmp_path / "unpacked"
        with tarfile.open(tarballs[0]) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(unpacked, filter="data")
            else:  # Python < 3.10.12 / 3.11.4
                tar.extractall(unpacked)
        if not (unpacked / "package" / "package.json").is_file():
            raise SiteBuildError(f"unexpected layout in the npm tarball of {name}@{version}")
        if dest.exists():  # a half-finished earlier attempt
            shutil.rmtree(dest, ignore_errors=True)
        try:
            (unpacked / "package").rename(dest)
        except OSError:  # another build unpacked it at the same moment
            if not (dest / "package.json").is_file():
                raise
    return dest


def copy_tree(src: Path, dst: Path, keep=lambda path: True) -> set[Path]:
    """Copy the files of ``src`` that ``keep`` accepts into ``dst``; return them.

    Unchanged files are left alone (same size and modification time), so
    that Sphinx's incremental build stays fast.
    """
    copied = set()
    for path in src.rglob("*"):
        if path.is_dir() or not keep(path.relative_to(src)):
            continue
        target = dst / path.relative_to(src)
        copy_file(path, target)
        copied.add(target)
    return copied


def copy_file(src: Path, dst: Path) -> Path:
    stat = src.stat()
    if dst.is_file():
        old = dst.stat()
        if old.st_size == stat.st_size and int(old.st_mtime) == int(stat.st_mtime):
            return dst
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)
    return dst


def mathjax_file_wanted(relative: Path) -> bool:
    """The parts of MathJax's es5 build that a TeX-to-HTML page can load."""
    name = relative.as_posix()
    if "svg" in name or name.endswith(".map"):
        return False  # the SVG output and its fonts: the site uses CHTML
    if "/" not in name:  # combined components: only the one the site loads
        return name in {"tex-chtml.js", "startup.js", "loader.js", "core.js", "latest.js"}
    return not name.startswith("node-main")


def stage_assets(static: Path, cache: Path) -> set[Path]:
    """Copy MathJax and the widget embedder into the site's ``_static``."""
    packages = {key: npm_package(name, version, cache) for key, (name, version) in
                NPM_ASSETS.items()}
    files = set()
    mathjax = packages["mathjax"]
    files |= copy_tree(mathjax / "es5", static / "mathjax", mathjax_file_wanted)
    files |= copy_licences(mathjax, static / "mathjax", "")

    widgets = static / "widgets"
    dist = packages["html-manager"] / "dist"
    files |= copy_tree(
        dist, widgets,
        lambda rel: rel.name in {"embed-amd.js", "embed.js.LICENSE.txt"}
        or rel.suffix in {".woff", ".woff2", ".ttf", ".eot", ".svg"},
    )
    files |= copy_licences(packages["html-manager"], widgets, ".html-manager")
    requirejs = packages["requirejs"]
    files.add(copy_file(requirejs / "require.js", widgets / "require.js"))
    files |= copy_licences(requirejs, widgets, ".requirejs")
    return files


def axe_script(cache: Path | None = None) -> Path:
    """axe-core's script, from the npm cache, for the accessibility test to inject."""
    return npm_package(*AXE_CORE, cache or asset_cache_folder()) / "axe.min.js"


def copy_licences(package: Path, dst: Path, suffix: str) -> set[Path]:
    """A package's licence files, if its tarball has any (the scripts' headers
    and package.json name the licence in any case)."""
    return {copy_file(path, dst / f"{path.name}{suffix}")
            for path in package.glob("LICEN[CS]E*") if path.is_file()}


# --- sources -----------------------------------------------------------------


def write_if_changed(path: Path, text: str) -> Path:
    if not (path.is_file() and path.read_text(encoding="utf-8") == text):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


def notebook_for_site(notebook: dict) -> dict:
    """The notebook as the site shows it: a note with every widget.

    A widget view whose state the notebook stores is kept (the site's copy of
    the embedder draws it as it was) and followed by a note that it does not
    respond here; one without stored state is replaced by the note.
    """
    state = notebook.get("metadata", {}).get("widgets", {}).get(WIDGET_STATE, {})
    models = set(state.get("state", {}))
    notebook = copy.deepcopy(notebook)
    for cell in notebook.get("cells", []):
        outputs = []
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get(WIDGET_VIEW)
            if view is None:
                outputs.append(output)
            elif view.get("model_id") in models:
                outputs += [output, note_output(WIDGET_NOTE_STORED)]
            else:
                outputs.append(note_output(WIDGET_NOTE))
        if "outputs" in cell:
            cell["outputs"] = outputs
    return notebook


def note_output(html: str) -> dict:
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/html": html, "text/plain": "Interactive widget"}}


def title_and_summary(notebook: dict) -> tuple[str, str]:
    """The first heading of a notebook and the paragraph that follows it."""
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        source = "".join(cell.get("source", ""))
        match = re.search(r"^#\s+(.+)$", source, re.MULTILINE)
        if match is None:
            continue
        rest = source[match.end():].strip()
        paragraph = rest.split("\n\n", 1)[0] if rest else ""
        if paragraph.startswith(("#", "-", "*", "<", "|", "`")):
            paragraph = ""
        return match.group(1).strip(), " ".join(paragraph.split())
    return "", ""


def contents_page(lessons: list[tuple[str, dict]], exercises: list[tuple[str, dict]]) -> str:
    """Markdown for the index page: a summary of each lesson, then the toctrees."""
    lines = []
    for docname, notebook in lessons:
        title, summary = title_and_summary(notebook)
        lines += [f"**[{title or docname}]({docname}.ipynb)**", ""]
        if summary:
            lines += [summary, ""]
    if exercises:
        lines += ["## Exercises", "",
                  "Each exercise notebook goes with the lesson of the same number. Here you "
                  "can read the tasks; to solve them and have the checkers judge your "
                  "answers, open them in JupyterLab.", ""]
        for docname, notebook in exercises:
            title, _ = title_and_summary(notebook)
            lines.append(f"- [{title or docname}]({docname}.ipynb)")
        lines.append("")
    for caption, docs in (("Lessons", lessons), ("Exercises", exercises)):
        if docs:
            lines += ["```{toctree}", ":hidden:", f":caption: {caption}", ""]
            lines += [docname for docname, _ in docs]
            lines += ["```", ""]
    return "\n".join(lines)


def stage_sources(root: Path, src: Path, cache: Path, exercises: bool) -> None:
    """Make ``src`` hold exactly the site's sources, touching unchanged files not."""
    wanted: set[Path] = set()
    # docs/: the configuration, the index page, styles (not this script)
    for path in (root / "docs").rglob("*"):
        relative = path.relative_to(root / "docs")
        if path.is_dir() or relative.parts[0] in {"__pycache__", "_build"} or path.suffix == ".pyc":
            continue
        if relative.as_posix() == "build_site.py":
            continue
        wanted.add(copy_file(path, src / relative))

    groups = {"lessons": [], "exercises": []}
    for group in groups if exercises else ["lessons"]:
        for path in sorted((root / group).glob("*.ipynb")):
            notebook = json.loads(path.read_text(encoding="utf-8"))
            groups[group].append((f"{group}/{path.stem}", notebook))
            text = json.dumps(notebook_for_site(notebook), indent=1, ensure_ascii=False) + "\n"
            wanted.add(write_if_changed(src / group / path.name, text))
    if not groups["lessons"]:
        raise SiteBuildError(f"no lessons found in {root / 'lessons'}")
    wanted.add(write_if_changed(src / "_contents.md",
                                contents_page(groups["lessons"], groups["exercises"])))
    wanted |= stage_assets(src / "_static", cache)

    remove_others(src, wanted)


def remove_others(folder: Path, wanted: set[Path]) -> None:
    """Delete the files of ``folder`` not in ``wanted``, and emptied folders."""
    for path in sorted(folder.rglob("*"), reverse=True):  # files before their folders
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


# --- the offline check -------------------------------------------------------


class _ResourceParser(html.parser.HTMLParser):
    """Collects the addresses a page loads by itself (not the links one follows)."""

    LOADS: ClassVar[dict[str, str]] = {
        "script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src",
        "video": "src", "embed": "src", "object": "data", "input": "src", "track": "src",
    }

    def __init__(self):
        super().__init__()
        self.loaded: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            self.loaded.append((tag, attrs["href"]))
        elif tag in self.LOADS and attrs.get(self.LOADS[tag]):
            self.loaded.append((tag, attrs[self.LOADS[tag]]))
        for name in ("data-jupyter-widgets-cdn", "srcset", "poster"):
            if attrs.get(name):
                self.loaded.append((f"{tag}[{name}]", attrs[name]))
        if attrs.get("style"):
            self.loaded += [(f"{tag}[style]", url) for url in css_urls(attrs["style"])]

    def handle_data(self, data):
        if self.lasttag == "style":
            self.loaded += [("style", url) for url in css_urls(data)]


def css_urls(css: str) -> list[str]:
    found = re.findall(r"url\(\s*['\"]?([^'\")\s]+)", css)
    found += re.findall(r"@import\s+['\"]([^'\"]+)", css)
    return found


def is_external(url: str) -> bool:
    """True for an address on another host (http(s), protocol-relative, ...)."""
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    return scheme not in ("", "data", "blob", "about", "file", "javascript", "mailto")


def external_resources(site: Path) -> list[str]:
    """Every script, style, font, image... of ``site`` that would come from outside."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        if "_static" in page.relative_to(site).parts:
            continue  # the widget embedder's own licence pages etc.
        parser = _ResourceParser()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        problems += [f"{page.relative_to(site)}: <{tag}> {url}"
                     for tag, url in parser.loaded if is_external(url)]
    for sheet in sorted(site.rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        problems += [f"{sheet.relative_to(site)}: url({url})"
                     for url in css_urls(text) if is_external(url)]
    return problems


# --- building ----------------------------------------------------------------


def ensure_ours(folder: Path, marker: str, option: str) -> None:
    """Refuse to empty a folder that an earlier build did not make."""
    if folder.exists() and any(folder.iterdir()) and not (folder / marker).exists():
        raise SiteBuildError(
            f"{folder} is not empty and does not look like an earlier build's "
            f"(no {marker}): the build would delete its files. Choose another {option}."
        )


def build(out: Path = DEFAULT_OUT, work: Path = DEFAULT_WORK, *, root: Path = ROOT,
          asset_cache: Path | None = None, exercises: bool = True,
          clean: bool = False, strict: bool = False, quiet: bool = False) -> Path:
    """Build the site into ``out`` and return the path of its index page."""
    out, work = Path(out).resolve(), Path(work).resolve()
    ensure_ours(out, ".buildinfo", "--out")
    ensure_ours(work, "src", "--work")
    if clean:
        for folder in (out, work):
            if folder.exists():
                shutil.rmtree(folder)
    src = work / "src"
    asset_cache = asset_cache_folder() if asset_cache is None else Path(asset_cache)
    stage_sources(Path(root), src, asset_cache, exercises)

    # Sphinx writes into the work folder: myst-nb puts its own files beside
    # the output folder (in its parent), which must not be the repository.
    html = work / "html"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-d", str(work / "doctrees"),
               str(src), str(html)]
    if quiet:
        command.insert(3, "-q")
    if strict:
        command[3:3] = ["-W", "--keep-going"]
    env = dict(os.environ, PYTHONNOUSERSITE="1")
    result = subprocess.run(command, env=env)
    if result.returncode != 0:
        raise SiteBuildError(f"Sphinx failed (exit {result.returncode}); see its messages above")
    site_files = copy_tree(html, out, lambda rel: rel.parts[0] != ".doctrees")
    # The download button offers each page's notebook: the original one, not
    # the copy whose widget outputs were replaced by a note.
    for group in ("lessons", "exercises"):
        for staged in (src / group).glob("*.ipynb"):
            if (out / "_sources" / group / staged.name).is_file():
                site_files.add(copy_file(Path(root) / group / staged.name,
                                         out / "_sources" / group / staged.name))
    remove_others(out, site_files)

    problems = external_resources(out)
    if problems:
        raise SiteBuildError(
            "the site would load files from other hosts, but it must work offline:\n  "
            + "\n  ".join(problems[:20])
        )
    return out / "index.html"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where the site goes (default: _site/)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="staged sources and Sphinx's cache (default: build/site/)")
    parser.add_argument("--assets", type=Path, default=None,
                        help="cache of the npm packages the pages load "
                             "(default: build/site-assets/, or $CONVLESSONS_SITE_ASSETS)")
    parser.add_argument("--no-exercises", action="store_true",
                        help="leave the exercise notebooks out")
    parser.add_argument("--clean", action="store_true",
                        help="start from scratch instead of updating the last build")
    parser.add_argument("--strict", action="store_true", help="fail on Sphinx warnings")
    parser.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    args = parser.parse_args(argv)
    try:
        import myst_nb  # noqa: F401
        import sphinx  # noqa: F401
    except ImportError as error:
        print(f"building the site needs Sphinx and myst-nb ({error}): "
              'pip install "sphinx>=7" "myst-nb>=1.1" "sphinx-book-theme>=1.1"',
              file=sys.stderr)
        return 2
    start = time.perf_counter()
    try:
        index = build(args.out, args.work, asset_cache=args.assets,
                      exercises=not args.no_exercises, clean=args.clean,
                      strict=args.strict, quiet=args.quiet)
    except SiteBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"site built in {time.perf_counter() - start:.1f} s: open {index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
