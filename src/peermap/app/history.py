"""`undo` and `redo`: the kept versions of the data file (docs/safety.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from peermap.app.common import screen, store


def _named(change: str | None) -> str:
    return change if change else "an unnamed change"


def undo(
    list_: Annotated[bool, typer.Option("--list", help="Show the kept versions: number, "
                                        "when, and the change that followed each.")] = False,
    to: Annotated[int | None, typer.Option("--to", metavar="N", show_default=False,
                                           help="Restore kept version N (see --list), "
                                           "undoing every change since.")] = None,
) -> None:
    """Go back one version; run it again to go back further (`peermap redo` goes forward).

    Examples:

    \b
      peermap undo
      peermap undo --list
      peermap undo --to 12
    """
    from datetime import datetime

    s = store()
    if list_:
        kept = s.versions()
        lines = [f"Kept versions of {s.path}, newest first:" if kept else
                 f"No kept versions of {s.path} to go back to."]
        for v in kept:
            when = datetime.fromtimestamp(v.saved).strftime("%Y-%m-%d %H:%M")
            lines.append(f"  {v.number:>4}  {when}  before: {_named(v.change)}")
        redo = s.redo_names()
        if redo:
            lines.append(f"`peermap redo` makes again: {_named(redo[0])}.")
        if kept:
            lines.append("`peermap undo` goes back one; `peermap undo --to N` restores "
                         "version N.")
        screen().lines(lines)
        return
    done = s.undo(to)
    n = int(done.backup.stem)
    if len(done.changes) > 1:
        listed = "; ".join(_named(c) for c in done.changes)
        text = f"Went back {len(done.changes)} changes to version {n} (undid: {listed})."
        aside = "`peermap redo` puts them back, one at a time."
    else:
        text = f"Undid: {_named(done.change)}. Restored {s.path} from version {n}."
        aside = "`peermap redo` puts it back; `peermap undo` again goes back one more."
    screen().say(text, dim=aside)


def redo() -> None:
    """Make again the change `peermap undo` undid.

    Example:

    \b
      peermap redo
    """
    done = store().redo()
    screen().say(f"Redid: {_named(done.change)}.", dim="`peermap undo` takes it back.")


def register(app: typer.Typer) -> None:
    app.command()(undo)
    app.command()(redo)
