"""Publishing with no terminal: the GitHub Actions workflow, valid, pinned, and doing what the terminal does."""

import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import ROOT, post, write_content
from ruamel.yaml import YAML
from test_deploy import fill_checklist
from test_safe_build import INVOKE, QUIET_ENV, copy_project

from sitetools.schedule import read_stamp
from sitetools.serve import serving

WORKFLOW = ROOT / ".github/workflows/publish.yml"


def test_the_workflow_validates_against_githubs_schema():
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(WORKFLOW)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_publishes_on_push_and_checks_hourly_with_pinned_official_actions():
    workflow = YAML(typ="safe").load(WORKFLOW.read_text())
    triggers = workflow["on"]
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    (schedule,) = triggers["schedule"]
    minute, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*", "*"] and minute.isdigit() and 0 < int(minute) < 60, "hourly, not on the hour"
    uses = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert all(re.fullmatch(r"actions/[\w-]+@v\d+\.\d+\.\d+", action) for action in uses), uses
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= {u.split("@")[0] for u in uses}
    assert "secrets." not in WORKFLOW.read_text(), "GitHub Pages needs no secret"


def test_the_workflows_commands_refuse_then_publish_as_the_terminal_does(tmp_path):
    workflow = YAML(typ="safe").load(WORKFLOW.read_text())
    runs = " ".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    assert "./site.sh release" in runs
    assert ".venv/bin/invoke release" in (ROOT / "site.sh").read_text(), "site.sh release runs invoke release"
    project = copy_project(tmp_path / "project")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    env = {**QUIET_ENV, "SITEURL": "https://ammann05.github.io/site"}
    refused = subprocess.run([*INVOKE, "release"], cwd=project, capture_output=True, text=True, env=env)
    assert refused.returncode == 1 and "Nothing will be published." in refused.stderr
    assert "content/data/practice.toml:8: prices, hours and qualifications are marked as examples" in refused.stderr
    assert not (project / "output").exists()
    fill_checklist(project)
    done = subprocess.run([*INVOKE, "release"], cwd=project, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "Everything checked is fine." in done.stderr
    uploaded = project / next(step["with"]["path"] for step in workflow["jobs"]["build"]["steps"]
                              if step.get("uses", "").startswith("actions/upload-pages-artifact"))
    home = (uploaded / "index.html").read_text()
    assert uploaded.name == ".publish" and not (project / "output").exists(), "output/ stays her local build"
    assert 'rel="canonical" href="https://ammann05.github.io/site/"' in home


def steps():
    """Return the build job's steps by id or name."""
    workflow = YAML(typ="safe").load(WORKFLOW.read_text())
    return workflow, {step.get("id") or step.get("name") or step["uses"].split("@")[0]: step
                      for step in workflow["jobs"]["build"]["steps"]}


def run_step(step, project, env):
    """Run a step's commands as GitHub's runner does (bash -e), in project; return (outputs, summary)."""
    outputs, summary = project / "github_output", project / "github_summary"
    outputs.write_text(""), summary.write_text("")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_RUN_ID": "7",
           "GITHUB_SHA": "abc123", "PYTHONDONTWRITEBYTECODE": "1", **env}
    done = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-c", step["run"]], cwd=project, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return dict(line.split("=", 1) for line in outputs.read_text().splitlines()), summary.read_text()


def test_the_hourly_run_publishes_only_when_a_post_became_due_since_the_last_publish(tmp_path):
    workflow, by_id = steps()
    due = by_id["due"]
    assert due["if"] == "github.event_name == 'schedule'"
    assert by_id["Checklist, build and checks"]["if"] == by_id["actions/upload-pages-artifact"]["if"] \
        == "steps.due.outputs.publish != 'false'"
    assert workflow["jobs"]["deploy"]["if"] == "needs.build.outputs.publish == 'true'"
    project, site = tmp_path / "project", tmp_path / "site"
    project.mkdir(), site.mkdir()
    shutil.copy(ROOT / "pelicanconf.py", project)
    for name in ("sitetools", "theme", "plugins"):
        (project / name).symlink_to(ROOT / name)
    now = datetime.now(UTC)
    (site / "published.txt").write_text(f"{now - timedelta(hours=2):%Y-%m-%dT%H:%M:%SZ}\nabc123\n")
    local = now.astimezone(ZoneInfo("Europe/London"))  # Date: lines are in the site's TIMEZONE

    def dated(when):
        write_content(project / "content", {"posts/a.md": post(date=f"{when:%Y-%m-%d %H:%M}")})
    with serving(site) as address:
        dated(local - timedelta(minutes=30))
        assert run_step(due, project, {"PAGES_BASE_URL": address}) == ({"publish": "true"}, "")

        dated(local + timedelta(days=1))
        outputs, summary = run_step(due, project, {"PAGES_BASE_URL": address})
        assert outputs == {"publish": "false"}
        assert summary.strip().startswith("Nothing was due") and len(summary.strip().splitlines()) == 1

        (site / "published.txt").unlink()  # never published, or the site cannot be reached: publish
        assert run_step(due, project, {"PAGES_BASE_URL": address})[0] == {"publish": "true"}


def test_the_published_site_says_when_and_from_which_commit_it_was_built(tmp_path):
    _, by_id = steps()
    release = by_id["Checklist, build and checks"]
    assert release["env"] == {"SITEURL": "${{ vars.SITEURL }}", "PAGES_BASE_URL": "${{ steps.pages.outputs.base_url }}"}
    assert by_id["actions/upload-pages-artifact"]["with"]["path"] == ".publish"
    project = tmp_path / "project"
    project.mkdir()
    (project / "site.sh").write_text("#!/bin/sh\nmkdir .publish\necho Published.\n")  # stands in for the release
    (project / "site.sh").chmod(0o755)
    started = datetime.now(UTC).replace(microsecond=0)
    run_step(release, project, {})
    time, commit = read_stamp((project / ".publish/published.txt").read_text())
    assert started <= time <= datetime.now(UTC) and commit == "abc123"
