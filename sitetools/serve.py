"""Serve the built site on the local machine the way a static host would: gzip, and its 404 page."""

import contextlib
import functools
import gzip
import io
import os
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class StaticSiteHandler(SimpleHTTPRequestHandler):
    """Serve files from the site folder, gzipped when the browser accepts it; unknown paths get 404.html."""

    def send_head(self):
        """Send the headers of a file, compressing text as hosts do; return the body to copy."""
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects to the address with a slash
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and kind.startswith(COMPRESSIBLE) and os.path.isfile(path)):
            return super().send_head()
        body = gzip.compress(Path(path).read_bytes(), compresslevel=6)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        """Send the site's own 404 page for a missing file; other errors as usual."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        """Stay quiet: the author does not need a line per request."""


def make_server(folder, host="127.0.0.1", port=8000):
    """Return a server for folder on host:port (port 0 picks a free one)."""
    handler = functools.partial(StaticSiteHandler, directory=str(Path(folder).resolve()))
    return ThreadingHTTPServer((host, port), handler)


@contextlib.contextmanager
def serving(folder):
    """Serve folder on a free port of 127.0.0.1 in a thread while the block runs; give its address."""
    server = make_server(folder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
