"""Network health as plain text (no colour, no markup): `peermap stats` and its chart."""

from __future__ import annotations

from typing import Any

from peermap.core.stats import WINDOW_DAYS, pct

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int] | tuple[int, ...]) -> str:
    """A small bar chart: ▁ is zero, any non-zero count shows at least ▂, █ is the max."""
    values = list(values)
    top = max(values, default=0)
    if top <= 0:
        return BARS[0] * len(values)
    steps = len(BARS) - 1
    out = []
    for v in values:
        level = 0 if v <= 0 else max(1, round(v * steps / top))
        out.append(BARS[level])
    return "".join(out)


def _counts(d: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in d.items())


def stats_text(stats: dict[str, Any]) -> str:
    """Plain text (no colour, no markup) of `network_stats` output, ending in a newline."""
    t = stats["ties"]
    lines = [
        f"Peers: {stats['peers']} ({stats['focus']} in focus)",
        f"Ties: {t['strong']} strong, {t['weak']} weak, {t['nonexistent']} nonexistent, "
        f"{t['unrated']} unrated",
        f"Affects: {_counts(stats['affects'])}",
        f"Matters: {_counts(stats['matters'])}",
    ]
    r = stats["reach"]
    own = ", ".join(x for x in (r["own_team"], r["own_location"]) if x) or "not set"
    lines.append(f"Reach (strong and weak ties): {len(r['teams'])} teams, "
                 f"{len(r['locations'])} locations; yours: {own}")
    if r["teams"]:
        lines.append(f"  teams: {', '.join(r['teams'])}")
    if r["locations"]:
        lines.append(f"  locations: {', '.join(r['locations'])}")
    shares = []
    if r["strong_own_team_share"] is not None:
        shares.append(f"{pct(r['strong_own_team_share'])} in your team")
    if r["strong_own_location_share"] is not None:
        shares.append(f"{pct(r['strong_own_location_share'])} in your location")
    if shares:
        lines.append(f"  strong ties: {', '.join(shares)}")
    lines.append("Bridges (your only tie into their team): "
                 + (", ".join(stats["bridges"]) or "none"))
    lines.append(f"Reciprocity with focus peers, last {WINDOW_DAYS} days "
                 "(giving / asking / they helped / they asked / neutral):")
    if stats["reciprocity"]:
        width = max(len(row["peer"]) for row in stats["reciprocity"])
        for row in stats["reciprocity"]:
            lines.append(f"  {row['peer']:<{width}}  {row['giving']} / {row['asking']} / "
                         f"{row['getting']} / {row['they_asked']} / {row['neutral']}")
    else:
        lines.append("  no focus peers")
    trend = stats["trend"]
    for label, key in (("Strengthened", "strengthened"), ("Weakened", "weakened")):
        items = [f"{c['peer']} ({c['from']} → {c['to']})" for c in trend[key]]
        lines.append(f"{label}, last {WINDOW_DAYS} days: " + (", ".join(items) or "none"))
    up = stats["before_upgrades"]
    if up["upgrades"]:
        kinds = ", ".join(f"{k} {n}" for k, n in up["kinds"].items()) or "nothing logged"
        lines.append(f"Before ties went up ({up['upgrades']}), in the {up['window_days']} days "
                     f"before each: {kinds}")
    else:
        lines.append("Before ties went up: no tie has gone up yet")
    weekly = trend["weekly"]
    lines.append(f"Interactions per week, last {len(weekly)} weeks: {sparkline(weekly)} "
                 f"({sum(weekly)} in all, {weekly[-1] if weekly else 0} this week)")
    if stats["warnings"]:
        lines.append("")
        lines.append("To do:")
        lines.extend(f"  - {w}" for w in stats["warnings"])
    return "\n".join(lines) + "\n"
