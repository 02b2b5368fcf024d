"""Peak memory of one call, each side in a fresh process, by the growth of its resident set.

NumPy and PyTorch allocate through different allocators, so neither
tracemalloc nor torch's own counters see both; the operating system's peak
resident set size does. Inputs are made first, then the peak is reset
(``/proc/self/clear_refs``); the peak after the measured call (``VmHWM``)
less the resident size just before it (``VmRSS``) is what the call needed
at its peak beyond its inputs. Linux only. (``ru_maxrss`` would not do: a
child process starts with the peak of the parent that forked it.)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def peak_growth_mib(setup: str, statement: str) -> float:
    """MiB by which ``statement`` (run once after ``setup``) raised the process's peak RSS."""
    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        "import _one_thread\n"
        f"{setup}\n"
        "def status(field):\n"
        "    return int(open('/proc/self/status').read().split(field + ':')[1].split()[0])\n"
        "open('/proc/self/clear_refs', 'w').write('5')\n"
        "before = status('VmRSS')\n"
        f"{statement}\n"
        "after = status('VmHWM')\n"
        "print(json.dumps((after - before) / 1024))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])
