"""Peak memory of one call, each side in a fresh process, by the growth of its resident set.

NumPy and PyTorch allocate through different allocators, so neither
tracemalloc nor torch's own counters see both; the operating system's peak
resident set size (``ru_maxrss``) does. Inputs are made first; the peak
after the measured call, less the resident size just before it, is what the
call needed at its peak beyond its inputs (Linux: reads /proc/self/status).
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
        "import resource, json, sys\n"
        f"sys.path.insert(0, {str(HERE)!r})\n"
        "import _one_thread\n"
        f"{setup}\n"
        "status = open('/proc/self/status').read().split('VmRSS:')[1]\n"
        "before = int(status.split()[0])\n"
        f"{statement}\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps((after - before) / 1024))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])
