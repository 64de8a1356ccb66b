"""The peermap command line: the app, its global options, the dashboard and the one error
path. Every command lives in an app/*.py module that registers it here (docs/architecture.md):
a command reads arguments, calls one domain function inside a store transaction, and hands
the result to a renderer.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from peermap import __version__
from peermap.app.common import (
    plain,
    screen,
    store,
    today,
)
from peermap.app.help import PeermapTyper, format_commands
from peermap.core.errors import PeermapError
from peermap.core.text import command
from peermap.run import Run, debug_env, fail


class PeermapGroup(TyperGroup):
    """Sends every failure below through peermap.run.fail, the one error path."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.BadParameter as e:
            # An invalid value is a clear error (exit 1); a missing one is wrong usage (2).
            if type(e).__name__ == "MissingParameter":
                raise
            where = e.ctx.command_path if e.ctx is not None else "peermap"
            error = PeermapError(f"{e.format_message()} See `{where} --help`.")
            raise typer.Exit(fail(error, False)) from None
        except TyperException as e:
            misplaced = _global_after_command(ctx, getattr(e, "option_name", None))
            if misplaced is not None:  # `peermap list --today D`: say where it goes
                raise typer.Exit(fail(PeermapError(misplaced, exit_code=2), False)) from None
            raise  # other usage errors stay Typer's (exit 2)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BaseException as e:  # noqa: B036 (Ctrl-C is exit code 130, not a crash)
            raise typer.Exit(fail(e, _debug(ctx))) from None

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ctx.meta["peermap.args"] = list(args)  # to point at a misplaced global option
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage(ctx.command_path, "[OPTIONS] COMMAND [ARGS]...")

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they are defined, not alphabetical

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        format_commands(self, ctx, formatter)


def _global_after_command(ctx: Any, option: str | None) -> str | None:
    """"--today goes before the command: peermap --today D list" for a global option
    typed after the command, or None for any other unknown option (docs/output.md)."""
    args: list[str] = ctx.meta.get("peermap.args", [])
    name = (option or "").partition("=")[0]
    # The app's own options (from its parameters), each with whether it takes a value.
    takes_value = {o: not getattr(p, "is_flag", True) for p in ctx.find_root().command.params
                   for o in p.opts}
    if name not in takes_value or ctx.invoked_subcommand not in args:
        return None
    start = args.index(ctx.invoked_subcommand)
    at = next((i for i in range(start + 1, len(args))
               if args[i].partition("=")[0] == name), None)
    if at is None:
        return None
    takes = 2 if takes_value[name] and "=" not in args[at] and at + 1 < len(args) else 1
    moved = args[at:at + takes]
    fixed = args[:start] + moved + args[start:at] + args[at + takes:]
    return f"{name} goes before the command: {command(*fixed)}"


def _debug(ctx: typer.Context) -> bool:
    obj = ctx.find_root().obj
    if isinstance(obj, Run):
        return obj.debug
    return bool(ctx.find_root().params.get("debug")) or debug_env(os.environ)


app = PeermapTyper(
    cls=PeermapGroup,
    help="Map and strengthen the peer relationships your work depends on.\n\n"
    "Run `peermap` for your dashboard or `peermap map` for the guided walkthrough.",
    no_args_is_help=False,
    invoke_without_command=True,
    add_completion=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,  # a real bug shows a plain traceback, no locals (notes!)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"peermap {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    file: Annotated[
        str | None,
        typer.Option("--file", "-f", metavar="PATH", show_default=False,
                     help="Data file (default: $PEERMAP_FILE, then the platform's data "
                     "folder; see `peermap where`)."),
    ] = None,
    today_: Annotated[
        str | None,
        typer.Option("--today", metavar="DATE", show_default=False,
                     help="Compute as of this day: YYYY-MM-DD, yesterday, tomorrow, +7d or a "
                     "weekday name. Preview the review or reminders of a coming day."),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback when peermap itself fails "
                           "(also PEERMAP_DEBUG=1).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True,
                           help="Print the version and exit.")
    ] = False,
) -> None:
    """Map and strengthen the peer relationships your work depends on.

    Run `peermap` alone for your dashboard, `peermap map` for the walkthrough.
    """
    from peermap.render import current

    ctx.obj = Run.build(file=file, today=today_, debug=debug)
    token = current.set(ctx.obj)  # for renderers not yet handed the run's Screen
    ctx.call_on_close(lambda: current.reset(token))
    if ctx.invoked_subcommand is None:
        _dashboard()


def _dashboard() -> None:
    s = store()
    if not s.exists():
        from peermap.render import views

        views.first_run(screen(), s.path)
        return
    from peermap.core.reminders import due_items, last_review

    net = s.load()
    t = today()
    due, last = due_items(net, t), last_review(net)
    if plain():
        from peermap.render import plain as text

        text.dashboard(net, t, due, last, s.path)
    else:
        from peermap.render import views

        views.dashboard(screen(), net, t, due, last, s.path)


def _register_features() -> None:
    from peermap.app import advice as cli_advice
    from peermap.app import books as cli_books
    from peermap.app import context as cli_context
    from peermap.app import daily as cli_daily
    from peermap.app import datafile as cli_datafile
    from peermap.app import discover as cli_discover
    from peermap.app import groups as cli_groups
    from peermap.app import history as cli_history
    from peermap.app import network as cli_network
    from peermap.app import peers as cli_peers
    from peermap.app import ritual as cli_ritual
    from peermap.app import sync as cli_sync
    from peermap.app import walkthrough as cli_walkthrough

    for module in (cli_peers, cli_daily, cli_datafile, cli_walkthrough, cli_advice,
                   cli_context, cli_ritual, cli_network, cli_sync, cli_history, cli_books,
                   cli_groups, cli_discover):
        module.register(app)


_register_features()


def app_for(args: list[str]) -> typer.Typer:
    """The app with only the commands `args` can reach: Typer builds every command's
    parameters on each run (about a quarter of a daily command's own time), so a run
    that names its command builds just that one. Help, completion and anything that
    names no command get the whole app, so their output stays the same."""
    import copy
    import os

    wanted = set(args)
    # Completion comes with no arguments (the words are in the environment): whole app.
    if "--help" in wanted or "-h" in wanted or any(
            k.startswith("_PEERMAP_COMPLETE") for k in os.environ):
        return app

    def name(info: object) -> str | None:
        given = getattr(info, "name", None)
        if isinstance(given, str):
            return given
        callback = getattr(info, "callback", None)
        # Typer's documented rule for a command named after its function: `merge_driver`
        # is `merge-driver`.
        return callback.__name__.lower().replace("_", "-") if callback is not None else None

    commands = [c for c in app.registered_commands if name(c) in wanted]
    groups = [g for g in app.registered_groups if name(g) in wanted]
    if args and not commands and not groups:
        return app  # an option alone, or a typo: Typer's own answer, with every command
    pruned = copy.copy(app)
    pruned.registered_commands = commands
    pruned.registered_groups = groups
    return pruned
