"""The sample facts the screenshots are taken with build with the real theme and plugins."""

import tomllib

import pytest
from conftest import ROOT

from sitetools.sample import PORTRAIT, SAMPLE_FACTS, fill_in

pytestmark = pytest.mark.slow  # a whole build with a drawn portrait


def test_the_sample_facts_build_and_about_shows_her_name_and_a_register(small_site, tmp_path):
    fill_in(tmp_path / "content")
    site = small_site({"pages/about.md": (ROOT / "content/pages/about.md").read_text(encoding="utf-8")})
    main = site.page("/about/").select_one("main")
    assert "Anna Keller" in main.get_text()
    memberships = tomllib.loads(SAMPLE_FACTS.read_text(encoding="utf-8"))["you"]["memberships"]
    registers = {membership["register"] for membership in memberships}
    assert registers & {link["href"] for link in main.select("a[href]")}, "a reader can check a membership"
    assert main.select_one(f'img[src*="{PORTRAIT.removesuffix(".jpg")}"]'), "her portrait, drawn"
