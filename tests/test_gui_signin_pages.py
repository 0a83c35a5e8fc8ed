"""What a company's sign-in page may do in the sign-in window: a real page (served from this
computer, as the demo sandbox is) in the real sign-in window process under Xvfb. Frames it
writes itself (``srcdoc``, ``blob:`` of its own origin) load; ``data:``, ``javascript:`` and
``file:`` addresses loaded from outside are refused."""

from __future__ import annotations

import http.server
import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from tests.netutil import serving

QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)

from gui.signin_window import SignInWindow  # noqa: E402

pytestmark = pytest.mark.gui

#: A sign-in page of the kind identity providers serve: a frame written into the page
#: (srcdoc) and one made from a blob of the page's own.
PAGE = b"""<!doctype html>
<html><head><meta charset="utf-8"><title>Company sign-in</title></head><body>
<p id="ready">Sign in to your company</p>
<iframe id="srcdoc" srcdoc="<p id='inside'>written by the page</p>"></iframe>
<script>
  const blob = new Blob(["<!doctype html><p id='inside'>made by the page</p>"],
                        {type: "text/html"});
  window.blobUrl = URL.createObjectURL(blob);
  const frame = document.createElement("iframe");
  frame.id = "blob";
  frame.src = window.blobUrl;
  document.body.appendChild(frame);
</script>
</body></html>
"""


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture(scope="session", autouse=True)
def _box_login_app(qapp: Any) -> Any:
    from gui.app import make_application

    return make_application()


@pytest.fixture
def sign_in_page() -> Iterator[str]:
    with serving(_Handler) as server:
        yield f"http://127.0.0.1:{server.server_address[1]}/authorize?client_id=x"


def _ask(qtbot: Any, request: Callable[[Callable[[Any], None]], None]) -> Any:
    box: list[Any] = []
    request(box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10_000)
    return box[0]


def _js(qtbot: Any, signin: SignInWindow, script: str) -> Any:
    return _ask(qtbot, lambda done: signin.run_js(script, done))


def _frame_text(qtbot: Any, signin: SignInWindow, frame: str) -> Any:
    script = (
        f"(() => {{ const d = document.getElementById({json.dumps(frame)}).contentDocument;"
        " const p = d && d.getElementById('inside'); return p ? p.textContent : null; })()"
    )
    return _js(qtbot, signin, script)


def _wait_for(qtbot: Any, check: Callable[[], Any], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, what
        qtbot.wait(50)


@pytest.fixture
def signin(qtbot: Any, sign_in_page: str) -> Iterator[SignInWindow]:
    window = SignInWindow(sign_in_page, "http://127.0.0.1:9/callback", opener=lambda _u: True)
    try:
        with qtbot.waitSignal(window.page_loaded, timeout=30_000) as loaded:
            window.start()
        assert loaded.args == [True]
        yield window
    finally:
        window.shutdown()


def test_frames_the_page_writes_itself_load(qtbot: Any, signin: SignInWindow) -> None:
    _wait_for(
        qtbot,
        lambda: _frame_text(qtbot, signin, "srcdoc") == "written by the page",
        "the srcdoc frame was not shown",
    )
    _wait_for(
        qtbot,
        lambda: _frame_text(qtbot, signin, "blob") == "made by the page",
        "the page's own blob: frame was not shown",
    )
    assert signin.message_text == ""  # nothing was blocked

    # The page may also show its own blob: as the whole page; the address strip still
    # shows where it comes from.
    page = _ask(qtbot, signin.current_url)
    _js(qtbot, signin, "window.location.href = window.blobUrl; true")
    _wait_for(
        qtbot,
        lambda: _ask(qtbot, signin.current_url).startswith("blob:" + page.split("/auth")[0]),
        "the page's own blob: page was not shown",
    )
    assert signin.address is not None
    assert signin.address[1] == "demo"
    assert signin.message_text == ""


def test_data_javascript_and_file_addresses_from_outside_are_refused(
    qtbot: Any, signin: SignInWindow
) -> None:
    page = _ask(qtbot, signin.current_url)
    _js(qtbot, signin, "document.title = 'untouched'; true")
    for url in (
        "data:text/html,<title>data page</title><p>not the sign-in</p>",
        "javascript:document.title='changed';void(0)",
        "file:///etc/hostname",
    ):
        with qtbot.waitSignal(signin.changed, timeout=10_000):
            assert _ask(qtbot, lambda done, url=url: signin.load(url, done)).get("ok")
        assert signin.message_level == "warning", url
        assert "did not open" in signin.message_text, url
        qtbot.wait(300)  # a navigation that was let through would have started by now
        assert _ask(qtbot, signin.current_url) == page, url
        assert _js(qtbot, signin, "document.title") == "untouched", url
