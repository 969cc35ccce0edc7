"""The writing loop: rebuild the preview on every save, in one builder process, and refresh the browser."""

import threading

from . import commands
from .commands import CONFIG, ROOT, say
from .search import start_indexing


def serve(port=None, stop=None):
    """Build the preview, serve it on 127.0.0.1 and rebuild it whenever a source changes.

    stop: a threading.Event that ends the loop (Ctrl+C does otherwise).
    """
    from . import preview

    folder = CONFIG["preview"]
    folder.mkdir(exist_ok=True)
    events, builder = preview.Events(), preview.Builder(ROOT)
    server = preview.make_server(folder, events, CONFIG["host"], port or CONFIG["port"])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    indexing = []

    def rebuild():
        # The search index follows the reload: her page first, then Pagefind on the preview in place.
        result = commands._built(writing=True, output=folder, overrides={"SEARCH_INDEX": False}, runner=builder,
                                 failed=lambda error: events.tell("problems", preview.report(error)))
        if result:
            events.tell("reload")
            for done in indexing:
                done.wait()
            indexing[:] = [start_indexing(folder)]
        return result

    if not rebuild():
        say("Fix the problems above and save: the preview is built as soon as the build succeeds.")
    say(f"Writing preview on http://{CONFIG['host']}:{server.server_address[1]}/ (drafts and scheduled posts "
        "shown) — Ctrl+C stops.")
    try:
        for changed in preview.changes(ROOT, stop):
            if preview.needs_restart(changed, ROOT):
                builder.stop()  # code or settings changed: the next build starts a fresh builder
            rebuild()
    finally:
        builder.stop()
        server.shutdown()
        server.server_close()
    return 0
