"""The kinds of file `import` reads (docs/formats.md): a registry name -> Reader.

Light to import (the CLI builds its `--format` choice from it on every run); each
reader's functions are imported only when a file of that kind is read.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any


class Reader:
    """One importable kind of file; `read` and `parse` are looked up when first used."""

    __slots__ = ("name", "unit", "suffixes", "fresh", "_module", "_read", "_parse")

    def __init__(self, name: str, unit: str, suffixes: tuple[str, ...], fresh: bool,
                 module: str, read: str, parse: str):
        self.name = name
        self.unit = unit  # what problems are counted in: "row 3", "entry 2", "card 5"
        self.suffixes = suffixes
        self.fresh = fresh  # new peers start today (added, first rating), unlike a JSON export
        self._module, self._read, self._parse = module, read, parse

    def read(self, text: str) -> Any:
        """The file's text -> ImportRows (numbered raw rows and file-level problems)."""
        return getattr(import_module(self._module), self._read)(text)

    def parse(self, data: Any, problems: list[str]) -> Any:
        """One raw row -> a parsed peer, or None with `problems` filled in."""
        return getattr(import_module(self._module), self._parse)(data, problems)


_IMPORTER = "peermap.formats.importer"
READERS: dict[str, Reader] = {r.name: r for r in (
    Reader("csv", "row", (".csv",), True, _IMPORTER, "_read_csv", "_parse_csv_row"),
    Reader("json", "entry", (".json",), False, _IMPORTER, "_read_json", "_parse_json_row"),
    Reader("vcard", "card", (".vcf", ".vcard"), True, "peermap.formats.vcard",
           "read_file", "parse_row"),
)}

# Calendar files hold meetings, not peers: `import FILE.ics --meetings` (formats/meetings.py).
MEETING_SUFFIXES = (".ics", ".ical", ".ifb")
