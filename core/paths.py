"""Where Box Login finds its bundled resources, wherever it runs from."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The folder holding ``resources/``: source tree, installed package or frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Path:
    """The path of one resource file, e.g. ``resource_path("callback_success.html")``."""
    return resources_dir() / name
