"""The repo explains itself (docs/index.md): the docs agree with the code, every page the
code cites is there, and nothing cites a file outside the repository."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import gen_docs

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CITED = re.compile(r"docs/([a-z0-9_-]+\.md)")
# Pages other branches of this round bring; each line goes once its page is in docs/.
PENDING: set[str] = set()


def _files() -> list[Path]:
    """Every text file of the repository that may cite a page."""
    out = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "pyproject.toml",
           ROOT / ".ci" / "run"]
    for folder in ("src", "tests", "benchmarks", "docs", "examples"):
        out += [p for p in (ROOT / folder).rglob("*") if p.is_file()
                and p.suffix in (".py", ".md", ".toml", ".sh", ".txt", "")
                and "__pycache__" not in p.parts
                and not any(part.endswith(".egg-info") for part in p.parts)]
    return [p for p in out if p.exists()]


@pytest.mark.parametrize("name", list(gen_docs.REGIONS))
def test_generated_tables_match_the_code(name):
    page, build = gen_docs.REGIONS[name]
    text = (DOCS / page).read_text(encoding="utf-8")
    assert gen_docs.region(text, name) == build(), (
        f"docs/{page} ({name}) differs from the code: run python tests/gen_docs.py")


def test_every_cited_page_exists():
    cited: dict[str, set[str]] = {}
    for path in _files():
        for page in CITED.findall(path.read_text(encoding="utf-8", errors="replace")):
            cited.setdefault(page, set()).add(str(path.relative_to(ROOT)))
    missing = {page: sorted(where) for page, where in cited.items()
               if not (DOCS / page).exists() and page not in PENDING}
    assert not missing, missing


def test_pending_pages_are_not_there_yet():
    """Once another branch's page arrives, its line in PENDING goes (the check tightens)."""
    arrived = sorted(page for page in PENDING if (DOCS / page).exists())
    assert not arrived, f"remove {arrived} from PENDING in tests/test_docs.py"


def test_the_index_links_every_page():
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    pages = {p.name for p in DOCS.glob("*.md")} - {"index.md"}
    assert not [p for p in sorted(pages) if p not in index]


# Built from pieces so that this file does not match itself.
OUTSIDE = re.compile("|".join([r"(?i:\bthe sp" + r"ec\b)", r"\bSP" + r"EC\b",
                               r"\bSTY" + r"LE(\.md)?\b",
                               r"\.\./sha" + "red", r"(?i:\biss" + r"ues? #?\d+)",
                               r"\bsect" + r"ion \d+"]))


def test_nothing_cites_a_file_outside_the_repo():
    found = []
    for path in _files():
        if path.name == "test_docs.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                 .splitlines(), 1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, "\n".join(found)


def test_remind_types_are_the_ones_the_code_emits():
    """The documented types (core.reminders.TYPES) are exactly those `remind` can print."""
    from peermap.core.reminders import TYPES

    core = ROOT / "src" / "peermap" / "core"
    source = (core / "reminders.py").read_text(encoding="utf-8")
    groups = (core / "groups.py").read_text(encoding="utf-8")  # group and re-map items
    emitted = set(re.findall(r'Due\(\s*"([a-z-]+)"', source))
    emitted |= set(re.findall(r'\("([a-z-]+)", (?:g\.name|None),', groups))
    assert emitted == set(TYPES)


def test_the_readme_is_short_and_runs_the_tests_as_ci_does():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_pytest = re.findall(r"^\.venv/bin/python -m pytest.*$", ci, re.M)
    assert len(ci_pytest) == 1
    assert f"&& {ci_pytest[0]}" in readme, "README's test command is not what .ci/run runs"
    assert "pip install -e . && .venv/bin/peermap map" in readme


def test_the_performance_page_holds_a_measured_table():
    text = (DOCS / "performance.md").read_text(encoding="utf-8")
    table = text.split("<!-- bench:start -->", 1)[1].split("<!-- bench:end -->", 1)[0]
    assert re.search(r"Measured \d{4}-\d\d-\d\d \d\d:\d\d UTC", table)
    assert "| goal | command |" in table


JSON_ROWS = {  # the row of docs/commands.md's JSON table -> a command that prints it
    "`focus`": ["focus"],
    "`suggest [PEER]`": ["suggest", "zoe"],
    "`principles`": ["principles"],
    "`loops`": ["loops"],
    "`brief PEER`": ["brief", "zoe"],
    "`remind`": ["remind"],
    "`stats`": ["stats"],
}


@pytest.mark.parametrize("row", list(JSON_ROWS))
def test_every_json_key_is_documented(row, cli, tmp_path):
    import json
    import shutil

    data = tmp_path / "peers.toml"
    shutil.copy(ROOT / "examples" / "network.toml", data)
    r = cli("--file", str(data), "--today", "2026-12-07", *JSON_ROWS[row], "--format", "json")
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    item = doc[0] if isinstance(doc, list) else doc
    keys = set(item)
    if row == "`suggest [PEER]`":
        keys |= set(item["suggestions"][0])
    if row == "`remind`":
        keys |= set(doc["due"][0])
    text = (DOCS / "commands.md").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith(f"| {row} |"))
    missing = sorted(k for k in keys if f'"{k}"' not in line and f"`{k}`" not in line)
    assert not missing, f"docs/commands.md, JSON of {row}: {missing} not documented"
