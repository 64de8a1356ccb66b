"""vCard 2.1, 3.0 and 4.0 address books as peers (docs/formats.md): cards to raw fields.

The file is split into cards here, so each problem names its card and line; each card
is then read by `vobject` (quoted-printable, CHARSET, folded lines, escaped commas and
grouped properties like Apple's `item1.ADR` are its job). Binary properties (PHOTO,
LOGO, SOUND, KEY, anything base64) are dropped before parsing: peermap never uses them
and a truncated photo must not cost the user their import. Properties peermap has no
field for are ignored.

Field mapping: FN (else N) → name, ORG → team (the most specific unit: "Acme;Payments"
gives "Payments"), TITLE (else ROLE) → role, ADR locality → location (a work address
first), NOTE → notes, CATEGORIES → tags (less Google's system group "myContacts"), every
EMAIL → email and every TEL → phone (preferred ones first, a `mailto:`/`tel:` URI read as
its address or number).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from peermap.core.model import FIELDS_BY_KEY, Peer, clean_name
from peermap.core.peers import clean_items
from peermap.core.text import bad_char_problem

_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_SYSTEM_GROUPS = frozenset({"mycontacts", "starred"})  # Google's, not the user's
# The property each field comes from, to name it in a problem.
PROPERTY = {"name": "FN", "team": "ORG", "role": "TITLE", "location": "ADR",
            "notes": "NOTE", "tags": "CATEGORIES", "email": "EMAIL", "phone": "TEL"}


@dataclass
class Card:
    number: int  # 1 for the first card in the file
    line: int  # its BEGIN:VCARD line
    lines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # each line's number in the file

    def add(self, line: str, number: int) -> None:
        self.lines.append(line)
        self.numbers.append(number)


def split_cards(text: str) -> tuple[list[Card], list[tuple[int, str]]]:
    """The cards of a file, binary properties dropped, and problems with its structure
    as (card number, reason) pairs (0: the file as a whole)."""
    cards: list[Card] = []
    problems: list[tuple[int, str]] = []
    card: Card | None = None
    depth = 0
    skipping = False
    for n, line in enumerate(text.splitlines(), 1):
        upper = line.strip().upper()
        if card is None:
            if upper == "BEGIN:VCARD":
                card, depth, skipping = Card(len(cards) + 1, n, [line.strip()], [n]), 1, False
            elif upper:
                problems.append((0, f"line {n} is outside any BEGIN:VCARD ... END:VCARD "
                                    "block; is this a vCard file?"))
                return cards, problems
            continue
        if skipping:
            if line[:1] in (" ", "\t"):
                continue  # a folded line of the dropped property
            skipping = False
            if not upper:
                continue  # vCard 2.1 ends base64 data with a blank line
        if not upper:
            continue
        if upper == "BEGIN:VCARD":
            depth += 1  # an embedded card (2.1 AGENT): part of this one
        elif upper == "END:VCARD":
            depth -= 1
            if depth == 0:
                card.add(line.strip(), n)
                cards.append(card)
                card = None
                continue
        elif line[:1] not in (" ", "\t") and _binary(line):
            skipping = True
            continue
        card.add(line, n)
    if card is not None:
        problems.append((card.number, f"has no END:VCARD; the file may be cut short "
                                      f"(line {card.line})"))
    return cards, problems


def _binary(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    name = head.split(";", 1)[0].rsplit(".", 1)[-1]
    params = head.split(";")[1:]
    return name in _BINARY or any(p in ("ENCODING=B", "ENCODING=BASE64", "BASE64")
                                  for p in params)


def read_card(card: Card) -> tuple[dict[str, Any], str | None]:
    """The fields peermap reads from one card, or a problem naming the property and line."""
    import vobject  # type: ignore[import-untyped]
    from vobject.base import ParseError  # type: ignore[import-untyped]

    text = "\r\n".join(card.lines) + "\r\n"
    try:
        vc = vobject.readOne(text, allowQP=True)
    except ParseError as e:
        return {}, _parse_problem(card, e)
    except Exception as e:  # vobject raises plain ValueError, binascii.Error, ...
        return {}, f"cannot be read as a vCard ({type(e).__name__}: {e}) (line {card.line})"
    try:
        return _fields(vc), None
    except _Unreadable as e:
        return {}, f"{e} (line {card.line})"


class _Unreadable(Exception):
    pass


def _parse_problem(card: Card, e: Exception) -> str:
    number = getattr(e, "lineNumber", None)
    what, line = "a line", card.line
    if isinstance(number, int) and 1 <= number <= len(card.lines):
        text, line = card.lines[number - 1], card.numbers[number - 1]
        if ":" in text:
            prop = text.split(":", 1)[0].split(";", 1)[0].rsplit(".", 1)[-1].upper()
            what = f"the property {prop!r}"
    msg = str(getattr(e, "message", "") or e).split(": ", 1)[-1]
    return f"{what} cannot be read as vCard ({msg}) (line {line})"


def _text(value: Any, prop: str) -> str:
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            raise _Unreadable(f"{prop} is not UTF-8 text") from None
    if isinstance(value, list | tuple):
        value = " ".join(_text(v, prop) for v in value)
    return str(value)


def _values(vc: Any, name: str) -> list[Any]:
    return list(vc.contents.get(name, []))


def _name(vc: Any) -> dict[str, Any]:
    """FN, or failing that the N parts joined (noting it came from N)."""
    fn = next((_text(p.value, "FN") for p in _values(vc, "fn") if _text(p.value, "FN").strip()),
              "")
    if fn.strip():
        return {"name": fn}
    for p in _values(vc, "n"):
        v = p.value
        parts = [getattr(v, k, "") for k in ("prefix", "given", "additional", "family",
                                              "suffix")] if not isinstance(v, str) else [v]
        name = " ".join(_text(x, "N") for x in parts if x)
        if name.strip():
            return {"name": name, "_name_from": "N"}
    return {}


def _team(vc: Any) -> dict[str, Any]:
    """The last unit of the first ORG that has one."""
    for p in _values(vc, "org"):
        units = [u for u in (_text(x, "ORG").strip() for x in
                             (p.value if isinstance(p.value, list) else [p.value])) if u]
        if units:
            return {"team": units[-1]}
    return {}


def _role(vc: Any) -> dict[str, Any]:
    """TITLE, or failing that ROLE (noting which)."""
    for prop in ("title", "role"):
        v = next((_text(p.value, prop.upper()) for p in _values(vc, prop)
                  if _text(p.value, prop.upper()).strip()), "")
        if v:
            return {"role": v, "_role_from": prop.upper()}
    return {}


def _location(vc: Any) -> dict[str, Any]:
    """The city of the first ADR that has one, work addresses first."""
    adrs = _values(vc, "adr")
    adrs.sort(key=lambda p: 0 if "WORK" in {t.upper() for t in p.params.get("TYPE", [])} else 1)
    for p in adrs:
        city = _text(getattr(p.value, "city", ""), "ADR")
        if city.strip():
            return {"location": city}
    return {}


def _notes(vc: Any) -> dict[str, Any]:
    """Every NOTE, with plain line ends, joined by blank lines."""
    notes = [_text(p.value, "NOTE").replace("\r\n", "\n").replace("\r", "\n").strip()
             for p in _values(vc, "note")]
    if any(notes):
        return {"notes": "\n\n".join(n for n in notes if n)}
    return {}


def _tags(vc: Any) -> dict[str, Any]:
    """CATEGORIES, without the address books' own system groups."""
    tags: list[str] = []
    for p in _values(vc, "categories"):
        values = p.value if isinstance(p.value, list) else str(p.value).split(",")
        tags += [_text(t, "CATEGORIES") for t in values]
    tags = [t for t in tags if t.strip() and t.strip().casefold() not in _SYSTEM_GROUPS]
    return {"tags": tags} if tags else {}


def _reach(vc: Any) -> dict[str, Any]:
    """EMAIL and TEL values, preferred first, without their URI scheme."""
    out: dict[str, Any] = {}
    for key, prop, scheme in (("email", "email", "mailto:"), ("phone", "tel", "tel:")):
        found = sorted(_values(vc, prop), key=lambda p: 0 if _preferred(p) else 1)
        items = [_text(p.value, prop.upper()).strip() for p in found]
        items = [x[len(scheme):] if x.lower().startswith(scheme) else x for x in items]
        if any(items):
            out[key] = [x for x in items if x]
    return out


# The card's fields, read in this order (a field's "_x_from" notes the property it came from).
_FIELD_READERS: tuple[Callable[[Any], dict[str, Any]], ...] = (
    _name, _team, _role, _location, _notes, _tags, _reach)


def _fields(vc: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for reader in _FIELD_READERS:
        out.update(reader(vc))
    return out


def _preferred(p: Any) -> bool:
    """A property marked preferred: TYPE=PREF (2.1, 3.0) or PREF=1 (4.0)."""
    types = {str(t).upper() for t in p.params.get("TYPE", [])}
    return "PREF" in types or "1" in [str(x) for x in p.params.get("PREF", [])]


# --- the importer's side (see formats/readers.py) --------------------------------------


def read_file(text: str) -> Any:
    """A vCard file as the importer's numbered rows: one per card."""
    from peermap.formats.importer import ImportRows, Row

    out = ImportRows("vcard")
    cards, problems = split_cards(text)
    out.problems.extend(problems)
    for card in cards:
        data, problem = read_card(card)
        if problem:
            out.problems.append((card.number, problem))
        else:
            out.rows.append(Row(card.number, data, card.line))
    if not cards and not problems:
        out.problems.append((0, "the file holds no vCards (BEGIN:VCARD ... END:VCARD)"))
    return out


def parse_row(data: dict[str, Any], problems: list[str]) -> Any:
    from peermap.formats.importer import _Parsed

    parsed = parse_card(data, problems)
    return None if parsed is None else _Parsed(parsed[0], parsed[1])


def parse_card(data: dict[str, Any], problems: list[str]) -> tuple[Peer, set[str]] | None:
    """A peer from a card's fields; problems name the property they come from."""
    def text(key: str, *, multiline: bool = False) -> str:
        value = str(data.get(key, ""))
        value = value.strip() if multiline else " ".join(value.split())
        found = bad_char_problem(data.get(f"_{key}_from", PROPERTY[key]), value,
                                 multiline=multiline)
        if found:
            problems.append(found)
        return value

    name = clean_name(text("name"))
    if not name:
        problems.append("has no name (neither FN nor N); every card needs one")
    p = Peer(name=name, team=text("team"), role=text("role"), location=text("location"),
             notes=text("notes", multiline=True))
    for key in ("tags", "email", "phone"):
        items = [" ".join(str(x).split()) for x in data.get(key, [])]
        found = next((bad_char_problem(PROPERTY[key], x) for x in items
                      if bad_char_problem(PROPERTY[key], x)), None)
        if found:
            problems.append(found)
        setattr(p, key, clean_items(FIELDS_BY_KEY[key], items))
    given = {k for k in PROPERTY if data.get(k)}
    return None if problems else (p, given)
