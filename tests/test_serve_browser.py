"""`skg serve` in headless Chromium, driven over the DevTools protocol on a pipe (no extra packages):
open Essex County Council's page, follow a link to a partner (Essex Police), follow a link to a
piece of evidence, and run a query on the query page."""
from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

from test_html_page import CHROMIUM
from test_serve import Server, build_store

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium not found (`make test` installs it with scripts/apt-install.sh as root or with sudo)")


class Browser:
    """Chromium with --remote-debugging-pipe: JSON messages ending in NUL on fds 3 (in) and 4 (out)."""

    def __init__(self, profile):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", "--remote-debugging-pipe", "about:blank"]

        def fds():  # the child's fd 3 reads our commands, fd 4 writes the answers
            high_r, high_w = os.dup(to_chrome_r) + 100, os.dup(from_chrome_w) + 100
            os.dup2(to_chrome_r, high_r)  # out of the way of 3 and 4 first
            os.dup2(from_chrome_w, high_w)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)
            os.set_inheritable(3, True)
            os.set_inheritable(4, True)

        # close_fds=False: subprocess would close fds 3 and 4 after preexec_fn otherwise
        self.process = subprocess.Popen(command, close_fds=False, preexec_fn=fds,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer, self._id, self.session = b"", 0, None
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def call(self, method: str, **params) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            while b"\0" in self._buffer:
                raw, self._buffer = self._buffer.split(b"\0", 1)
                answer = json.loads(raw)
                if answer.get("id") == self._id:
                    assert "error" not in answer, answer
                    return answer.get("result", {})
            self._buffer += os.read(self._from_chrome, 1 << 16)
        raise TimeoutError(method)

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.evaluate(f"document.readyState === 'complete' && ({expression})")
            if value:
                return value
            time.sleep(0.1)
        raise AssertionError(f"the page never showed {expression}; it is at {self.evaluate('location.href')}")

    def open(self, url: str, lands_at: str | None = None):
        self.call("Page.navigate", url=url)
        self.wait_for(f"location.href === {json.dumps(lands_at or url)}")

    def click(self, selector: str):
        """Click the first element matching the CSS selector, as a person would (a real click event)."""
        href = self.evaluate(f"document.querySelector({json.dumps(selector)}).href")
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
        return href

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:  # noqa: BLE001 - it may be gone already
            pass
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(build_store(tmp_path_factory.mktemp("browser")))
    yield running
    running.stop()


@pytest.fixture()
def browser(tmp_path):
    opened = Browser(tmp_path / "profile")
    yield opened
    opened.close()


def test_authority_partner_evidence_and_query_page(server, browser):
    browser.open(f"{server.url}/id/local-authority/E10000012",  # the 303 is followed to /doc/
                 lands_at=f"{server.url}/doc/local-authority/E10000012")
    assert browser.wait_for("document.querySelector('h1').textContent") == "Essex County Council"
    assert browser.evaluate("location.pathname") == "/doc/local-authority/E10000012"
    assert "Inspections and grades over time" in browser.evaluate("document.body.innerText")
    # a partner
    browser.click("section.partners a[href='/doc/police-force/essex']")
    assert browser.wait_for("location.pathname === '/doc/police-force/essex' && "
                            "document.querySelector('h1').textContent") == "Essex Police"
    # a piece of evidence: the quoted words of the report, at the anchor the link names
    href = browser.click("section.mentions a.evidence")
    fragment = href.split("#", 1)[1]
    browser.wait_for(f"location.hash === '#{fragment}'")
    quote = browser.evaluate(f"document.getElementById({json.dumps(fragment)}).querySelector('blockquote').textContent")
    assert "Essex Police" in quote or "police" in quote.lower()
    # the query page: an example, then Run
    browser.open(f"{server.url}/query?example=reports/loaded")
    assert "SELECT" in browser.evaluate("document.getElementById('query').value")
    browser.click("#run")
    browser.wait_for("document.getElementById('results') !== null")
    rows = browser.evaluate("document.querySelectorAll('#results tbody tr').length")
    assert rows == 3  # the three reports of the store
    assert "Essex" in browser.evaluate("document.getElementById('results').innerText")
    assert not browser.evaluate("document.querySelector('.error') && document.querySelector('.error').textContent")
