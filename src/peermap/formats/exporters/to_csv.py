"""CSV: one row per peer, lists joined with `;`, formula-looking cells defused."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from peermap.core.model import CSV_FIELDS, Field, Kindof, Network
from peermap.core.text import guard_cell
from peermap.formats.exporters.common import by_name

# The columns an import reads back come from the field table (notes last, as the widest);
# focus, the next step and the last contact are this map's own and exported for reading.
_READ_BACK = tuple(f.key for f in CSV_FIELDS if f.key != "notes")
COLUMNS = (*_READ_BACK, "focus", "next_step", "next_due", "last_contact", "notes")
# A spreadsheet runs a cell that starts like a formula: core.text guards it (and undoes it).
safe_cell = guard_cell


def join_items(items: list[str]) -> str:
    """List items joined with `;`; a `;` or `\\` inside an item is escaped with `\\`
    (the importer's `split_items` undoes it), so a tag like "R&D; ops" stays one tag."""
    return ";".join(i.replace("\\", "\\\\").replace(";", "\\;") for i in items)


def _cell(f: Field, value: Any) -> str:
    """A field's value as the CSV cell an import reads back."""
    if f.kind is Kindof.ENUMS:
        return ";".join(v.value for v in value)
    if f.kind is Kindof.TEXTS:
        return join_items(value)
    if f.kind is Kindof.ENUM:
        return value.value if value is not None else ""
    return "" if value is None else str(value)


def export(net: Network, today: date) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    read_back = [f for f in CSV_FIELDS if f.key != "notes"]
    for p in by_name(net.peers):
        last = p.last_contact()
        row = [_cell(f, getattr(p, f.key)) for f in read_back] + [
            "true" if p.focus else "false",
            p.next.step if p.next is not None else "",
            p.next.due.isoformat() if p.next is not None and p.next.due is not None else "",
            last.isoformat() if last is not None else "",
            p.notes,
        ]
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
