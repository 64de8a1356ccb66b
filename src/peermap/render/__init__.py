"""The only Rich importer: renders data; user text is escaped here.

`current` holds the run in progress (set by the app for the length of one invocation), so
that a renderer not yet handed the run's Screen still prints at the run's width. It is a
context variable, reset when the invocation ends; importing this package loads no Rich.
"""

from contextvars import ContextVar
from typing import Any

current: ContextVar[Any] = ContextVar("peermap_run", default=None)
