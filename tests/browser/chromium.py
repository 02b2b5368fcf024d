"""The Chromium both browser test sets drive: where it is, how it starts, what to do without it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

#: Arguments for a headless Chromium on a machine without network or GPU, run as root.
CHROMIUM_ARGS = [
    "--no-sandbox",  # Chromium's sandbox cannot start as root (CI machines run as root)
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def chromium_executable() -> str | None:
    """The Chromium to drive: CONVLESSONS_CHROMIUM when set, else Debian's; None if absent."""
    chosen = os.environ.get("CONVLESSONS_CHROMIUM")
    candidates = [chosen] if chosen else ["/usr/bin/chromium", shutil.which("chromium"),
                                          shutil.which("chromium-browser")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def chromium_wanted() -> str:
    """Where a missing Chromium was looked for, for the message that says so."""
    return os.environ.get("CONVLESSONS_CHROMIUM") or "/usr/bin/chromium"


def skip_or_fail_on_ci(reason: str, ci_message: str) -> None:
    """Skip the test for ``reason``; on CI (``$CI`` set) fail with ``ci_message`` instead,
    so that a CI image that lost its browser cannot pass unnoticed."""
    if os.environ.get("CI"):
        pytest.fail(ci_message, pytrace=False)
    pytest.skip(reason)
