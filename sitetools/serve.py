"""Serve the built site on the local machine the way a static host would, 404 page included."""

import functools
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class StaticSiteHandler(SimpleHTTPRequestHandler):
    """Serve files from the site folder; answer unknown paths with its 404.html."""

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


def make_server(folder, host="127.0.0.1", port=8000):
    """Return a server for folder on host:port (port 0 picks a free one)."""
    handler = functools.partial(StaticSiteHandler, directory=str(Path(folder).resolve()))
    return ThreadingHTTPServer((host, port), handler)
