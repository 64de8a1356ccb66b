"""`import FILE.vcf`: vCards as real address books write them, all or nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import subprocess_env

DATA = Path(__file__).parent / "data" / "vcards"


def peers(cli) -> dict[str, dict]:
    return {p["name"]: p for p in json.loads(cli("list", "--format", "json").stdout)}


def fields(p: dict) -> tuple:
    return (p.get("team", ""), p.get("role", ""), p.get("location", ""), p.get("tags", []),
            p.get("notes", ""))


EXPECTED = {
    "google-contacts.vcf": {
        "Grace Example": ("Compilers", "Staff engineer", "London", ["Mentors"],
                          "Met at the offsite in Lisbon, where she gave the talk on profiling "
                          "compilers; ask how the new register allocator is going.\n"
                          "She prefers mornings."),
        "Zoë Ünal": ("Example Corp", "", "", [], ""),
    },
    "apple-contacts.vcf": {
        "Kenji Nakamura": ("Site Reliability", "SRE manager", "Tokyo", ["on-call", "Tokyo"],
                           "Runs the on-call review.\nAsk about the incident template."),
        "Example Design Studio": ("Example Design Studio", "", "", [], ""),
    },
    "thunderbird.vcf": {
        "Lena Fischer": ("Platform", "Product manager", "Berlin", [],
                         "Owns the platform roadmap."),
    },
    "thunderbird-legacy.vcf": {
        "Dieter Braun": ("Compliance", "Compliance officer", "Frankfurt", [], ""),
    },
    "khard-vdir.vcf": {
        "Ines Ferreira": ("Data Platform", "Data engineer", "Lisboa", ["data", "Lisbon office"],
                          "Knows the warehouse schema by heart."),
        "Samantha O'Brien": ("Example Ltd", "Staff engineer", "Dublin", ["security"], ""),
    },
    "android-2.1.vcf": {
        "José Núñez": ("Pagos", "Backend engineer", "", [],
                       "Conocido en la conferencia de Valencia.\nPrefiere mensajes cortos."),
        "Priya": ("", "", "", [], ""),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_address_book_exports_import_field_by_field(cli, name):
    r = cli("import", str(DATA / name))
    assert r.exit_code == 0, r.stderr
    want = EXPECTED[name]
    were = "peer was" if len(want) == 1 else "peers were"
    assert r.stdout.startswith(f"{len(want)} {were} added: {', '.join(want)}")
    got = peers(cli)
    assert {n: fields(got[n]) for n in got} == want
    assert all(p["added"] == "2026-11-22" and "tie" not in p for p in got.values())


def test_dry_run_update_and_skipped_names(cli, data_file, tmp_path):
    f = DATA / "khard-vdir.vcf"
    r = cli("import", str(f), "--dry-run")
    assert r.stdout == ("2 peers would be added: Ines Ferreira, Samantha O'Brien\n"
                        "Dry run: nothing was written.\n")
    assert not data_file.exists()
    cli("import", str(f))
    r = cli("import", str(f))
    assert r.stdout.startswith("2 peers were skipped (already on your map; --update changes them): "
                               "Ines Ferreira, Samantha O'Brien")
    changed = tmp_path / "new.vcf"
    changed.write_text(f.read_text().replace("TITLE:Data engineer", "TITLE:Staff data engineer"))
    cli("log", "Ines Ferreira", "coffee")
    r = cli("import", str(changed), "--update")
    assert r.stdout.startswith("1 peer was updated: Ines Ferreira\n1 peer was unchanged: Samantha")
    ines = peers(cli)["Ines Ferreira"]
    assert ines["role"] == "Staff data engineer" and ines["log"][0]["note"] == "coffee"


def test_format_option_reads_a_file_without_the_suffix(cli, tmp_path):
    f = tmp_path / "contacts.txt"
    f.write_bytes((DATA / "thunderbird.vcf").read_bytes())
    assert cli("import", str(f), "--format", "vcard").exit_code == 0
    assert "Lena Fischer" in peers(cli)


CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{fn}\r\n{extra}END:VCARD\r\n"


@pytest.mark.parametrize(("text", "message"), [
    (CARD.format(fn="Ann Lee", extra="")
     + "BEGIN:VCARD\r\nVERSION:3.0\r\nORG:Acme\r\nEND:VCARD\r\n",
     "peermap: card 2: has no name (neither FN nor N); every card needs one (line 5)"),
    (CARD.format(fn="Ann \x1b[31mLee", extra=""),
     "peermap: card 1: FN contains a control or direction-override character (U+001B)"),
    (CARD.format(fn="Ann Lee", extra="this line has no colon\r\n"),
     "peermap: card 1: a line cannot be read as vCard (Failed to parse line: this line "
     "has no colon) (line 4)"),
    (CARD.format(fn="Ann Lee", extra="BDAY;VALUE=date:\r\nORG;X=\"a:b\r\n"),
     "peermap: card 1: the property 'ORG' cannot be read as vCard"),
    (CARD.format(fn="Ann Lee", extra="") + CARD.format(fn="ann lee", extra=""),
     "peermap: card 2: 'ann lee' is also on card 1; list each peer once (line 5)"),
    ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\n",
     "peermap: card 1: has no END:VCARD; the file may be cut short (line 1)"),
    ("name,team\r\nAnn,Payments\r\n",
     "peermap: line 1 is outside any BEGIN:VCARD ... END:VCARD block; is this a vCard file?"),
])
def test_any_bad_card_imports_nothing_and_names_card_and_property(cli, data_file, tmp_path,
                                                                  text, message):
    cli("add", "Grace Example")
    before = data_file.read_bytes()
    f = tmp_path / "bad.vcf"
    f.write_bytes(text.encode("utf-8"))
    r = cli("import", str(f))
    assert r.exit_code == 1
    assert r.stderr.splitlines()[0].startswith(message), r.stderr
    assert r.stderr.splitlines()[-1].startswith("peermap: nothing was imported")
    assert data_file.read_bytes() == before


def test_a_broken_photo_does_not_break_the_import(cli, tmp_path):
    f = tmp_path / "photo.vcf"
    f.write_text(CARD.format(fn="Ann Lee", extra="PHOTO;ENCODING=b;TYPE=JPEG:not base64!!\r\n"
                             " still not\r\nX-UNKNOWN;FOO=bar:baz\r\n"))
    r = cli("import", str(f))
    assert r.exit_code == 0, r.stderr
    assert "Ann Lee" in peers(cli)


@pytest.mark.slow
def test_import_in_a_real_process(tmp_path):
    data = tmp_path / "peers.toml"
    run = [sys.executable, "-m", "peermap", "import", str(DATA / "apple-contacts.vcf")]
    r = subprocess.run(run, env=subprocess_env(data), capture_output=True, text=True,
                       timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("2 peers were added: Kenji Nakamura, Example Design Studio")
    assert 'location = "Tokyo"' in data.read_text()
