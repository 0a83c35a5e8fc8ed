"""Runs Box Login's command line and SIGKILLs it at a chosen point (tests only).

    python tests/kill_harness.py after-write N  -- MAIN_ARGS...   # killed right after the
                                                                  # Nth keyring write
    python tests/kill_harness.py after-answer   -- MAIN_ARGS...   # killed as soon as Box's
                                                                  # answer to a refresh arrived
    python tests/kill_harness.py none           -- MAIN_ARGS...   # runs normally, counting

A "keyring write" is one entry written or deleted through ``KeyringStore`` (each is one
Secret Service call, finished when it returns). On a normal exit the harness prints the number
of writes on stderr as ``kill-harness: writes=N`` so a test can tell when N went past the last
one. The product carries no such hook: this wraps the real code from outside, as a crash would.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _die() -> None:
    sys.stderr.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main() -> int:
    argv = sys.argv[1:]
    split = argv.index("--")
    mode, main_args = argv[:split], argv[split + 1 :]
    kill_after = int(mode[1]) if mode[0] == "after-write" else None

    from core.store import KeyringStore

    writes = 0

    def counted(original: Any) -> Any:
        def wrapper(self: KeyringStore, *args: Any, **kwargs: Any) -> Any:
            nonlocal writes
            result = original(self, *args, **kwargs)
            writes += 1
            if kill_after is not None and writes == kill_after:
                _die()
            return result

        return wrapper

    KeyringStore._set = counted(KeyringStore._set)  # type: ignore[method-assign]
    KeyringStore._delete = counted(KeyringStore._delete)  # type: ignore[method-assign]

    if mode[0] == "after-answer":
        from core.oauth import AuthorizationManager

        original_refresh = AuthorizationManager.refresh_access_token

        def refresh_then_die(self: AuthorizationManager, *args: Any, **kwargs: Any) -> Any:
            original_refresh(self, *args, **kwargs)
            _die()

        AuthorizationManager.refresh_access_token = refresh_then_die  # type: ignore[method-assign]

    import main as box_login_main

    try:
        code = box_login_main.main(main_args)
    finally:
        print(f"kill-harness: writes={writes}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
