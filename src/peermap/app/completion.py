"""Shell completion of peer names, through Typer's completion protocol.

Names match as references do (any case, accents optional, a prefix of the name or of
any word), and come back ready for the shell that asked: bash inserts a completion as
it is, so a name with a space or an apostrophe is shell-quoted; zsh quotes by itself.
"""

from __future__ import annotations

import os

import typer


class _Match(str):
    """A completion already matched by peermap's rules.

    Typer keeps only completions that start with the typed text, case-sensitively, so
    `tom` would drop "Tom Smith" and `'Sv` a quoted "'Sven Krüger'"; peermap has matched
    these names itself (as references match), so they pass that filter as they are.
    """

    def startswith(self, *args: object) -> bool:
        return True


class _ZshMatch(_Match):
    """A name already escaped for Typer's zsh line `_arguments '*: :(("NAME" ...))'`.

    Typer's own escaping writes an apostrophe as '' inside that single-quoted word, which
    zsh reads as nothing (O'Brien became OBrien); the name is escaped here instead, and
    Typer's escaping passes over it.
    """

    @classmethod
    def of(cls, name: str) -> _ZshMatch:
        for ch in '\\"$`:':
            name = name.replace(ch, "\\" + ch)
        return cls(name.replace("'", "'\\''"))

    def replace(self, *args: object) -> _ZshMatch:
        return self


def peer_names(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        from peermap.core.refs import matches
        from peermap.run import Run

        run = Run.build(file=ctx.find_root().params.get("file"))
        net = run.store.load()
        found = matches(net, incomplete) if incomplete.strip() else net.peers
        names = [p.name for p in found]
    except Exception:  # noqa: BLE001 (completion must never print a traceback into the shell)
        return []
    shell = os.environ.get("_PEERMAP_COMPLETE", "")
    if shell.endswith("bash"):
        from peermap.core.text import shell_quote as quote

        return [_Match(quote(n)) for n in names]
    if shell.endswith("zsh"):
        return [_ZshMatch.of(n) for n in names]
    return [_Match(n) for n in names]
