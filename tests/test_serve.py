"""The preview server serves the built site like a static host, 404 page included."""

import threading
import urllib.error
import urllib.request

import pytest

from sitetools.serve import make_server


@pytest.fixture
def server(site):
    server = make_server(site.output, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_serves_pages_on_localhost(server):
    with urllib.request.urlopen(f"{server}/about/") as response:
        assert response.status == 200
        assert "About me" in response.read().decode()


def test_unknown_address_gets_the_404_page(server):
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(f"{server}/no-such-page/")
    assert raised.value.code == 404
    assert "Page not found" in raised.value.read().decode()


def test_text_is_sent_gzipped_when_the_browser_accepts_it(server):
    import gzip

    request = urllib.request.Request(f"{server}/about/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "About me" in gzip.decompress(response.read()).decode()
    with urllib.request.urlopen(f"{server}/theme/favicon.ico") as response:
        assert response.headers["Content-Encoding"] is None
