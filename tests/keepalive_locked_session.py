"""Run inside a fresh test session of its own (``tests/session.sh``, started by
``tests/test_keepalive.py``): keep-alive when the password store is locked.

Locking GNOME Keyring needs no prompt, but unlocking it does; so this runs in a private D-Bus
session with a keyring of its own, which nothing else uses afterwards. It stores a sign-in,
locks the keyring, starts dunst, watches the Secret Service with ``dbus-monitor``, and runs
``main.py keep-alive run-once`` twice: without a record (it must remind), then with a record
saying nothing is due (it must not). Prints what happened as JSON on standard output.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    import secretstorage

    from core.keepalive import record_path
    from core.store import StoredToken, open_store
    from tests.notification_server import Dunst

    now = time.time()
    store = open_store()
    store.save(
        StoredToken(
            profile="default",
            access_token="acc" + "0" * 29,
            refresh_token="ref" + "1" * 61,
            received_at=now,
            expires_at=now + 3600,
            refresh_expires_at=now + 60 * 86400,
            user_login="ada@example.com",
        )
    )
    bus = secretstorage.dbus_init()
    collection = secretstorage.get_collection_by_alias(bus, "default")
    collection.lock()
    report: dict[str, object] = {"locked_before": collection.is_locked()}

    dunst = Dunst(Path(sys.argv[1])).start()
    monitor = subprocess.Popen(
        ["dbus-monitor", "--session", "interface='org.freedesktop.Secret.Service'"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    time.sleep(0.5)  # the monitor is listening
    argv = [sys.executable, str(ROOT / "main.py"), "keep-alive", "run-once"]
    try:
        runs = []
        for record in (None, now + 60 * 86400):
            if record is not None:  # the last run found the profile fresh
                record_path().write_text(
                    json.dumps(
                        {"format": 1, "profiles": {"default": {"refresh_expires_at": record}}}
                    )
                )
            started = time.monotonic()
            job = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True, cwd=ROOT,
            )  # fmt: skip
            if record is None:
                dunst.wait_displayed(1)
                shown_after = time.monotonic() - started
                dunst.close_all()  # the job stops waiting for a click
            else:
                shown_after = None
            out, err = job.communicate(timeout=60)
            runs.append(
                {
                    "code": job.returncode,
                    "seconds": time.monotonic() - started,
                    "shown_after": shown_after,
                    "stdout": out,
                    "stderr": err,
                }
            )
        report["runs"] = runs
        report["history"] = dunst.history()
    finally:
        dunst.stop()
        time.sleep(0.3)
        monitor.terminate()
    calls = monitor.communicate(timeout=10)[0]
    report["secret_service_members"] = sorted(
        {
            line.split("member=")[1].split()[0]
            for line in calls.splitlines()
            if line.startswith("method call") and "member=" in line
        }
    )
    report["locked_after"] = collection.is_locked()
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
