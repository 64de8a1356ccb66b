"""Finding peers from evidence on your own disk (docs/groups.md): `discover git`."""

from __future__ import annotations

from typing import Annotated

import typer

from peermap.app.common import FormatOpt, TextJson, emit_json, store, today
from peermap.app.help import PeermapTyper, SubGroup

discover_app = PeermapTyper(cls=SubGroup, help="Find peers from evidence on your own disk.",
                           no_args_is_help=True, rich_markup_mode=None)

SHOWN = 15


@discover_app.command("git")
def discover_git(
    repos: Annotated[list[str] | None, typer.Argument(
        help="Repositories to read (default: the current folder).", metavar="[REPO ...]",
        show_default=False)] = None,
    since: Annotated[str, typer.Option("--since", metavar="PERIOD", help="How far back: "
                                       "6m, 12w, 90d, 1y or a date.")] = "6m",
    format: FormatOpt = TextJson.text,
) -> None:
    """People who change the files you change, or review and co-author your commits, and
    are not on your map yet, ranked with their evidence.

    You are found by `peermap me --email` (default: git config user.email). Known peers
    are listed apart. Bots and commits touching more than 50 files are left out.

    Example: peermap discover git ~/src/api ~/src/web --since 6m
    """
    from collections import Counter
    from itertools import chain

    from peermap.core.discover import discover, since_date
    from peermap.core.errors import PeermapError
    from peermap.formats import git_history

    t = today()
    start = since_date(since, t)
    paths = repos or ["."]
    skipped: Counter[str] = Counter()
    # git starts first and runs while the map loads; its output is tallied as it comes.
    streams = [git_history.read(repo, start, i, skipped) for i, repo in enumerate(paths)]
    net = store().load()
    me = net.me.email_keys()
    if not me:
        me = set(git_history.my_email(paths[0]))
    if not me:
        raise PeermapError("peermap does not know your e-mail: set it with `peermap me "
                           "--email YOU@EXAMPLE.COM` or `git config user.email`.")
    commits = chain.from_iterable(streams)
    d = discover(net, commits, me, start, t, skipped)  # tallied while git writes
    if format == TextJson.json:
        emit_json({**d.as_json(t), "me": sorted(me), "repos": paths})
    else:
        from peermap.app.common import plain, terminal_width
        from peermap.render.discover import discover_text

        text = discover_text(d, t, sorted(me), SHOWN)
        if not plain():  # at a terminal: long lines wrap under themselves
            from peermap.render.plain import wrapped

            text = wrapped(text, terminal_width())
        print(text.rstrip("\n"))


def register(app: typer.Typer) -> None:
    app.add_typer(discover_app, name="discover")
