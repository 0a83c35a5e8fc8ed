"""Box Login's version, read without importing anything heavy."""

from __future__ import annotations

__version__ = "0.1.0"
APP_NAME = "Box Login"
USER_AGENT = f"box-login/{__version__}"
