"""Without Chromium, browser tests are skipped with how to install it; under CI that is a failure."""

import browser
import pytest


def test_missing_chromium_skips_with_instructions(monkeypatch):
    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        browser.chromium_or_skip()


def test_missing_chromium_fails_under_ci(monkeypatch):
    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="browser tests must run in CI"):
        browser.chromium_or_skip()
