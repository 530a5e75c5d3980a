"""Lighthouse on a built site: install it once into a cache folder, serve the site, run it, read the scores.

Lighthouse 12.2.3 comes from npm (Node 20) into ``~/.cache/ownerkit/node`` (or
``$OWNERKIT_NODE_CACHE``); ``python3 tasks.py test`` installs it there, and
:func:`ensure_lighthouse` does the same when it is missing. It drives Debian's
``/usr/bin/chromium`` (never a downloaded browser), headless, against the site
served over http on 127.0.0.1, compressed with gzip as any web host serves it.

Used by ``tests/test_site_lighthouse.py`` (accessibility, best practices, SEO)
and ``bench/lighthouse_bench.py`` (adds performance, which varies with load).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

VERSION = "12.2.3"
CHROMIUM = "/usr/bin/chromium"
CACHE = Path(os.environ.get("OWNERKIT_NODE_CACHE", Path.home() / ".cache" / "ownerkit" / "node"))
PAGES = {
    "home": "",
    "story": "stories/the-man-who-asked-me-to-leave-it-out-of-tune/",
    "stories": "stories/",
    "thanks": "thanks/",
    "about": "about/",
    "contact": "contact/",
}
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg")


def lighthouse_bin() -> Path:
    return CACHE / "node_modules" / ".bin" / "lighthouse"


def ensure_lighthouse() -> Path:
    """The lighthouse command, installed with ``npm i -E lighthouse@12.2.3`` into the cache when missing."""
    command = lighthouse_bin()
    package = CACHE / "node_modules" / "lighthouse" / "package.json"
    if command.exists() and package.exists() and json.loads(package.read_text())["version"] == VERSION:
        return command
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("npm not found: install Node.js 20 (Debian: apt-get install nodejs npm)")
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(CACHE), "-E", f"lighthouse@{VERSION}", "--no-audit", "--no-fund"],
        check=True,
        capture_output=True,
        text=True,
    )
    return command


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files like a web host: text compressed with gzip when the browser accepts it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the redirect to the folder's own URL
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_site(folder: Path, handler: type[SimpleHTTPRequestHandler] = GzipHandler) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port (gzip-compressed by default); yields the base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def run_lighthouse(url: str, categories: tuple[str, ...]) -> dict:
    """Lighthouse's JSON report for ``url`` (mobile, the default), in the given categories."""
    command = ensure_lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        result = subprocess.run(
            [
                str(command),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--only-categories={','.join(categories)}",
                "--chrome-flags=--headless=new --no-sandbox",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
        return json.loads(out.read_text())


def scores(report: dict) -> dict[str, int]:
    """Each category's score out of 100."""
    return {name: round(category["score"] * 100) for name, category in report["categories"].items()}


def failures(report: dict) -> list[str]:
    """The audits that cost points outside performance, with what Lighthouse says about them."""
    found = []
    for name, category in report["categories"].items():
        if name == "performance":
            continue
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) > 0 and audit["score"] is not None and audit["score"] < 1:
                found.append(f"{name}: {ref['id']}: {audit['title']}")
    return found
