"""Benchmark builds on generated posts: ours against stock Pelican, cold, cached and after a one-post edit.

A benchmark, not a test: it prints figures. Everything happens in a temporary copy of the site; the
real content/ and output/ are never touched. Each build runs in a process of its own, and the kinds
of build are alternated round by round so that a busy machine slows them alike.
"""

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("runner hamstring glute stretch mobility strength recovery training mileage pace cadence tendon "
         "calf hip core pilates massage tissue tension niggle rest sleep hydration warm cool easy tempo "
         "interval long race marathon half park trail hill posture breathing balance control ankle knee").split()
CATEGORIES = ("Running injuries", "Pilates", "Recovery", "Training")
TAGS = ("running", "stretching", "hamstrings", "glutes", "pilates", "recovery", "marathon", "core", "calves")
# Our build without the derived assets (share images, responsive images, search index).
HTML_ONLY = ["--set", "SEARCH_INDEX=false", "--set",
             'PLUGINS=["practice_contact", "writing_mode", "theme_assets", "hosting"]']


def sentence(rng, words=14):
    """Return one sentence of plausible words."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def post_text(number, total, rng):
    """Return a post of about 840 words: headings, a list, links, a blockquote, an image, tags."""
    paragraphs = [" ".join(sentence(rng) for _ in range(5)) for _ in range(10)]
    other = rng.randrange(total)
    tags = ", ".join(rng.sample(TAGS, 3))
    return (
        f"Title: Bench post {number}: {sentence(rng, 5)[:-1]}\n"
        f"Date: 2020-01-01 09:00\nModified: 2020-{1 + number % 12:02d}-{1 + number % 28:02d}\n"
        f"Category: {CATEGORIES[number % len(CATEGORIES)]}\nTags: {tags}\nSlug: bench-{number}\n"
        f"Summary: {sentence(rng)}\n\n"
        f"{paragraphs[0]}\n\n## {sentence(rng, 4)[:-1]}\n\n{paragraphs[1]}\n\n"
        f"1. {sentence(rng, 6)}\n2. {sentence(rng, 6)}\n3. {sentence(rng, 6)}\n\n"
        f"{paragraphs[2]} See [an earlier post]({{filename}}/posts/bench-{other}.md).\n\n"
        f"> {sentence(rng)}\n\n![A stretch on a mat]({{static}}/images/bench.png)\n\n"
        + "\n\n".join(paragraphs[3:6]) + f"\n\n## {sentence(rng, 4)[:-1]}\n\n" + "\n\n".join(paragraphs[6:]) + "\n"
    )


def make_project(folder, posts):
    """Copy the site into folder and add generated posts; return the project folder."""
    project = Path(folder) / "site"
    ignore = shutil.ignore_patterns("__pycache__", "output", ".*")
    for name in ("content", "theme", "plugins", "sitetools"):
        shutil.copytree(ROOT / name, project / name, ignore=ignore)
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, project / name)
    Image.new("RGB", (1600, 1000), (40, 110, 100)).save(project / "content/images/bench.png")
    rng = random.Random(2019)
    for number in range(posts):
        (project / f"content/posts/bench-{number}.md").write_text(post_text(number, posts, rng), encoding="utf-8")
    return project


def timed(command, cwd):
    """Run command; return (seconds, peak memory in MiB). Stop on failure with its output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"{' '.join(map(str, command[:4]))} failed:\n{output.decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def stock_command(project, output):
    """Return the command that builds the generated posts with stock Pelican and its simple theme."""
    script = (
        "import sys; from pelican import Pelican; from pelican.settings import read_settings; "
        "s = read_settings(None, override=json.loads(sys.argv[1])); Pelican(s).run()"
    )
    settings = {"PATH": str(project / "content/posts"), "OUTPUT_PATH": str(output), "THEME": "simple",
                "TIMEZONE": "Europe/London", "SITEURL": "", "PLUGINS": [], "STATIC_PATHS": []}
    return [sys.executable, "-c", "import json; " + script, json.dumps(settings)]


def ours_command(output, *extra):
    """Return the command that builds the site our way into output."""
    return [sys.executable, "-m", "sitetools", "build", "--output", str(output), *extra]


def clear_caches(project):
    """Remove every cache the build keeps: the next build is cold."""
    shutil.rmtree(project / ".cache", ignore_errors=True)


def run(posts=1000, rounds=3):
    """Run the benchmark and return its figures."""
    with tempfile.TemporaryDirectory(prefix="site-bench-") as folder:
        project = make_project(folder, posts)
        out = Path(folder)
        figures = {key: [] for key in ("stock", "cold_html", "edit_html", "cold_full", "cached_full")}
        memory = []
        edited = project / "content/posts/bench-0.md"
        for round_number in range(rounds):
            figures["stock"].append(timed(stock_command(project, out / "stock"), project)[0])
            clear_caches(project)
            seconds, peak = timed(ours_command(out / "ours", *HTML_ONLY), project)
            figures["cold_html"].append(seconds)
            memory.append(peak)
            text = edited.read_text(encoding="utf-8")
            edited.write_text(text.replace("Summary: ", f"Summary: Edit {round_number}. ", 1), encoding="utf-8")
            figures["edit_html"].append(timed(ours_command(out / "ours", *HTML_ONLY), project)[0])
            clear_caches(project)
            seconds, peak = timed(ours_command(out / "full"), project)
            figures["cold_full"].append(seconds)
            memory.append(peak)
            figures["cached_full"].append(timed(ours_command(out / "full"), project)[0])
        return {key: statistics.median(values) for key, values in figures.items()} | {"peak_mib": max(memory)}


def report(figures, posts):
    """Return the figures as lines of text, with the targets beside them."""
    stock, cold = figures["stock"], figures["cold_html"]
    derived_cold = figures["cold_full"] - cold
    derived_cached = figures["cached_full"] - figures["edit_html"]
    return [
        f"{posts} generated posts, medians of alternated runs (seconds):",
        f"  stock Pelican, simple theme, cold          {stock:7.2f}",
        f"  ours, HTML, cold                           {cold:7.2f}   {cold / stock:.2f}x stock (target ≤ 1.00x)",
        f"  ours, HTML, after editing one post         {figures['edit_html']:7.2f}   "
        f"{figures['edit_html'] / cold:.2f}x our cold build (target ≤ 0.25x)",
        f"  ours, with derived assets, cold            {figures['cold_full']:7.2f}   "
        f"(derived assets: about {derived_cold:.2f} s cold)",
        f"  ours, with derived assets, caches warm     {figures['cached_full']:7.2f}   "
        f"(derived assets: about {derived_cached:.2f} s cached)",
        f"  our peak memory                            {figures['peak_mib']:7.0f} MiB",
    ]
