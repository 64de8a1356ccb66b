"""The console entry point: `--version` answers before anything heavy is imported."""

from __future__ import annotations

import sys


def main() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        from peermap import __version__

        print(f"peermap {__version__}")
        return
    from peermap.cli import app

    app(prog_name="peermap")
