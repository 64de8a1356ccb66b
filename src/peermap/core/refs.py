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


class Chosen(str):
    """A peer chosen earlier (in a review, from a list): its stored name, addressed by
    exact name only. A change saved on its behalf never falls back to a prefix lookup,
    which would land on another peer ("Al" removed meanwhile -> "Alan Turing")."""


def chosen(name: str) -> Chosen:
    return Chosen(name)


def resolve(net: Network, ref: str) -> Peer:
    """The one peer `ref` names, or PeerNotFound with the matches or close names.

    A `Chosen` ref is matched by its exact name only; when that peer is gone (removed
    or renamed by another peermap meanwhile) the error says so and nothing is saved.
    """
    if isinstance(ref, Chosen):
        p = net.find(ref)
        if p is None:
            raise PeerNotFound(f"{str(ref)!r} is no longer on your map (removed or renamed by "
                               "another peermap meanwhile); nothing was saved for them.")
        return p
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


def index(net: Network) -> tuple[dict[str, Peer], dict[str, Peer]]:
    """The map's peers by e-mail address (lower case, first peer wins) and by name key:
    how git authors and calendar attendees are matched to peers."""
    by_email: dict[str, Peer] = {}
    for p in net.peers:
        for e in p.email:
            by_email.setdefault(e.strip().lower(), p)
    return by_email, {p.key: p for p in net.peers}
