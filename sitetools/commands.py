"""What each invoke task does, with messages in plain words and an exit status."""

import shutil
import sys
import traceback
from pathlib import Path

from . import build as site_build
from .serve import make_server

ROOT = Path(__file__).resolve().parent.parent
CONFIG = {
    "settings": ROOT / "pelicanconf.py",
    "publish_settings": ROOT / "publishconf.py",
    "output": ROOT / "output",
    "host": "127.0.0.1",
    "port": 8000,
}


def say(message):
    """Print a message for the author on standard error."""
    print(message, file=sys.stderr)


def build(publish=False, debug=False, output=None, writing=False):
    """Build the site; return 0 on success, 1 when the build failed (output/ untouched)."""
    settings = CONFIG["publish_settings" if publish else "settings"]
    output = Path(output or CONFIG["output"])
    try:
        result = site_build.build(settings, output, writing=writing, debug=debug)
    except site_build.BuildError as error:
        say(f"The build stopped with {len(error.errors)} problem{'s' * (len(error.errors) != 1)} to fix; "
            f"{output} was left as it was:")
        for problem in error.errors:
            say(f"  {problem}")
        _warnings(error.warnings)
        return 1
    except Exception as error:  # one readable line, the traceback only on request
        if debug:
            traceback.print_exc()
        say(f"The build stopped; {output} was left as it was:")
        say(f"  {_where(error, settings)}{error}")
        if not debug:
            say("  (run the command again with --debug to see the technical details)")
        return 1
    _warnings(result.warnings)
    say(result.summary())
    return 0


def _warnings(warnings):
    if warnings:
        say(f"Warnings ({len(warnings)}):")
        for warning in warnings:
            say(f"  {warning}")


def _where(error, settings):
    """Return 'file:line: ' for an error in a settings file, 'file: ' for a bad setting, or a blank."""
    if isinstance(error, SyntaxError) and error.filename:
        return f"{Path(error.filename).name}:{error.lineno}: "
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if Path(frame.filename).name in ("pelicanconf.py", "publishconf.py", Path(settings).name):
            return f"{Path(frame.filename).name}:{frame.lineno}: "
    if isinstance(error, ValueError) and hasattr(error, "name"):  # the plugin's SettingError
        return f"{Path(settings).name}: "
    return ""


def serve(port=None):
    """Serve output/ on 127.0.0.1 until interrupted."""
    output = CONFIG["output"]
    if not (output / "index.html").is_file():
        say(f"There is no built site in {output}: run 'invoke build' first.")
        return 1
    server = make_server(output, CONFIG["host"], port or CONFIG["port"])
    host, port = server.server_address[:2]
    say(f"Serving {output} on http://{host}:{port}/ — press Ctrl+C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        server.server_close()
    return 0


def clean():
    """Remove the built site."""
    shutil.rmtree(CONFIG["output"], ignore_errors=True)
    say(f"Removed {CONFIG['output']}.")
    return 0
