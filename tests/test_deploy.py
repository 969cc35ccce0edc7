"""Publishing end to end, without the network: a bare git repository and a local folder stand in for hosts."""

import base64
import gzip
import hashlib
import re
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest
from conftest import PUBLISHED_URL, ROOT, facts_line, post, write_content
from test_safe_build import settings_file

from sitetools import commands
from sitetools.build import BuildError


def tree(folder, skip=(".git",)):
    """Return {relative path: bytes} for every file under folder."""
    folder = Path(folder)
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not set(p.relative_to(folder).parts) & set(skip)}


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def publishing(tmp_path, monkeypatch):
    """Build for publishing into a folder of the test's own, with a real address."""
    monkeypatch.setitem(commands.CONFIG, "publish_output", tmp_path / "output")
    monkeypatch.setenv("SITEURL", PUBLISHED_URL)
    return tmp_path


def test_gh_pages_publishes_the_build_and_only_commits_changes(publishing, monkeypatch, capsys):
    remote = publishing / "remote.git"
    git("init", "--quiet", "--bare", str(remote), cwd=publishing)
    monkeypatch.setenv("DEPLOY_GIT_REMOTE", str(remote))
    own_tree = git("status", "--porcelain", cwd=ROOT)

    assert commands.deploy("gh-pages", anyway=True) == 0
    checkout = publishing / "checkout"
    git("clone", "--quiet", "--branch", "gh-pages", str(remote), str(checkout), cwd=publishing)
    published = tree(checkout)
    assert published.pop(".nojekyll") == b"" and published.pop("CNAME") == b"therapy.example.org\n"
    assert published == tree(publishing / "output")

    assert commands.deploy("gh-pages", anyway=True) == 0, "a rebuild gives every file a new time"
    assert "has not changed since it was last published" in capsys.readouterr().err
    assert git("rev-list", "--count", "gh-pages", cwd=remote) == "1"
    assert git("status", "--porcelain", cwd=ROOT) == own_tree, "the author's working tree is untouched"


def test_rsync_publishes_the_build_and_sends_nothing_unchanged(publishing, monkeypatch, capsys):
    destination = publishing / "host"
    destination.mkdir()
    (destination / "old-page.html").write_text("stale")
    monkeypatch.setenv("DEPLOY_RSYNC_DEST", str(destination))

    assert commands.deploy("rsync", anyway=True) == 0
    assert tree(destination) == tree(publishing / "output"), "the same files, the stale one deleted"
    assert commands.deploy("rsync", anyway=True) == 0
    assert "0 files sent" in capsys.readouterr().err.splitlines()[-1]


@pytest.mark.parametrize("body", ["See [the prices](/prces/).", '<div><p>Unclosed</span></div>'],
                         ids=["broken link", "invalid HTML"])
def test_a_broken_site_is_refused_and_nothing_is_uploaded(publishing, monkeypatch, capsys, body):
    write_content(publishing / "content", {"posts/x.md": post("X", body=body)})
    monkeypatch.setitem(commands.CONFIG, "publish_settings", settings_file(publishing, ""))
    remote, destination = publishing / "remote.git", publishing / "host"
    git("init", "--quiet", "--bare", str(remote), cwd=publishing)
    destination.mkdir()
    monkeypatch.setenv("DEPLOY_GIT_REMOTE", str(remote))
    monkeypatch.setenv("DEPLOY_RSYNC_DEST", str(destination))
    assert commands.deploy("gh-pages", anyway=True) == 1
    assert commands.deploy("rsync", anyway=True) == 1
    assert capsys.readouterr().err.lower().count("nothing was uploaded") == 2
    assert git("branch", "--list", cwd=remote) == "", "no branch reached the remote"
    assert list(destination.iterdir()) == []


def test_old_addresses_redirect(published):
    redirects = (published.output / "_redirects").read_text()
    assert ("/2019/05/20/if-running-becomes-a-pain-in-the-butt/ "
            "/blog/if-running-becomes-a-pain-in-the-butt/ 301\n") in redirects
    page = published.page("/2019/05/20/if-running-becomes-a-pain-in-the-butt/")
    new = PUBLISHED_URL + "/blog/if-running-becomes-a-pain-in-the-butt/"
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == f"0; url={new}"
    assert page.select_one('link[rel="canonical"]')["href"] == new
    assert page.select_one("a")["href"] == new


def test_an_old_address_that_is_a_page_of_this_site_stops_the_build(small_site):
    files = {"posts/a.md": post("Hip pain", slug="hip-pain"),
             "posts/b.md": post("Knee pain", slug="knee-pain", old_url="/blog/hip-pain/")}
    with pytest.raises(BuildError) as raised:
        small_site(files)
    assert [str(p) for p in raised.value.errors] == [
        "content/posts/b.md: 'Old_url: /blog/hip-pain/' is the address of another page of this site — remove the "
        "line or correct the address"]


def csp(page):
    policy = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_every_published_page_obeys_its_policy(published):
    for path in published.html_files():
        url = "/" + path.relative_to(published.output).as_posix()
        page = published.page(url)
        policy = csp(page)
        assert "frame-ancestors" not in policy and "'unsafe-inline'" not in str(policy), url
        for style in page.select("style"):
            digest = base64.b64encode(hashlib.sha256(style.string.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy["style-src"], url
        for script in page.select("script"):
            if script.get("type") == "application/ld+json":
                continue
            if script.get("src"):
                assert "'self'" in policy["script-src"], f"{url}: disallowed script"
            else:
                digest = base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode()
                assert f"'sha256-{digest}'" in policy["script-src"], f"{url}: inline script not allowed by its hash"
        assert ("'wasm-unsafe-eval'" in policy["script-src"]) == url.startswith("/search/"), url
        for element in page.select("[src], link[href], source[srcset]"):
            address = element.get("src") or element.get("href") or element["srcset"].split()[0]
            if element.name == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                continue
            parts = urlsplit(address)
            assert parts.scheme in ("", "https", "data"), f"{url}: {address}"
            assert not parts.netloc or address.startswith(PUBLISHED_URL), f"{url}: {address} is another site"


def rules(headers):
    """Return [(path pattern, {header: value})] from a _headers file."""
    found = []
    for line in headers.splitlines():
        if line.startswith("/"):
            found.append((line.strip(), {}))
        elif line.strip():
            name, _, value = line.strip().partition(": ")
            found[-1][1][name] = value
    return found


def matches(pattern, path):
    return pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1]))


def test_headers_set_each_header_once_for_every_page_and_cache_hashed_assets(published):
    parsed = rules((published.output / "_headers").read_text())
    for path in published.html_files():
        url = "/" + path.relative_to(published.output).as_posix()
        url = url.removesuffix("index.html")
        seen = {}
        for pattern, headers in parsed:
            if matches(pattern, url):
                for name in headers:
                    seen[name] = seen.get(name, 0) + 1
        assert seen.get("Content-Security-Policy") == 1 and seen.get("Cache-Control") == 1, (url, seen)
        assert seen.get("Strict-Transport-Security") == 1 and seen.get("Permissions-Policy") == 1, url
    assets = dict(parsed)["/assets/*"]
    assert assets == {"Cache-Control": "public, max-age=31536000, immutable"}
    assert re.search(r"frame-ancestors 'none'", dict(parsed)["/"]["Content-Security-Policy"])
    hashed = [p.name for p in (published.output / "assets").iterdir() if p.suffix not in (".gz", ".br")]
    assert all(re.fullmatch(r"[\w-]+\.[0-9a-f]{10}\.\w+", name) for name in hashed)
    assert sorted(name.split(".")[0] for name in hashed) == ["favicon", "search", "site", "video"]
    policies = {pattern: headers.get("Content-Security-Policy", "") for pattern, headers in parsed}
    assert re.search(r"script-src 'sha256-[\w+/=]{44}';", policies["/blog/*"]), "posts run Copy link, and only it"
    assert "script-src 'none';" in policies["/"] and "script-src 'none';" in policies["/about/*"]


def test_text_files_are_also_written_compressed(published):
    page = published.output / "index.html"
    assert gzip.decompress((published.output / "index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((published.output / "index.html.br").read_bytes()) == page.read_bytes()


@pytest.mark.parametrize(("html", "expected"), [
    ('<a href="https://a.uk" target="_blank">A</a>', '<a href="https://a.uk" target="_blank" rel="noopener">A</a>'),
    ('<a target=_blank rel="external" href="x">x</a>', '<a target=_blank rel="external noopener" href="x">x</a>'),
    ('<a href="x" target="_blank" rel="noopener">x</a>', '<a href="x" target="_blank" rel="noopener">x</a>'),
    ('<a href="/about/">About</a>', '<a href="/about/">About</a>'),
])
def test_links_that_open_a_new_tab_get_noopener(html, expected):
    from hosting.links import add_noopener

    assert add_noopener(html) == expected


def test_new_tab_links_in_a_post_and_its_summary_are_protected(small_site):
    body = 'Read the <a href="https://www.nhs.uk/" target="_blank">NHS advice</a>.'
    site = small_site({"posts/x.md": post("X", slug="x", body=body, summary=body)})
    link = site.page("/blog/x/").select_one('.prose a[target="_blank"]')
    assert link["rel"] == ["noopener"]
    card = site.page("/").select_one('.post-card__summary a[target="_blank"]')
    assert card["rel"] == ["noopener"]


def test_publishing_is_refused_with_the_checklist_until_every_item_is_done(tmp_path, monkeypatch):
    from test_safe_build import INVOKE, QUIET_ENV, copy_project

    project = copy_project(tmp_path / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # the HTML checker, installed once
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    env = {**{k: v for k, v in QUIET_ENV.items() if k not in ("SITEURL", "PAGES_BASE_URL")},
           "DEPLOY_GIT_REMOTE": str(remote)}

    def publish():
        return subprocess.run([*INVOKE, "gh-pages"], cwd=project, capture_output=True, text=True, env=env)

    refused = publish()
    assert refused.returncode == 1 and "Nothing was uploaded" in refused.stderr
    checklist = refused.stderr.split("to do:\n", 1)[1].split("Nothing was uploaded")[0]
    address_line = facts_line('address = ""')
    for expected in (f"content/data/practice.toml:{address_line}: the site's address is not set — write it in the "
                     '[site] part of content/data/practice.toml, e.g. address = "https://www.your-practice.co.uk"',
                     "content/posts/if-running-becomes-a-pain-in-the-butt.md:7: Check: the date and Old_url",
                     f"content/data/practice.toml:{facts_line('examples = ')}: prices, hours and qualifications are "
                     "marked as examples",
                     f"content/data/practice.toml:{facts_line('[contact]')}: the contact details are still the "
                     "examples",
                     f"content/data/practice.toml:{facts_line('postcode =')}: the postcode CB21 4XX is an example",
                     f'content/data/practice.toml:{facts_line("display_name =")}: display_name = "ammann05" looks like '
                     "a user name"):
        assert expected in checklist, expected
    assert git("branch", "--list", cwd=remote) == ""
    ready = subprocess.run([*INVOKE, "ready"], cwd=project, capture_output=True, text=True, env=env)
    assert ready.returncode == 1 and ready.stderr.split("to do:\n", 1)[1] == checklist

    fill_checklist(project)
    facts = project / "content/data/practice.toml"
    written = facts.read_text()
    facts.write_text(written.replace('address = ""', 'address = "http://linton-therapy.co.uk"'))
    refused = publish()
    assert refused.returncode == 1, "not https: refused"
    assert f'content/data/practice.toml:{address_line}: address = "http://linton-therapy.co.uk" starts with http://' \
        in refused.stderr
    facts.write_text(written.replace('address = ""', 'address = "https://www.linton-therapy.co.uk"'))
    done = publish()
    assert done.returncode == 0, done.stderr
    assert git("branch", "--list", cwd=remote) == "gh-pages"
    assert git("show", "gh-pages:CNAME", cwd=remote) == "www.linton-therapy.co.uk"
    assert not (project / "output").exists(), "the publish build is .publish/: output/ stays her local build"


def fill_checklist(project):
    """Put her own facts in place of the examples, and do what the first post's Check: line asks."""
    facts = project / "content/data/practice.toml"
    text = facts.read_text()
    for old, new in (("examples = true", "examples = false"), ('"01632 960123"', '"01223 555777"'),
                     ('"07700 900123"', '"07811 123456"'), ('"hello@example.com"', '"hello@linton-therapy.co.uk"'),
                     ('"https://example.com/book"', '"https://book.linton-therapy.co.uk/"'),
                     ('"CB21 4XX"', '"CB21 4HT"'), ('"ammann05"', '"Jane Smith"')):
        text = text.replace(old, new)
    facts.write_text(text)
    post_file = project / "content/posts/if-running-becomes-a-pain-in-the-butt.md"
    post_file.write_text("".join(line for line in post_file.read_text().splitlines(keepends=True)
                                 if not line.startswith("Check:")))
