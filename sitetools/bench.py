"""Benchmark builds on generated posts: ours against stock Pelican, cold, cached and after a one-post edit.

A benchmark, not a test: it prints figures. Everything happens in a temporary copy of the site; the
real content/ and output/ are never touched. Each build runs in a process of its own, and the kinds
of build are alternated round by round so that a busy machine slows them alike. The import benchmark also
measures how much of the text of WordPress's own theme-unit export the built site shows.
"""

import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from difflib import SequenceMatcher
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("runner hamstring glute stretch mobility strength recovery training mileage pace cadence tendon "
         "calf hip core pilates massage tissue tension niggle rest sleep hydration warm cool easy tempo "
         "interval long race marathon half park trail hill posture breathing balance control ankle knee").split()
CATEGORIES = ("Running injuries", "Pilates", "Recovery", "Training")
TAGS = ("running", "stretching", "hamstrings", "glutes", "pilates", "recovery", "marathon", "core", "calves")
# Our build with Markdown converted in the build's own process only (no worker processes).
ONE_PROCESS = ["--set", "PARALLEL_MARKDOWN_WORKERS=1"]
# Our build without the derived assets (share images, responsive images, search index).
HTML_ONLY = ["--set", "SEARCH_INDEX=false", "--set",
             'PLUGINS=["parallel_markdown", "practice", "post_actions", "writing_mode", "theme_assets", "hosting"]']


def sentence(rng, words=14):
    """Return one sentence of plausible words."""
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng):
    """Return a paragraph of five plausible sentences."""
    return " ".join(sentence(rng) for _ in range(5))


def post_text(number, total, rng):
    """Return a post of about 840 words: headings, a list, links, a blockquote, an image, tags."""
    paragraphs = [paragraph(rng) for _ in range(10)]
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


def stock_command(project, output, our_markdown=False):
    """Return the command that builds the generated posts with stock Pelican and its simple theme.

    our_markdown: with the Markdown extensions our HTML build uses, instead of Pelican's defaults.
    """
    script = (
        "import sys; sys.path.insert(0, sys.argv[2]); from pelican import Pelican; "
        "from pelican.settings import read_settings; "
        "s = read_settings(None, override=json.loads(sys.argv[1])); Pelican(s).run()"
    )
    # Posts only: the simple theme has no templates for the pages of ours.
    settings = {"PATH": str(project / "content"), "ARTICLE_PATHS": ["posts"], "PAGE_PATHS": [],
                "STATIC_PATHS": ["images"], "OUTPUT_PATH": str(output), "THEME": "simple",
                "TIMEZONE": "Europe/London", "SITEURL": "", "PLUGINS": []}
    if our_markdown:
        settings["MARKDOWN"] = our_markdown_settings(project)
    return [sys.executable, "-c", "import json; " + script, json.dumps(settings), str(project / "plugins")]


def our_markdown_settings(project):
    """Return the MARKDOWN setting our HTML build converts with: the site's, and the hosting plugin's extension."""
    from pelican.settings import read_settings

    markdown = read_settings(str(project / "pelicanconf.py"))["MARKDOWN"]
    markdown["extension_configs"]["hosting.links"] = {}
    return markdown


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
        kinds = ("stock", "stock_ours", "cold_html", "edit_html", "cold_full", "cold_full_single", "cached_full")
        figures = {key: [] for key in kinds}
        memory = {key: [] for key in kinds}
        edited = project / "content/posts/bench-0.md"

        def measure(key, command):
            seconds, peak = timed(command, project)
            figures[key].append(seconds)
            memory[key].append(peak)

        for round_number in range(rounds):
            measure("stock", stock_command(project, out / "stock"))
            measure("stock_ours", stock_command(project, out / "stock-ours", our_markdown=True))
            clear_caches(project)
            measure("cold_html", ours_command(out / "ours", *HTML_ONLY))
            text = edited.read_text(encoding="utf-8")
            edited.write_text(text.replace("Summary: ", f"Summary: Edit {round_number}. ", 1), encoding="utf-8")
            measure("edit_html", ours_command(out / "ours", *HTML_ONLY))
            clear_caches(project)
            measure("cold_full", ours_command(out / "full"))
            measure("cached_full", ours_command(out / "full"))
            clear_caches(project)
            measure("cold_full_single", ours_command(out / "single", *ONE_PROCESS))
        result = {key: statistics.median(values) for key, values in figures.items()}
        return result | {f"{key}_mib": max(values) for key, values in memory.items()}


def preview_figures(posts=0, saves=5, port=8765, memory_after=None):
    """Save a post again and again under the writing preview; return its figures.

    On a copy of the site with posts generated posts (each with a photo): the median seconds from a save
    to the preview serving the changed page, and with memory_after=N the builder process's memory (MiB)
    after the first save and after N saves.
    """
    with tempfile.TemporaryDirectory(prefix="site-preview-") as folder:
        project = make_project(folder, posts)
        post = project / "content/posts/if-running-becomes-a-pain-in-the-butt.md"
        url = f"http://127.0.0.1:{port}/blog/if-running-becomes-a-pain-in-the-butt/"
        server = subprocess.Popen([sys.executable, "-c", f"from sitetools import livereload; livereload.serve({port})"],
                                  cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        try:
            _wait_for(url, lambda page: True, 600)
            text, delays, memory = post.read_text(encoding="utf-8"), [], []
            for number in range(max(saves, memory_after or 0)):
                marker = f"Saved-{number}-{random.randrange(10**9)}"
                started = time.perf_counter()
                post.write_text(text.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
                _wait_for(url, lambda page, marker=marker: marker in page, 60)
                delays.append(time.perf_counter() - started)
                if number + 1 in (1, memory_after):
                    memory.append(_builder_memory(server.pid))
                time.sleep(0.2)  # the search index follows each save: a writer pauses between saves too
            figures = {"seconds": statistics.median(delays[:saves])}
            return figures | ({"first_mib": memory[0], "last_mib": memory[-1]} if memory_after else {})
        finally:
            server.terminate()
            server.wait()


def _builder_memory(server_pid):
    """Return the resident memory in MiB of the preview's builder process (the server's child)."""
    found = subprocess.run(["pgrep", "-P", str(server_pid), "-f", "sitetools.run --serve"], capture_output=True,
                           text=True, check=False).stdout.split()
    status = Path(f"/proc/{found[0]}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))) / 1024


def _wait_for(url, ready, timeout):
    """Poll url until ready(page text) is true; raise if timeout seconds pass first."""
    from urllib.error import URLError
    from urllib.request import urlopen

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=5) as response:
                if ready(response.read().decode("utf-8")):
                    return
        except (URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.05)
    raise RuntimeError(f"{url} was not ready within {timeout} s")


def report(figures, posts, preview=None):
    """Return the figures as lines of text, with the targets beside them."""
    stock, ours_stock, cold = figures["stock"], figures["stock_ours"], figures["cold_html"]
    derived_cold = figures["cold_full"] - cold
    lines = [
        f"{posts} generated posts, medians of alternated runs (seconds; peak memory of the build process):",
        f"  stock Pelican, simple theme, Pelican's Markdown defaults  {stock:7.2f}   {figures['stock_mib']:5.0f} MiB",
        f"  stock Pelican, simple theme, our Markdown extensions      {ours_stock:7.2f}   "
        f"{figures['stock_ours_mib']:5.0f} MiB",
        f"  ours, HTML, cold                                          {cold:7.2f}   {figures['cold_html_mib']:5.0f} MiB"
        f"   {cold / ours_stock:.2f}x stock with our extensions (target ≤ 1.00x), {cold / stock:.2f}x stock defaults",
        f"  ours, HTML, after editing one post                        {figures['edit_html']:7.2f}   "
        f"{figures['edit_html_mib']:5.0f} MiB   {figures['edit_html'] / cold:.2f}x our cold build (target ≤ 0.50x)",
        f"  ours, with derived assets, cold                           {figures['cold_full']:7.2f}   "
        f"{figures['cold_full_mib']:5.0f} MiB   {figures['cold_full'] / ours_stock:.2f}x stock with our extensions "
        f"(target ≤ 2.00x), {figures['cold_full'] / stock:.2f}x stock defaults; "
        f"derived assets about {derived_cold:.2f} s",
        f"  ours, with derived assets, cold, Markdown in one process   {figures['cold_full_single']:7.2f}   "
        f"{figures['cold_full_single_mib']:5.0f} MiB   {figures['cold_full_single'] / stock:.2f}x stock defaults; "
        f"the Markdown workers save {figures['cold_full_single'] - figures['cold_full']:.2f} s",
        f"  ours, with derived assets, caches warm                    {figures['cached_full']:7.2f}   "
        f"{figures['cached_full_mib']:5.0f} MiB",
    ]
    if preview is not None:
        real, big = preview["real"], preview["generated"]
        lines += [
            "Writing preview, from saving a post to the preview serving it (median of 5 saves):",
            f"  {'the real site':<58}{real['seconds']:7.2f} s (target ≤ 0.30 s; "
            "1.45 s before the preview kept one builder process)",
            f"  {str(preview['posts']) + ' generated posts with photos':<58}{big['seconds']:7.2f} s "
            "(target ≤ 3 s)",
            f"  builder memory after 1 save {real['first_mib']:.0f} MiB, after {preview['saves']} saves "
            f"{real['last_mib']:.0f} MiB: {real['last_mib'] / real['first_mib']:.2f}x (target ≤ 1.20x)",
        ]
    return lines


def run_preview(posts=400, saves=100):
    """Return the writing preview's figures: on the real site (with memory over saves) and on posts generated posts."""
    return {"real": preview_figures(0, memory_after=saves), "generated": preview_figures(posts),
            "posts": posts, "saves": saves}


def phone_photo(path, number):
    """Write a 12-megapixel JPEG as a phone saves it; every other one stored on its side, as portraits are."""
    rng = random.Random(number)
    image = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(200):
        x, y, r = rng.randrange(4000), rng.randrange(3000), rng.randrange(20, 300)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    image = Image.blend(image, Image.effect_noise((4000, 3000), 18).convert("RGB"), 0.25)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6 if number % 2 else 1
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (52.0, 5.0, 51.0)}
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())


def run_photos(count=200, rounds=1):
    """Time builds of the real site with count phone photos added: stock Pelican, ours cold and warm."""
    from concurrent.futures import ProcessPoolExecutor

    with tempfile.TemporaryDirectory(prefix="site-bench-photos-") as folder:
        project = make_project(folder, 0)
        paths = [project / f"content/images/photo-{number:03d}.jpg" for number in range(count)]
        with ProcessPoolExecutor() as pool:
            list(pool.map(phone_photo, paths, range(count)))
        out = Path(folder)
        kinds = ("stock", "cold_one", "cold", "warm")
        figures = {key: [] for key in kinds}
        for _ in range(rounds):
            figures["stock"].append(timed(stock_command(project, out / "stock"), project)[0])
            clear_caches(project)
            figures["cold_one"].append(timed(ours_command(out / "one", "--set", "RESPONSIVE_IMAGE_WORKERS=1"),
                                             project)[0])
            clear_caches(project)
            figures["cold"].append(timed(ours_command(out / "ours"), project)[0])
            figures["warm"].append(timed(ours_command(out / "ours"), project)[0])
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        published = sum(p.stat().st_size for p in (out / "ours/images").glob("photo-*")) / 1e6
        result = {key: statistics.median(values) for key, values in figures.items()}
        return result | {"photos_mb": megabytes, "published_mb": published, "count": count}


def report_photos(figures):
    """Return the photo figures as lines of text."""
    stock, cold = figures["stock"], figures["cold"]
    return [
        f"The real site with {figures['count']} phone photos of 12 megapixels ({figures['photos_mb']:.0f} MB), "
        f"{os.cpu_count()} cores, medians (seconds):",
        f"  stock Pelican, copying the photos as they are       {stock:7.2f}",
        f"  ours, cold, one process                             {figures['cold_one']:7.2f}",
        f"  ours, cold, one process per core                    {cold:7.2f}   "
        f"{figures['cold_one'] / cold:.2f}x faster than one process",
        f"  ours, warm (versions cached)                        {figures['warm']:7.2f}   "
        f"{figures['warm'] / cold:.2f}x the cold build",
        f"  published: {figures['published_mb']:.0f} MB in every version and format, upright, at most "
        "2,000 px, without location data",
    ]


def make_wordpress_export(folder, posts=500, photos_per_post=2, comments_per_post=10):
    """Write an export of posts with photos and comments, and the media folder; return (export, media)."""
    from sitetools.wordpress.sample import comment, export, item

    folder = Path(folder)
    media = folder / "media"
    rng = random.Random(2019)
    samples = []
    for number in range(8):  # a few photos, copied under every name: the import copies, it does not decode
        sample = folder / f"sample-{number}.jpg"
        Image.linear_gradient("L").resize((1600, 1200)).convert("RGB").save(sample, quality=85)
        samples.append(sample.read_bytes())
    items = []
    for number in range(posts):
        month = f"20{15 + number % 10}/{1 + number % 12:02d}"
        images = []
        for index in range(photos_per_post):
            name = f"{month}/photo-{number}-{index}.jpg"
            (media / name).parent.mkdir(parents=True, exist_ok=True)
            (media / name).write_bytes(samples[(number + index) % len(samples)])
            images.append(f'<!-- wp:image --><figure class="wp-block-image"><img src="https://ammann05.files.'
                          f'wordpress.com/{name}?w=1024" alt="A stretch"/></figure><!-- /wp:image -->')
        paragraphs = "".join(f"<!-- wp:paragraph --><p>{sentence(rng, 40)}</p><!-- /wp:paragraph -->"
                             for _ in range(8))
        comments = [comment(number * 100 + c, sentence(rng, 25), author=f"Reader {c}",
                            parent=number * 100 + c - 1 if c % 3 else 0) for c in range(comments_per_post)]
        items.append(item(number + 1, f"Bench post {number}", paragraphs + "".join(images),
                          slug=f"bench-{number}", date=f"{month.replace('/', '-')}-15 08:00:00",
                          categories=[CATEGORIES[number % len(CATEGORIES)]], comments=comments))
    path = folder / "export.xml"
    path.write_text(export(*items), encoding="utf-8")
    return path, media


def run_import(posts=500, rounds=1):
    """Time the import of a generated export (posts, twice as many photos, ten comments each) from a folder."""
    with tempfile.TemporaryDirectory(prefix="site-bench-import-") as folder:
        export, media = make_wordpress_export(folder, posts)
        times = []
        for round_number in range(rounds):
            content = Path(folder) / f"content-{round_number}"
            script = ("import sys; from sitetools.wordpress.importer import import_wordpress; "
                      "import_wordpress(sys.argv[1], sys.argv[2], media=sys.argv[3])")
            times.append(timed([sys.executable, "-c", script, str(export), str(content), str(media)], ROOT)[0])
        photos = sum(1 for p in media.rglob("*.jpg"))
        return {"seconds": statistics.median(times), "posts": posts, "photos": photos,
                "comments": posts * 10, "export_mb": export.stat().st_size / 1e6}


THEME_UNIT = ROOT.parent / "shared/corpora/wordpress/theme-unit-test-data.xml"
# Her shortcodes' brackets go; the text between them stays, as WordPress shows it: a [caption]'s caption, and
# that of the older [caption caption="…"]. A [gallery], [audio] or [video] shows no text of its own, and an
# [embed]'s address is dropped with the other addresses.
SHORTCODE = re.compile(r"\[/?(?:caption|wp_caption|gallery|audio|video|playlist|embed)\b[^\]]*\]")
CAPTION_ATTRIBUTE = re.compile(r"""\bcaption=(["'])(.*?)\1""", re.S)
# A bare address is no text a reader reads: WordPress turns it into an embedded player or card.
ADDRESS = re.compile(r"https?://\S+")
# Elements that end a run of words: text on either side of them is two words, not one.
BLOCKS = ("address", "blockquote", "br", "caption", "dd", "div", "dt", "figcaption", "figure", "h1", "h2", "h3",
          "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul")


def visible_words(html):
    """Return the words a reader sees in a bit of HTML: lowercased, without punctuation, comments or scripts."""
    from bs4 import BeautifulSoup

    # get_text() leaves out comments: WordPress's block comments (<!-- wp:paragraph -->), <!--more-->, <!--nextpage-->
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(["script", "style", "template"]):
        hidden.decompose()
    for block in soup.find_all(BLOCKS):
        block.insert_before(" ")
        block.insert_after(" ")
    return re.findall(r"\w+", ADDRESS.sub(" ", soup.get_text()).lower())


def wordpress_words(content):
    """Return the words WordPress shows for a post's content."""
    def shown(shortcode):
        caption = CAPTION_ATTRIBUTE.search(shortcode.group())
        return f" {caption.group(2)} " if caption else " "

    return visible_words(SHORTCODE.sub(shown, content))


def page_words(html):
    """Return the words of a built post page's own text: its prose, not header, call-to-action or comments."""
    from bs4 import BeautifulSoup

    prose = BeautifulSoup(html, "html.parser").select_one("article .prose")
    return visible_words(prose.decode_contents()) if prose else []


def _matched_blocks(wp_words, page_words):
    """Return the runs of WordPress's words the page shows in the same order."""
    return SequenceMatcher(None, wp_words, page_words, autojunk=False).get_matching_blocks()


def fidelity(wp_words, page_words):
    """Return the share of WordPress's words the page shows in order (0 to 1); None when WordPress shows none."""
    if not wp_words:
        return None
    return sum(block.size for block in _matched_blocks(wp_words, page_words)) / len(wp_words)


def lost_words(wp_words, page_words):
    """Return the runs of WordPress's words the page does not show, each run as one string, in order."""
    runs, start = [], 0
    for block in _matched_blocks(wp_words, page_words):
        if block.a > start:
            runs.append(" ".join(wp_words[start:block.a]))
        start = block.a + block.size
    return runs


def published_posts(items):
    """Return the posts a visitor of the WordPress blog reads: published, without a password."""
    return [item for item in items if item.kind == "post" and item.status == "publish" and not item.password]


def imported_slugs(posts_folder):
    """Return {her old address path or file name: the site's slug} for the imported posts in posts_folder."""
    slugs = {}
    for path in sorted(Path(posts_folder).glob("*.md")):
        header = dict(re.findall(r"^(\w+):\s*(.*?)\s*$", path.read_text(encoding="utf-8").split("\n\n", 1)[0], re.M))
        if "Slug" in header:
            slugs[path.stem] = header["Slug"]
            if "Old_url" in header:
                slugs[header["Old_url"]] = header["Slug"]
    return slugs


def post_scores(posts, slugs, output):
    """Return (title, fidelity, lost runs) for each post with words, and how many posts have none."""
    from urllib.parse import unquote, urlsplit

    from sitetools.wordpress.importer import clean_title

    scores, wordless = [], 0
    for item in posts:
        wp = wordpress_words(item.content)
        if not wp:
            wordless += 1
            continue
        slug = slugs.get(urlsplit(item.link).path) or slugs.get(unquote(item.slug))
        page = output / f"blog/{slug}/index.html" if slug else None
        shown = page_words(page.read_text(encoding="utf-8")) if page and page.is_file() else []
        scores.append((clean_title(item.title) or "(no title)", fidelity(wp, shown), lost_words(wp, shown)))
    return scores, wordless


def run_theme_unit(export_file=THEME_UNIT):
    """Import WordPress's theme-unit export into a copy of the site, build it; return its text fidelity, or None.

    None when the export is not there.
    """
    from sitetools.build import build
    from sitetools.wordpress.export import read_export
    from sitetools.wordpress.importer import import_wordpress
    from sitetools.wordpress.sample import stand_in_photos

    export_file = Path(export_file)
    if not export_file.is_file():
        return None
    with tempfile.TemporaryDirectory(prefix="site-bench-theme-unit-") as folder:
        folder = Path(folder)
        stand_in_photos(export_file, folder / "media")
        content = folder / "content"
        shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("__pycache__", ".*"))
        started = time.perf_counter()
        import_wordpress(export_file, content, media=folder / "media")
        build(ROOT / "pelicanconf.py", folder / "output",
              overrides={"PATH": str(content), "CACHE_PATH": str(folder / "cache")})
        seconds = time.perf_counter() - started
        posts = published_posts(read_export(export_file).items)
        scores, wordless = post_scores(posts, imported_slugs(content / "posts"), folder / "output")
    return {"scores": scores, "posts": len(posts), "wordless": wordless, "seconds": seconds}


def report_theme_unit(figures, export_file=THEME_UNIT, shown=3, width=100):
    """Return the text fidelity figures as lines of text: the spread, then the posts that lose most."""
    if figures is None:
        return [f"Text fidelity not measured: WordPress's theme-unit export is not at {export_file}."]
    values = [value for _, value, _ in figures["scores"]]
    wordless = f", {figures['wordless']} without words left out" if figures["wordless"] else ""
    lines = [f"Text fidelity on WordPress's theme-unit export ({figures['posts']} published posts{wordless}): "
             f"lowest {min(values):.2f}, median {statistics.median(values):.2f}; "
             f"imported and built in {figures['seconds']:.1f} s."]
    for title, value, lost in sorted(figures["scores"], key=lambda score: score[1])[:shown]:
        loses = " … ".join(lost) or "nothing"
        loses = loses if len(loses) <= width else loses[:width].rsplit(" ", 1)[0] + " …"
        lines.append(f"  lowest: “{title}” {value:.2f} — loses: {loses}")
    return lines
