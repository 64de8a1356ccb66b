"""Peers from a CSV file, a JSON export or vCards (docs/formats.md): read, plan, apply.

The kinds of file are a registry in `readers.py` (it also drives the CLI's `--format`
choice); vCards are read in `vcard.py`.

`read_rows` turns a file into numbered raw rows; `plan_import` validates every row
against the map and decides, for each, add, skip or update; `apply_import` carries a
plan out on a Network. Nothing here writes a file: the CLI runs plan and apply inside
one `Store.update`, so an import is all or nothing, and `--dry-run` stops after the plan.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first peer row 2
(a JSON list counts its entries from 1). Problems are `(row, reason)` pairs; row 0 means
the file as a whole.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from peermap.core import goals
from peermap.core.duplicates import NameIndex, same_spelling
from peermap.core.errors import PeermapError
from peermap.core.model import (
    CSV_FIELDS,
    PEER_FIELDS,
    SETTING_MAX,
    Field,
    InvalidData,
    Kindof,
    LogEntry,
    Network,
    Peer,
    ReplacedStep,
    Tie,
    TieChange,
    clean_name,
    name_key,
    peer_to_doc,
    validate_document,
)
from peermap.core.text import bad_char_problem, unguard_cell
from peermap.formats.readers import READERS

E = TypeVar("E", bound=StrEnum)

CSV_COLUMNS = tuple(f.key for f in CSV_FIELDS)
# Columns the CSV export writes that an import does not read back (focus and steps are
# decisions made on this map, and last_contact comes from the log); they are ignored
# with a note so that an exported file imports as it is.
EXPORT_ONLY = ("focus", "next_step", "next_due", "last_contact")


@dataclass(frozen=True)
class Row:
    """One raw row: CSV cells by column, or one peer object of a JSON file."""

    number: int
    data: Any  # a JSON entry that is not an object stays as it is, to be reported
    line: int = 0  # first physical line, when it differs from the row number (CSV)


@dataclass
class ImportRows:
    kind: str  # a key of READERS: "csv", "json" or "vcard"
    rows: list[Row] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    kind: str
    problems: list[tuple[int, str]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # names already on the map
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)  # --update found nothing new
    notes: list[str] = field(default_factory=list)
    new_peers: list[Peer] = field(default_factory=list)
    replacements: list[Peer] = field(default_factory=list)  # updated versions of peers

    def problem_lines(self) -> list[str]:
        """Problems as the user reads them: "row 3: the name is empty"."""
        unit = READERS[self.kind].unit
        return [f"{unit} {n}: {reason}" if n else reason for n, reason in self.problems]


# --- reading -------------------------------------------------------------------------


def read_rows(source: str | os.PathLike[str] | bytes, kind: str | None = None,
              ) -> ImportRows:
    """Parse a CSV or JSON file (a path, or its bytes) into numbered raw rows.

    The kind comes from `kind`, else the file name's suffix, else the content (`{` or `[`
    first means JSON, BEGIN:VCARD a vCard file). Problems with the file as a whole (not
    UTF-8, no `name` column, not JSON) come back in `problems`; only an unreadable path
    raises.
    """
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise PeermapError(f"{path} does not exist; check the path.") from None
        except IsADirectoryError:
            raise PeermapError(f"{path} is a directory, not a CSV or JSON file.") from None
        except OSError as e:
            raise PeermapError(f"cannot read {path} ({e.strerror or e}).") from None
        if kind is None:
            kind = next((k for k, r in READERS.items() if path.suffix.lower() in r.suffixes),
                        None)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if kind is None:
        start = data.lstrip()
        kind = ("json" if start[:1] in (b"{", b"[") else
                "vcard" if start[:11].upper() == b"BEGIN:VCARD" else "csv")
    if kind not in READERS:
        raise PeermapError(f"cannot import {kind!r} files; use CSV, a peermap JSON export "
                           "or vCards (.vcf).")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return ImportRows(kind, problems=[_not_utf8(kind, data, e.start)])
    rows: ImportRows = READERS[kind].read(text)
    return rows


def _not_utf8(kind: str, data: bytes, at: int) -> tuple[int, str]:
    """Where a file stops being UTF-8, counted as its kind counts (row, card, the file),
    with advice for that kind of file."""
    line = data[:at].count(b"\n") + 1
    byte = f"byte 0x{data[at]:02X}"
    if kind == "vcard":
        card = data[:at].upper().count(b"BEGIN:VCARD")
        return card, (f"is not UTF-8 text ({byte}, line {line}); export the contacts again "
                      "as vCard 3.0 or 4.0, which address books write in UTF-8")
    if kind == "json":
        return 0, f"the file is not UTF-8 text ({byte}, line {line}); save it as UTF-8"
    return line, (f"is not UTF-8 text ({byte}); save the file as UTF-8 (\"CSV UTF-8\" in "
                  "a spreadsheet) and try again")


def _column(heading: str) -> str:
    return "_".join(heading.strip().lstrip("\ufeff").lower().replace("-", " ").split())


def _read_csv(text: str) -> ImportRows:
    out = ImportRows("csv")
    # The csv module refuses cells over 128 KiB by default; a note that long exports, so
    # it imports too (the file's size is the only limit).
    csv.field_size_limit(max(csv.field_size_limit(), 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    number = 0
    next_line = 1
    header: list[str] | None = None
    try:
        for cells in reader:
            number += 1
            line, next_line = next_line, reader.line_num + 1
            if header is None:
                header = [_column(c) for c in cells]
                if not _check_header(header, cells, out):
                    return out
                continue
            if not any(c.strip() for c in cells):
                continue  # blank lines are not rows
            data: dict[str, str] = {}
            extra = False
            for i, cell in enumerate(cells):
                col = header[i] if i < len(header) else ""
                if not col:
                    extra = extra or bool(cell.strip())
                elif col in CSV_COLUMNS:
                    data[col] = _cell(cell)
            if extra:
                out.problems.append((number, "has a value in a column without a heading; "
                                             "add the heading or remove the value"))
                continue
            out.rows.append(Row(number, data, line if line != number else 0))
    except csv.Error as e:
        out.problems.append((number + 1, f"cannot be read as CSV ({e})"))
    if header is None:
        out.problems.append((1, "the file is empty; the first row must name the columns, "
                                "for example name,team,tie"))
    return out


def _check_header(header: list[str], raw: list[str], out: ImportRows) -> bool:
    known = CSV_COLUMNS + EXPORT_ONLY
    if "name" not in header:
        if len(raw) == 1 and ";" in raw[0]:
            out.problems.append((1, "the columns are separated by `;`; save the file with "
                                    "commas between columns"))
        else:
            out.problems.append((1, "there is no `name` column; the first row must name the "
                                    "columns, for example name,team,tie"))
        return False
    seen = set()
    for col in header:
        if col and col in seen:
            out.problems.append((1, f"the column {col!r} appears twice"))
        seen.add(col)
    unknown = [c for c in header if c and c not in known]
    if unknown:
        out.problems.append((1, f"unknown column{'s' if len(unknown) > 1 else ''} "
                                f"{', '.join(repr(c) for c in unknown)}; the columns peermap "
                                f"reads are {', '.join(CSV_COLUMNS)}"))
    if out.problems:
        return False
    ignored = [c for c in header if c in EXPORT_ONLY]
    if ignored:
        out.notes.append(f"The column{'s' if len(ignored) > 1 else ''} {', '.join(ignored)} "
                         "are not imported (focus and next steps are set with peermap; "
                         "a JSON export keeps everything).")
    return True


def _cell(cell: str) -> str:
    """A cell's text: surrounding space dropped, the export's formula guard undone."""
    return unguard_cell(cell.strip())


def _read_json(text: str) -> ImportRows:
    out = ImportRows("json")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        out.problems.append((0, f"the file is not valid JSON (line {e.lineno}, column "
                                f"{e.colno}: {e.msg})"))
        return out
    except RecursionError:
        out.problems.append((0, "the file is nested too deeply to be a peermap export"))
        return out
    except ValueError:  # an integer of thousands of digits
        out.problems.append((0, "the file holds a number far too large; peermap's numbers "
                                f"are at most {SETTING_MAX}"))
        return out
    if isinstance(raw, dict):
        peers = raw.get("peers", [])
        try:
            # The document around the peers must be a valid peermap document; the peers
            # are validated one by one in the plan so each problem gets its entry number.
            validate_document({k: v for k, v in raw.items() if k != "peers"})
        except InvalidData as e:
            out.problems.extend((0, p) for p in e.problems)
            return out
        except RecursionError:
            out.problems.append((0, "the file is nested too deeply to be a peermap export"))
            return out
        if not isinstance(peers, list):
            out.problems.append((0, "`peers` must be a list of peer objects"))
            return out
        out.notes.append("Only the peers are imported; your own profile, settings and "
                         "reviews stay as they are.")
    elif isinstance(raw, list):
        peers = raw
    else:
        out.problems.append((0, "a JSON import must be a peermap JSON export or a list of "
                                "peer objects"))
        return out
    out.rows = [Row(i, entry) for i, entry in enumerate(peers, start=1)]
    return out


# --- validating one row ----------------------------------------------------------------


def _choice(value: str, enum: type[E], label: str, problems: list[str]) -> E | None:
    """An enum value as the CLI reads it (any case, s/w/n for a tie, any unique prefix)."""
    from peermap.core.vocab import parse_choice

    found = parse_choice(enum, value)
    if found is None:
        values = [e.value for e in enum]
        allowed = ", ".join(values[:-1]) + " or " + values[-1]
        problems.append(f"{label} must be {allowed}, not {value.strip()!r}")
    return found


def split_items(value: str) -> list[str]:
    """A list cell split on `;`, where `\\;` is a `;` inside an item and `\\\\` a backslash
    (as the CSV export writes them); any other backslash is kept as it is."""
    import re

    items: list[str] = []
    current: list[str] = []
    for token in re.findall(r"\\[\\;]|;|[^;\\]+|\\", value):
        if token == ";":
            items.append("".join(current))
            current = []
        else:
            current.append(token[1] if len(token) == 2 and token[0] == "\\" else token)
    items.append("".join(current))
    return items


def cell_value(f: Field, raw: str, problems: list[str]) -> Any:
    """A CSV cell as the field's value, by the field table; problems name the column.
    An empty cell is the field's empty value (with --update it clears the field)."""
    from peermap.core.peers import parse_field

    label = "the tie" if f.key == "tie" else f.key
    value: Any
    if f.kind is Kindof.ENUM:
        assert f.enum is not None
        empty = not raw.strip() or (f.key == "tie" and raw.strip().lower() == "unrated")
        return None if empty else _choice(raw, f.enum, label, problems)
    if f.kind is Kindof.ENUMS:
        assert f.enum is not None
        found = [_choice(v, f.enum, label, problems)
                 for v in (x.strip() for x in raw.split(";")) if v]
        value = [x for x in found if x is not None]
    elif f.kind is Kindof.TEXTS:
        value = split_items(raw)
    elif f.kind is Kindof.INT:
        if not raw.strip():
            return None
        if not raw.strip().isascii() or not raw.strip().isdigit():
            problems.append(f"{f.key} must be a whole number, not {raw.strip()!r}")
            return None
        value = int(raw.strip())
    elif f.kind is Kindof.DATE:
        if not raw.strip():
            return None
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            problems.append(f"{f.key} must be a date like 2026-11-20, not {raw.strip()!r}")
            return None
    elif f.kind is Kindof.BOOL:
        return raw.strip().lower() in ("true", "yes", "1")
    else:
        value = raw
    stored, problem = parse_field(f, value)
    if problem:
        problems.append(problem)
    return stored


@dataclass
class _Parsed:
    peer: Peer
    given: set[str]  # the keys the row gives: with --update, these replace the map's
    tie: Tie | None = None  # the tie the row gives (CSV), for the history entry


def _parse_csv_row(data: dict[str, str], problems: list[str]) -> _Parsed | None:
    name = data.get("name", "")
    found = bad_char_problem("the name", name)
    if found:
        problems.append(found)
    name = clean_name(name)
    if not name:
        problems.append("the name is empty; every row needs a name")
    p = Peer(name=name)
    for f in CSV_FIELDS:  # every other column, by the field table
        if f.key != "name" and f.key in data:
            setattr(p, f.key, cell_value(f, data[f.key], problems))
    # Every column the file has is given: with --update an empty cell clears the field,
    # except the tie, which is history (rate with `peermap rate`).
    given = set(data) - {"name"}
    if p.tie is None:
        given.discard("tie")
    return None if problems else _Parsed(p, given, p.tie)


def _parse_json_row(data: object, problems: list[str]) -> _Parsed | None:
    if not isinstance(data, dict):
        problems.append("is not a peer object (expected {\"name\": ...})")
        return None
    try:
        net = validate_document({"schema": 1, "peers": [data]})
    except InvalidData as e:
        problems.extend(e.problems)
        return None
    except RecursionError:
        problems.append("is nested too deeply")
        return None
    p = net.peers[0]
    p.name = clean_name(p.name)
    return _Parsed(p, set(data) - {"name"}, p.tie)


# --- planning ------------------------------------------------------------------------


def plan_import(net: Network, rows: ImportRows, update: bool, today: date,
                on_row: Callable[[int], None] | None = None, *,
                force: bool = False) -> ImportPlan:
    """Validate every row and decide what happens to it; the network is not changed.

    New names follow the rules of `add`: no leading `-`, and a name that looks like one
    on the map or on an earlier row is refused, naming both, unless `force`. Teams and
    places spelt like one already on the map but for accents or case take its spelling.
    `on_row(n)` is told how many rows are done (the CLI's progress bar).
    """
    plan = ImportPlan(rows.kind, problems=list(rows.problems), notes=list(rows.notes))
    seen: dict[str, int] = {}
    # One look-up table instead of `net.find` per row, which scans the map and folds every
    # name again: that made an import quadratic in the size of the map and the file.
    on_map = _by_key(net)
    names = _NameGuard(net, READERS[rows.kind].unit, force)
    spellings = _Spellings(net)
    for done, row in enumerate(rows.rows, 1):
        if on_row is not None:
            on_row(done)
        reasons: list[str] = []
        parsed = READERS[rows.kind].parse(row.data, reasons)
        if parsed is not None:
            key = name_key(parsed.peer.name)
            if key in seen:
                reasons.append(f"{parsed.peer.name!r} is also on "
                               f"{READERS[rows.kind].unit} {seen[key]}; list each peer once")
            else:
                seen[key] = row.number
        if parsed is not None and not reasons:
            spellings.follow(parsed, row.number)
            existing = on_map.get(key)
            if existing is None:
                names.check(parsed.peer.name, row.number, reasons)
                if not reasons:
                    _plan_add(plan, parsed, rows.kind, today, reasons)
            elif not update:
                plan.skipped.append(existing.name)
            else:
                _plan_update(plan, existing, parsed, rows.kind, today, reasons)
        where = f" (line {row.line})" if row.line else ""
        plan.problems.extend((row.number, r + where) for r in reasons)
    plan.problems.sort(key=lambda pr: pr[0])
    if plan.problems:
        return plan
    plan.notes += spellings.notes(READERS[rows.kind].unit)
    focus = {p.key for p in net.peers if p.focus}
    focus |= {p.key for p in plan.new_peers + plan.replacements if p.focus}
    focus -= {p.key for p in plan.replacements if not p.focus}
    if len(focus) > net.settings.focus_max:
        plan.notes.append(f"After the import {len(focus)} peers are in focus, more than "
                          f"focus_max ({net.settings.focus_max}); drop some with "
                          "`peermap focus drop`.")
    return plan


class _NameGuard:
    """The name rules of `add` for an import's new names (core.peers.valid_name and the
    near-duplicate check), against the map and the rows before."""

    def __init__(self, net: Network, unit: str, force: bool) -> None:
        self.net, self.unit, self.force = net, unit, force
        self.index: NameIndex | None = None  # built at the first new name
        self.rows: dict[str, int] = {}  # names from this file -> their row

    def check(self, name: str, number: int, reasons: list[str]) -> None:
        from peermap.core.peers import valid_name

        try:
            valid_name(name)
        except PeermapError as e:
            reasons.append(str(e).rstrip("."))
            return
        if self.force:
            return
        if self.index is None:
            self.index = NameIndex([p.name for p in self.net.peers])
        close = self.index.close_to(name)
        self.index.add(name)
        self.rows[name] = number
        if close:
            other = close[0]
            where = (f"on {self.unit} {self.rows[other]}" if other in self.rows
                     else "already on your map")
            reasons.append(f"{name!r} looks like {other!r} {where}; if it is someone else, "
                           "import with --force; if it is the same person, use one spelling")


class _Spellings:
    """Teams and places of imported peers, held to the spellings already on the map."""

    FIELDS = ("team", "location")

    def __init__(self, net: Network) -> None:
        known: dict[str, set[str]] = {k: set() for k in self.FIELDS}
        for p in net.peers:
            for k in self.FIELDS:
                if getattr(p, k):
                    known[k].add(getattr(p, k))
        known["team"].add(net.me.team)
        known["location"].add(net.me.location)
        self.known = {k: sorted(v - {""}) for k, v in known.items()}
        self.seen: dict[tuple[str, str], tuple[str, str, list[int]]] = {}

    def follow(self, parsed: _Parsed, number: int) -> None:
        for k in self.FIELDS:
            value = getattr(parsed.peer, k)
            if not value or value in self.known[k]:
                continue
            found = self.seen.get((k, value))
            if found is None:
                found = self.seen[(k, value)] = self._nearest(k, value)
            how, spelling, rows = found
            rows.append(number)
            if how == "same":
                setattr(parsed.peer, k, spelling)

    def _nearest(self, k: str, value: str) -> tuple[str, str, list[int]]:
        close: tuple[str, str, list[int]] = ("", "", [])
        for known in self.known[k]:
            how = same_spelling(value, known)
            if how == "same":
                return how, known, []
            if how == "close" and not close[0]:
                close = (how, known, [])
        return close

    def notes(self, unit: str) -> list[str]:
        out = []
        for (k, value), (how, spelling, rows) in self.seen.items():
            label = "team" if k == "team" else "place"
            at = f"{unit}{'s' if len(rows) > 1 else ''} {', '.join(map(str, rows[:5]))}" + (
                " ..." if len(rows) > 5 else "")
            if how == "same":
                out.append(f"The {label} {value!r} ({at}) was written {spelling!r}, as it is "
                           "already on your map.")
            elif how == "close":
                out.append(f"The {label} {value!r} ({at}) looks like {spelling!r} on your "
                           "map; if it is the same, use that spelling in the file and import "
                           "it again with --update.")
        return out


def _plan_add(plan: ImportPlan, parsed: _Parsed, kind: str, today: date,
              reasons: list[str]) -> None:
    p = parsed.peer
    if READERS[kind].fresh:
        if p.why_none is not None and p.tie != Tie.NONEXISTENT:
            reasons.append('why_none only goes with the tie "nonexistent"')
            return
        p.added = today
        if p.tie is not None:
            p.ties = [TieChange(today, p.tie)]
    plan.new_peers.append(p)
    plan.added.append(p.name)


def _plan_update(plan: ImportPlan, existing: Peer, parsed: _Parsed, kind: str, today: date,
                 reasons: list[str]) -> None:
    new = copy.deepcopy(existing)
    incoming = parsed.peer
    # Every field the row gives replaces the map's, by the field table; the name keeps the
    # map's spelling (renaming is `peermap rename`) and the tie has history (below).
    for f in PEER_FIELDS:
        if f.key in parsed.given and f.key not in ("name", "tie", "why_none"):
            setattr(new, f.key, copy.deepcopy(getattr(incoming, f.key)))
    if kind == "json":
        _join_history(new, existing, incoming, parsed.given, today)
    elif parsed.tie is not None and parsed.tie != new.tie:
        new.tie = parsed.tie
        new.ties.append(TieChange(today, parsed.tie))
    for key in goals.FIELDS:  # a goal or pressure new to the map is dated (docs/books.md)
        goals.replaced(new, key, getattr(existing, key), today)
    problem = _set_why_none(new, existing, incoming, parsed.given)
    if problem:
        reasons.append(problem)
        return
    if peer_to_doc(new) == peer_to_doc(existing):
        plan.unchanged.append(existing.name)
    else:
        plan.replacements.append(new)
        plan.updated.append(existing.name)


def _join_history(new: Peer, existing: Peer, incoming: Peer, given: set[str],
                  today: date) -> None:
    """A JSON row's history is joined, never replaced: an import does not lose interactions."""
    if "ties" in given:
        have = {(t.date, t.tie) for t in new.ties}
        new.ties += [t for t in incoming.ties if (t.date, t.tie) not in have]
        new.ties.sort(key=lambda t: t.date)
    if "log" in given:
        new.log = join_log(new.log, incoming.log)
    if "replaced" in given:
        new.replaced += [r for r in incoming.replaced if r not in new.replaced]
    if "goal_checks" in given:
        new.goal_checks += [c for c in incoming.goal_checks if c not in new.goal_checks]
    if "next" in given and existing.next is not None and incoming.next is not None \
            and existing.next.step != incoming.next.step:
        # The map's step is replaced by the file's: kept in the history, as `plan` does.
        new.replaced.append(ReplacedStep(today, existing.next.step, existing.next.due))
    if "next" in given:
        new.next = copy.deepcopy(incoming.next)
    if "tie" in given:
        new.tie = incoming.tie


def _set_why_none(new: Peer, existing: Peer, incoming: Peer, given: set[str]) -> str:
    """Take the row's why_none, or drop a stale one; the problem when it cannot go."""
    if "why_none" in given and incoming.why_none is not None:
        if new.tie != Tie.NONEXISTENT:
            return (f'why_none only goes with the tie "nonexistent", and '
                    f"{existing.name}'s tie is "
                    f"{new.tie.value if new.tie else 'not rated'}")
        new.why_none = incoming.why_none
    elif "why_none" in given or new.tie != Tie.NONEXISTENT:
        new.why_none = None
    return ""


def join_log(mine: list[LogEntry], theirs: list[LogEntry]) -> list[LogEntry]:
    """The map's log joined with a file's, every key of every entry kept.

    An entry of the file that matches one of the map (same date, kind and note; each
    entry of the map matched once, so three equal entries stay three) adds the keys the
    map's entry lacks (a `closed` date, the step it `completed`, ...); any other entry is
    added whole.
    """
    from dataclasses import fields

    joined = [copy.deepcopy(e) for e in mine]
    free = list(range(len(joined)))
    for e in theirs:
        match = next((i for i in free if (joined[i].date, joined[i].kind, joined[i].note)
                      == (e.date, e.kind, e.note)), None)
        if match is None:
            joined.append(copy.deepcopy(e))
            continue
        free.remove(match)
        for f in fields(LogEntry):
            if getattr(joined[match], f.name) in (None, "") and \
                    getattr(e, f.name) not in (None, ""):
                setattr(joined[match], f.name, copy.deepcopy(getattr(e, f.name)))
    joined.sort(key=lambda e: e.date)
    return joined


# --- applying ------------------------------------------------------------------------


def apply_import(net: Network, plan: ImportPlan) -> None:
    """Carry out a plan made against this same network (in the same transaction)."""
    if plan.problems:
        raise PeermapError(f"nothing was imported: the file has {len(plan.problems)} "
                           f"problem{'s' if len(plan.problems) != 1 else ''}.")
    stale = PeermapError("the map changed while the import was being planned; "
                         "nothing was imported. Run the import again.")
    position = {p.key: i for i, p in enumerate(net.peers)}
    if any(p.key not in position for p in plan.replacements) or any(
            p.key in position for p in plan.new_peers):
        raise stale
    for new in plan.replacements:
        net.peers[position[new.key]] = copy.deepcopy(new)
    from peermap.core.groups import introduced

    for p in plan.new_peers:
        added = copy.deepcopy(p)
        net.peers.append(added)
        introduced(net, added)  # off the to-meet list, as `add` does (docs/groups.md)
    net.sort()


def _by_key(net: Network) -> dict[str, Peer]:
    """The map's peers by folded name (as `Network.find` matches them)."""
    found: dict[str, Peer] = {}
    for p in net.peers:
        found.setdefault(p.key, p)
    return found
