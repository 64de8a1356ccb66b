"""Export formats (docs/formats.md): a registry of name -> function(network, today) -> str.

The CLI's `--format` choice is built from this registry. Formats in `NOTES_OPTIONAL`
leave notes about people out unless asked (`with_notes=True`).

Each format lives in its own module, imported only when that format is asked for, so
importing this package costs nothing. No exporter prints, imports Rich or writes files:
the CLI decides where the text goes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib import import_module
from typing import Any

from peermap.core.errors import PeermapError
from peermap.core.model import Network

Exporter = Callable[..., str]  # (network, today, **options) -> text

# Each format: its module, whether its output holds the notes about people always, never,
# or only when asked (--with-notes), and the options of its own it takes. A new format is
# one line here.
_ALWAYS, _NEVER, _OPTIONAL = "always", "never", "optional"
_REGISTRY: dict[str, tuple[str, str, frozenset[str]]] = {
    "json": ("to_json", _ALWAYS, frozenset()),
    "csv": ("to_csv", _ALWAYS, frozenset()),
    "markdown": ("to_markdown", _NEVER, frozenset()),
    "dot": ("to_dot", _NEVER, frozenset()),
    "mermaid": ("to_mermaid", _NEVER, frozenset()),
    "svg": ("to_svg", _NEVER, frozenset()),
    "ics": ("to_ics", _OPTIONAL, frozenset({"alarm"})),
    "vcard": ("to_vcard", _OPTIONAL, frozenset()),
}
NOTES_OPTIONAL = frozenset(k for k, (_, notes, _o) in _REGISTRY.items() if notes == _OPTIONAL)


def _lazy(module: str) -> Exporter:
    def run(net: Network, today: date, **options: Any) -> str:
        text: str = import_module(f"peermap.formats.exporters.{module}").export(
            net, today, **options)
        return text

    run.__name__ = f"export_{module.removeprefix('to_')}"
    return run


EXPORTERS: dict[str, Exporter] = {fmt: _lazy(mod) for fmt, (mod, _, _o) in _REGISTRY.items()}
FORMATS: tuple[str, ...] = tuple(EXPORTERS)


def export(fmt: str, net: Network, today: date, *, with_notes: bool = False,
           alarm: str | None = None) -> str:
    """The network in format `fmt`, as text ending in a newline. `alarm` (ics only): a
    reminder that long before each entry (1h, 30m, 2d)."""
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise PeermapError(
            f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}."
        ) from None
    options: dict[str, Any] = {"alarm": alarm} if alarm is not None else {}
    for name in options:  # each format takes only the options its registry line names
        if name not in _REGISTRY[fmt][2]:
            takers = sorted(f for f, (_m, _n, own) in _REGISTRY.items() if name in own)
            raise PeermapError(f"--{name} is for {', '.join(takers)}; the {fmt} export does "
                               f"not take it.")
    if fmt in NOTES_OPTIONAL:
        options["with_notes"] = with_notes
    elif with_notes:
        holds = "always holds" if _REGISTRY[fmt][1] == _ALWAYS else "never holds"
        raise PeermapError(f"--with-notes is for {', '.join(sorted(NOTES_OPTIONAL))}; the "
                           f"{fmt} export {holds} notes.")
    return exporter(net, today, **options)
