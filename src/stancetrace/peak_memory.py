"""A process's peak resident memory, measured so that a child does not inherit its parent's.

On Linux `getrusage().ru_maxrss` survives fork + exec: a subprocess started by a pytest
run holding 1 GiB reports at least 1 GiB before it has done anything. The kernel's
high-water mark (`VmHWM`) can be reset by writing "5" to /proc/self/clear_refs, so a
measurement that starts with `reset_peak()` counts only what this process touched since.
Other systems fall back to ru_maxrss (KiB on Linux, bytes on macOS).
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path

CLEAR_REFS = Path("/proc/self/clear_refs")
STATUS = Path("/proc/self/status")
RESET_HIGH_WATER_MARK = "5"


def reset_peak() -> bool:
    """Start the peak afresh from the current resident size; False where the OS cannot."""
    try:
        CLEAR_REFS.write_text(RESET_HIGH_WATER_MARK)
    except OSError:
        return False
    return True


def peak_resident_bytes() -> int:
    """Peak resident memory since the process started, or since the last `reset_peak()`."""
    try:
        for line in STATUS.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
