"""What each invoke task does, with messages in plain words and an exit status."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import build as site_build
from .problems import counted
from .serve import make_server

ROOT = Path(__file__).resolve().parent.parent
CONFIG = {
    "settings": ROOT / "pelicanconf.py",
    "publish_settings": ROOT / "publishconf.py",
    "output": ROOT / "output",
    "preview": ROOT / ".preview",
    "host": "127.0.0.1",
    "port": 8000,
}


def say(message):
    """Print a message for the author on standard error."""
    print(message, file=sys.stderr)


def build(publish=False, debug=False, output=None, writing=False, overrides=None):
    """Build the site; return 0 on success, 1 when the build failed (output/ untouched)."""
    return 0 if _built(publish, debug, output, writing, overrides) else 1


def _built(publish=False, debug=False, output=None, writing=False, overrides=None, quiet=False):
    """Build the site and say how it went; return the BuildResult, or None when the build failed."""
    settings = CONFIG["publish_settings" if publish else "settings"]
    output = Path(output or CONFIG["output"])
    try:
        result = site_build.build(settings, output, overrides, writing=writing, debug=debug)
    except site_build.BuildError as error:
        say(f"The build stopped with {counted(len(error.errors), 'problem')} to fix; "
            f"{output} was left as it was:")
        for problem in error.errors:
            say(f"  {problem}")
        _warnings(error.warnings)
        return None
    if not quiet:
        _warnings(result.warnings)
        say(result.summary())
    return result


def _open_items(result):
    """Return the publishing checklist's open items for a publish build's result."""
    from pelican.settings import read_settings

    from .ready import checklist

    settings = read_settings(str(CONFIG["publish_settings"]))
    return checklist(settings, settings.get("SITEURL", ""), result.warnings)


def _say_checklist(items):
    say(f"Before publishing, {counted(len(items), 'thing')} to do:")
    for item in items:
        say(f"  {item}")


def ready():
    """Build as published (into a temporary folder) and list what is still an example or missing; 0 if nothing."""
    with tempfile.TemporaryDirectory(prefix="site-ready-") as folder:
        result = _built(publish=True, output=Path(folder) / "output", quiet=True)
    if result is None:
        return 1
    items = _open_items(result)
    if items:
        _say_checklist(items)
        return 1
    say("Ready to publish: nothing is an example or missing.")
    return 0


def _warnings(warnings):
    if warnings:
        say(f"Warnings ({len(warnings)}):")
        for warning in warnings:
            say(f"  {warning}")


def _has_built_site(output):
    """Return whether output holds a built site; say how to make one when it does not."""
    if (output / "index.html").is_file():
        return True
    say(f"There is no built site in {output}: run 'invoke build' first.")
    return False


def serve(port=None):
    """Serve output/ on 127.0.0.1 until interrupted."""
    output = CONFIG["output"]
    if not _has_built_site(output):
        return 1
    server = make_server(output, CONFIG["host"], port or CONFIG["port"])
    host, port = server.server_address[:2]
    say(f"Serving {output} on http://{host}:{port}/ — press Ctrl+C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        server.server_close()
    return 0


def new_post(title):
    """Create a draft post for title; return 0, or 1 with the reason."""
    from pelican.settings import read_settings

    from .new_post import NewPostError
    from .new_post import new_post as create

    try:
        path = create(title, read_settings(str(CONFIG["settings"])))
    except NewPostError as error:
        say(str(error))
        return 1
    say(f"Created {path.relative_to(ROOT)} as a draft. Write in it, then remove the 'Status: draft' line to publish.")
    return 0


def release():
    """Refuse while the checklist is open, else build for publishing and check: what a host runs; 0 or 1."""
    if ready() or build(publish=True):
        say("Nothing will be published.")
        return 1
    if check():
        say("Nothing will be published.")
        return 1
    return 0


def import_wordpress(export, media=None):
    """Import a WordPress export into content/; print the report; return 0, or 1 with the reason."""
    from pelican.settings import read_settings

    from .wordpress.export import ExportError
    from .wordpress.importer import import_wordpress as run_import

    settings = read_settings(str(CONFIG["settings"]))
    try:
        report = run_import(export, Path(ROOT, settings["PATH"]), settings["TIMEZONE"], media,
                            {"post": settings["ARTICLE_URL"], "page": settings["PAGE_URL"]})
    except (ExportError, ValueError) as error:
        say(str(error))
        return 1
    for line in report.lines():
        print(line)
    return 0


def check(external=False, output=None):
    """Check the built site; return 0 when nothing is broken, 1 otherwise."""
    from . import check as checks

    output = Path(output or CONFIG["output"])
    if not _has_built_site(output):
        return 1
    checks.ensure_checkers(say)
    broken = 0
    for title, findings in checks.run_checks(output, external=external):
        broken += len(findings)
        say(f"{title}: {'none' if not findings else len(findings)}")
        for finding in findings:
            say(f"  {finding}")
    say("Everything checked is fine." if not broken else f"{counted(broken, 'problem')} to fix.")
    return 1 if broken else 0


def audit(runs=3, sample=False):
    """Print Lighthouse's medians for the home page and the post; return 0, or 1 if it cannot run.

    sample: measure a copy of the site with a sample post instead (a cover photo, contents, related posts).
    """
    from . import audit as lighthouse_audit

    if not lighthouse_audit.LIGHTHOUSE.exists():
        say("Lighthouse is not installed: run 'npm ci' in the project folder.")
        return 1
    with tempfile.TemporaryDirectory(prefix="site-audit-") as folder:
        if sample:
            say("Building a copy of the site with a sample post…")
            output = lighthouse_audit.sample_site(folder)
        else:
            output = CONFIG["output"]
            if not _has_built_site(output):
                return 1
        posts = [p for p in sorted(output.glob("blog/*/index.html")) if "/sample-" not in p.as_posix()]
        pages = ["/"] + [f"/{p.parent.relative_to(output).as_posix()}/" for p in posts[:1]]
        pages += [lighthouse_audit.SAMPLE_POST] if sample else []
        say(f"Lighthouse (mobile), median of {runs} runs per page, pages alternated; site served with gzip:")
        try:
            results = lighthouse_audit.audit(output, pages, runs)
        except RuntimeError as error:
            say(str(error))
            return 1
    for line in lighthouse_audit.table(results):
        print(line)
    return 0


def screenshots(sample=False, dark=False):
    """Save screenshots of home, her post, About and Services (or the sample post) in docs/screenshots/."""
    from . import audit as lighthouse_audit
    from . import screenshots as shots

    with tempfile.TemporaryDirectory(prefix="site-shots-") as folder:
        if sample:
            output = lighthouse_audit.sample_site(folder)
            pages = {"post-with-cover": lighthouse_audit.SAMPLE_POST}
        else:
            output = CONFIG["output"]
            if not _has_built_site(output):
                return 1
            post = sorted(output.glob("blog/*/index.html"))[0]
            pages = {"home": "/", "post": f"/{post.parent.relative_to(output).as_posix()}/",
                     "about": "/about/", "services": "/services/"}
        saved = shots.take(output, pages, ROOT / "docs/screenshots", ("light", "dark") if dark else ("light",))
    say(f"Saved {counted(len(saved), 'screenshot')} in docs/screenshots/.")
    return 0


def _git_remote(name):
    """Return a remote's address: as given if it is one (URL or path), else looked up by name."""
    if "://" in name or ":" in name or Path(name).expanduser().exists():
        path = Path(name).expanduser()
        return str(path.resolve()) if path.exists() else name
    done = subprocess.run(["git", "remote", "get-url", name], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip() or None


def deploy(target, anyway=False):
    """Build for publishing, check, and upload to target ('gh-pages' or 'rsync'); return 0 or 1.

    Refused while the publishing checklist (invoke ready) has open items, unless anyway (a test site).
    """
    from . import check as checks
    from . import deploy as uploads

    if target == "gh-pages":
        name = os.environ.get("DEPLOY_GIT_REMOTE", "origin")
        destination = _git_remote(name)
        if not destination:
            say(f"There is no git remote '{name}': set DEPLOY_GIT_REMOTE to a repository address. "
                "Nothing was uploaded.")
            return 1
    else:
        destination = os.environ.get("DEPLOY_RSYNC_DEST")
        if not destination:
            say("Set DEPLOY_RSYNC_DEST to where the site goes (user@host:/path or a folder). Nothing was uploaded.")
            return 1
    result = _built(publish=True, quiet=True)
    if result is None:
        say("Nothing was uploaded.")
        return 1
    items = _open_items(result)
    if items and not anyway:
        _say_checklist(items)
        say("Nothing was uploaded. For a test site, publish anyway with --anyway.")
        return 1
    say(result.summary())
    output = CONFIG["output"]
    checks.ensure_checkers(say)
    problems = [f for _, findings in checks.run_checks(output, os.environ.get("SITEURL", "")) for f in findings]
    if problems:
        say(f"The site did not pass its checks, so nothing was uploaded ({len(problems)} to fix):")
        for problem in problems:
            say(f"  {problem}")
        return 1
    try:
        if target == "gh-pages":
            changed = uploads.to_gh_pages(output, destination, os.environ.get("SITEURL", ""))
            say(f"Published to the {uploads.BRANCH} branch of {name}." if changed
                else "The site has not changed since it was last published: nothing to do.")
        else:
            sent = uploads.with_rsync(output, destination)
            say(f"Published to {destination}: {counted(sent, 'file')} sent.")
    except uploads.DeployError as error:
        say(f"{error}. The site on the host was left as it was.")
        return 1
    return 0


def clean():
    """Remove the built site and the writing preview."""
    for folder in (CONFIG["output"], CONFIG["preview"]):
        shutil.rmtree(folder, ignore_errors=True)
    say(f"Removed {CONFIG['output']} and {CONFIG['preview']}.")
    return 0
