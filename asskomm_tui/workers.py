"""``store_work``: the one way screens run store calls, with errors reported in one place.

Textual delivers ``Worker.StateChanged`` to the node that started the worker, not to the app, so a
failing worker on a screen would die silently. This decorator turns every exception into a German
message through ``App.report_error`` instead.
"""

from __future__ import annotations

import functools
from typing import Any, Awaitable, Callable, TypeVar

from textual import work

F = TypeVar("F", bound=Callable[..., Awaitable[Any]])


def store_work(method: F | None = None, *, group: str = "db", exclusive: bool = False) -> Any:
    """Run an async method as a worker whose errors reach the user as a message (never a traceback).

    Loads use ``group="load", exclusive=True`` (a newer load replaces an older one); everything else
    stays in the default group and is never cancelled, because the store thread runs calls in order.
    """
    def decorate(fn: F) -> Any:
        @functools.wraps(fn)
        async def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return await fn(self, *args, **kwargs)
            except Exception as exc:  # the one place: every store error becomes a message
                self.app.report_error(exc)
                return None

        # a fixed description: Textual would otherwise repr() the arguments on the UI thread, which
        # for an import plan is a 26 MB string and freezes the screen for a third of a second
        return work(wrapper, group=group, exclusive=exclusive, exit_on_error=False,
                    description=fn.__qualname__)

    return decorate(method) if method is not None else decorate
