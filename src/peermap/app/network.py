"""Seeing the network: `stats`, `export` and `import`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from peermap.app.common import (
    FormatOpt,
    TextJson,
    emit_json,
    plain,
    store,
    terminal_width,
    today,
)
from peermap.core.errors import PeermapError
from peermap.formats.exporters import FORMATS as EXPORT_FORMATS
from peermap.formats.exporters import NOTES_OPTIONAL
from peermap.formats.readers import READERS

if TYPE_CHECKING:
    from peermap.core.model import Network
    from peermap.formats.importer import ImportPlan


def stats(format: FormatOpt = TextJson.text) -> None:
    """Network health: ties, reach, bridges, reciprocity and the 12-week trend.

    Examples:

    \b
      peermap stats
      peermap stats --format json
    """
    from peermap.core.stats import network_stats
    from peermap.render.stats import stats_text

    result = network_stats(store().load(), today())
    if format == TextJson.json:
        emit_json(result)
    else:
        from peermap.core.model import neutral  # not render.console: stats needs no Rich

        text = neutral(stats_text(result), multiline=True)
        if not plain():
            from peermap.render.plain import wrapped

            text = wrapped(text, terminal_width())
        sys.stdout.write(text)


# The choice comes from the exporter registry (importing it loads no exporter).
ExportFmt = StrEnum("ExportFmt", {f: f for f in EXPORT_FORMATS})  # type: ignore[misc]


def export(
    format: Annotated[ExportFmt, typer.Option("--format", help="Output format.",
                                              show_default=False)],
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE", help="Write to FILE (created 0600) instead of "
        "standard output.", show_default=False)] = None,
    with_notes: Annotated[bool, typer.Option(
        "--with-notes", help=f"{', '.join(sorted(NOTES_OPTIONAL))}: put each peer's notes "
        "in the export (left out by default).")] = False,
    alarm: Annotated[str | None, typer.Option(
        "--alarm", metavar="TIME", help="ics: a reminder this long before each entry "
        "(30m, 1h, 2d).", show_default=False)] = None,
) -> None:
    """Export the map: json (lossless), csv, markdown, dot, mermaid, svg, ics or vcard.

    Nothing leaves your machine unless you export it: json and csv hold your notes; ics
    holds next steps, promises, reconnects and the review, vcard the contact details (back
    into an address book), and notes only with --with-notes.

    Examples:

    \b
      peermap export --format svg -o map.svg
      peermap export --format json > backup.json
      peermap export --format ics -o peermap.ics
      peermap export --format vcard -o peers.vcf
      peermap export --format ics --alarm 1h -o peermap.ics
    """
    from peermap.formats.exporters import export as run_export

    text = run_export(format.value, store().load(), today(), with_notes=with_notes,
                      alarm=alarm)
    if output is None or output == "-":
        sys.stdout.write(text)
        return
    target = Path(output)
    _refuse_own_files(target)
    _write_private(target, text)
    from peermap.core.model import neutral

    print(f"Wrote {neutral(output)} ({format.value}).", file=sys.stderr)


def _refuse_own_files(target: Path) -> None:
    """An export must never land on the data file or the files peermap keeps beside it."""
    s = store()
    real = Path(os.path.realpath(target))
    own = {s.real, s.lock_path}
    if real in own or s.side_dir == real or s.side_dir in real.parents:
        raise PeermapError(f"{target} is peermap's own data; export to another file.")


def _write_private(path: Path, text: str) -> None:
    """Exports hold notes about real people: readable by you alone, written atomically.

    A symbolic link is written through (its target is replaced, the link stays), like the
    data file; anything at the path that is not a regular file (a folder, a FIFO, a
    device) is refused rather than replaced.
    """
    import stat

    from peermap.storage.store import atomic_write

    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise PeermapError(f"cannot write {path} ({e.strerror or e}); nothing was written.") \
            from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        what = ("a directory" if stat.S_ISDIR(st.st_mode) else
                "a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) else
                "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else
                "not a regular file")
        raise PeermapError(f"{path} is {what}; give the name of a file to write, or `-o -` "
                           "for standard output. Nothing was written.")
    try:
        atomic_write(real, text.encode("utf-8"), 0o600)
    except OSError as e:
        raise PeermapError(f"cannot write {path} ({e.strerror or e}); nothing was written.") \
            from None


# The choice comes from the importer's registry of readers.
ImportFmt = StrEnum("ImportFmt", {k: k for k in READERS})  # type: ignore[misc]


def import_(
    file: Annotated[str, typer.Argument(help="A CSV file (header row, `name` required), "
                                        "a peermap JSON export or a vCard file (.vcf).",
                                        metavar="FILE",
                                        show_default=False)],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report what would happen; "
                                          "write nothing.")] = False,
    update: Annotated[bool, typer.Option("--update", help="Update peers that already "
                                         "exist instead of skipping them.")] = False,
    format: Annotated[ImportFmt | None, typer.Option(
        "--format", help="The file's kind (default: from its name, then its content).",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Add names that look like one "
                                        "already on the map or in the file.")] = False,
    meetings: Annotated[bool, typer.Option("--meetings", help="FILE is a calendar (.ics): "
                                           "log its meetings with peers.")] = False,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="With --meetings: from this day (default 30 days "
        "ago).", show_default=False)] = None,
) -> None:
    """Import peers from CSV, a JSON export or vCards: all are checked first, then all or nothing.

    vCards (.vcf from Google, Apple, Thunderbird, khard): FN → name, ORG → team, TITLE →
    role, ADR city → location, NOTE → notes, CATEGORIES → tags, EMAIL → email, TEL → phone.

    A calendar (.ics, with --meetings): each meeting with peers in the window becomes a
    `met` entry on each of them, once (see docs/groups.md).

    Examples:

    \b
      peermap import examples/peers.csv --dry-run
      peermap import contacts.vcf
      peermap import calendar.ics --meetings --dry-run
    """
    from peermap.formats.importer import apply_import, plan_import, read_rows
    from peermap.formats.readers import MEETING_SUFFIXES

    if meetings or Path(file).suffix.lower() in MEETING_SUFFIXES:  # docs/groups.md
        from peermap.app.groups import import_meetings

        return import_meetings(file, since, dry_run)
    if since is not None:
        raise PeermapError("--since goes with --meetings (a calendar file).")
    rows = read_rows(file, format.value if format else None)
    t = today()
    s = store()
    progress = _progress(len(rows.rows))

    def plan_for(net: Network) -> ImportPlan:
        plan = plan_import(net, rows, update, t, on_row=progress, force=force)
        if plan.problems:
            raise _Refused(plan)
        return plan

    def change(net: Network) -> ImportPlan:
        plan = plan_for(net)
        apply_import(net, plan)
        return plan

    try:
        plan = plan_for(s.load()) if dry_run else s.update(
            change, lambda p: f"peermap: import {Path(file).name} ({len(p.added)} added, "
                              f"{len(p.updated)} updated)")
    except _Refused as refused:
        for line in refused.plan.problem_lines():
            print(f"peermap: {line}", file=sys.stderr)
        n = len(refused.plan.problems)
        raise PeermapError(f"nothing was imported: fix the {n} problem{'s' * (n != 1)} "
                           "above and run the import again.") from None
    finally:
        progress(None)
    _report(plan, dry_run)


class _Refused(Exception):
    def __init__(self, plan: ImportPlan):
        super().__init__("import refused")
        self.plan = plan


def _progress(total: int) -> Callable[[int | None], None]:
    """A progress bar for a large import in a terminal; a no-op otherwise."""
    if total < 500 or not sys.stderr.isatty():
        return lambda n: None
    from peermap.render.console import progress_bar

    return progress_bar(total, "checking rows")


def _report(plan: ImportPlan, dry_run: bool) -> None:
    from peermap.render.console import neutral

    lines = []
    for label, names in (("added", plan.added), ("updated", plan.updated),
                         ("skipped (already on your map; --update changes them)", plan.skipped),
                         ("unchanged", plan.unchanged)):
        if names:
            shown = ", ".join(neutral(n) for n in names[:20])
            more = f" and {len(names) - 20} more" if len(names) > 20 else ""
            one = len(names) == 1
            verb = ("would be" if dry_run else "was" if one else "were")
            lines.append(f"{len(names)} peer{'' if one else 's'} {verb} {label}: {shown}{more}")
    if not lines:
        lines.append("The file holds no peers.")
    lines.extend(neutral(n) for n in plan.notes)
    if dry_run:
        lines.append("Dry run: nothing was written.")
    print("\n".join(lines))


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
    app.command("export")(export)
    app.command("import")(import_)
