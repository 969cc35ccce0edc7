"""The writing preview: one builder process reruns Pelican on each save, and the browser reloads at once.

The builder (`python -m sitetools.run --serve`) imports Pelican, Markdown and the plugins once and
builds each request in a child forked from itself. A change to the code or the settings (plugins/,
pelicanconf.py, content/data/) starts a fresh builder, so nothing stale is ever used; a builder that
dies is started again for the next save. Changes are noticed as they happen (watchfiles, as Pelican's
own --autoreload), and each page is served with a small script that reloads it when the build is in
place, or shows what to fix when the build failed.
"""

import contextlib
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path

import watchfiles

from . import build as site_build
from .serve import StaticSiteHandler, ThreadingHTTPServer

RESTARTS = ("plugins", "pelicanconf.py", "content/data")  # code and settings: a fresh builder reads them
WATCHED = ("content", "theme", *RESTARTS)
EVENTS = "/_preview/events"
SCRIPT = "/_preview/reload.js"
RELOAD_SCRIPT = (Path(__file__).with_name("preview_reload.js")).read_text(encoding="utf-8")
WAITING = (b'<!doctype html><html lang="en"><meta charset="utf-8"><title>Writing preview</title>'
           b"<body><p>The preview is not built yet: the terminal says why. This page reloads once it is.</p></body>")


class Builder:
    """The builder process, started when first asked and again after it ends or must restart."""

    def __init__(self, root, settings="pelicanconf.py"):
        self.root = Path(root)
        self.settings = self.root / settings
        self.process = None

    def __call__(self, settings_file, staging, overrides, debug):
        """Build into staging in the builder process; return (problems, tally or None), as build.build asks."""
        return site_build.run_in(settings_file, staging, overrides, debug, self.ask)

    def ask(self, request):
        """Send the builder a request file; wait until it is done; return how it ended if it died."""
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "sitetools.run", "--serve", str(self.settings)], cwd=self.root, text=True,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=site_build.child_environment(), process_group=0)
        try:
            self.process.stdin.write(f"{request}\n")
            self.process.stdin.flush()
            for line in self.process.stdout:  # a plugin may print: that goes to the terminal
                if line.startswith(f"done {request} "):
                    return f"exit status {line.split()[-1]}"
                sys.stderr.write(line)
        except BrokenPipeError:
            pass
        self.stop()
        return "its process ended"

    def stop(self):
        """End the builder process and the build it may be running (a process group of its own, which it ends)."""
        if self.process is not None:
            site_build.stop_group(self.process, seconds=5)
            with contextlib.suppress(BrokenPipeError):  # closing flushes what was left unsent
                self.process.stdin.close()
            self.process.stdout.close()
            self.process = None


class Events:
    """The browsers' news: 'reload' after a build is in place, 'problems' with their text after a failed one."""

    def __init__(self):
        self.lock = threading.Lock()
        self.listeners = []
        self.last = None  # a failed build's message, told to each browser that connects until the next success

    def listen(self):
        """Return a queue that receives each event from now on (the last failure first)."""
        listener = queue.Queue()
        with self.lock:
            self.listeners.append(listener)
            if self.last:
                listener.put(self.last)
        return listener

    def forget(self, listener):
        """Stop sending events to a browser that went away."""
        with self.lock:
            self.listeners.remove(listener)

    def tell(self, name, text=""):
        """Send an event to every browser."""
        event = (name, text)
        with self.lock:
            self.last = event if name == "problems" else None
            for listener in self.listeners:
                listener.put(event)


class PreviewHandler(StaticSiteHandler):
    """Serve the preview as the site is served, with the reload script in each page and its event stream."""

    events = None  # set by make_server

    def do_GET(self):  # noqa: N802 - the base class's name
        """Serve the event stream, the script, a page with the script in it, or a file as it is."""
        path = self.path.split("?", 1)[0]
        if path == EVENTS:
            return self.stream_events()
        if path == SCRIPT:
            return self.send_text(RELOAD_SCRIPT.encode(), "text/javascript")
        file = Path(self.translate_path(self.path))
        file = file / "index.html" if file.is_dir() and path.endswith("/") else file
        if file.suffix == ".html" and file.is_file():
            page = file.read_bytes().replace(b"</body>", f'<script src="{SCRIPT}"></script></body>'.encode(), 1)
            return self.send_text(page, "text/html; charset=utf-8")
        return super().do_GET()

    def send_error(self, code, message=None, explain=None):
        """Send the site's 404 page, or a page that waits for the first build, with the script: it reloads too."""
        if code != 404:
            return super().send_error(code, message, explain)
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.is_file() else WAITING
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        body = body.replace(b"</body>", f'<script src="{SCRIPT}"></script></body>'.encode(), 1)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)
        return None

    def list_directory(self, path):
        """Never list a folder: a page not built yet is a 404, which reloads when it is."""
        self.send_error(404)

    def send_text(self, body, kind):
        """Send a body made here, never kept by the browser: the next build changes it."""
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def stream_events(self):
        """Send server-sent events until the browser goes away."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        listener = self.events.listen()
        try:
            self.wfile.write(b": connected\n\n")
            self.wfile.flush()
            while True:
                try:
                    name, text = listener.get(timeout=15)
                except queue.Empty:
                    name, text = None, ""
                data = "".join(f"data: {line}\n" for line in text.splitlines() or [""])
                self.wfile.write((f"event: {name}\n{data}\n" if name else ": still here\n\n").encode())
                self.wfile.flush()
        except OSError:
            pass
        finally:
            self.events.forget(listener)


def make_server(folder, events, host="127.0.0.1", port=8000):
    """Return a server of the preview folder on host:port that tells its pages the events."""
    handler = type("Handler", (PreviewHandler,), {"events": events})

    def make(*args, **kwargs):
        return handler(*args, directory=str(Path(folder).resolve()), **kwargs)

    server = ThreadingHTTPServer((host, port), make)
    server.daemon_threads = True
    return server


class Watched(watchfiles.DefaultFilter):
    """The sources of the site; not editors' swap, backup and lock files, nor compiled Python."""

    def __call__(self, change, path):
        """Return whether a changed path is a source."""
        name = os.path.basename(path)
        # Hidden names are editors' (.#x, .~lock.x#, .goutputstream-x, Kate's .x.kate-swp) and not hers.
        return super().__call__(change, path) and not name.startswith((".", "~$")) \
            and not name.endswith((".swp", ".swo", ".swn", ".swx", "~", ".tmp", "#", ".kate-swp")) \
            and name != "4913"  # vim's test of the folder


def needs_restart(changes, root):
    """Return whether a change is to the code or the settings, which a fresh builder must read."""
    for _, path in changes:
        relative = Path(os.path.relpath(path, root)).as_posix()  # as watched: links not followed
        if any(relative == place or relative.startswith(place + "/") for place in RESTARTS):
            return True
    return False


class Changes:
    """The changes to the site's sources, noticed from the moment it is made, as they happen.

    A thread watches (watchfiles); take() gives every change since the last call, at once, so saves
    made during a build are built together by the next one.
    """

    def __init__(self, root):
        self.root = Path(root)
        self.stop = threading.Event()
        self.queue = queue.Queue()
        self.ready = threading.Event()
        threading.Thread(target=self.watch, daemon=True).start()
        self.ready.wait(timeout=5)

    def watch(self):
        """Queue each set of changes until stopped (the thread's work)."""
        paths = [self.root / name for name in WATCHED if (self.root / name).exists()]
        watcher = watchfiles.watch(*paths, watch_filter=Watched(), debounce=50, step=10, stop_event=self.stop,
                                   yield_on_timeout=True, rust_timeout=200, raise_interrupt=False)
        for changed in watcher:
            self.ready.set()
            if changed:
                self.queue.put(changed)

    def take(self):
        """Wait for changes; return all that came, as one set (empty once stopped)."""
        found = set()
        while not found and not self.stop.is_set():
            try:
                found |= self.queue.get(timeout=0.5)
            except queue.Empty:
                continue
            while not self.queue.empty():
                found |= self.queue.get_nowait()
        return found


def report(error):
    """Return a failed build's message for the browser, as the terminal shows it."""
    return "\n".join([f"The preview was not updated: {len(error.errors)} to fix.",
                      *(str(problem) for problem in error.errors)])

