"""The data file's own commands: check, config and where (docs/commands.md, docs/safety.md)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from peermap.app.common import say as _say
from peermap.app.common import (
    screen,
    store,
)


def check() -> None:
    """Validate the data file, its permissions and backups; spot sync-conflict copies.

    Changes nothing. Exit 1 when the file cannot be used.

    Example:

    \b
      peermap check
    """
    from peermap.storage.checkup import checkup

    report = checkup(store())
    screen().lines(report.lines)
    if report.failed:
        raise typer.Exit(1)


# "-5" is a value to refuse with a reason, not an unknown option.


def config(
    key: Annotated[str | None, typer.Argument(help="A setting name.")] = None,
    value: Annotated[str | None, typer.Argument(help="Its new value.")] = None,
) -> None:
    """Show or set [settings].

    Examples:

    \b
      peermap config
      peermap config cadence_days 10
    """
    from peermap.core.settings import get_setting, set_setting, settings_lines

    s = store()
    if key is None:
        for line in settings_lines(s.load()):
            print(line)
    elif value is None:
        print(get_setting(s.load(), key))
    else:
        def change(net: Any) -> Any:
            set_setting(net, key, value)
            return net

        net = s.update(change, f"peermap: config {key} {value}")
        _say(f"{key} = {get_setting(net, key)}")
        st = net.settings
        if key in ("focus_min", "focus_max") and (st.focus_min < 3 or st.focus_max > 5):
            _say("Note: the method says three to five focus ties; follow-through beats "
                 "breadth.")


def where() -> None:
    """Print the data file path in use.

    Example:

    \b
      peermap where
    """
    from peermap.core.model import neutral

    print(neutral(store().path))


def register(app: typer.Typer) -> None:
    app.command()(check)
    app.command(context_settings={"ignore_unknown_options": True})(config)
    app.command()(where)
