"""`peermap --help`: commands grouped by what the user is doing, each summary in full."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

SECTIONS: dict[str, tuple[str, ...]] = {
    "Map and review": ("map", "review", "remind", "away", "snooze"),
    "Peers": ("add", "rate", "edit", "rename", "remove", "merge", "list", "show", "log",
              "plan", "done"),
    "Advice": ("focus", "suggest", "brief", "debrief", "loops", "close", "principles"),
    "Network": ("stats", "export", "import"),
    "The data file": ("init", "me", "check", "undo", "config", "where", "merge-driver",
                      "git-setup"),
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


def plain_usage(cmd: Any) -> Any:
    """Usage lines as users type them: `peermap rate PEER TIE`, not Typer's `{PEER}`."""
    if cmd is None or getattr(cmd, "_peermap_usage", False):
        return cmd

    def format_usage(ctx: Any, formatter: Any) -> None:
        pieces = " ".join(cmd.collect_usage_pieces(ctx))
        formatter.write_usage(ctx.command_path, pieces.replace("{", "").replace("}", ""))

    cmd.format_usage = format_usage
    cmd._peermap_usage = True
    if hasattr(cmd, "get_command"):
        inner = cmd.get_command

        def get_command(ctx: Any, name: str) -> Any:
            return plain_usage(inner(ctx, name))

        cmd.get_command = get_command
    return cmd


class SubGroup(TyperGroup):
    """A command group under peermap (`focus`): commands in order, summaries uncut."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = [(name, cmd.get_short_help_str(limit=1000))
                for name, cmd in self.commands.items() if not cmd.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
