"""A local web server like the intranet's nginx: gzip for text, the site's CSP header."""

from __future__ import annotations

import contextlib
import gzip
import mimetypes
import socket
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackServer(ThreadingHTTPServer):
    """A threading server that stays quiet when the browser drops a connection: a page left before a
    file finished loading is how readers browse, not a server error."""

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _CompressingHandler(SimpleHTTPRequestHandler):
    site: Path
    headers_to_add: dict[str, str]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.site), **kwargs)

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            return super().do_GET()  # redirects and 404s as usual
        body = path.read_bytes()
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(200)
        self.send_header("Content-Type", content_type + ("; charset=utf-8" if content_type.startswith("text/") else ""))
        if content_type.startswith(COMPRESSED_TYPES) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)  # nginx's gzip_comp_level is 1–9; 6 is common
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        for name, value in self.headers_to_add.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve_compressed(site: Path, port: int) -> Iterator[str]:
    """Serve `site` on loopback at `port` with gzip and its csp.txt as the CSP header; yields the base URL."""
    csp = site / "csp.txt"
    headers = {"Content-Security-Policy": csp.read_text(encoding="utf-8").strip()} if csp.exists() else {}
    handler = type("Handler", (_CompressingHandler,), {"site": site, "headers_to_add": headers})
    server = LoopbackServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()
