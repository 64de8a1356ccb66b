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

from rich.rule import Rule
from rich.text import Text

from peermap.core.errors import EndOfInput
from peermap.core.review import FocusStatus, ReviewSummary
from peermap.core.text import neutral
from peermap.render.console import TIE_STYLE, PeermapConsole, print_blocks, safe
from peermap.render.layout import Line, Para, Span, lay_out, width

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

    def _print(self) -> None:
        """A blank line."""
        self.console.print(width=self.width)

    # --- UI -------------------------------------------------------------------------

    def _para(self, *parts: Span, hang: int | None = None) -> None:
        print_blocks(self.console, [Para(list(parts), hang=hang)], self.width)

    def say(self, kind: str, text: str = "", detail: str = "") -> None:
        """One line of the conversation; it wraps under its own text, and what it says is
        shown as it is (no markup, no emoji codes)."""
        t, d = neutral(text), neutral(detail)
        if kind == "step":
            self._print()
            title = f"{d} · {t}" if d else t
            self.console.print(Rule(Text(title, style="bold"), align="left", style="cyan"),
                               width=self.width)
        elif kind == "intro":
            self._para(Span("  " + t), hang=2)
        elif kind == "progress":
            self._print()
            self._para(Span(t, "dim"))
        elif kind == "question":
            self._para(Span(t, "bold"), Span(f" {d}" if d else "", "dim"))
        elif kind == "define":
            self._para(Span("  "), Span(f"{t:<12}", TIE_STYLE.get(text, "")), Span(" "),
                       Span(d), hang=15)
        elif kind == "peer":
            self._para(Span(t, "bold", keep=True), Span("  "), Span(d, "dim"), hang=2)
        elif kind == "default":
            self._para(Span("  "), Span(d, "bold"), Span(" "), Span(t), hang=width(d) + 3)
        elif kind == "item":
            self._para(Span("  "), Span(t, "bold"), hang=4)
            if d:
                self._para(Span("      "), Span(d, "dim"), hang=6)
        elif kind == "tip":
            number, _, rest = t.partition(" ")
            self._para(Span(f"  {number} "), Span(rest), Span(f" ({d})" if d else "", "dim"),
                       hang=width(number) + 3)
        elif kind == "command":
            self._para(Span("  "), Span(f"{t:<24}", "bold"), Span(" "), Span(d), hang=27)
        elif kind == "ok":
            self._para(Span("  "), Span("✓", "green"), Span(" " + t), hang=4)
        elif kind == "warn":
            self._para(Span("  "), Span("!", "yellow"), Span(" " + t), hang=4)
        elif kind == "heading":
            self._print()
            self._para(Span(t, "bold"))
        elif kind == "note":
            self._para(Span("  "), Span(t, "dim"), hang=4)
        else:  # leading spaces are the text's indent: its later lines go two further in
            self._para(Span(t))

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
        question = [Span(indent), Span(neutral(prompt.strip()), "cyan")]
        if hint and len(indent) + len(prompt.strip()) + len(hint) + 6 > self.width - 16:
            # A long hint goes on a line of its own under the question, and the answer
            # follows it: the question is read first, then how to answer it.
            print_blocks(self.console, [Para(question)], self.width)
            question, hint_span = [Span(indent + "  "), Span(neutral(hint), "dim")], Span("")
        # A prompt longer than the terminal wraps under its own text, never at column 0.
        lines = lay_out([Para([*question, hint_span, Span(" "), Span("›", "cyan")])],
                        self.width)
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
