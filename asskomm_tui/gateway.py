"""The one door from the UI to the store: every call runs on a single background thread.

TinyDB is not thread-safe, and a save must never be cancelled half-way, so instead of cancelling
workers the gateway queues every call on one dedicated thread, in order. The event loop only awaits.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any, Callable, TypeVar

from storage import Repositories, Store

T = TypeVar("T")


class StoreGateway:
    """Owns the open store and the thread that talks to it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.store: Store | None = None
        self.repos: Repositories | None = None
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="asskomm-store")

    async def call(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run ``fn(*args, **kwargs)`` on the store thread and return its result (or raise its error)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(fn, *args, **kwargs))

    def open(self) -> Repositories:
        """Open the store (on the store thread: call through ``call``)."""
        self.store = Store.open(self.path)
        self.repos = Repositories(self.store)
        return self.repos

    def close(self) -> None:
        """Close the store after every queued call has finished."""
        def _close() -> None:
            if self.store is not None:
                self.store.close()

        self._executor.submit(_close).result()
        self._executor.shutdown(wait=True)
