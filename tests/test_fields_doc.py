"""docs/fields.md holds the field table as the code has it (docs/fields_table.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from peermap.core.model import PEER_FIELDS

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _generator():
    loader = importlib.util.spec_from_file_location("fields_table", DOCS / "fields_table.py")
    assert loader is not None and loader.loader is not None
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    return module


def test_the_fields_page_matches_the_field_table():
    gen = _generator()
    text = (DOCS / "fields.md").read_text(encoding="utf-8")
    assert gen.table() in text, "run `python docs/fields_table.py`"
    for f in PEER_FIELDS:
        assert f"| `{f.key}` |" in text


def test_the_merge_example_in_the_page_is_what_merge_prints(cli):
    cli("add", "Ana Lima")
    cli("add", "Ana L", "--force", "--team", "Billing", "--goal", "ship v2",
        "--phone", "+351 21 000 0000")
    for _ in range(2):
        cli("log", "Ana L", "coffee")
    out = cli("merge", "Ana Lima", "Ana L").stdout.splitlines()[0]
    page = " ".join((DOCS / "fields.md").read_text(encoding="utf-8").split())
    assert f"`{out}`" in page
