"""invoke check: broken links, HTML errors and, on request, links to other sites."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import write_content

from sitetools import check, commands

VALID_PAGE = ('<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>T</title></head>'
              '<body>{body}</body></html>')


def test_the_real_site_passes_every_check(site, monkeypatch, capsys):
    assert len(site.html_files()) >= 15  # every page of the site is checked, HTML included
    monkeypatch.setitem(commands.CONFIG, "output", site.output)
    assert commands.check() == 0
    err = capsys.readouterr().err
    assert "Broken links and missing files: none" in err and "HTML errors (Nu Html Checker): none" in err


def test_html_errors_are_found_with_page_and_line(tmp_path):
    write_content(tmp_path, {"index.html": VALID_PAGE.format(body="<p>ok</p>"),
                             "bad/index.html": VALID_PAGE.format(body="\n<div><p>unclosed</span>")})
    findings = check.html_findings(tmp_path)
    assert "/bad/index.html:2: Stray end tag “span”." in findings
    assert not [f for f in findings if f.startswith("/index.html")]


def test_check_fails_and_says_why(tmp_path, monkeypatch, capsys):
    write_content(tmp_path, {"index.html": VALID_PAGE.format(body='<a href="/gone/">x</a><img src="a.png" alt="">')})
    monkeypatch.setitem(commands.CONFIG, "output", tmp_path)
    assert commands.check() == 1
    err = capsys.readouterr().err
    assert "/index.html: /gone/ — no such file in the built site" in err
    assert "/index.html: a.png — no such file in the built site" in err
    assert "2 problems to fix." in err


def test_check_without_a_built_site_says_to_build(tmp_path, monkeypatch, capsys):
    monkeypatch.setitem(commands.CONFIG, "output", tmp_path / "output")
    assert commands.check() == 1
    assert "run 'invoke build' first" in capsys.readouterr().err


def test_missing_html_checker_is_explained(tmp_path):
    with pytest.raises(check.CheckerMissing, match="run 'npm ci'"):
        check.html_findings(tmp_path, jar=tmp_path / "missing.jar")


class OtherSite(BaseHTTPRequestHandler):
    """Stands in for other sites: /ok answers, /gone is missing, HEAD is refused on /no-head."""

    def do_HEAD(self):  # noqa: N802
        """Answer a HEAD request."""
        self.send_response(405 if self.path == "/no-head" else 200 if self.path == "/ok" else 404)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        """Answer a GET request."""
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        """Keep the test output quiet."""
        pass


@pytest.fixture
def other_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), OtherSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_external_links_are_checked_on_request(tmp_path, other_site, monkeypatch, capsys):
    closed = "http://127.0.0.1:9/nothing-listens-here"
    body = "".join(f'<a href="{other_site}{p}">x</a>' for p in ("/ok", "/no-head", "/gone"))
    body += f'<a href="{closed}">y</a>'
    write_content(tmp_path, {"index.html": VALID_PAGE.format(body=body)})
    findings = check.external_findings(tmp_path, timeout=5)
    assert findings[0] == f"/index.html: {other_site}/gone — the other site answered 404 Not Found"
    assert findings[1].startswith(f"/index.html: {closed} — could not be reached")
    assert len(findings) == 2
    monkeypatch.setitem(commands.CONFIG, "output", tmp_path)
    assert commands.check() == 0, "other sites are checked only with --external"
    assert commands.check(external=True) == 1
    assert "Links to other sites that do not work: 2" in capsys.readouterr().err
