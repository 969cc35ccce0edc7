"""Tasks for the site: `invoke --list` shows them. Each calls sitetools.commands."""

from invoke import Exit, task

from sitetools import commands


def _finish(status):
    if status:
        raise Exit(code=status)


@task(help={"publish": "use publishconf.py (the real address)", "debug": "show technical details on failure"})
def build(c, publish=False, debug=False):
    """Build the site into output/ (left as it was if the build fails)."""
    _finish(commands.build(publish=publish, debug=debug))


@task(help={"port": "port to serve on (default 8000)"})
def serve(c, port=None):
    """Preview the built site on http://127.0.0.1:8000."""
    _finish(commands.serve(int(port) if port else None))


@task(help={"external": "also check links to other sites (needs the internet)"})
def check(c, external=False):
    """Check output/ for broken links and HTML errors (--external: others)."""
    _finish(commands.check(external=external))


@task(help={"runs": "Lighthouse runs per page (default 3)",
      "sample": "measure a copy of the site with a sample post: a cover photo, contents, three related posts"})
def audit(c, runs=3, sample=False):
    """Measure output/ with Lighthouse (scores, LCP, CLS, bytes, requests)."""
    _finish(commands.audit(int(runs), sample))


@task(help={"sample": "photograph instead a sample post with a cover photo, contents and related posts"})
def screenshots(c, sample=False):
    """Save screenshots of a sample copy of the site at 390 and 1280 px, light and dark, in docs/screenshots/."""
    _finish(commands.screenshots(sample))


@task(help={"posts": "how many posts to generate (default 1000)", "rounds": "runs of each build (default 3)"})
def bench(c, posts=1000, rounds=3):
    """Time builds of generated posts: ours vs stock Pelican, cold, edited, cached."""
    from sitetools import bench as benchmark

    posts, rounds = int(posts), int(rounds)
    figures = benchmark.run(posts, rounds)
    for line in benchmark.report(figures, posts, benchmark.run_preview()):
        print(line)


@task(help={"photos": "how many 12-megapixel photos to generate (default 200)", "rounds": "runs of each build"})
def bench_photos(c, photos=200, rounds=1):
    """Time builds with many phone photos: stock Pelican, ours cold (one process, every core) and warm."""
    from sitetools import bench as benchmark

    for line in benchmark.report_photos(benchmark.run_photos(int(photos), int(rounds))):
        print(line)


@task(help={"posts": "how many posts to generate (default 500), each with 2 photos and 10 comments"})
def bench_import(c, posts=500):
    """Time importing a generated WordPress export; measure how much of the theme-unit export's text survives."""
    from sitetools import bench as benchmark

    figures = benchmark.run_import(int(posts))
    print(f"Imported {figures['posts']} posts, {figures['photos']} photos and {figures['comments']} comments "
          f"({figures['export_mb']:.1f} MB of export) from a local media folder in {figures['seconds']:.1f} s "
          "(target ≤ 60 s).")
    for line in benchmark.report_theme_unit(benchmark.run_theme_unit()):
        print(line)


@task
def ready(c):
    """List what is still an example or missing before publishing; fails while anything is open."""
    _finish(commands.ready())


@task
def release(c):
    """Run the checklist, the publish build into .publish/ and the checks, as GitHub Actions and Netlify do."""
    _finish(commands.release())


ANYWAY = {"anyway": "upload although the checklist (invoke ready) has open items: for a test site (gh-pages, rsync)"}


@task(help=ANYWAY)
def publish(c, anyway=False):
    """Check and publish the one way [site] publish in content/data/practice.toml names (github: commit and push)."""
    _finish(commands.publish(anyway))


@task(help=ANYWAY)
def gh_pages(c, anyway=False):
    """Build into .publish/, check, push to gh-pages of $DEPLOY_GIT_REMOTE (origin)."""
    _finish(commands.deploy("gh-pages", anyway))


@task(help={"port": "port to serve on (default 8000)"})
def livereload(c, port=None):
    """Preview with drafts; rebuild and refresh on every save."""
    from sitetools import livereload as writing_loop

    _finish(writing_loop.serve(int(port) if port else None))


@task(positional=["title"], help={"title": "the post's title, in quotes"})
def new_post(c, title):
    """Start a new draft post: invoke new-post "Title"."""
    _finish(commands.new_post(title))


@task(positional=["export"], help={"export": "the .xml or .zip WordPress.com gave you (Tools → Export)",
                                   "media": "the media archive (.zip, .tar) or the folder it was unpacked into"})
def import_wordpress(c, export, media=None):
    """Bring her WordPress.com blog into content/: posts, pages, photos, comments, old addresses."""
    _finish(commands.import_wordpress(export, media))


@task
def clean(c):
    """Remove output/ and the writing preview (.preview/)."""
    _finish(commands.clean())
