"""The data file's text: the writer (`dumps`) and the parser (`parse`).

The writer is deterministic, so the same data is the same bytes; the parser validates,
and turns every failure into one DataFileError naming the file, the line and the fix
(the wording lives in peermap.storage.locate).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from peermap.core.errors import DataFileError
from peermap.core.model import InvalidData, Network, to_doc


def dumps(net: Network) -> bytes:
    """The file's bytes for a network: deterministic, so the same data is the same bytes.

    A writer made for schema 1 rather than tomli_w: each tie change and log entry is one
    inline table on one line, whatever its length, so a new entry is a one-line diff,
    and keys and peers come in a fixed order, so git merges stay clean. It is also
    faster: 0.80x tomli_w's time on the benchmark's 1,000-peer network (benchmarks/
    bench.py, 2026-12-03 00:15 UTC, 2-CPU Xeon VM; see docs/performance.md).
    tomli_w is its test oracle: a property test checks on arbitrary networks that its
    output parses to what tomli_w's does.
    """
    return dump_doc(to_doc(net))


def dump_doc(doc: dict[str, Any], peers: Iterable[str] | None = None) -> bytes:
    """The bytes of a document as `to_doc` builds it.

    `peers`, when given, is the text of each peer in order (`peer_text` of each, or an
    unchanged peer's text taken from the file as peermap wrote it); the document's own
    peers are not written then.
    """
    out: list[str] = [f"schema = {_value(doc['schema'])}\n"]
    for table in TABLES:
        if table in doc:
            out.append(f"\n[{table}]\n")
            out.extend(f"{k} = {_value(v)}\n" for k, v in doc[table].items())
    out.extend((peer_text(peer) for peer in doc.get("peers", ())) if peers is None else peers)
    for key in ARRAY_TABLES:
        for entry in doc.get(key, ()):
            out.append(f"\n[[{key}]]\n")
            out.extend(f"{k} = {_value(v)}\n" for k, v in entry.items())
    return "".join(out).encode("utf-8")


# The file's tables after `schema`, in the order they are written; peers come between the
# two groups. A new top-level table is one name here plus its model (docs/data-file.md).
TABLES = ("me", "settings", "walkthrough", "review_progress")
ARRAY_TABLES = ("reviews", "away", "groups", "to_meet", "conflicts")


PEER_HEADER = "\n[[peers]]\n"  # what every peer's text starts with


def peer_text(peer: dict[str, Any]) -> str:
    """One peer's `[[peers]]` table (and its `[peers.next]`), as `dump_doc` writes it."""
    out = [PEER_HEADER]
    nxt = None
    for k, v in peer.items():
        if k == "next":
            nxt = v
        elif k in ("ties", "log", "replaced", "goal_checks"):
            out.append(f"{k} = [\n")
            out.extend(f"    {_inline(entry)},\n" for entry in v)
            out.append("]\n")
        else:
            out.append(f"{k} = {_value(v)}\n")
    if nxt is not None:
        out.append("\n[peers.next]\n")
        out.extend(f"{k} = {_value(v)}\n" for k, v in nxt.items())
    return "".join(out)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n",
            "\f": "\\f", "\r": "\\r", "\x7f": "\\u007F"}
_ESCAPES.update({chr(c): f"\\u{c:04X}" for c in range(0x20) if chr(c) not in _ESCAPES})
_ONE_LINE = str.maketrans(_ESCAPES)
# In a multi-line string, newlines and tabs stay as they are (notes read naturally).
_MULTI_LINE = str.maketrans({k: v for k, v in _ESCAPES.items() if k not in "\n\t"})


def _string(text: str, *, multiline: bool = True) -> str:
    """A TOML basic string; text with newlines becomes a multi-line string.

    Every quote is escaped, so a multi-line string never ends in four quotes.
    """
    if multiline and "\n" in text:
        return '"""\n' + text.translate(_MULTI_LINE) + '"""'
    return '"' + text.translate(_ONE_LINE) + '"'


def _value(v: object, *, multiline: bool = True) -> str:
    from datetime import date

    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return _string(v, multiline=multiline)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):  # a next step kept by a merge conflict
        return _inline(v)
    raise TypeError(f"peermap cannot write a {type(v).__name__} to the data file")


def _inline(entry: dict[str, Any]) -> str:
    """One history or log entry on one line (a note's newlines written as \\n)."""
    return "{ " + ", ".join(f"{k} = {_value(v, multiline=False)}" for k, v in entry.items()) \
        + " }"


def parse(data: bytes, where: Path | str) -> Network:
    """Parse and validate file bytes, or raise DataFileError naming the file and the fix."""
    import tomllib

    from peermap.storage import locate

    if data.startswith(b"\xef\xbb\xbf"):
        raise DataFileError(
            f"{where} starts with a byte-order mark. Save it as UTF-8 without BOM. "
            f"{locate.fix_hint(1)}"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise DataFileError(locate.not_utf8(where, data, e.start)) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise DataFileError(locate.not_toml(where, text, e)) from None
    except RecursionError:
        raise DataFileError(locate.too_deep(where)) from None
    except ValueError:  # an integer of thousands of digits (Python's int-to-text limit)
        raise DataFileError(locate.too_large(where, text)) from None
    try:
        return _validate(raw)
    except InvalidData as e:
        raise DataFileError(locate.invalid(where, text, e.problems)) from None
    except RecursionError:
        raise DataFileError(locate.too_deep(where)) from None


def _validate(raw: dict[str, Any]) -> Network:
    from peermap.core.model import validate_document

    return validate_document(raw)
