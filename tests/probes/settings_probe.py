"""A Pelican plugin for the tests: record every setting changed after the generators were made.

Settings are what every plugin reads; once the build has begun, a plugin that writes one passes a
message to whichever plugin happens to read it after. The names of settings whose value differs
between the build's start and its end go to the file SETTINGS_PROBE_LOG names.
"""

import json
import os

from pelican import signals


def _snapshot(settings):
    return {name: repr(value) for name, value in settings.items()}


def _start(pelican):
    """Receive get_generators, sent as the build begins: every plugin has had its initialized signal."""
    with open(os.environ["SETTINGS_PROBE_LOG"] + ".start", "w", encoding="utf-8") as file:
        json.dump(_snapshot(pelican.settings), file)


def _end(pelican):
    with open(os.environ["SETTINGS_PROBE_LOG"] + ".start", encoding="utf-8") as file:
        before, after = json.load(file), _snapshot(pelican.settings)
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    with open(os.environ["SETTINGS_PROBE_LOG"], "a", encoding="utf-8") as log:
        log.write("".join(f"changed: {name}\n" for name in changed) or "unchanged\n")


def register():  # noqa: D103
    signals.get_generators.connect(_start)
    signals.finalized.connect(_end)
