"""Python's cyclic collector paused while a command builds its long-lived objects.

`agora index` and `agora publish` read a whole knowledge base into memory (at 200,000 units,
millions of models, links and strings) and keep it to the end. Each full collection scans all
of them again, and the collector runs one whenever a quarter more objects have been made: on
`agora index` at 200,000 units that was 5 to 10 s of a minute. These objects hold no reference
cycles, so nothing is lost by not looking for any until the command is done."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
