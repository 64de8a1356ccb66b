"""`peermap --help`: commands grouped by what the user is doing, each summary in full."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

F = TypeVar("F", bound=Callable[..., Any])

SECTIONS: dict[str, tuple[str, ...]] = {
    "Map and review": ("map", "review", "remind", "away", "snooze"),
    "Peers": ("add", "rate", "edit", "rename", "remove", "merge", "list", "show", "log",
              "plan", "done"),
    "Advice": ("focus", "suggest", "brief", "debrief", "loops", "close", "principles"),
    "Network": ("stats", "export", "import"),
    "Groups and evidence": ("group", "meet", "discover"),
    "The data file": ("init", "me", "check", "undo", "redo", "config", "where", "merge-driver",
                      "git-setup", "conflicts", "key"),
}


def format_commands(group: Any, ctx: typer.Context, formatter: Any) -> None:
    """Each section lists its commands with the first sentence of their help, uncut."""
    commands = {name: group.get_command(ctx, name) for name in group.list_commands(ctx)}
    shown = {name: cmd for name, cmd in commands.items() if cmd is not None and not cmd.hidden}
    listed: set[str] = set()
    for title, names in [*SECTIONS.items(), ("Other", tuple(shown))]:
        rows = [(n, shown[n].get_short_help_str(limit=1000)) for n in names
                if n in shown and n not in listed]
        listed.update(n for n, _ in rows)
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


def _usage(cmd: Any, ctx: Any, formatter: Any) -> None:
    """Usage lines as users type them: `peermap rate PEER TIE`, not Typer's `{PEER}`."""
    pieces = " ".join(cmd.collect_usage_pieces(ctx))
    formatter.write_usage(ctx.command_path, pieces.replace("{", "").replace("}", ""))


class PlainUsageCommand(TyperCommand):
    """Every peermap command: its usage line without Typer's braces."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)


class PeermapTyper(typer.Typer):
    """A Typer whose commands are PlainUsageCommand unless they say otherwise (Typer's
    public `cls` option: no private API, no patched method; docs/output.md)."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[F], F]:
        kwargs.setdefault("cls", PlainUsageCommand)
        decorator: Callable[[F], F] = super().command(*args, **kwargs)
        return decorator


class SubGroup(TyperGroup):
    """A command group under peermap (`focus`): commands in order, summaries uncut."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        _usage(self, ctx, formatter)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, cmd.get_short_help_str(limit=1000))
                for name, cmd in self.commands.items() if not cmd.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
