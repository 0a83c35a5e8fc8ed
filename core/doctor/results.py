"""What a check says, and the report made of them all: :class:`Verdict`, the frozen
:class:`CheckResult`, and :func:`exit_code`, :func:`report_lines`, :func:`summary_line` and
:func:`report_json`, which the command line prints and the window shows.

Also the package's own small helpers for building a result in plain words (``_ok``,
``_warning``, ``_problem``, ``_seconds``…): every check module uses them, so
they live beside the type they build rather than in any one check family. Nothing here runs a
check or touches the network.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from core.errors import BoxLoginError
from core.translation import QT_TRANSLATE_NOOP, display_width, pad, translate


class Verdict(StrEnum):
    """A check's outcome: ``ok``, ``warning`` (works, but worth knowing) or ``problem``."""

    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"


@dataclass(frozen=True)
class CheckResult:
    """One check's outcome: a verdict, one sentence, the fix in plain words (for a warning or
    a problem), and details for IT (plain JSON values, never a secret).

    ``name`` is stable, for programs: ``settings``, ``redirect_ports``, ``password_store``,
    ``proxy``, ``dns``, ``tls`` or ``tls:<host>``, ``authorize_endpoint``,
    ``token_endpoint``, ``clock``, ``box_app``. ``elapsed`` (seconds) is set by
    :func:`run_checks`.
    """

    name: str
    verdict: Verdict
    summary: str
    fix: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    elapsed: float | None = None

    @property
    def title(self) -> str:
        """The check's name for people, e.g. "Secure connection to api.box.com"."""
        base, _, target = self.name.partition(":")
        if base == "tls" and target:
            return translate("Doctor", "Secure connection to {host}").format(host=target)
        title = _TITLES.get(base)
        return base if title is None else translate("Doctor", title)

    def to_dict(self) -> dict[str, Any]:
        """The result as plain JSON values."""
        return {
            "name": self.name,
            "title": self.title,
            "verdict": str(self.verdict),
            "summary": self.summary,
            "fix": self.fix,
            "details": dict(self.details),
            "elapsed_ms": None if self.elapsed is None else round(self.elapsed * 1000),
        }


#: The checks' titles, translated where shown (CheckResult.title).
_TITLES = {
    "settings": QT_TRANSLATE_NOOP("Doctor", "Settings"),
    "redirect_ports": QT_TRANSLATE_NOOP("Doctor", "Return addresses"),
    "password_store": QT_TRANSLATE_NOOP("Doctor", "Password store"),
    "proxy": QT_TRANSLATE_NOOP("Doctor", "Proxy"),
    "dns": QT_TRANSLATE_NOOP("Doctor", "Name lookup"),
    "tls": QT_TRANSLATE_NOOP("Doctor", "Secure connection"),
    "authorize_endpoint": QT_TRANSLATE_NOOP("Doctor", "Box sign-in address"),
    "token_endpoint": QT_TRANSLATE_NOOP("Doctor", "Box token address"),
    "clock": QT_TRANSLATE_NOOP("Doctor", "Clock"),
    "box_app": QT_TRANSLATE_NOOP("Doctor", "Box app"),
}
#: Every check's name (the part before ":" of "tls:host"), in the order run_checks reports them.
CHECK_NAMES = tuple(_TITLES)

#: The verdicts as a person reads them in the report (doctor --json keeps Verdict's values).
_VERDICT_WORDS = {
    Verdict.OK: QT_TRANSLATE_NOOP("Doctor", "ok"),
    Verdict.WARNING: QT_TRANSLATE_NOOP("Doctor", "warning"),
    Verdict.PROBLEM: QT_TRANSLATE_NOOP("Doctor", "problem"),
}


def _ok(name: str, summary: str, **details: Any) -> CheckResult:
    return CheckResult(name, Verdict.OK, summary, None, details)


def _warning(name: str, summary: str, fix: str | None, **details: Any) -> CheckResult:
    return CheckResult(name, Verdict.WARNING, summary, fix, details)


def _problem(name: str, summary: str, fix: str | None, **details: Any) -> CheckResult:
    return CheckResult(name, Verdict.PROBLEM, summary, fix, details)


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def _seconds(value: float) -> str:
    if value == 1:
        return translate("Doctor", "1 second")
    return translate("Doctor", "{seconds} seconds").format(seconds=f"{value:g}")


def _error_words(exc: BoxLoginError) -> tuple[str, str | None]:
    """(what happened, the fix) of one of Box Login's errors."""
    return exc.message, exc.hint


# --- reports ------------------------------------------------------------------------------


def exit_code(results: Sequence[CheckResult]) -> int:
    """``doctor``'s exit status: 0 all ok, 1 warnings only, 2 any problem."""
    verdicts = {r.verdict for r in results}
    if Verdict.PROBLEM in verdicts:
        return 2
    if Verdict.WARNING in verdicts:
        return 1
    return 0


def report_lines(results: Sequence[CheckResult]) -> list[str]:
    """One line per check (``verdict  Title: summary``), the fix indented below it."""
    lines = []
    fixes: list[str] = []
    verdicts = {v: translate("Doctor", word) for v, word in _VERDICT_WORDS.items()}
    width = max(8, *(display_width(word) for word in verdicts.values()))
    fix_label = translate("Doctor", "Fix: {fix}")
    for result in results:
        line = translate("Doctor", "{title}: {summary}").format(
            title=result.title, summary=result.summary
        )
        lines.append(f"{pad(verdicts[result.verdict], width)} {line}")
        if result.fix and result.verdict != Verdict.OK:
            # One cause often fails several checks: its fix is spelled out once.
            fix = translate("Doctor", "as above.") if result.fix in fixes else result.fix
            fixes.append(result.fix)
            lines.append(f"{'':<{width}} {fix_label.format(fix=fix)}")
    return lines


def summary_line(results: Sequence[CheckResult]) -> str:
    """One sentence about them all."""
    problems = sum(r.verdict == Verdict.PROBLEM for r in results)
    warnings = sum(r.verdict == Verdict.WARNING for r in results)
    count = len(results)
    if not problems and not warnings:
        return translate("Doctor", "All {count} checks are ok.").format(count=count)
    problem_words = (
        translate("Doctor", "1 problem")
        if problems == 1
        else translate("Doctor", "{problems} problems").format(problems=problems)
    )
    warning_words = (
        translate("Doctor", "1 warning")
        if warnings == 1
        else translate("Doctor", "{warnings} warnings").format(warnings=warnings)
    )
    if not warnings:
        sentence = translate("Doctor", "{problems} in {count} checks.")
    elif not problems:
        sentence = translate("Doctor", "{warnings} in {count} checks.")
    else:
        sentence = translate("Doctor", "{problems} and {warnings} in {count} checks.")
    return sentence.format(problems=problem_words, warnings=warning_words, count=count)


def report_json(results: Sequence[CheckResult]) -> dict[str, Any]:
    """The whole report as plain JSON values (for ``doctor --json``)."""
    from core.version import __version__

    code = exit_code(results)
    return {
        "box_login": __version__,
        "verdict": ("ok", "warning", "problem")[code],
        "exit_code": code,
        "checks": [r.to_dict() for r in results],
    }
