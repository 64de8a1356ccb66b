"""`peermap map`: the guided walkthrough (docs/walkthrough.md); steps in flows/walkthrough.py."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from peermap.app.common import store, today
from peermap.core.model import WALKTHROUGH_STEPS

# The choices of --step come from the walkthrough's own list of steps.
Step = StrEnum("Step", {s: s for s in WALKTHROUGH_STEPS})  # type: ignore[misc]


def map_(
    step: Annotated[Step | None, typer.Option(
        "--step", help="Start at (and redo) this step; later steps follow when they have "
        "work left. Default: the first step with work left.", show_default=False)] = None,
) -> None:
    """The guided walkthrough: brainstorm, rate each tie, pick three to five, follow up.

    Every answer is saved at once; Ctrl-C keeps them and `peermap map` resumes. Answers
    can also come line by line from a pipe.

    Examples:

    \b
      peermap map
      peermap map --step focus
    """
    from peermap.flows.walkthrough import Wizard
    from peermap.render.wizard import TerminalUI

    ui = TerminalUI()
    try:
        Wizard(store(), ui, today()).run(step.value if step else None)
    except KeyboardInterrupt:
        ui.interrupted()
        raise typer.Exit(130) from None


def register(app: typer.Typer) -> None:
    app.command("map")(map_)
