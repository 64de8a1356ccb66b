"""Finding a peer from what the user typed: full name, any case, or a unique prefix."""

from __future__ import annotations

from peermap.core.errors import PeerNotFound
from peermap.core.model import Network, Peer
from peermap.core.text import fold, name_key

__all__ = ["fold", "matches", "resolve"]


def matches(net: Network, ref: str) -> list[Peer]:
    """Peers a reference could mean: an exact name wins; else prefixes of name or a word.

    Accents are ignored only when the reference has none itself.
    """
    key = name_key(ref)
    if not key:
        return []
    exact = [p for p in net.peers if p.key == key]
    if exact:
        return exact
    plain = fold(key) == key

    def hit(name_key_: str) -> bool:
        return name_key_.startswith(key) or any(w.startswith(key) for w in name_key_.split())

    found = [p for p in net.peers if hit(p.key)]
    if not found and plain:
        exact = [p for p in net.peers if fold(p.key) == key]
        found = exact or [p for p in net.peers if hit(fold(p.key))]
    return found


def close_names(net: Network, ref: str, n: int = 3) -> list[str]:
    import difflib

    keys = {p.key: p.name for p in net.peers}
    words = {w: p.name for p in net.peers for w in p.key.split()}
    found = difflib.get_close_matches(name_key(ref), list(keys), n=n, cutoff=0.6)
    found += difflib.get_close_matches(name_key(ref), list(words), n=n, cutoff=0.75)
    names = [keys.get(k) or words[k] for k in found]
    return list(dict.fromkeys(names))[:n]


def resolve(net: Network, ref: str) -> Peer:
    """The one peer `ref` names, or PeerNotFound with the matches or close names."""
    found = matches(net, ref)
    if len(found) == 1:
        return found[0]
    if found:
        listed = ", ".join(p.name for p in found[:8]) + (", ..." if len(found) > 8 else "")
        raise PeerNotFound(f"{ref!r} matches {len(found)} peers: {listed}. Type more of the name.")
    close = close_names(net, ref)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else (
        " See `peermap list`." if net.peers else " Add one with `peermap add NAME`.")
    raise PeerNotFound(f"no peer called {ref!r}.{hint}")
