"""The writing loop: rebuild the preview on every save and refresh the browser."""

import os
import subprocess
import sys

from livereload import Server

from .commands import CONFIG, ROOT, say

WATCHED = ("content", "theme", "plugins", "pelicanconf.py")


def _not_source(path):
    """Return whether a changed file is a by-product (compiled Python, editor swap files)."""
    name = os.path.basename(path)
    return "__pycache__" in path or name.endswith((".pyc", ".swp", "~")) or name.startswith(".#")


def rebuild():
    """Build the writing preview in a fresh process, so edits to plugins take effect too."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "sitetools", "build", "--writing", "--output", str(CONFIG["preview"])]
    subprocess.run(command, cwd=ROOT, env=env, check=False)


def serve(port=None):
    """Build the preview, serve it on 127.0.0.1 and rebuild it whenever a source changes."""
    rebuild()
    if not (CONFIG["preview"] / "index.html").is_file():
        say("Fix the problems above and save: the preview is built as soon as the build succeeds.")
    CONFIG["preview"].mkdir(exist_ok=True)
    server = Server()
    for name in WATCHED:
        server.watch(str(ROOT / name), rebuild, ignore=_not_source)
    port = port or CONFIG["port"]
    say(f"Writing preview on http://{CONFIG['host']}:{port}/ (drafts and scheduled posts shown) — Ctrl+C stops.")
    server.serve(host=CONFIG["host"], port=port, root=str(CONFIG["preview"]), restart_delay=0)
    return 0
