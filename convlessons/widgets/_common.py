"""Shared plumbing of the explorers."""

from __future__ import annotations

import ipywidgets as widgets
from IPython import get_ipython


def _clear(output: widgets.Output) -> None:
    """Empty an Output widget; without a kernel (tests, scripts) just drop its outputs."""
    if get_ipython() is None:
        output.outputs = ()
    else:
        output.clear_output(wait=True)
