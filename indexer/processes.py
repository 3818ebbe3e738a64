"""Child processes that die with agora: a kill -9 of the parent never leaves a worker or a
site build running without the lock."""

from __future__ import annotations

import contextlib
import signal


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (PR_SET_PDEATHSIG)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not Linux: children may outlive a killed parent
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
