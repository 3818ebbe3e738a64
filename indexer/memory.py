"""Memory of long commands: the cyclic collector paused while they build long-lived objects,
and freed memory given back to the system when a model or a large structure is let go.

`agora index` and `agora publish` read a whole knowledge base into memory (at 200,000 units,
millions of models, links and strings) and keep it to the end. Each full collection scans all
of them again, and the collector runs one whenever a quarter more objects have been made: on
`agora index` at 200,000 units that was 5 to 10 s of a minute. These objects hold no reference
cycles, so nothing is lost by not looking for any until the command is done."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager, suppress

RELEASE_MIN = 20_000  # units from which a step lets each model go once done with it (reloading costs a second)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector inside the block (nested blocks keep it paused)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def give_back() -> None:
    """Have the C allocator return its free pages to the system. Without it, what a released
    model or a parsed file held stays in the process: of the 160 MB of the stance and key point
    sessions, glibc kept 140 after they were let go. Objects in reference cycles must be
    collected first (by the caller: a full collection takes 0.2-0.5 s at 130,000 units).
    Elsewhere than glibc, nothing is done."""
    import ctypes

    with suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
