"""Publish: push her project to the repository a host builds from, or upload the built site (gh-pages, rsync).

Where to comes from content/data/practice.toml ([site]) and the git remote `origin`; the environment
(DEPLOY_GIT_REMOTE, DEPLOY_RSYNC_DEST) may name another target. Nothing secret is stored.
"""

import re
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath
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


# --- Publishing by pushing her project to the repository a host builds from (GitHub, Netlify, Cloudflare) ---

MAIN = "main"
GITHUB = re.compile(r"github\.com[:/]+([^/\s]+)/([^/\s]+?)(?:\.git)?/?$")


def github_repository(remote_url):
    """Return (owner, name) of a github.com repository address, or None for any other."""
    match = GITHUB.search(remote_url or "")
    return (match[1], match[2]) if match else None


def pages_address(remote_url):
    """Return the address GitHub Pages gives a repository's site, or "" when remote_url is not on GitHub."""
    repository = github_repository(remote_url)
    if not repository:
        return ""
    owner, name = repository
    site = f"https://{owner.lower()}.github.io"
    return site if name.lower() == f"{owner.lower()}.github.io" else f"{site}/{name}"


def post_title(text, fallback):
    """Return the Title: of a post or page from its text, or fallback when it has none."""
    for line in text.splitlines():
        if not line.strip():
            break
        name, colon, value = line.partition(":")
        if colon and name.strip().lower() == "title" and value.strip():
            return value.strip()
    return fallback


def commit_message(changes, titles):
    """Return a commit message naming each post or page by title: "New post: …; Changed: …".

    changes: [(git status letter, path)]; titles: {path: title} for the posts and pages among them.
    """
    parts, others = [], []
    for status, path in changes:
        if path not in titles:
            others.append(PurePosixPath(path).name)
            continue
        kind = "page" if "/pages/" in f"/{path}" else "post"
        word = {"A": f"New {kind}", "D": f"Removed {kind}"}.get(status[0], "Changed")
        parts.append(f"{word}: {titles[path]}")
    if others:
        shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
        parts.append(f"Changed: {shown}")
    return "; ".join(parts)


def staged_changes(folder, paths):
    """Stage her changes under paths (everything, in a repository with no commit yet); return [(status, path)]."""
    first = _git("rev-parse", "--verify", "--quiet", "HEAD", cwd=folder, check=False).returncode != 0
    _git("add", "--all", "--", *([] if first else paths), cwd=folder)
    listed = _git("diff", "--cached", "--name-status", "--find-renames", "--", *([] if first else paths),
                  cwd=folder).stdout
    return [(fields[0], fields[-1]) for fields in (line.split("\t") for line in listed.splitlines()) if fields[0]]


def commit(folder, changes, paths):
    """Commit the staged changes with a message naming her posts by title."""
    titles = {}
    for _, path in changes:
        if path.endswith(".md"):
            file = Path(folder, path)
            text = file.read_text(encoding="utf-8", errors="replace") if file.is_file() else \
                _git("show", f"HEAD:{path}", cwd=folder, check=False).stdout
            titles[path] = post_title(text, PurePosixPath(path).stem.replace("-", " "))
    message = commit_message(changes, titles)
    named = _git("config", "user.email", cwd=folder, check=False).stdout.strip()
    first = _git("rev-parse", "--verify", "--quiet", "HEAD", cwd=folder, check=False).returncode != 0
    _git(*([] if named else AUTHOR), "commit", "--quiet", "-m", message, "--", *([] if first else paths), cwd=folder)
    return message


def remote_head(folder, remote="origin"):
    """Return the commit the remote's main branch is at, or None when nothing was pushed there yet."""
    done = _git("ls-remote", "--heads", remote, f"refs/heads/{MAIN}", cwd=folder)
    return done.stdout.split()[0] if done.stdout.strip() else None


def push(folder, remote="origin"):
    """Push the current commit to the remote's main branch; raise DeployError in plain words when refused."""
    done = _git("push", "--quiet", "--set-upstream", remote, f"HEAD:refs/heads/{MAIN}", cwd=folder, check=False)
    if done.returncode == 0:
        return
    said = done.stderr.strip()
    if any(word in said for word in ("[rejected]", "non-fast-forward", "fetch first")):
        raise DeployError(
            "The copy on GitHub has changes this computer does not have yet (made in GitHub's own editor, or from "
            "another computer), so it did not take yours. Your change is kept on this computer. Bring GitHub's "
            f"changes in by typing: git pull --rebase {remote} {MAIN}   then publish again")
    if any(word in said for word in ("Authentication failed", "Permission denied", "could not read Username", "403")):
        raise DeployError(
            "GitHub did not let this computer in: sign in to GitHub on this computer (for example with GitHub "
            "Desktop, or 'gh auth login'), then publish again. Your change is kept on this computer")
    raise DeployError(f"Sending to GitHub did not work (git said: {said.splitlines()[-1] if said else 'nothing'}). "
                      "Check the internet connection, then publish again. Your change is kept on this computer")
