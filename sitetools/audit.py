"""Measure the built site with Lighthouse: scores, LCP, CLS, bytes and requests, as medians of several runs.

A benchmark, not a test: it prints figures. The site is served with gzip on 127.0.0.1.
"""

import json
import os
import random
import statistics
import subprocess
from pathlib import Path

from .sample import fill_in
from .serve import serving

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CHROMIUM = "/usr/bin/chromium"  # Debian's
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The sample post (audit --sample): a cover photo, a list of contents and three related posts.
SAMPLE_POST = "/blog/sample-with-a-cover/"
SAMPLE_TOPICS = ("Why your glutes matter", "Stretches after every run", "When to see someone", "Coming back")


def lighthouse(url, chrome=CHROMIUM):
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
        "bytes_before_images": sum(item.get("transferSize", 0) for item in requests
                                   if item.get("resourceType") != "Image"),
        "requests": len(requests),
        "requests_before_images": sum(1 for item in requests if item.get("resourceType") != "Image"),
    }


def medians(runs):
    """Return the median of each figure over several runs."""
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]}


def audit(folder, pages, runs=3):
    """Serve folder, run Lighthouse runs times on each page, alternating pages; return {page: medians}."""
    results = {page: [] for page in pages}
    with serving(folder) as base:
        for _ in range(runs):
            for page in pages:
                results[page].append(figures(lighthouse(base + page)))
    return {page: medians(found) for page, found in results.items()}


def sample_site(folder):
    """Build a copy of the site with the sample facts, a post with a cover and three related posts; return its output.

    The cover is a 12-megapixel phone photo, as she would add one; the sample posts share her post's tags.
    """
    from . import bench

    project = bench.make_project(folder, 0)
    fill_in(project / "content")  # her portrait on home and About, her credentials filled in
    bench.phone_photo(project / "content/images/sample-cover.jpg", 0)
    rng = random.Random(2025)
    cover = "Image: {static}/images/sample-cover.jpg\nImage_alt: A runner stretching on a park bench\n"
    posts = [("Sample with a cover", SAMPLE_POST.split("/")[2], cover)]
    posts += [(f"Sample related post {number}", f"sample-{number}", "") for number in (1, 2, 3)]
    for number, (title, slug, image) in enumerate(posts):
        sections = "".join(f"## {topic}\n\n{bench.paragraph(rng)}\n\n" for topic in SAMPLE_TOPICS)
        (project / f"content/posts/{slug}.md").write_text(
            f"Title: {title}\nDate: 2024-0{number + 1}-01 09:00\nCategory: Running injuries\n"
            f"Tags: running, stretching, buttock pain\nSlug: {slug}\n{image}Summary: {bench.sentence(rng)}\n\n"
            f"{bench.paragraph(rng)}\n\n{sections}", encoding="utf-8")
    output = Path(folder) / "output"
    bench.timed(bench.ours_command(output), project)
    return output


def table(results):
    """Return the results as lines of text, with the targets beside them."""
    lines = [f"{'page':<40} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4} {'LCP ms':>7} {'CLS':>5} "
             f"{'bytes':>7} {'b<img':>7} {'req':>4} {'req<img':>7}"]
    for page, found in results.items():
        lines.append(
            f"{page:<40} {found['performance']:>4.0f} {found['accessibility']:>4.0f} {found['best-practices']:>4.0f} "
            f"{found['seo']:>4.0f} {found['lcp_ms']:>7.0f} {found['cls']:>5.3f} {found['bytes']:>7.0f} "
            f"{found['bytes_before_images']:>7.0f} {found['requests']:>4.0f} {found['requests_before_images']:>7.0f}")
    for name, lcp in (("targets for a post", "≤700"), ("targets for a post with a cover", "≤1000")):
        lines.append(f"{name:<40} {100:>4} {100:>4} {100:>4} {100:>4} {lcp:>7} {0:>5} "
                     f"{'':>7} {'≤15000':>7} {'':>4} {'≤3':>7}")
    lines.append("b<img, req<img: bytes and requests before images")
    return lines
