"""Measure the built site with Lighthouse: scores, LCP, CLS, bytes and requests, as medians of several runs.

A benchmark, not a test: it prints figures. The site is served with gzip on 127.0.0.1.
"""

import json
import os
import statistics
import subprocess
import threading
from pathlib import Path

from .serve import make_server

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"scores": 100, "bytes": 15_000, "requests": 3, "cls": 0, "lcp_ms": 700}


def lighthouse(url, chrome="/usr/bin/chromium"):
    """Run Lighthouse once (default mobile preset) and return its report."""
    done = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         "--chrome-flags=--headless=new --no-sandbox --disable-background-networking --disable-component-update"],
        capture_output=True, text=True, check=False, env={**os.environ, "CHROME_PATH": chrome},
    )
    if done.returncode != 0:
        raise RuntimeError(f"Lighthouse failed on {url}: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


def figures(report):
    """Return the figures of one report: four scores, LCP, CLS, bytes and requests (all, and before images)."""
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    return {
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "requests_before_images": sum(1 for item in requests if item.get("resourceType") != "Image"),
    }


def medians(runs):
    """Return the median of each figure over several runs."""
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def audit(folder, pages, runs=3):
    """Serve folder, run Lighthouse runs times on each page, alternating pages; return {page: medians}."""
    server = make_server(folder, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = {page: [] for page in pages}
    try:
        for _ in range(runs):
            for page in pages:
                results[page].append(figures(lighthouse(base + page)))
    finally:
        server.shutdown()
        server.server_close()
    return {page: medians(found) for page, found in results.items()}


def table(results):
    """Return the results as lines of text, with the post page's targets beside them."""
    lines = [f"{'page':<48} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4} {'LCP ms':>7} {'CLS':>5} "
             f"{'bytes':>7} {'req':>4} {'req<img':>7}"]
    for page, found in results.items():
        lines.append(
            f"{page:<48} {found['performance']:>4.0f} {found['accessibility']:>4.0f} {found['best-practices']:>4.0f} "
            f"{found['seo']:>4.0f} {found['lcp_ms']:>7.0f} {found['cls']:>5.3f} {found['bytes']:>7.0f} "
            f"{found['requests']:>4.0f} {found['requests_before_images']:>7.0f}")
    lines.append(f"{'targets for the post':<48} {100:>4} {100:>4} {100:>4} {100:>4} {'≤700':>7} {0:>5} "
                 f"{'≤15000':>7} {'':>4} {'≤3':>7}")
    return lines
