"""Bringing versions together: `merge` (two peers into one), `merge-driver` and `git-setup`
(two machines' versions of the file, through git)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from peermap.app.common import complete_peer, store
from peermap.core.text import count, join_and


def merge(
    keep: Annotated[str, typer.Argument(help="The peer that stays (name, any case, or a "
                                        "unique prefix).", metavar="KEEP", show_default=False,
                                        autocompletion=complete_peer)],
    other: Annotated[str, typer.Argument(help="The duplicate, folded into KEEP and removed.",
                                         metavar="OTHER", show_default=False,
                                         autocompletion=complete_peer)],
) -> None:
    """Fold a duplicate peer into another: tie history, log, tags, notes and next step.

    KEEP keeps its name and its details; OTHER's history joins it, and any detail of
    OTHER that differs (team, role, location, next step, notes) is kept in KEEP's notes.
    Reviews that named OTHER name KEEP. `peermap undo` takes a merge back.

    Example:

    \b
      peermap merge "José Núñez" "Jose Nunez"
    """
    from peermap.core.duplicates import merge_peers
    from peermap.core.model import neutral

    m = store().update(lambda net: merge_peers(net, keep, other),
                       lambda m: f"peermap: merge {m.other} into {m.keep.name}")
    parts = [_count(n, k) for k, n in m.added.items()]
    took = f"took its {_and([_WORDS.get(k, (k, k))[0] for k in m.filled])}" if m.filled else ""
    said = "; ".join(x for x in (f"brought over {', '.join(parts)}" if parts else "", took) if x)
    lines = [f"Merged {neutral(m.other)} into {neutral(m.keep.name)}"
             + (f": {said}." if said else ".")]
    if m.kept_aside:
        aside = _and([_WORDS.get(k, (k, k))[0] for k in m.kept_aside])
        lines.append(f"{neutral(m.other)}'s differing {aside} "
                     f"{'is' if len(m.kept_aside) == 1 else 'are'} kept in the notes of "
                     f"{neutral(m.keep.name)}.")
    print("\n".join(lines))


_WORDS = {"tags": ("tag", "tags"), "ties": ("tie rating", "tie ratings"),
          "log": ("log entry", "log entries"), "affects": ("affects value", "affects values"),
          "matters": ("matters value", "matters values"), "next": ("next step", "next steps")}


def _count(n: int, field: str) -> str:
    one, many = _WORDS.get(field, (field.removesuffix("s"), field))
    return count(n, one, many)


_and = join_and  # the one "a, b and c" (core.text)


def merge_driver(
    base: Annotated[Path, typer.Argument(help="The common ancestor (git's %O).",
                                         show_default=False)],
    ours: Annotated[Path, typer.Argument(help="Our version (git's %A); the result is "
                                         "written here.", show_default=False)],
    theirs: Annotated[Path, typer.Argument(help="Their version (git's %B).",
                                           show_default=False)],
) -> None:
    """Three-way merge of the data file for git: exit 0 when clean, 1 on a conflict.

    Log entries and tie history from both sides are kept; each field comes from the side
    that changed it; a field both sides changed differently keeps our value and gets a
    conflict block in the peer's notes. Set it up with `peermap git-setup`.

    Example:

    \b
      peermap merge-driver %O %A %B      (in git's config, not by hand)
    """
    from peermap.core.model import neutral
    from peermap.storage.gitmerge import merge_files

    outcome = merge_files(base, ours, theirs)
    if outcome.fallback:
        print(f"peermap: a version is not a valid peermap file ({neutral(outcome.fallback)}); "
              "made a line merge instead.", file=sys.stderr)
    for c in outcome.conflicts:
        print(f"peermap: conflict in {neutral(c.where)}: ours {neutral(c.ours)!r}, theirs "
              f"{neutral(c.theirs)!r}; our value is kept and both are in the notes.",
              file=sys.stderr)
    if outcome.conflicts:
        print("peermap: settle the conflicts (look for <<<<<<< in the file), then "
              "`git add` it.", file=sys.stderr)
        raise typer.Exit(1)


def git_setup() -> None:
    """Let git merge the data file by meaning instead of by lines (run on each machine).

    Writes `PATH merge=peermap` to the repository's .gitattributes (commit it) and sets
    merge.peermap.driver in this clone's git config (local: run it on every clone).

    Example:

    \b
      peermap config git_commit true && peermap git-setup
    """
    from peermap.core.model import neutral
    from peermap.storage.gitmerge import git_setup as setup

    s = setup(store().path)
    where = neutral(s.attributes)
    print(f"{'Added' if s.added_line else 'Kept'} `{neutral(s.line)}` in {where}"
          + (" (commit it)." if s.added_line else "."))
    print(f"Set merge.peermap.driver in the git config of {neutral(s.root)}:\n  "
          f"{neutral(s.command)}")
    if s.ignore is not None:
        print(f"Added the lock file to {neutral(s.ignore)} (commit it): it is peermap's, "
              "never data.")


def register(app: typer.Typer) -> None:
    app.command("merge")(merge)
    app.command("merge-driver")(merge_driver)
    app.command("git-setup")(git_setup)
