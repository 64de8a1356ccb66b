"""Terminal rendering: render/ is the one package that imports Rich.

Everything a user typed reaches Rich through `safe()`, so markup in a name is shown
literally and control characters cannot reach the terminal. JSON and CSV never come
here: they go straight to stdout.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from peermap.core.model import Network, Peer, Tie  # noqa: F401 (re-exported)
from peermap.core.model import neutral as neutral  # re-exported for the app
from peermap.core.text import ago as ago  # re-exported for the renderers
from peermap.render.layout import Block, lay_out
from peermap.render.screens import TIE_STYLE as TIE_STYLE  # one table of tie colours


def safe(text: object, *, multiline: bool = False) -> str:
    """User text ready for Rich: neutralised, then markup escaped.

    A trailing backslash is doubled by escaping (so it cannot escape a tag that follows);
    an empty tag after it makes it read as one backslash wherever the text ends up.
    """
    t = neutral(text, multiline=multiline)
    body = t.rstrip("\\")
    n = len(t) - len(body)
    return escape(body) + ("\\" * (2 * n) + "[dim][/dim]" if n else "")


# Output to a pipe or a file is laid out this wide: it is never wrapped, and lines lose the
# spaces that pad table cells, so `peermap list | grep` and pasted commands stay whole.
UNWRAPPED = 10_000


class _Stripped:
    """A stream whose lines lose their trailing spaces (the padding of table cells) as
    they are written; a prompt's space before the answer (no newline yet) stays."""

    def __init__(self, stderr: bool) -> None:
        self.stderr = stderr

    @property
    def stream(self) -> TextIO:
        return sys.stderr if self.stderr else sys.stdout

    def write(self, text: str) -> int:
        lines = text.split("\n")
        self.stream.write("\n".join([line.rstrip(" ") for line in lines[:-1]] + lines[-1:]))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self.stream, "encoding", None) or "utf-8"


class PeermapConsole(Console):
    """Rich's console as peermap prints: no emoji codes or highlighting in anything shown
    (user text is text, docs/output.md), and one way out for a closed pipe."""

    def __init__(self, *, stderr: bool = False, width: int | None = None) -> None:
        super().__init__(stderr=stderr, highlight=False, soft_wrap=False, emoji=False,
                         width=width)
        if not self.is_terminal:  # a pipe or a file: no padding at the end of lines
            self.file = _Stripped(stderr)  # type: ignore[assignment]

    def on_broken_pipe(self) -> None:
        """`peermap show x | head -1`: handed to peermap.run.fail like any other exit, which
        treats a reader that went away as success."""
        self.quiet = True
        raise BrokenPipeError(errno.EPIPE, "the reader closed the pipe")


class Screen:
    """The terminal side of one run: consoles for stdout and stderr at the run's width.

    Built once per invocation by peermap.run.Run (the width comes from $PEERMAP_WIDTH,
    read there). NO_COLOR (honoured by Rich) and a pipe turn colour off; a pipe turns
    wrapping and padding off unless a width was asked for.
    """

    def __init__(self, width: int | None = None):
        self.width_option = width
        self._consoles: dict[bool, PeermapConsole] = {}

    def console(self, stderr: bool = False) -> Console:
        if stderr not in self._consoles:
            c = PeermapConsole(stderr=stderr, width=self.width_option)
            if not c.is_terminal and self.width_option is None:
                c.width = UNWRAPPED
            self._consoles[stderr] = c
        return self._consoles[stderr]

    @property
    def out(self) -> Console:
        return self.console()

    @property
    def width(self) -> int:
        return self.out.width

    def print(self, markup: object = "") -> None:
        """Print peermap's own markup (user text inside must already be safe())."""
        self.out.print(markup)

    def say(self, text: str, *, command: str | None = None, dim: str | None = None,
            stderr: bool = False) -> None:
        """A plain sentence (shown literally), then a command in bold, then a dim aside."""
        line = safe(text)
        if command:
            line += f" [bold]{safe(command)}[/]"
        if dim:
            line += f" [dim]{safe(dim)}[/]"
        self.console(stderr).print(line)

    def blocks(self, blocks: Sequence[Block], stderr: bool = False) -> None:
        print_blocks(self.console(stderr), blocks)

    def lines(self, lines: list[str]) -> None:
        for line in lines:
            self.out.print(safe(line))


def print_blocks(c: Console, blocks: Sequence[Block], width: int | None = None) -> None:
    """A screen built as blocks, laid out at the console's width (or `width`); its text is
    shown exactly (no markup, no emoji codes), in its styles."""
    text = Text()
    for i, line in enumerate(lay_out(blocks, width or c.width)):
        if i:
            text.append("\n")
        for span in line:
            text.append(span.text, style=span.style or None)
    c.print(text, soft_wrap=True)


def console(stderr: bool = False) -> Console:
    """The console of the run in progress, for renderers not yet handed its Screen."""
    from peermap.render import current

    run = current.get()
    screen: Screen = run.screen if run is not None else Screen()
    return screen.console(stderr)


def bullets(screen: Screen, items: list[str], marker: str = "•", indent: int = 2) -> None:
    """Items under a marker with a hanging indent, so wrapped lines stay readable."""
    grid = Table.grid(padding=(0, 1), pad_edge=False)
    grid.add_column(width=indent + len(marker) - 1, justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(marker, item)
    screen.print(grid)





def tie_text(tie: Tie | None) -> str:
    value = tie.value if tie is not None else None
    return f"[{TIE_STYLE[value]}]{value or 'unrated'}[/]"


def progress_bar(total: int, label: str) -> Callable[[int | None], None]:
    """A Rich progress bar on stderr; call it with rows done, and with None to finish."""
    from rich.progress import Progress

    bar = Progress(console=console(stderr=True), transient=True)
    task = bar.add_task(label, total=total)
    bar.start()

    def advance(done: int | None) -> None:
        if done is None:
            bar.stop()
        else:
            bar.update(task, completed=done)

    return advance
