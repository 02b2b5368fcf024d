"""Shared plumbing of the explorers."""

from __future__ import annotations

import ipywidgets as widgets
from IPython import get_ipython


def _clear(output: widgets.Output, wait: bool = True) -> None:
    """Empty an Output widget; without a kernel (tests, scripts) just drop its outputs.

    ``wait=True`` keeps the old output until the next one arrives (no
    flicker); pass ``wait=False`` when nothing will be drawn, or the old
    figure would stay on screen.
    """
    if get_ipython() is None:
        output.outputs = ()
    else:
        output.clear_output(wait=wait)
