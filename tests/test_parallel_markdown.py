"""Markdown converted in worker processes gives exactly what Pelican's own reader gives in one process."""

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS, differences, post, write_content
from pelican_corpus import SETTINGS as CORPUS_SETTINGS
from pelican_corpus import buildable_copy

import pelicanconf
from sitetools.build import build

PROBES = Path(__file__).parent / "probes"


def probe_settings(tmp_path, name, workers):
    """Return the settings of a build with the pool probe as Markdown extension and as plugin."""
    markdown = json.loads(json.dumps(pelicanconf.MARKDOWN))
    markdown["extensions"] = [*markdown.get("extensions", []), "pool_probe"]
    return {"PATH": str(tmp_path / "content"), "CACHE_PATH": str(tmp_path / f"cache-{name}"),
            "PARALLEL_MARKDOWN_WORKERS": workers, "MARKDOWN": markdown,
            "PLUGIN_PATHS": [str(ROOT / "plugins"), str(PROBES)], "PLUGINS": [*pelicanconf.PLUGINS, "pool_probe"],
            **CORPUS_SETTINGS}


@pytest.fixture(scope="module")
def three_ways(tmp_path_factory):
    """Build Pelican's own test posts, 40 posts and 36 pages of ours three ways.

    With workers, in one process, and with workers one of which dies on the last page.
    """
    tmp_path = tmp_path_factory.mktemp("pooled")
    content = tmp_path / "content"
    buildable_copy(content)
    files = {f"posts/filler-{n:02}.md": post(f"Filler {n}", f"<a id=\"top\"></a>Text {n} with *emphasis* and a "
                                               "[link](#top).", tags="running, calves" if n % 2 else "pilates")
             for n in range(40)}
    files.update({f"pages/page-{n:02}.md": f"Title: Page {n}\n\nA page, number {n}.\n" for n in range(36)})
    files["posts/filler-07.md"] = post("A warning", "PROBE-WARNING in this one.")
    files["pages/zz-worker-dies.md"] = "Title: The last page\n\nThe last page to read.\n"
    write_content(content, files)
    results = {}
    for name, workers in (("pooled", None), ("single", 1), ("dying", None)):
        if name == "dying":
            write_content(content, {"pages/zz-worker-dies.md": "Title: The last page\n\nKILL-THE-WORKER here.\n"})
        log = tmp_path / f"probe-{name}.log"
        log.touch()
        os.environ["POOL_PROBE_LOG"] = str(log)
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(PROBES), os.environ.get("PYTHONPATH")]))
        try:
            result = build(SETTINGS, tmp_path / f"output-{name}", overrides=probe_settings(tmp_path, name, workers))
        finally:
            os.environ.pop("POOL_PROBE_LOG")
        results[name] = (result, log.read_text(encoding="utf-8").splitlines())
    return tmp_path, results


def test_workers_give_the_same_site_byte_for_byte(three_ways):
    folder, results = three_ways
    assert results["pooled"][0].posts == results["single"][0].posts > 50
    assert differences(folder / "output-pooled", folder / "output-single") == []


def test_a_worker_that_dies_costs_nothing(three_ways):
    folder, results = three_ways
    assert "killed a worker" in results["dying"][1]  # it did die, in that build only
    assert "killed a worker" not in results["pooled"][1] + results["single"][1]
    changed = differences(folder / "output-dying", folder / "output-single")
    assert changed and all("the-last-page" in str(path) or path.suffix in (".xml", ".json") or "pagefind" in str(path)
                           for path in changed), changed


def test_what_workers_log_is_reported_as_in_one_process(three_ways):
    _, results = three_ways
    pooled, single = (sorted(map(str, results[name][0].warnings)) for name in ("pooled", "single"))
    assert any("a probe warning about 'Title: A warning'" in warning for warning in pooled)
    assert pooled == single


def test_no_process_is_forked_while_another_pool_runs(three_ways):
    _, results = three_ways
    forks = [line for line in results["pooled"][1] if line.startswith("fork")]
    assert len(forks) >= 3  # the Markdown workers, then the share images' and photos' workers
    assert all(line.startswith("fork with 1 threads") for line in forks), forks
