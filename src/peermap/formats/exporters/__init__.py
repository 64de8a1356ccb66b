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

# Each format: its module, and whether its output holds the notes about people always,
# never, or only when asked (--with-notes). A new format is one line here.
_ALWAYS, _NEVER, _OPTIONAL = "always", "never", "optional"
_REGISTRY: dict[str, tuple[str, str]] = {
    "json": ("to_json", _ALWAYS),
    "csv": ("to_csv", _ALWAYS),
    "markdown": ("to_markdown", _NEVER),
    "dot": ("to_dot", _NEVER),
    "mermaid": ("to_mermaid", _NEVER),
    "svg": ("to_svg", _NEVER),
    "ics": ("to_ics", _OPTIONAL),
    "vcard": ("to_vcard", _OPTIONAL),
}
NOTES_OPTIONAL = frozenset(k for k, (_, notes) in _REGISTRY.items() if notes == _OPTIONAL)


def _lazy(module: str) -> Exporter:
    def run(net: Network, today: date, **options: Any) -> str:
        text: str = import_module(f"peermap.formats.exporters.{module}").export(
            net, today, **options)
        return text

    run.__name__ = f"export_{module.removeprefix('to_')}"
    return run


EXPORTERS: dict[str, Exporter] = {fmt: _lazy(mod) for fmt, (mod, _) in _REGISTRY.items()}
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
    if alarm is not None and fmt != "ics":
        raise PeermapError(f"--alarm is for ics; the {fmt} export has no reminders.")
    if fmt == "ics" and alarm is not None:
        return exporter(net, today, with_notes=with_notes, alarm=alarm)
    if fmt in NOTES_OPTIONAL:
        return exporter(net, today, with_notes=with_notes)
    if with_notes:
        holds = "always holds" if _REGISTRY[fmt][1] == _ALWAYS else "never holds"
        raise PeermapError(f"--with-notes is for {', '.join(sorted(NOTES_OPTIONAL))}; the "
                           f"{fmt} export {holds} notes.")
    return exporter(net, today)
