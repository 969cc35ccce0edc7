"""Tasks for the site: `invoke --list` shows them. Each calls sitetools.commands."""

from invoke import Exit, task

from sitetools import commands


def _finish(status):
    if status:
        raise Exit(code=status)


@task(help={"publish": "use publishconf.py (the real address)", "debug": "show technical details on failure"})
def build(c, publish=False, debug=False):
    """Build the site into output/; a failed build leaves output/ as it was."""
    _finish(commands.build(publish=publish, debug=debug))


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=None):
    """Preview the built site on http://127.0.0.1:8000."""
    _finish(commands.serve(int(port) if port else None))


@task
def clean(c):
    """Remove the built site (output/)."""
    _finish(commands.clean())
