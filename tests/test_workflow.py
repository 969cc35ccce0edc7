"""Publishing with no terminal: the GitHub Actions workflow, valid, pinned, and doing what the terminal does."""

import re
import subprocess
import sys

from conftest import ROOT
from ruamel.yaml import YAML
from test_deploy import fill_checklist
from test_safe_build import INVOKE, QUIET_ENV, copy_project

WORKFLOW = ROOT / ".github/workflows/publish.yml"


def test_the_workflow_validates_against_githubs_schema():
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
                           str(WORKFLOW)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_workflow_publishes_on_push_and_nightly_with_pinned_official_actions():
    workflow = YAML(typ="safe").load(WORKFLOW.read_text())
    triggers = workflow["on"]
    assert triggers["push"]["branches"] == ["main"] and triggers["schedule"][0]["cron"]
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
    home = (project / "output/index.html").read_text()
    assert 'rel="canonical" href="https://ammann05.github.io/site/"' in home
