"""The terminal front end of every flow (walkthrough, review): how each kind of line looks,
and how answers are read.

The whole conversation goes to stderr, so stdout never mixes prompts into data. With a
terminal on stdin answers are read with line editing; without one (a pipe, a file) they
are read line by line and echoed after their prompt, so a log of the run reads like the
conversation it was. Colour follows Rich: NO_COLOR or a stderr that is not a terminal
turns it off.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from rich.console import RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from peermap.core.errors import EndOfInput
from peermap.core.review import FocusStatus, ReviewSummary
from peermap.core.text import neutral
from peermap.render.console import TIE_STYLE, PeermapConsole, print_blocks, safe
from peermap.render.layout import Line, Para, Span, lay_out

_ANSI = re.compile(r"(\x1b\[[0-9;]*m)")
SAVED = "Your answers so far are saved. Run `peermap map` to pick up where you left off."


def _text(line: Line) -> Text:
    text = Text()
    for span in line:
        text.append(span.text, style=span.style or None)
    return text


class TerminalUI:
    """The `UI` of peermap.flows.ui for a real terminal or a pipe (structurally: render
    imports core only)."""

    def __init__(self, interactive: bool | None = None):
        from peermap.render import current

        self.interactive = sys.stdin.isatty() if interactive is None else interactive
        run = current.get()  # the run's width ($PEERMAP_WIDTH, read once by peermap.run)
        # Into a pipe or a log, lines carry no padding out to the width.
        self.console = PeermapConsole(stderr=True, width=run.width if run is not None else None)
        # Line editing (arrow keys, history) when both ends are a terminal. readline must
        # be given the prompt itself: a prompt it does not know about confuses its cursor
        # (an empty answer would not even end the line). Python only uses readline when
        # stdout is a terminal too, so the prompt never lands in redirected output.
        self.readline = False
        if self.interactive and sys.stdout.isatty():
            try:
                import readline  # noqa: F401

                self.readline = True
            except ImportError:
                pass

    @property
    def width(self) -> int:
        return min(self.console.width, 100)

    def _print(self, markup: RenderableType = "", indent: int = 0, **kw: Any) -> None:
        if indent:
            padded = Padding(markup, (0, 0, 0, indent), expand=False)
            self.console.print(padded, width=self.width, **kw)
        else:
            self.console.print(markup, width=self.width, **kw)

    # --- UI -------------------------------------------------------------------------

    def _row(self, left: str, right: str, indent: int = 0, left_width: int = 0,
             gap: int = 1) -> None:
        """Two columns with a hanging indent: `right` wraps under itself, not under `left`."""
        grid = Table.grid(padding=(0, gap, 0, 0))
        grid.add_column(no_wrap=True, min_width=left_width)
        grid.add_column(ratio=1)
        grid.add_row(left, right)
        self._print(grid, indent=indent)

    def say(self, kind: str, text: str = "", detail: str = "") -> None:
        t, d = safe(text), safe(detail)
        if kind == "step":
            self._print()
            title = f"{d} · {t}" if d else t
            self.console.print(Rule(f"[bold]{title}[/]", align="left", style="cyan"),
                               width=self.width)
        elif kind == "intro":
            self._print(t, indent=2)
        elif kind == "progress":
            self._print()
            self._print(f"[dim]{t}[/]")
        elif kind == "question":
            self._print(f"[bold]{t}[/]" + (f" [dim]{d}[/]" if d else ""))
        elif kind == "define":
            self._row(f"[{TIE_STYLE.get(text, 'default')}]{t}[/]", d, indent=2, left_width=12)
        elif kind == "peer":
            self._row(f"[bold]{t}[/]", f"[dim]{d}[/]", gap=2)
        elif kind == "default":
            self._row(f"[bold]{d}[/]", t, indent=2)
        elif kind == "item":
            self._print(f"[bold]{t}[/]", indent=2)
            if d:
                self._print(f"[dim]{d}[/]", indent=6)
        elif kind == "tip":
            number, _, rest = t.partition(" ")
            self._row(number, rest + (f" [dim]({d})[/]" if d else ""), indent=2)
        elif kind == "command":
            self._row(f"[bold]{t}[/]", d, indent=2, left_width=24)
        elif kind == "ok":
            self._row("[green]✓[/]", t, indent=2)
        elif kind == "warn":
            self._row("[yellow]![/]", t, indent=2)
        elif kind == "heading":
            self._print()
            self._print(f"[bold]{t}[/]")
        elif kind == "note":
            self._print(f"[dim]{t}[/]", indent=2)
        else:  # leading spaces are the text's indent: its later lines keep it
            body = t.lstrip(" ")
            self._print(body, indent=len(t) - len(body))

    def show(self, data: ReviewSummary | FocusStatus) -> None:
        """A whole record: a review's look-back or one focus peer's status."""
        from peermap.render import ritual

        if isinstance(data, ReviewSummary):
            ritual.summary(data, self.console, width=self.width)
        else:
            self._print()
            print_blocks(self.console, ritual.focus_line(data, data.today), self.width)

    def ask(self, prompt: str, hint: str = "") -> str:
        """One answer. EndOfInput at end of input; Ctrl-C raises KeyboardInterrupt."""
        indent = " " * (len(prompt) - len(prompt.lstrip()) + 2)
        hint_span = Span(f" ({neutral(hint)})", "dim") if hint else Span("")
        if hint and len(indent) + len(prompt.strip()) + len(hint) + 6 > self.width - 16:
            # A long hint gets a line of its own, so the answer has room on the next.
            print_blocks(self.console, [Para([Span(indent), Span(neutral(hint), "dim")])],
                         self.width)
            hint_span = Span("")
        # A prompt longer than the terminal wraps under its own text, never at column 0.
        lines = lay_out([Para([Span(indent), Span(neutral(prompt.strip()), "cyan"),
                               hint_span, Span(" "), Span("›", "cyan")])], self.width)
        for part in lines[:-1]:
            self.console.print(_text(part), soft_wrap=True)
        markup = _text(lines[-1])
        markup.append(" ")
        try:
            if self.readline:
                answer = input(self._readline_prompt(markup))
            elif self.interactive:
                self.console.print(markup, end="")
                self.console.file.flush()
                answer = input()
            else:
                self.console.print(markup, end="")
                line = sys.stdin.readline()
                if not line:
                    raise EOFError
                answer = line.rstrip("\r\n")
                self.console.print(safe(answer))
        except (EOFError, OSError):
            self.console.print()
            raise EndOfInput from None
        return answer

    def _readline_prompt(self, markup: Text) -> str:
        """The prompt as the terminal shows it, colour codes marked as zero-width."""
        with self.console.capture() as captured:
            self.console.print(markup, end="")
        return _ANSI.sub("\x01\\1\x02", captured.get())

    def interrupted(self, text: str = SAVED) -> None:
        """Ctrl-C: end the prompt's line and say, in one line, that nothing was lost."""
        self.console.print()
        self.console.print(safe(text))
