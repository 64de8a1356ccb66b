"""Reading and changing [settings] by name: pure functions for `peermap config`."""

from __future__ import annotations

from dataclasses import fields, replace

from peermap.core.errors import PeermapError
from peermap.core.model import Network, Settings, setting_problems

_NAMES = [f.name for f in fields(Settings)]


def _check_key(key: str) -> str:
    if key not in _NAMES:
        raise PeermapError(f"there is no setting {key!r}. Settings: {', '.join(_NAMES)}.")
    return key


def settings_lines(net: Network) -> list[str]:
    return [f"{k} = {_show(getattr(net.settings, k))}" for k in _NAMES]


def _show(v: object) -> str:
    return ("true" if v else "false") if isinstance(v, bool) else str(v)


def get_setting(net: Network, key: str) -> str:
    return _show(getattr(net.settings, _check_key(key)))


def set_setting(net: Network, key: str, value: str) -> None:
    current = getattr(net.settings, _check_key(key))
    text = value.strip().lower()
    if isinstance(current, bool):
        if text not in ("true", "false", "yes", "no", "on", "off", "1", "0"):
            raise PeermapError(f"{key} is true or false, not {value!r}.")
        new: int | bool = text in ("true", "yes", "on", "1")
    else:
        try:
            new = int(text)
        except ValueError:
            raise PeermapError(f"{key} is a whole number, not {value!r}.") from None
    trial = replace(net.settings)
    setattr(trial, key, new)
    problems = setting_problems(trial, prefix="")
    if problems:
        raise PeermapError(problems[0] + ".")
    setattr(net.settings, key, new)
