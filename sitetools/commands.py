"""What each invoke task does, with messages in plain words and an exit status."""

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from . import build as site_build
from .problems import counted
from .serve import make_server
from .stopping import end_as_ctrl_c_does

ROOT = Path(__file__).resolve().parent.parent
CONFIG = {
    "settings": ROOT / "pelicanconf.py",
    "publish_settings": ROOT / "publishconf.py",
    "output": ROOT / "output",
    "publish_output": ROOT / ".publish",  # the publish build: output/ stays her local build
    "facts": ROOT / "content/data/practice.toml",
    "her_files": ("content", "pelicanconf.py"),  # what publishing commits: her posts, photos and facts
    "preview": ROOT / ".preview",
    "host": "127.0.0.1",
    "port": 8000,
}


def say(message):
    """Print a message for the author on standard error."""
    print(message, file=sys.stderr)


@contextlib.contextmanager
def calm_stop(message):
    """On Ctrl+C: say message in one line and end as a program stopped by Ctrl+C ends, without a traceback."""
    try:
        yield
    except KeyboardInterrupt:
        say(message)
        end_as_ctrl_c_does()
        raise  # only if the signal could not end the process


def shown(folder):
    """Return a folder as the author knows it: output/, relative to the project where it is inside."""
    folder = Path(folder).resolve()
    return f"{folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}/"


def build(publish=False, debug=False, output=None, writing=False, overrides=None):
    """Build the site; return 0 on success, 1 when the build failed (output/ untouched)."""
    with calm_stop(f"Stopped. {shown(output or CONFIG['output'])} is as it was."):
        return 0 if built_site(publish, debug, output, writing, overrides) else 1


def built_site(publish=False, debug=False, output=None, writing=False, overrides=None, quiet=False, *,
           runner=None, failed=None):
    """Build the site and say how it went; return the BuildResult, or None when the build failed.

    runner: what runs Pelican (the preview's builder process); failed(error) hears of a failed build too.
    """
    settings = CONFIG["publish_settings" if publish else "settings"]
    output = Path(output or CONFIG["output"])
    try:
        result = site_build.build(settings, output, overrides, writing=writing, debug=debug, runner=runner)
    except site_build.BuildError as error:
        say(f"The build stopped with {counted(len(error.errors), 'problem')} to fix; "
            f"{output} was left as it was:")
        for problem in error.errors:
            say(f"  {problem}")
        _warnings(error.warnings)
        if failed:
            failed(error)
        return None
    if not quiet:
        _warnings(result.warnings)
        say(result.summary())
    return result


def _publish_settings():
    from pelican.settings import read_settings

    return read_settings(str(CONFIG["publish_settings"]))


def _open_items(result, settings):
    """Return the publishing checklist's open items for a publish build's result, with the publish settings."""
    from .ready import checklist

    return checklist(settings, settings.get("SITEURL", ""), result.warnings)


def _site():
    """Return the [site] part of practice.toml ({} when unreadable: the build names the mistake at its line)."""
    try:
        site = tomllib.loads(CONFIG["facts"].read_text(encoding="utf-8-sig")).get("site", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return site if isinstance(site, dict) else {}


def _publish_way():
    """Return how the site is published: [site] publish, else rsync when DEPLOY_RSYNC_DEST is set, else github."""
    site = _site()
    if "publish" in site:
        return site["publish"]
    return "rsync" if os.environ.get("DEPLOY_RSYNC_DEST") else "github"


@contextlib.contextmanager
def _pages_address():
    """Let a site published on GitHub Pages build with the address GitHub gives it, when none is written.

    The workflow passes that address as PAGES_BASE_URL; on her computer it comes from the origin remote.
    """
    from . import deploy as uploads

    address = ""
    if _publish_way() in ("github", "gh-pages") and not os.environ.get("PAGES_BASE_URL"):
        address = uploads.pages_address(_git_remote("origin") or "")
    if address:
        os.environ["PAGES_BASE_URL"] = address
    try:
        yield
    finally:
        if address:
            del os.environ["PAGES_BASE_URL"]


def _say_checklist(items):
    say(f"Before publishing, {counted(len(items), 'thing')} to do:")
    for item in items:
        say(f"  {item}")


def ready():
    """Build as published (into a temporary folder) and list what is still an example or missing; 0 if nothing."""
    with tempfile.TemporaryDirectory(prefix="site-ready-") as folder, _pages_address():
        result = built_site(publish=True, output=Path(folder) / "output", quiet=True)
        settings = _publish_settings()
        items = result and _open_items(result, settings)
    if result is None:
        return 1
    _schedule_reminders(settings)
    if items:
        _say_checklist(items)
        return 1
    say("Ready to publish: nothing is an example or missing.")
    return 0


def _schedule_reminders(settings):
    """Say which scheduled posts GitHub's hourly check may stop before: a reminder, never a reason to refuse."""
    from .schedule import schedule_items

    if _publish_way() == "github":
        _warnings(schedule_items(settings, ROOT))


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
    """Refuse while the checklist is open, else build for publishing into .publish/ and check: what a host runs."""
    return 0 if _publish_build("Nothing will be published.") else 1


def _publish_build(refused, anyway=False):
    """Build for publishing into .publish/, then the checklist and the checks; return (folder, settings), or None.

    refused is said when anything stops it; anyway publishes although the checklist is open (a test site).
    """
    from . import check as checks

    output = CONFIG["publish_output"]
    with _pages_address():
        result = built_site(publish=True, output=output, quiet=True)
        settings = _publish_settings()  # read once: the checklist, the checks and the upload share it
        items = result and _open_items(result, settings)
        site_url = settings.get("SITEURL", "")
    if result is None:
        say(refused)
        return None
    if items and not anyway:
        _say_checklist(items)
        say(f"{refused} Do these first (./site.sh ready lists them again).")
        return None
    say(result.summary())
    checks.ensure_checkers(say)
    problems = [f for _, findings in checks.run_checks(output, site_url) for f in findings]
    if problems:
        say(f"The site did not pass its checks ({len(problems)} to fix):")
        for problem in problems:
            say(f"  {problem}")
        say(refused)
        return None
    say("Everything checked is fine.")
    return output, settings


REPORT_FILE = "wordpress-import-report.txt"


def import_wordpress(export, media=None):
    """Import a WordPress export into content/; print the report; return 0, or 1 with the reason."""
    from pelican.settings import read_settings

    from .wordpress.export import ExportError
    from .wordpress.importer import import_wordpress as run_import

    settings = read_settings(str(CONFIG["settings"]))
    content = Path(ROOT, settings["PATH"])
    try:
        with calm_stop(f"Stopped. {shown(content)} is as it was: nothing was imported."):
            report = run_import(export, content, settings["TIMEZONE"], media,
                                {"post": settings["ARTICLE_URL"], "page": settings["PAGE_URL"]})
    except (ExportError, ValueError) as error:
        say(str(error))
        return 1
    lines = report.lines()
    for line in lines:
        print(line)
    saved = ROOT / REPORT_FILE  # the to-dos stay at hand after the terminal is closed
    if report.posts or report.pages or report.comments or report.images or report.media:
        saved.write_text("\n".join(lines) + "\n", encoding="utf-8")
        say(f"This report is saved in {REPORT_FILE}.")
    elif saved.exists():  # a run that brought nothing keeps the report of the one that did
        say(f"The report of the import that brought your blog over is still in {REPORT_FILE}.")
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


def screenshots(sample=False):
    """Save screenshots of a copy of the site with sample facts in docs/screenshots/; return 0 or 1.

    Home, her post, About, Services and Contact, or with sample the sample post with a cover;
    at 390 and 1280 px, light and dark.
    """
    from . import screenshots as shots

    with tempfile.TemporaryDirectory(prefix="site-shots-") as folder:
        try:
            output = shots.sample_site(folder, cover=sample)
        except RuntimeError as error:  # the build's own messages say what went wrong
            say(f"The sample site did not build, so no screenshot was taken:\n{error}")
            return 1
        saved = shots.take(output, shots.pages_of(output, cover=sample), ROOT / "docs/screenshots")
    say(f"Saved {counted(len(saved), 'screenshot')} in docs/screenshots/.")
    return 0


def _git_remote(name):
    """Return a remote's address: as given if it is one (URL or path), else looked up by name."""
    if "://" in name or ":" in name or Path(name).expanduser().exists():
        path = Path(name).expanduser()
        return str(path.resolve()) if path.exists() else name
    done = subprocess.run(["git", "config", "--get", f"remote.{name}.url"], cwd=ROOT, capture_output=True, text=True,
                          check=False)  # as written: get-url would show any insteadOf rewriting instead
    return done.stdout.strip() or None


def deploy(target, anyway=False):
    """Build for publishing into .publish/, check, and upload to target ('gh-pages' or 'rsync'); return 0 or 1.

    Refused while the publishing checklist (invoke ready) has open items, unless anyway (a test site).
    """
    from . import deploy as uploads

    if target == "gh-pages":
        name = os.environ.get("DEPLOY_GIT_REMOTE", "origin")
        destination = _git_remote(name)
        if not destination:
            say(f"There is no git remote '{name}': set DEPLOY_GIT_REMOTE to a repository address. "
                "Nothing was uploaded.")
            return 1
    else:
        destination = os.environ.get("DEPLOY_RSYNC_DEST") or _site().get("rsync")
        if not destination:
            say('Write where the site goes in the [site] part of content/data/practice.toml, e.g. '
                'rsync = "user@host:/var/www/site". Nothing was uploaded.')
            return 1
    built = _publish_build("Nothing was uploaded.", anyway)
    if built is None:
        return 1
    output, settings = built
    try:
        if target == "gh-pages":
            changed = uploads.to_gh_pages(output, destination, settings.get("SITEURL", ""))
            say(f"Published to the {uploads.BRANCH} branch of {name}." if changed
                else "The site has not changed since it was last published: nothing to do.")
        else:
            sent = uploads.with_rsync(output, destination)
            say(f"Published to {destination}: {counted(sent, 'file')} sent.")
    except uploads.DeployError as error:
        say(f"{error}. The site on the host was left as it was.")
        return 1
    return 0


HOSTS = {"github": "GitHub", "netlify": "Netlify", "cloudflare": "Cloudflare Pages"}
CONNECT = "https://github.com/YOUR-NAME/YOUR-SITE.git"


def publish(anyway=False):
    """Publish the one way [site] publish in practice.toml names; return 0, or 1 with the reason."""
    way = _publish_way()
    # git and rsync send a change whole or not at all: a stop leaves the site as it was, or as sent.
    with calm_stop("Stopped. Nothing was half-published: ./site.sh publish again sends what is left."):
        if way in ("gh-pages", "rsync"):
            return deploy(way, anyway)
        return _publish_by_pushing(way)


def _in_a_repository():
    done = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    return done.stdout.strip() == "true"


def _publish_by_pushing(way):
    """Check, commit her changes, push them to origin's main: the host (GitHub, Netlify…) builds and publishes."""
    from . import deploy as uploads

    repository = _in_a_repository()
    remote = repository and _git_remote("origin")
    if not remote:
        say("This folder is not connected to your site's repository on GitHub yet, so there is nowhere to "
            "publish to. Once, type" + ("" if repository else " these two lines") + ", with your GitHub name "
            "and your repository's name in place of YOUR-NAME and YOUR-SITE:")
        if not repository:
            say("  git init -b main")
        say(f"  git remote add origin {CONNECT}")
        say("then ./site.sh publish again. Nothing was published.")
        return 1
    built = _publish_build("Nothing was committed or sent to GitHub.")
    if built is None:
        return 1
    settings = built[1]
    _schedule_reminders(settings)
    paths = [name for name in CONFIG["her_files"] if (ROOT / name).exists()]
    try:
        before = uploads.remote_head(ROOT)
        changes = uploads.staged_changes(ROOT, paths)
        message = uploads.commit(ROOT, changes, paths) if changes else None
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=False).stdout.strip()
        if not changes and before == head:
            say("Nothing has changed since you last published, so nothing was sent.")
            return 0
        uploads.push(ROOT)
    except uploads.DeployError as error:
        say(f"{error}. Nothing new is on the site yet.")
        return 1
    _say_published(way, remote, message, settings.get("SITEURL", ""), first=before is None)
    return 0


def _say_published(way, remote, message, site_url, first):
    """Tell her it is on its way: the change, the address, where to watch it go live, what to set once."""
    from . import deploy as uploads

    host = HOSTS.get(way, "The host")
    address = site_url or uploads.pages_address(remote)
    repository = uploads.github_repository(remote)
    page = f"https://github.com/{repository[0]}/{repository[1]}" if repository else None
    say(f"Sent to GitHub: {message}." if message else "Sent to GitHub: the changes already saved on this computer.")
    say(f"{host} now builds the site and publishes it" + (f" at {address}/" if address else "") + "; it takes "
        "a minute or two.")
    if way == "github":
        say(f"Watch it go live: {page + '/actions' if page else 'the Actions tab of your repository on GitHub'} "
            "(a green tick: it is published; a red cross: nothing was, and clicking it shows why).")
        if first:
            say("The first time only: on GitHub, open your repository's Settings › Pages and under Source choose "
                f"\"GitHub Actions\"{f' ({page}/settings/pages)' if page else ''}.")
    else:
        say(f"Watch it go live in {host}'s list of deploys for your site.")


def clean():
    """Remove the built site and the writing preview."""
    for folder in (CONFIG["output"], CONFIG["preview"]):
        shutil.rmtree(folder, ignore_errors=True)
    say(f"Removed {CONFIG['output']} and {CONFIG['preview']}.")
    return 0
