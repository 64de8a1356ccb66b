"""The `add`/`edit` options, one per row of the field table that has one (docs/fields.md).

`field_options` gives a command a keyword-only option for each such field, typed by the
field's kind; the command receives them together as `details` (a core.peers.Details).
A new field with an option in the table appears in `add` and `edit` with no edit here.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer

from peermap.core.model import OPTION_FIELDS, Field, Kindof


def _parser(f: Field) -> Callable[[Any], Any]:
    enum = f.enum
    assert enum is not None
    values = [e.value for e in enum]
    allowed = ", ".join(values[:-1]) + " or " + values[-1]
    if f.key == "tie":
        allowed += " (or s, w, n)"

    def parse(text: Any) -> Any:
        if isinstance(text, enum):
            return text
        from peermap.core.vocab import parse_choice

        found = parse_choice(enum, str(text))
        if found is None:
            raise typer.BadParameter(f"{text!r} is not one of {allowed}.")
        return found

    return parse


def _completer(enum: type[StrEnum]) -> Callable[[str], list[str]]:
    return lambda incomplete: [e.value for e in enum if e.value.startswith(incomplete.lower())]


def _annotation(f: Field) -> Any:
    if f.kind in (Kindof.ENUM, Kindof.ENUMS):
        assert f.enum is not None
        metavar = {"tie": "TIE", "why_none": "WHY"}.get(f.key, "<" + "|".join(f.enum) + ">")
        option = typer.Option(f.option, help=f.help, show_default=False, metavar=metavar,
                              parser=_parser(f), autocompletion=_completer(f.enum))
        kind: Any = list.__class_getitem__(f.enum) if f.kind is Kindof.ENUMS else f.enum
    elif f.kind is Kindof.DATE:  # the forms of `plan --due`: a date, or 3d, friday, ...
        option = typer.Option(f.option, help=f.help, show_default=False, metavar="DATE",
                              parser=_date)
        kind = date
    elif f.kind is Kindof.BOOL:
        option = typer.Option(f"{f.option}/--no-{f.option.removeprefix('--')}", help=f.help,
                              show_default=False)
        kind = bool
    else:
        option = typer.Option(f.option, help=f.help, show_default=False)
        kind = {Kindof.TEXTS: list[str], Kindof.INT: int}.get(f.kind, str)
    return Annotated[kind | None, option]


def _date(text: Any) -> date:
    if isinstance(text, date):
        return text
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        pass
    from peermap.app.common import due_date

    return due_date(str(text))


def field_options(command: Callable[..., None]) -> Callable[..., None]:
    """`command(..., details)` as a Typer command with one option per settable field.

    The options follow the command's own arguments and come before its other options.
    """
    from peermap.core.peers import Details

    own = list(inspect.signature(command, eval_str=True).parameters.values())
    own = [p for p in own if p.name != "details"]
    args = [p for p in own if p.default is inspect.Parameter.empty]
    rest = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own if p not in args]
    added = [inspect.Parameter(f.key, inspect.Parameter.KEYWORD_ONLY, default=None,
                               annotation=_annotation(f)) for f in OPTION_FIELDS]

    @functools.wraps(command)
    def run(*a: Any, **kw: Any) -> None:
        details = Details({f.key: kw.pop(f.key, None) for f in OPTION_FIELDS})
        command(*a, details=details, **kw)

    run.__signature__ = inspect.Signature([*args, *added, *rest])  # type: ignore[attr-defined]
    run.__annotations__ = {}  # the signature above is the whole truth for Typer
    return run
