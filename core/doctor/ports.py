"""The **redirect ports** check: each of the app's return addresses (loopback redirect URIs)
can be opened here, as the sign-in opens it (:class:`core.loopback.LoopbackListener`).

For a busy one it also says who holds it, when the system tells: ``/proc`` on Linux,
``lsof`` on macOS and the BSDs, ``netstat`` and ``tasklist`` on Windows, and Windows' excluded
port ranges (``netsh``), which Hyper-V, WSL or Docker reserve and which look like a port in
use. That part is a courtesy: whatever goes wrong there, the check still ends with a result.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from core.doctor.context import _Context
from core.doctor.results import CheckResult, _ok, _problem, _warning
from core.translation import QT_TRANSLATE_NOOP, sentences, translate, word_list

logger = logging.getLogger(__name__)


def check_redirect_ports(ctx: _Context) -> CheckResult:
    """Each return address can be opened here, as the sign-in opens it."""
    from core.loopback import ListenerPortsUnavailableError, LoopbackListener

    name = "redirect_ports"
    ports: list[dict[str, Any]] = []
    excluded = _windows_excluded_ranges() if sys.platform == "win32" else []
    for uri in ctx.redirect_uris:
        parts = urlsplit(uri)
        port = parts.port or 80
        shown = f"{parts.hostname}:{port}" if ":" not in (parts.hostname or "") else f"[::1]:{port}"
        entry: dict[str, Any] = {"uri": uri, "address": shown, "port": port, "free": True}
        listener = LoopbackListener([uri], secrets.token_urlsafe(8), timeout=5.0)
        try:
            listener.start()
        except ListenerPortsUnavailableError as exc:
            entry["free"] = False
            entry["why"] = (
                exc.attempts[0][1]
                if exc.attempts
                else QT_TRANSLATE_NOOP("Loopback", "could not be opened")
            )
            holders = _port_holders(port)
            entry["held_by"] = (
                None if holders is None else [{"program": n, "pid": p} for n, p in holders]
            )
            ranges = [r for r in excluded if r[0] <= port <= r[1]]
            if ranges:
                entry["windows_excluded_range"] = list(ranges[0])
        else:
            entry["addresses"] = [
                f"[{h}]:{p}" if ":" in h else f"{h}:{p}" for h, p in listener.bound_addresses
            ]
        finally:
            listener.close()
        ports.append(entry)
    free = [p for p in ports if p["free"]]
    busy = [p for p in ports if not p["free"]]
    details: dict[str, Any] = {"ports": ports}
    if not busy:
        listed = word_list([p["address"] for p in ports])
        if len(ports) > 1:
            said = translate("Doctor", "Box Login's return addresses are free: {addresses}.")
        else:
            said = translate("Doctor", "Box Login's return address is free: {addresses}.")
        return _ok(name, said.format(addresses=listed), **details)
    said = sentences(*(_busy_sentence(p) for p in busy))
    if free:
        summary = translate("Doctor", "{sentences} The sign-in will use {address} instead.").format(
            sentences=said, address=free[0]["address"]
        )
        fix = _busy_fix(busy, final=False)
        return _warning(name, summary, fix, **details)
    next_port = max(p["port"] for p in ports) + 1
    summary = translate(
        "Doctor", "None of Box Login's return addresses can be opened. {sentences}"
    ).format(sentences=said)
    fix = translate(
        "Doctor",
        "{fix} Or ask whoever administers the Box app to register "
        "another redirect URI (for example {example}) and add it "
        "to redirect_uris in Box Login's settings.",
    ).format(fix=_busy_fix(busy, final=True), example=f"http://127.0.0.1:{next_port}/callback")
    return _problem(name, summary, fix, **details)


def _holder_words(entry: Mapping[str, Any]) -> str:
    holders = entry.get("held_by")
    if not holders:
        return ""
    named = [
        translate("Doctor", "{program}, pid {pid}").format(program=h["program"], pid=h["pid"])
        for h in holders
    ]
    return "; ".join(named)


def _busy_sentence(entry: Mapping[str, Any]) -> str:
    address, why = entry["address"], entry.get("why", "")
    excluded = entry.get("windows_excluded_range")
    if excluded:
        return translate(
            "Doctor",
            "Box Login's return address {address} is reserved by Windows (excluded port range "
            "{first}-{last}, which Hyper-V, WSL or Docker reserve).",
        ).format(address=address, first=excluded[0], last=excluded[1])
    if "in use" in why:
        if entry.get("held_by"):
            return translate(
                "Doctor", "Box Login's return address {address} is taken by another program ({by})."
            ).format(address=address, by=_holder_words(entry))
        return translate(
            "Doctor",
            "Box Login's return address {address} is taken by another program (the system "
            "did not say which).",
        ).format(address=address)
    return translate(
        "Doctor", "Box Login's return address {address} cannot be opened: {why}."
    ).format(address=address, why=translate("Loopback", why))


def _busy_fix(busy: Sequence[Mapping[str, Any]], *, final: bool) -> str:
    held = [h for entry in busy for h in (entry.get("held_by") or [])]
    if held:
        programs = {
            translate("Doctor", "{program} (pid {pid})").format(program=h["program"], pid=h["pid"])
            for h in held
        }
        what = word_list(sorted(programs), "and")
    else:
        what = translate("Doctor", "the program that uses the port")
    note = ""
    if any(entry.get("windows_excluded_range") for entry in busy):
        note = translate(
            "Doctor",
            "; a port Windows reserves can be seen with: netsh interface ipv4 show "
            "excludedportrange protocol=tcp",
        )
    if not final:
        return translate(
            "Doctor", "Nothing needs doing now. To free it: close {what}{note}."
        ).format(what=what, note=note)
    return translate("Doctor", "Close {what}{note}, then try again.").format(what=what, note=note)


def _port_holders(port: int) -> list[tuple[str, int]] | None:
    """The programs holding TCP ``port``, as (name, pid), when the system tells; else None."""
    try:
        if sys.platform.startswith("linux") and os.path.isdir("/proc/net"):
            return _linux_port_holders(port)
        if sys.platform == "win32":  # pragma: no cover - Windows
            return _windows_port_holders(port)
        return _lsof_port_holders(port)  # pragma: no cover - macOS, BSD
    except Exception as exc:  # the answer is a courtesy: never fail the check over it
        logger.debug("doctor: could not tell who holds port %d (%s)", port, type(exc).__name__)
        return None


def _proc_socket_inodes(port: int, tables: Sequence[str]) -> set[str]:
    """The inodes of sockets bound to local ``port`` in /proc/net/tcp-style ``tables``."""
    inodes: set[str] = set()
    for table in tables:
        try:
            lines = Path(table).read_text(encoding="ascii").splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if len(fields) < 10 or fields[3] == "06":  # TIME_WAIT holds nobody's port
                continue
            try:
                local_port = int(fields[1].rsplit(":", 1)[1], 16)
            except (IndexError, ValueError):
                continue
            if local_port == port and fields[9] != "0":
                inodes.add(fields[9])
    return inodes


def _linux_port_holders(port: int, proc: str = "/proc") -> list[tuple[str, int]] | None:
    inodes = _proc_socket_inodes(port, (f"{proc}/net/tcp", f"{proc}/net/tcp6"))
    if not inodes:
        return None
    wanted = {f"socket:[{inode}]" for inode in inodes}
    found: list[tuple[str, int]] = []
    with os.scandir(proc) as entries:
        for entry in entries:
            if not entry.name.isdigit():
                continue
            try:
                fds = os.listdir(f"{proc}/{entry.name}/fd")
            except OSError:  # another user's process: the system does not tell
                continue
            for fd in fds:
                try:
                    target = os.readlink(f"{proc}/{entry.name}/fd/{fd}")
                except OSError:
                    continue
                if target in wanted:
                    try:
                        program = Path(f"{proc}/{entry.name}/comm").read_text().strip()
                    except OSError:
                        program = "a program"
                    found.append((program or "a program", int(entry.name)))
                    break
    return found or None


def _lsof_port_holders(port: int) -> list[tuple[str, int]] | None:  # pragma: no cover
    program = shutil.which("lsof")
    if program is None:
        return None
    result = subprocess.run(  # noqa: S603 -- a fixed program and arguments
        [program, "-nP", f"-iTCP:{port}", "-sTCP:LISTEN", "-Fpc"],
        capture_output=True,
        text=True,
        timeout=3,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    found: list[tuple[str, int]] = []
    pid: int | None = None
    for line in result.stdout.splitlines():
        if line.startswith("p") and line[1:].isdigit():
            pid = int(line[1:])
        elif line.startswith("c") and pid is not None:
            found.append((line[1:], pid))
    return found or None


def _windows_port_holders(port: int) -> list[tuple[str, int]] | None:  # pragma: no cover
    result = subprocess.run(
        ["netstat", "-ano", "-p", "TCP"],  # noqa: S607 -- the system's own netstat
        capture_output=True,
        text=True,
        timeout=3,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    pids: set[int] = set()
    for line in result.stdout.splitlines():
        fields = line.split()
        if (
            len(fields) >= 5
            and fields[0].upper() == "TCP"
            and fields[-1].isdigit()
            and fields[1].rsplit(":", 1)[-1] == str(port)
            and fields[-1] != "0"
        ):
            pids.add(int(fields[-1]))
    found: list[tuple[str, int]] = []
    for pid in sorted(pids):
        listing = subprocess.run(  # noqa: S603 -- the system's tasklist, a number
            ["tasklist", "/FI", f"PID eq {pid}", "/FO", "CSV", "/NH"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=3,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        first = listing.stdout.strip().split(",")[0].strip('"')
        found.append((first or "a program", pid))
    return found or None


def parse_excluded_port_ranges(text: str) -> list[tuple[int, int]]:
    """The ranges in ``netsh interface ipv4 show excludedportrange protocol=tcp``'s output."""
    ranges = []
    for line in text.splitlines():
        match = re.match(r"^\s*(\d+)\s+(\d+)\b", line)
        if match:
            ranges.append((int(match.group(1)), int(match.group(2))))
    return ranges


def _windows_excluded_ranges() -> list[tuple[int, int]]:  # pragma: no cover - Windows
    ranges: list[tuple[int, int]] = []
    for family in ("ipv4", "ipv6"):
        try:
            result = subprocess.run(  # noqa: S603 -- fixed arguments
                ["netsh", "interface", family, "show", "excludedportrange", "protocol=tcp"],  # noqa: S607
                capture_output=True,
                text=True,
                timeout=3,
                stdin=subprocess.DEVNULL,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            continue
        ranges.extend(parse_excluded_port_ranges(result.stdout))
    return sorted(set(ranges))
