"""A change's new file text without writing every peer again.

A file peermap wrote itself is `dump_doc` of the document in the parse cache, byte for
byte (the cache says so and holds the file's hash). Its peers' texts can then be taken
from the old bytes for every peer whose document is unchanged; only changed and new
peers, and the small tables around them, are written again. At 10,000 peers that is
most of a write's time saved (docs/safety.md, "Write speed"). The result is the same
bytes `dump_doc(to_doc(net))` gives; a property test holds it to that.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from peermap.core.model import Network, peer_to_doc, to_doc
from peermap.storage.codec import PEER_HEADER, dump_doc, peer_text

_HEADER = PEER_HEADER.encode("utf-8")


@dataclasses.dataclass(frozen=True)
class Before:
    """The file as it was: its document with dates as text (the cache's form), and
    whether its bytes are exactly what peermap's writer makes of that document;
    `missed` is the bytes' digest when the parse cache did not hold them ("" on a hit)."""

    doc: dict[str, Any]
    canonical: bool
    missed: str = ""


def new_text(net: Network, doc: dict[str, Any], old: bytes | None,
             before: Before | None) -> bytes:
    """The file's bytes for `net`, whose document with dates as text is `doc`."""
    old_peers: list[dict[str, Any]] = before.doc.get("peers", []) if before else []
    segments = _peer_segments(old, len(old_peers)) if before and before.canonical else None
    if old is None or segments is None:
        return dump_doc(to_doc(net))
    where = {p["name"]: i for i, p in enumerate(old_peers) if i < len(segments)}
    texts = []
    for peer, now in zip(net.peers, doc.get("peers", ()), strict=True):
        i = where.get(now["name"])
        if i is not None and old_peers[i] == now:
            texts.append(segments[i])
        else:
            texts.append(peer_text(peer_to_doc(peer)))
    return dump_doc(to_doc(dataclasses.replace(net, peers=[])), texts)


def _peer_segments(old: bytes | None, count: int) -> list[str] | None:
    """The text of each peer but the last in a file peermap wrote, None when the file
    cannot be cut safely.

    Every peer's text starts with its header line; when the header occurs exactly as
    often as there are peers, no note holds one, so each peer's text runs to the next
    header. The last peer's end is not cut (tables after the peers follow it), so the
    last peer is always written again.
    """
    if old is None or count < 2 or old.count(_HEADER) != count:
        return None
    starts = []
    at = old.find(_HEADER)
    while at >= 0:
        starts.append(at)
        at = old.find(_HEADER, at + 1)
    return [old[a:b].decode("utf-8") for a, b in zip(starts, starts[1:], strict=False)]
