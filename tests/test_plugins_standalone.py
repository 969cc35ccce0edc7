"""Each plugin stands alone, as Pelican's own plugins do: no imports between them, and their order changes nothing."""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SETTINGS, differences
from PIL import Image

import pelicanconf
from sitetools.build import build

PLUGINS = ROOT / "plugins"
PROBES = Path(__file__).parent / "probes"


def imported_packages(folder):
    """Return {file: top-level names it imports} for the Python files of a plugin's folder."""
    found = {}
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found[path] = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                       for alias in node.names}
        found[path] |= {node.module.split(".")[0] for node in ast.walk(tree)
                        if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    return found


# What plugins may import of the project's own: two libraries, never the build's machinery or a plugin.
SHARED = {"sitetools.toml_lines", "sitetools.author_values"}


def test_no_plugin_imports_another():
    assert set(pelicanconf.PLUGINS) <= {path.name for path in PLUGINS.iterdir()}
    for plugin in pelicanconf.PLUGINS:
        for path, names in imported_packages(PLUGINS / plugin).items():
            assert not names & (set(pelicanconf.PLUGINS) - {plugin}), f"{path.relative_to(ROOT)} imports {names}"


def test_plugins_share_only_the_two_libraries_of_the_project():
    for path in PLUGINS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        modules |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        assert {m for m in modules if m.split(".")[0] == "sitetools"} <= SHARED, path.relative_to(ROOT)


@pytest.fixture(scope="module")
def orders(tmp_path_factory):
    """Build the site with her portrait and the publish build's <meta> policies, its plugins in three orders."""
    folder = tmp_path_factory.mktemp("orders")
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    Image.new("RGB", (900, 1200), (120, 90, 70)).save(content / "images/portrait.jpg")
    facts = content / "data/practice.toml"
    facts.write_text(facts.read_text(encoding="utf-8").replace('# portrait = "', 'portrait = "'), encoding="utf-8")
    plugins = list(pelicanconf.PLUGINS)
    orders = {"as set": plugins, "reversed": plugins[::-1], "shuffled": plugins[1::2] + plugins[::2]}
    logs = {}
    for name, order in orders.items():
        logs[name] = folder / f"{name}.log"
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("SETTINGS_PROBE_LOG", str(logs[name]))
            build(SETTINGS, folder / name, overrides={
                "PATH": str(content), "CACHE_PATH": str(folder / f"cache-{name}"), "SECURITY_META": True,
                "PLUGIN_PATHS": [str(PLUGINS), str(PROBES)], "PLUGINS": [*order, "settings_probe"]})
    return folder, {name: path.read_text(encoding="utf-8") for name, path in logs.items()}


def test_the_order_of_the_plugins_changes_nothing(orders):
    folder, _ = orders
    assert (folder / "as set/about/index.html").read_text(encoding="utf-8").count("portrait") >= 1
    assert 'http-equiv="Content-Security-Policy"' in (folder / "as set/index.html").read_text(encoding="utf-8")
    assert differences(folder / "as set", folder / "reversed") == []
    assert differences(folder / "as set", folder / "shuffled") == []


def test_no_plugin_writes_a_setting_once_the_build_has_begun(orders, tmp_path):
    """Only what stock Pelican itself changes (its Markdown reader fills in MARKDOWN's extensions) may change."""
    (tmp_path / "content").mkdir()
    (tmp_path / "content/post.md").write_text("Title: A post\nDate: 2024-03-01\n\nText.\n", encoding="utf-8")
    log = tmp_path / "stock.log"
    subprocess.run([sys.executable, "-m", "pelican", str(tmp_path / "content"), "-o", str(tmp_path / "output"),
                    "-e", f'PLUGIN_PATHS=["{PROBES}"]', 'PLUGINS=["settings_probe"]', "-q"],
                   env={**os.environ, "SETTINGS_PROBE_LOG": str(log)}, check=True, cwd=tmp_path)
    stock = log.read_text(encoding="utf-8")
    assert stock.startswith("changed: ")  # the probe sees a change
    _, logs = orders
    assert logs == {name: stock for name in logs}
