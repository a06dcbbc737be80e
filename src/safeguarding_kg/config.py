"""Settings: where the store lives and the base of the URIs the program mints.

Each setting is taken from the first of: the command's option (--store, --base),
the environment ($SKG_STORE, $SKG_BASE), the config file, the built-in default.
The config file is $SKG_CONFIG if set, else ./skg.toml if there is one, else
{$XDG_CONFIG_HOME or ~/.config}/safeguarding-kg/config.toml if there is one:

    # skg.toml
    store = "data/skg-store"     # relative to the config file's folder
    base = "https://data.example.gov.uk/safeguarding"
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

from .errors import ReportError

DEFAULT_BASE = "https://safeguarding-kg.example.org"
KEYS = {"store", "base"}


def config_path() -> Path | None:
    """The config file in force, or None when there is none."""
    if os.environ.get("SKG_CONFIG"):
        path = Path(os.environ["SKG_CONFIG"]).expanduser()
        if not path.is_file():
            raise ReportError(f"{path}: $SKG_CONFIG names no file; create it or unset SKG_CONFIG.")
        return path
    local = Path("skg.toml")
    if local.is_file():
        return local
    home = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    user = Path(home) / "safeguarding-kg" / "config.toml"
    return user if user.is_file() else None


def settings() -> dict[str, str]:
    """The config file's settings (empty without one); a bad file is a ReportError sentence."""
    path = config_path()
    if path is None:
        return {}
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ReportError(f"{path}: not a valid TOML config file ({exc}).") from None
    unknown = sorted(set(values) - KEYS)
    if unknown:
        raise ReportError(f"{path}: unknown setting {', '.join(unknown)}; "
                          f"the settings are {', '.join(sorted(KEYS))}.")
    for key, value in values.items():
        if not isinstance(value, str) or not value.strip():
            raise ReportError(f"{path}: {key} should be a non-empty string.")
    if "store" in values:  # a relative store is relative to the file that names it
        values["store"] = str((path.parent / Path(values["store"]).expanduser()).resolve())
    return values


def default_base() -> str:
    """$SKG_BASE, else the config file's base, else DEFAULT_BASE."""
    return os.environ.get("SKG_BASE") or settings().get("base") or DEFAULT_BASE


def default_store_path() -> Path:
    """$SKG_STORE, else the config file's store, else {XDG_DATA_HOME or ~/.local/share}/safeguarding-kg/store."""
    if os.environ.get("SKG_STORE"):
        return Path(os.environ["SKG_STORE"]).expanduser()
    configured = settings().get("store")
    if configured:
        return Path(configured)
    data = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data) / "safeguarding-kg" / "store"
