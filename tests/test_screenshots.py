"""The sample facts the screenshots are taken with build with the real theme and plugins."""

import tomllib

import pytest
from conftest import ROOT

from sitetools.screenshots import PORTRAIT, SAMPLE_FACTS, portrait

pytestmark = pytest.mark.slow  # a whole build with a drawn portrait


def test_the_sample_facts_build_and_about_shows_her_name_and_a_register(small_site, tmp_path):
    facts = SAMPLE_FACTS.read_text(encoding="utf-8")
    portrait(tmp_path / "content" / PORTRAIT)
    site = small_site({"data/practice.toml": facts,
                       "pages/about.md": (ROOT / "content/pages/about.md").read_text(encoding="utf-8")})
    main = site.page("/about/").select_one("main")
    assert "Anna Keller" in main.get_text()
    registers = {membership["register"] for membership in tomllib.loads(facts)["you"]["memberships"]}
    assert registers & {link["href"] for link in main.select("a[href]")}, "a reader can check a membership"
    assert main.select_one(f'img[src*="{PORTRAIT.removesuffix(".jpg")}"]'), "her portrait, drawn"
