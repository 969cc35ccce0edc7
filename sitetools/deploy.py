"""Publish the built site: to a gh-pages branch of a git remote, or with rsync to a web host or folder.

Targets come from the environment (DEPLOY_GIT_REMOTE, DEPLOY_RSYNC_DEST); nothing secret is stored.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

BRANCH = "gh-pages"
AUTHOR = ["-c", "user.name=Site publisher", "-c", "user.email=publisher@localhost"]


class DeployError(RuntimeError):
    """Publishing failed; the message says why. Nothing was changed at the target."""


def _git(*args, cwd, check=True):
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise DeployError(f"git {args[0]} failed: {(done.stderr or done.stdout).strip()}")
    return done


def custom_domain(site_url):
    """Return the host name for a CNAME file, or None for a github.io address or none at all."""
    host = urlsplit(site_url or "").hostname
    return host if host and not host.endswith(".github.io") else None


def to_gh_pages(output, remote, site_url="", message="Publish the site"):
    """Commit output as the whole gh-pages branch of remote and push it; return True if there was a change.

    Works in a temporary clone, so the author's own working tree is never touched.
    """
    with tempfile.TemporaryDirectory(prefix="gh-pages-") as work:
        work = Path(work)
        has_branch = _git("ls-remote", "--exit-code", "--heads", remote, BRANCH, cwd=work, check=False).returncode == 0
        if has_branch:
            _git("clone", "--quiet", "--depth", "1", "--branch", BRANCH, remote, "site", cwd=work)
        else:
            _git("init", "--quiet", "site", cwd=work)
            _git("checkout", "--quiet", "--orphan", BRANCH, cwd=work / "site")
        site = work / "site"
        for entry in site.iterdir():
            if entry.name != ".git":
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        shutil.copytree(output, site, dirs_exist_ok=True)
        (site / ".nojekyll").write_text("")  # GitHub Pages: serve files as they are
        domain = custom_domain(site_url)
        if domain:
            (site / "CNAME").write_text(domain + "\n")
        _git("add", "--all", cwd=site)
        if has_branch and not _git("status", "--porcelain", cwd=site).stdout.strip():
            return False
        _git(*AUTHOR, "commit", "--quiet", "-m", message, cwd=site)
        _git("push", "--quiet", remote, f"HEAD:refs/heads/{BRANCH}", cwd=site)
        return True


def with_rsync(output, destination):
    """Copy output to destination with rsync; return the number of files transferred.

    Files are compared by checksum (a rebuild gives every file a new time), new ones are put in
    place together at the end, and files no longer in the site are deleted only after that.
    """
    if not shutil.which("rsync"):
        raise DeployError("rsync is not installed: install it with 'sudo apt-get install rsync'")
    done = subprocess.run(
        ["rsync", "--recursive", "--links", "--perms", "--checksum", "--delay-updates", "--delete-after",
         "--itemize-changes", f"{output}/", destination],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise DeployError(f"rsync failed: {done.stderr.strip()}")
    return sum(1 for line in done.stdout.splitlines() if line[:2] in ("<f", ">f"))
