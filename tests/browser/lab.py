"""A throwaway JupyterLab server for the browser tests: start, wait, ask, stop.

The server runs on 127.0.0.1 on a free port, without token or password, on a
temporary copy of the lessons (so that nothing the browser does can touch the
repository), with its own settings, workspaces, runtime and IPython folders,
and with every feature that would reach the network switched off.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import nbformat

#: JupyterLab settings for the test server, keyed by plugin id.
LAB_SETTINGS = {
    # Every cell stays attached to the page, so that a cell's index in the
    # notebook is its index in the DOM and its controls can be reached.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    # No news feed, no update check: the machine has no network.
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false",
                                                      "checkForUpdates": False},
    # The temporary copy is never written back, not even there.
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}

STARTUP_TIMEOUT = 90.0  # seconds for the server to answer its HTTP API


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def copy_without_outputs(source: Path, target: Path) -> None:
    """Copy a notebook with its outputs and execution counts removed.

    Every output the browser shows afterwards then comes from this run, and a
    stored widget view (which has no live model) cannot be mistaken for one.
    """
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, target)


class LabServer:
    """One JupyterLab process; ``start()`` returns once its HTTP API answers."""

    def __init__(self, workdir: Path, notebooks: list[Path]):
        self.workdir = workdir
        self.root = workdir / "root"
        self.log_path = workdir / "jupyterlab.log"
        self.notebooks = notebooks
        self.port = 0
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    # -- life cycle -----------------------------------------------------------

    def start(self) -> LabServer:
        self.root.mkdir(parents=True)
        for notebook in self.notebooks:
            copy_without_outputs(notebook, self.root / notebook.name)
        settings = self.workdir / "settings"
        for plugin, values in LAB_SETTINGS.items():
            package, name = plugin.rsplit("/", 1)
            folder = settings / package
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{name}.jupyterlab-settings").write_text(json.dumps(values))
        folders = {name: self.workdir / name for name in
                   ("config", "data", "runtime", "ipython", "workspaces")}
        for folder in folders.values():
            folder.mkdir()
        env = dict(os.environ,
                   JUPYTER_CONFIG_DIR=str(folders["config"]),
                   JUPYTER_RUNTIME_DIR=str(folders["runtime"]),
                   IPYTHONDIR=str(folders["ipython"]),
                   JUPYTER_DATA_DIR=str(folders["data"]),
                   PYTHONNOUSERSITE="1",
                   MPLBACKEND="module://matplotlib_inline.backend_inline")
        self.port = free_port()
        command = [
            sys.executable, "-m", "jupyter", "lab",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.open_browser=False",
            f"--ServerApp.root_dir={self.root}",
            "--ServerApp.disable_check_xsrf=True",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.news_url=None",
            "--LabApp.extension_manager=readonly",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={folders['workspaces']}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")  # Jupyter refuses to run as root without it
        self._log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(command, cwd=self.root, env=env, stdin=subprocess.DEVNULL,
                                        stdout=self._log, stderr=subprocess.STDOUT)
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.process.returncode} "
                                   f"before answering; its log ends with:\n{self.log_tail()}")
            try:
                status = self.get("/api/status", timeout=2)
                if "started" in status:
                    return
            except (OSError, urllib.error.URLError, ValueError) as error:
                last_error = error
            time.sleep(0.2)  # polling interval while the server boots
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer {self.url}/api/status within "
                           f"{STARTUP_TIMEOUT:.0f} s (last error: {last_error}); its log ends "
                           f"with:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
                for kernel in self.get("/api/kernels", timeout=5):
                    self.request("DELETE", f"/api/kernels/{kernel['id']}", timeout=10)
            self.process.terminate()  # SIGTERM: Jupyter stops its kernels and exits
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    # -- HTTP API -------------------------------------------------------------

    def request(self, method: str, path: str, timeout: float = 10):
        request = urllib.request.Request(self.url + path, method=method)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body else None

    def get(self, path: str, timeout: float = 10):
        return self.request("GET", path, timeout=timeout)

    def kernel_for(self, notebook_name: str) -> dict | None:
        """The kernel model (id, execution_state, ...) of the session of a notebook."""
        for session in self.get("/api/sessions"):
            if Path(session.get("path", "")).name == notebook_name and session.get("kernel"):
                return self.get(f"/api/kernels/{session['kernel']['id']}")
        return None

    def shut_down_kernel_of(self, notebook_name: str) -> None:
        with contextlib.suppress(OSError, urllib.error.URLError, ValueError):
            for session in self.get("/api/sessions"):
                if Path(session.get("path", "")).name == notebook_name:
                    self.request("DELETE", f"/api/sessions/{session['id']}", timeout=15)

    # -- log ------------------------------------------------------------------

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return "(no log)"
        return "\n".join(self.log_path.read_text("utf-8", "replace").splitlines()[-lines:])

