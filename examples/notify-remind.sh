#!/bin/bash
# One desktop notification per due item, from `peermap remind --format json` (Linux,
# libnotify's notify-send; needs jq). The JSON keys are stable (README, "Reminders"):
# type is step, stale or review; peer is null for the review; days may be null.
# Nothing due: no notification. Use it from cron or the systemd service instead of the
# plain-text `peermap remind`.
set -euo pipefail
peermap="${PEERMAP:-peermap}"
"$peermap" remind --format json |
  jq -r '.due[] | [.type, (.peer // "weekly review"), .detail] | @tsv' |
  while IFS=$'\t' read -r type peer detail; do
    urgency=normal
    [ "$type" = step ] && urgency=critical
    notify-send --app-name=peermap --urgency="$urgency" "peermap: $peer" "$detail"
  done
