"""One invocation of peermap: its state, read once at the edge, and its one way out.

`Run` holds what a command needs besides its arguments: the data file, today, the output
width, the lock timeout and whether to show tracebacks. It is built once per invocation
(by the Typer app's callback, or by the fast `remind` path) from the global options and
the environment, which nothing below this module reads. `fail()` is the only place that
turns an exception into a message on stderr and an exit code; both entry paths use it.
This module imports neither Typer nor Rich: the cron path goes through it.
"""

from __future__ import annotations

import codecs
import os
import sys
from datetime import date

from peermap.core.errors import ERROR, INTERRUPTED, OK, PeermapError

# `--version` loads this module, so it imports little: names for type checking only
# (mypy reads any TYPE_CHECKING as true; importing typing for it costs a few ms).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from pathlib import Path
    from typing import Any, TextIO

    from peermap.render.console import Screen
    from peermap.storage.store import Store

# sysexits' EX_SOFTWARE: a bug in peermap, told apart from a user's error (1).
INTERNAL = 70
WIDTH_RANGE = (20, 10_000)
LOCK_TIMEOUT_MAX = 3600.0


class BadInput(PeermapError):
    """Piped answers that are not UTF-8; it interrupts a prompt, so it starts a new line."""


class Run:
    """The state of one invocation; commands read it, nothing changes it."""

    def __init__(self, path: Path, today: date, width: int | None = None,
                 lock_timeout: float = 5.0, debug: bool = False) -> None:
        self.path = path
        self.today = today
        self.width = width
        self.lock_timeout = lock_timeout
        self.debug = debug
        self._store: Store | None = None
        self._screen: Screen | None = None

    @classmethod
    def build(cls, file: str | None = None, today: str | None = None, debug: bool = False,
              environ: Mapping[str, str] | None = None) -> Run:
        """From the global options and the environment; a bad value is a PeermapError."""
        from peermap.storage.store import resolve_path

        env = os.environ if environ is None else environ
        return cls(
            path=resolve_path(file, env),
            today=_today(today, env),
            width=_width(env.get("PEERMAP_WIDTH", "")),
            lock_timeout=_lock_timeout(env.get("PEERMAP_LOCK_TIMEOUT", "")),
            debug=debug or debug_env(env),
        )

    @property
    def store(self) -> Store:
        if self._store is None:
            from peermap.storage.store import Store

            self._store = Store(self.path, warn=warn, lock_timeout=self.lock_timeout)
        return self._store

    def existing_store(self) -> Store:
        """The store, for a command that must not act on a file that is not there (cron)."""
        if not self.store.exists():
            raise PeermapError(
                f"there is no data file at {self.path}. Check the path given by --file or "
                "PEERMAP_FILE (in a crontab too), or create the file with `peermap init`.")
        return self.store

    @property
    def screen(self) -> Screen:
        """The terminal (Rich) side of this run; built on first use, so JSON never pays."""
        if self._screen is None:
            from peermap.render.console import Screen

            self._screen = Screen(width=self.width)
        return self._screen


def debug_env(env: Mapping[str, str]) -> bool:
    return env.get("PEERMAP_DEBUG", "").strip().lower() not in ("", "0", "false", "no")


def _today(option: str | None, env: Mapping[str, str]) -> date:
    """--today wins over $PEERMAP_TODAY over the clock; a relative --today (`+7d`) counts
    from the day peermap would use without it."""
    from peermap.core.dates import parse_any

    base = date.today()
    pinned = env.get("PEERMAP_TODAY", "").strip()
    if pinned:
        try:
            base = date.fromisoformat(pinned) if len(pinned) == 10 else _no_date(pinned)
        except ValueError:
            _no_date(pinned)
    return base if option is None else parse_any(option, base, what="--today")


def _no_date(text: str) -> date:
    raise PeermapError(f"PEERMAP_TODAY={_shown(text)} is not a date: give YYYY-MM-DD, "
                       "or unset it to use the real date.")


def _width(text: str) -> int | None:
    if not text.strip():
        return None
    low, high = WIDTH_RANGE
    if not (text.strip().isascii() and text.strip().isdigit()) or not low <= int(text) <= high:
        raise PeermapError(f"PEERMAP_WIDTH={_shown(text)} is not a usable width: give a "
                           f"number of columns from {low} to {high}, or unset it.")
    return int(text)


def _lock_timeout(text: str) -> float:
    if not text.strip():
        return 5.0
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= LOCK_TIMEOUT_MAX:  # also refuses nan and inf
        raise PeermapError(f"PEERMAP_LOCK_TIMEOUT={_shown(text)} is not a usable timeout: "
                           f"give a number of seconds from 0 to {LOCK_TIMEOUT_MAX:g}, "
                           "or unset it.")
    return seconds


def _shown(text: str) -> str:
    from peermap.core.model import neutral

    return repr(neutral(visible(text)))


def visible(text: str) -> str:
    """Text with undecodable bytes (surrogate escapes) written as \\xNN."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# --- the one way out -------------------------------------------------------------------


def fail(exc: BaseException, debug: bool) -> int:
    """Say what went wrong on stderr and give the exit code; re-raise a bug under --debug."""
    from peermap.core.model import neutral

    if isinstance(exc, BadInput):
        _say("")
    if isinstance(exc, PeermapError):
        # A message may quote a path or a name the user typed: keep escapes out.
        _say(f"peermap: {neutral(visible(exc.message))}")
        return exc.exit_code
    if isinstance(exc, KeyboardInterrupt):
        _say("")  # end the line the ^C was echoed on
        return INTERRUPTED
    if isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError)
                                            and exc.errno == 32):
        quiet_stdout()
        return OK
    if debug:
        raise exc
    _say(f"peermap: internal error ({type(exc).__name__}: {neutral(visible(str(exc)))}). "
         "This is a bug: run the command again with --debug and report the traceback.")
    return INTERNAL


def guarded(body: Callable[[], int | None], debug: bool) -> int:
    """Run `body` with every failure going through `fail`; then flush what it printed."""
    try:
        code = body() or OK
        if sys.stdout is not None:
            sys.stdout.flush()
        return code
    except SystemExit as e:
        if sys.stdout is not None:
            try:
                sys.stdout.flush()
            except BrokenPipeError:
                quiet_stdout()
        return e.code if isinstance(e.code, int) else (OK if e.code is None else ERROR)
    except BaseException as e:  # noqa: B036 (KeyboardInterrupt is an exit code, not a bug)
        return fail(e, debug)


def quiet_stdout() -> None:
    """The reader went away (`peermap list | head -1`): it has what it wanted.

    Output still buffered goes to /dev/null, so the interpreter's last flush is silent.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno() if sys.__stdout__ else 1)
    except (OSError, ValueError):
        pass


def warn(message: str) -> None:
    """Something the user should hear that is not an error (a failed git commit)."""
    _say(f"peermap: {message}")


def _say(line: str) -> None:
    try:
        print(line, file=sys.stderr, flush=True)
    except (OSError, ValueError, AttributeError):
        pass  # stderr closed as well: the exit code is all that is left


# --- the standard streams, as a user may hand them over ---------------------------------

_ASCII = {"★": "*", "→": "->", "•": "*", "·": "-", "–": "-", "—": "--", "…": "...",
          "✓": "v", "›": ">", "▁": "_", "▂": ".", "▃": ":", "▄": "-", "▅": "=", "▆": "+",
          "▇": "#", "█": "#"}
_STREAM_ERRORS = "peermap-fallback"
_STDIN_ERRORS = "peermap-stdin"


def _fallback(err: UnicodeError) -> tuple[str, int]:
    """peermap's own symbols as ASCII; other text that cannot be shown as \\x/\\u codes."""
    import unicodedata

    if not isinstance(err, UnicodeEncodeError):
        raise err
    out = []
    for ch in err.object[err.start:err.end]:
        o = ord(ch)
        plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        if ch in _ASCII:
            out.append(_ASCII[ch])
        elif plain.isalpha():  # Zoë shown as Zoe where the terminal has no ë
            out.append(plain)
        elif 0xDC80 <= o <= 0xDCFF:  # a byte of a file name that was not UTF-8
            out.append(f"\\x{o - 0xDC00:02x}")
        else:
            out.append(f"\\x{o:02x}" if o < 0x100 else
                       f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}")
    return "".join(out), err.end


def _bad_input(err: UnicodeError) -> tuple[str, int]:
    if isinstance(err, UnicodeDecodeError):
        byte = err.object[err.start:err.start + 1].hex()
        raise BadInput(f"the input is not UTF-8 text (byte 0x{byte}); save it as UTF-8 "
                           "and try again. Answers given before that line are kept.")
    raise err


def prepare_streams() -> None:
    """Make the standard streams safe to use whatever the shell handed over.

    A closed stdin reads as empty; a closed stderr discards. Output in an encoding that
    lacks peermap's symbols (`PYTHONIOENCODING=ascii`, a Latin-1 locale) gets ASCII
    stand-ins; bytes on stdin that are not UTF-8 are a clear error.
    """
    codecs.register_error(_STREAM_ERRORS, _fallback)
    codecs.register_error(_STDIN_ERRORS, _bad_input)
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (lives for the run)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream, errors in ((sys.stdout, _STREAM_ERRORS), (sys.stderr, _STREAM_ERRORS),
                           (sys.stdin, _STDIN_ERRORS)):
        _reconfigure(stream, errors)


def _reconfigure(stream: TextIO | None, errors: str) -> None:
    reconfigure: Any = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors=errors)
        except (OSError, ValueError):
            pass


def stdout_closed() -> PeermapError | None:
    """`peermap list >&-`: nothing could be printed, so nothing is done (exit 1)."""
    if sys.stdout is None:
        return PeermapError("standard output is closed, so nothing could be shown; "
                            "nothing was done. Redirect it to a file or /dev/null instead.")
    return None


def check_arguments(args: list[str]) -> None:
    """Arguments must be UTF-8 text, except a --file path (file names may be any bytes)."""
    for i, arg in enumerate(args):
        previous = args[i - 1] if i else ""
        if previous in ("--file", "-f") or arg.startswith("--file="):
            continue
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            raise PeermapError(f"argument '{visible(arg)}' is not UTF-8 text; type it again "
                               "or fix the script that passes it. Nothing was changed.")
