"""Write the table of peer keys in docs/fields.md from the field table (core.model).

Run `python docs/fields_table.py` after changing PEER_FIELDS; tests/test_fields_doc.py
fails while the page and the code disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

from peermap.core.model import PEER_FIELDS, PEER_RECORDS, Field, Kindof, Merge

PAGE = Path(__file__).with_name("fields.md")
START, END = "<!-- fields:start -->", "<!-- fields:end -->"

MERGE = {
    Merge.NAME: "KEEP's name stays",
    Merge.UNION: "every item of both",
    Merge.ASIDE: "KEEP's, else OTHER's; a different value of OTHER goes in the notes",
    Merge.EARLIEST: "the earlier date",
    Merge.EITHER: "true when either is",
    Merge.APPEND: "OTHER's appended under \"From OTHER (merged):\"",
}


def _type(f: Field) -> str:
    values = " \\| ".join(f.enum) if f.enum is not None else ""
    bounds = f"{f.bounds[0]}–{f.bounds[1]}" if f.bounds else ""
    return {
        Kindof.TEXT: "text", Kindof.NOTES: "text, several lines", Kindof.TEXTS: "list of text",
        Kindof.ENUM: f"one of {values}", Kindof.ENUMS: f"list of {values}",
        Kindof.BOOL: "true or false", Kindof.DATE: "date",
        Kindof.INT: f"whole number {bounds}".strip(),
    }[f.kind]


def table() -> str:
    """The generated block: one row per peer field, then the records."""
    rows = ["| key | type | CSV column | `add`/`edit` option | `merge KEEP OTHER` |",
            "| --- | --- | --- | --- | --- |"]
    for f in PEER_FIELDS:
        merge = "KEEP's current tie, else OTHER's; OTHER's ratings join the history" \
            if f.key == "tie" else MERGE[f.merge]
        rows.append(f"| `{f.key}` | {_type(f)} | {'`' + f.key + '`' if f.csv else '—'} | "
                    f"{'`' + f.option + '`' if f.option else '—'} | {merge} |")
    rows += ["", "| record | `merge KEEP OTHER` |", "| --- | --- |"]
    rows += [f"| `{key}` | {how} |" for key, how in PEER_RECORDS]
    return "\n".join([START, *rows, END])


def page_with_table(text: str) -> str:
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    return head + table() + tail


if __name__ == "__main__":
    new = page_with_table(PAGE.read_text(encoding="utf-8"))
    PAGE.write_text(new, encoding="utf-8")
    sys.stdout.write(f"wrote {PAGE}\n")
