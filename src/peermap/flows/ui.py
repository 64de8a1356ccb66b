"""The one conversation protocol every interactive flow speaks, and the store it writes to.

A flow never touches a terminal: it asks through `UI.ask`, speaks through `UI.say` and
hands whole records (a review's look-back, a focus peer's status) to `UI.show`. Tests
script a UI with a list of answers; the terminal front end is render/wizard.py.

Output policy, the same for every flow: the whole conversation (prompts, echoed piped
answers, everything said and shown) goes to stderr, so stdout never mixes prompts into
data. End of input (a closed pipe, Ctrl-D) raises `core.errors.EndOfInput` from `ask`;
the flow stops cleanly, keeping every answer already saved. Ctrl-C raises
KeyboardInterrupt, which the command turns into exit 130 after `interrupted()`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from peermap.core.model import Network
from peermap.core.review import FocusStatus, ReviewSummary
from peermap.core.text import count, join_and

T = TypeVar("T")

Shown = ReviewSummary | FocusStatus


class Talk(Protocol):
    """The part of a UI the short follow-up questions use: ask and say."""

    def ask(self, prompt: str, hint: str = "") -> str: ...

    def say(self, kind: str, text: str = "", detail: str = "") -> None: ...


class UI(Protocol):
    """What a flow needs from a conversation.

    `say(kind, text, detail)` kinds: "step" (text: title, detail: "Step 1 of 4"),
    "intro", "progress", "question" (detail: how to answer), "define" (a word and its
    meaning), "info", "note" (a quiet aside), "ok", "warn", "peer" (a name, detail: what
    we know), "item" (a numbered choice, detail: why), "tip" (a suggestion, detail: its
    principle), "default" (a proposed answer, detail: its label), "heading", "command"
    (a command, detail: what it does). Text is plain: the front end escapes it, so user
    text is never markup.
    """

    def ask(self, prompt: str, hint: str = "") -> str: ...

    def say(self, kind: str, text: str = "", detail: str = "") -> None: ...

    def show(self, data: Shown) -> None: ...


class StoreLike(Protocol):
    """The part of storage.store.Store a flow uses: read, and one short transaction."""

    def load(self) -> Network: ...

    def update(self, change: Callable[[Network], T],
               summary: str | Callable[[T], str]) -> T: ...


def ask_until(ui: UI, prompt: str, hint: str, read: Callable[[str], T | None],
              again: str) -> T:
    """Ask until `read` understands the answer; `again` says what to type instead."""
    while True:
        value = read(ui.ask(prompt, hint))
        if value is not None:
            return value
        ui.say("warn", again)


def ask_numbers(ui: Talk, prompt: str, hint: str, count: int, again: str,
                skip: str | None = None) -> list[int] | None:
    """Numbers from 1 to `count` (Enter: none), asked until they read; `again` is said
    after a bad one, with `{bad}` standing for it. None when the answer is `skip`."""
    from peermap.core.vocab import parse_numbers

    while True:
        answer = ui.ask(prompt, hint)
        if skip is not None and answer.strip() == skip:
            return None
        try:
            return parse_numbers(answer, count)
        except ValueError as e:
            ui.say("warn", again.format(bad=e))


# The one wording of counts and lists (core.text), under the names the flows use.
plural = count
and_ = join_and
