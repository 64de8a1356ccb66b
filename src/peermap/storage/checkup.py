"""`peermap check`: what is wrong with the data file and what beside it needs a look.

Reads only; never writes, never uses the parse cache (it validates for real).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field

from peermap.core.errors import DataFileError
from peermap.storage.store import Store, parse


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    failed: bool = False


def checkup(s: Store) -> Report:
    r = Report()
    data = s.read_bytes(private=False)
    if data is None:
        r.lines.append(f"No data file at {s.path} yet; `peermap init` or `peermap map` creates it.")
        return r
    try:
        net = parse(data, s.path)
        n = len(net.peers)
        r.lines.append(f"ok: {s.path} is valid ({n} peer{'' if n == 1 else 's'}).")
        if net.conflicts:
            c = len(net.conflicts)
            r.lines.append(f"warning: {c} merge conflict{' waits' if c == 1 else 's wait'} to "
                           f"be settled; `peermap conflicts` lists {'it' if c == 1 else 'them'}.")
    except DataFileError as e:
        r.failed = True
        r.lines.append(f"error: {e.message}")
    mode = stat.S_IMODE(os.stat(s.real).st_mode)
    if mode & 0o077:
        r.lines.append(
            f"warning: {s.path} is readable by others (mode {mode:04o}); "
            f"`chmod 600 {s.real}` keeps your notes private."
        )
    if s.path.is_symlink():
        r.lines.append(f"ok: {s.path} is a link to {s.real}; writes go to the target.")
    backups = s.backups()
    bad = []
    for b in backups:
        try:
            parse(b.read_bytes(), b)
        except (DataFileError, OSError):
            bad.append(b.name)
    if backups:
        r.lines.append(f"ok: {len(backups)} backup(s) in {s.backup_dir}"
                       + (f"; unreadable: {', '.join(bad)}" if bad else "") + ".")
    else:
        r.lines.append("note: no backups yet (one is kept before each change).")
    try:
        stray = sorted(name for name in os.listdir(s.backup_dir)
                       if name.endswith(".toml") and s.backup_dir / name not in backups)
    except OSError:
        stray = []
    for name in stray:
        r.lines.append(f"warning: {s.backup_dir / name} is named like a backup but is not a "
                       "regular file; peermap ignores it (remove it when you like).")
    stem = s.real.stem
    try:
        siblings = sorted(os.listdir(s.real.parent))
    except OSError:
        siblings = []
    conflicts = [n for n in siblings if n != s.real.name and stem in n
                 and (".sync-conflict-" in n or "conflicted copy" in n.lower())]
    for conflict in conflicts:
        r.lines.append(
            f"warning: sync-conflict copy {conflict} beside the data file; compare it with "
            f"{s.real.name}, merge what you need by hand, then delete it."
        )
    return r
