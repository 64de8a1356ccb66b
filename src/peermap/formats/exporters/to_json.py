"""The lossless JSON export: the whole document, dates as text; `import` reads it back."""

from __future__ import annotations

import json
from datetime import date

from peermap.core.model import Network, to_doc


def export(net: Network, today: date) -> str:
    return json.dumps(to_doc(net, dates_as_text=True), ensure_ascii=False, indent=2) + "\n"
