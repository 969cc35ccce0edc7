"""The writing loop: rebuild the preview on every save, in one builder process, and refresh the browser."""

import subprocess
import threading

from . import commands
from .commands import CONFIG, ROOT, say
from .search import start_indexing


def serve(port=None):
    """Build the preview, serve it on 127.0.0.1 and rebuild it whenever a source changes, until Ctrl+C."""
    from . import preview

    folder = CONFIG["preview"]
    folder.mkdir(exist_ok=True)
    with commands.calm_stop(f"Stopped. The writing preview is no longer served; {commands.shown(folder)} is as "
                            "it was."):
        changes = preview.Changes(ROOT)  # from now on: a save during the first build is not missed
        events, builder = preview.Events(), preview.Builder(ROOT)
        server = preview.make_server(folder, events, CONFIG["host"], port or CONFIG["port"])
        threading.Thread(target=server.serve_forever, daemon=True).start()
        indexing = []

        def rebuild():
            # The search index follows the reload: her page first, then Pagefind on the preview in place.
            # An index still being written for the last save is stopped: this build replaces that folder.
            for running in indexing:
                running.terminate()
                running.wait()
            result = commands.built_site(writing=True, output=folder, overrides={"SEARCH_INDEX": False},
                                         runner=builder,
                                         failed=lambda error: events.tell("problems", preview.report(error)))
            if result:
                events.tell("reload")
                indexing[:] = [start_indexing(folder, subprocess.DEVNULL)]
            return result

        try:
            if not rebuild():
                say("Fix the problems above and save: the preview is built as soon as the build succeeds.")
            say(f"Writing preview on http://{CONFIG['host']}:{server.server_address[1]}/ (drafts and scheduled "
                "posts shown) — Ctrl+C stops.")
            while True:
                changed = changes.take()
                if preview.needs_restart(changed, ROOT):
                    builder.stop()  # code or settings changed: the next build starts a fresh builder
                if changed:
                    rebuild()
        finally:
            changes.stop.set()
            builder.stop()
            for running in indexing:
                running.terminate()
            server.shutdown()
            server.server_close()
