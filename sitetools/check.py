"""Check a built site: broken internal links, HTML validity (Nu Html Checker) and, on request, external links."""

import json
import shutil
import subprocess
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from .linkcheck import check_site, parse_file

VNU_JAR = Path(__file__).resolve().parent.parent / "node_modules/vnu-jar/build/dist/vnu.jar"
USER_AGENT = "Mozilla/5.0 (compatible; site link check)"


class CheckerMissing(RuntimeError):
    """A tool the check needs is not installed; the message says how to install it."""


SITE_SCRIPT = Path(__file__).resolve().parent.parent / "site.sh"


def ensure_checkers(say=print):
    """Install Java and the Nu Html Checker with ./site.sh when either is missing.

    That is the first check or publish on a machine where only the site was built; nothing
    happens when both are there.
    """
    if shutil.which("java") and VNU_JAR.is_file():
        return
    if not SITE_SCRIPT.is_file():
        return  # html_findings says what is missing
    say("Installing the HTML checker (Java and the Nu Html Checker) once; this takes a few minutes.")
    subprocess.run(["bash", str(SITE_SCRIPT), "checkers"], check=False)


def link_findings(folder, site_url=""):
    """Return broken internal links and missing files, one line each."""
    return [str(broken) for broken in check_site(folder, site_url)]


def html_findings(folder, jar=VNU_JAR):
    """Return the Nu Html Checker's errors for every page, as 'page:line: message'."""
    if not shutil.which("java"):
        raise CheckerMissing("Java is needed for the HTML check: run './site.sh check', which installs it")
    if not Path(jar).is_file():
        raise CheckerMissing("The HTML checker is not installed: run 'npm ci' in the project folder")
    done = subprocess.run(
        ["java", "-jar", str(jar), "--format", "json", "--errors-only", "--skip-non-html", str(folder)],
        capture_output=True, text=True, check=False,
    )
    try:
        messages = json.loads(done.stderr or done.stdout)["messages"]
    except (ValueError, KeyError):
        raise CheckerMissing(f"The HTML checker did not run: {done.stderr.strip()[:300]}") from None
    root = Path(folder).resolve()
    findings = []
    for message in messages:
        page = urlsplit(message.get("url", "")).path
        shown = "/" + Path(page).relative_to(root).as_posix() if page.startswith(str(root)) else page
        line = f":{message['lastLine']}" if "lastLine" in message else ""
        findings.append(f"{shown}{line}: {message.get('message', '').strip()}")
    return findings


def external_links(folder, site_url=""):
    """Return {address: first page linking to it} for every link to another site."""
    root = Path(folder).resolve()
    links = {}
    for path in sorted(root.rglob("*.html")):
        for _, link in parse_file(path).links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") and not (site_url and link.startswith(site_url)):
                links.setdefault(link.split("#")[0], "/" + path.relative_to(root).as_posix())
    return links


def _status(address, timeout):
    """Return None when address answers, or what went wrong."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD
        request = urllib.request.Request(address, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return f"the other site answered {error.code} {error.reason}"
        except (urllib.error.URLError, OSError) as error:
            return f"could not be reached ({getattr(error, 'reason', error)})"
    return None


def external_findings(folder, site_url="", timeout=10):
    """Return the links to other sites that do not answer, as 'page: address — what went wrong'."""
    links = external_links(folder, site_url)
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = dict(zip(links, pool.map(lambda address: _status(address, timeout), links), strict=True))
    return [f"{links[address]}: {address} — {status}" for address, status in sorted(statuses.items()) if status]


def run_checks(folder, site_url="", external=False):
    """Return [(section title, findings)] for every check of the built site; a missing tool is a finding."""
    sections = [("Broken links and missing files", lambda: link_findings(folder, site_url)),
                ("HTML errors (Nu Html Checker)", lambda: html_findings(folder))]
    if external:
        sections.append(("Links to other sites that do not work", lambda: external_findings(folder, site_url)))
    results = []
    for title, run in sections:
        try:
            results.append((title, run()))
        except CheckerMissing as missing:
            results.append((title, [str(missing)]))
    return results
