"""Export formats (SPEC section 10): a registry of name -> function(network, today) -> str.

Each format lives in its own module, imported only when that format is asked for, so
importing this package costs nothing. No exporter prints, imports Rich or writes files:
the CLI decides where the text goes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from importlib import import_module

from peermap.core.errors import PeermapError
from peermap.core.model import Network

Exporter = Callable[[Network, date], str]

_MODULES = {
    "json": "to_json",
    "csv": "to_csv",
    "markdown": "to_markdown",
    "dot": "to_dot",
    "mermaid": "to_mermaid",
    "svg": "to_svg",
}


def _lazy(module: str) -> Exporter:
    def run(net: Network, today: date) -> str:
        text: str = import_module(f"peermap.formats.exporters.{module}").export(net, today)
        return text

    run.__name__ = f"export_{module.removeprefix('to_')}"
    return run


EXPORTERS: dict[str, Exporter] = {fmt: _lazy(mod) for fmt, mod in _MODULES.items()}
FORMATS: tuple[str, ...] = tuple(EXPORTERS)


def export(fmt: str, net: Network, today: date) -> str:
    """The network in format `fmt`, as text ending in a newline."""
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise PeermapError(
            f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}."
        ) from None
    return exporter(net, today)
