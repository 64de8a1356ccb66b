"""vCard 3.0: the map back into an address book, one card per peer (docs/formats.md).

FN and N ← name, ORG ← team, TITLE ← role, ADR (work, city) ← location, EMAIL ← email,
TEL ← phone, CATEGORIES ← tags, NOTE ← notes (only with --with-notes: notes about a
colleague should not reach an address book that syncs elsewhere unless asked). The
importer reads every one of these back. `vobject` writes the escaping and folding.
"""

from __future__ import annotations

from datetime import date

from peermap.core.model import Network, Peer
from peermap.formats.exporters.common import by_name


def _card(p: Peer, with_notes: bool) -> str:
    import vobject  # type: ignore[import-untyped]

    card = vobject.vCard()
    card.add("fn").value = p.name
    words = p.name.split()
    card.add("n").value = vobject.vcard.Name(family=words[-1] if len(words) > 1 else "",
                                             given=" ".join(words[:-1]) or p.name)
    if p.team:
        card.add("org").value = [p.team]
    if p.role:
        card.add("title").value = p.role
    if p.location:
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(city=p.location)
        adr.type_param = "WORK"
    for address in p.email:
        card.add("email").value = address
    for number in p.phone:
        card.add("tel").value = number
    if p.tags:
        card.add("categories").value = list(p.tags)
    if with_notes and p.notes:
        card.add("note").value = p.notes
    text: str = card.serialize()
    return text


def export(net: Network, today: date, *, with_notes: bool = False) -> str:
    return "".join(_card(p, with_notes) for p in by_name(net.peers))
