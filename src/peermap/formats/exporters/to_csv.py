"""CSV: one row per peer, lists joined with `;`, formula-looking cells defused."""

from __future__ import annotations

import csv
import io
from datetime import date

from peermap.core.model import CSV_FIELDS, Network
from peermap.formats.exporters.common import by_name

# The columns an import reads back come from the field table (notes last, as the widest);
# focus, the next step and the last contact are this map's own and exported for reading.
_READ_BACK = tuple(f.key for f in CSV_FIELDS if f.key != "notes")
COLUMNS = (*_READ_BACK, "focus", "next_step", "next_due", "last_contact", "notes")
# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Prefix `'` to a cell a spreadsheet would take as a formula (the importer strips it).

    A cell that already starts with `'` is guarded too, so the importer's stripping of
    one `'` gives it back exactly.
    """
    return "'" + value if value.startswith((*_FORMULA_START, "'")) else value


def join_items(items: list[str]) -> str:
    """List items joined with `;`; a `;` or `\\` inside an item is escaped with `\\`
    (the importer's `split_items` undoes it), so a tag like "R&D; ops" stays one tag."""
    return ";".join(i.replace("\\", "\\\\").replace(";", "\\;") for i in items)


def export(net: Network, today: date) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for p in by_name(net.peers):
        last = p.last_contact()
        row = [
            p.name, p.team, p.role, p.location,
            p.tie.value if p.tie is not None else "",
            p.why_none.value if p.why_none is not None else "",
            ";".join(a.value for a in p.affects),
            ";".join(m.value for m in p.matters),
            join_items(p.tags),
            "true" if p.focus else "false",
            p.next.step if p.next is not None else "",
            p.next.due.isoformat() if p.next is not None and p.next.due is not None else "",
            last.isoformat() if last is not None else "",
            p.notes,
        ]
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()
