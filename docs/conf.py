"""Sphinx configuration of the course's offline website.

Do not run ``sphinx-build`` on this folder directly: ``docs/build_site.py``
(``python3 course.py site``) gathers the lessons, the exercises and the
JavaScript that the pages need (MathJax, the widget embedder) into one source
folder beside this file's copy, then calls Sphinx. Everything a page loads
is served from the site itself; nothing is fetched from the internet, neither
while building nor while reading.
"""

from __future__ import annotations

project = "convlessons: from convolution to convolutional layers"
html_title = "From convolution to convolutional layers"
author = "the convlessons authors"
copyright = "the convlessons authors, MIT licence"

extensions = ["myst_nb"]

root_doc = "index"
# _contents.md (the list of lessons and exercises) is made by the build script
# and included in index.md, not a page of its own.
exclude_patterns = ["_contents.md", "_build", "**.ipynb_checkpoints", "Thumbs.db", ".DS_Store"]
# Markdown pages and notebooks both go through myst-nb.
source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}

# --- notebooks ---------------------------------------------------------------
# The lessons' stored outputs are the real outputs (CI compares them with a
# fresh run), so the site shows them as they are and executes nothing.
nb_execution_mode = "off"
nb_merge_streams = True
# Lessons print their own output; keep stderr visible if a notebook has any,
# instead of failing the build over it.
nb_output_stderr = "show"

# $...$ and $$...$$ maths in the lessons' markdown cells.
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_dmath_double_inline = True
myst_heading_anchors = 3

# --- scripts served from the site itself ------------------------------------
# MathJax 3, copied into _static/mathjax by the build script from the npm
# package. A path relative to html_static_path keeps Sphinx from using its
# default (a CDN address).
mathjax_path = "mathjax/tex-chtml.js"
# Maths a screen reader can read: assistive MathML and MathJax's speech
# explorer, configured in mathjax-config.js (on for a served site; a page
# opened as a file cannot fetch the explorer's speech rules).
mathjax_config_path = "mathjax-config.js"

# The widget embedder: require.js and @jupyter-widgets/html-manager's
# embed-amd.js, copied into _static/widgets (widgets-config.js tells
# require.js so). myst-nb adds them only to pages whose notebook stores widget
# state. ``data-jupyter-widgets-cdn`` is where the embedder would look for
# widget libraries it does not bundle: a relative path, so a notebook using
# such a library (ours use only the standard ipywidgets controls, which the
# embedder bundles) gets a local "not found" instead of a request to a CDN.
nb_ipywidgets_js = {
    "widgets/require.js": {},
    "widgets-config.js": {},
    "widgets/embed-amd.js": {"data-jupyter-widgets-cdn": "_static/widgets/"},
}

# --- HTML --------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_static_path = ["_static"]
# Overrides of theme components (the search button's accessible name).
templates_path = ["_templates"]
html_css_files = ["course.css"]
# After MathJax (Sphinx gives html_js_files a later priority): lets the widget
# embedder, written for MathJax 2, typeset its labels with MathJax 3.
html_js_files = [("widgets-mathjax.js", {"defer": "defer"})]
html_last_updated_fmt = None
html_copy_source = True
html_show_sourcelink = False
html_theme_options = {
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    # No launch buttons (Binder, Colab, ...): they point to other hosts.
    "launch_buttons": {},
    # pydata-sphinx-theme: no icons or analytics from other hosts.
    "icon_links": [],
    "analytics": {},
    "navigation_with_keys": False,
    "show_navbar_depth": 1,
    # The sidebar has the search field; no second one in a header bar.
    "navbar_persistent": [],
}
