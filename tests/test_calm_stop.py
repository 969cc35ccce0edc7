"""Ctrl+C stops a build, the preview and an import calmly: one line, no traceback, nothing left behind.

Each command runs in a process group of its own with the default SIGINT handling, and gets SIGINT as
a terminal sends it on Ctrl+C: to every process of the group.
"""

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from test_safe_build import INVOKE, QUIET_ENV, copy_project
from test_writing_loop import free_port

from sitetools import bench

pytestmark = pytest.mark.slow


def snapshot(folder):
    """Return {relative path: SHA-256} of every file under folder."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def start(command, cwd, log):
    """Start command in a process group of its own, Ctrl+C handled as by default; return the process."""
    return subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=QUIET_ENV,
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def group(process):
    """Return the process ids still in the process's session: it, and all it started, wherever they went."""
    found = subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True, text=True, check=False)
    return found.stdout.split()


def wait_until(condition, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


def converting(process):
    """Return whether the build's Markdown workers run: its process, the build's and at least two more."""
    return len(group(process)) >= 4


def leftovers(folder, name):
    return sorted(p.name for p in Path(folder).glob(f".{name}-*"))


def stop_with_ctrl_c(process):
    """Send SIGINT as a terminal does on Ctrl+C: to its foreground process group."""
    os.killpg(process.pid, signal.SIGINT)
    process.wait(timeout=30)
    wait_until(lambda: not group(process), 10)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """Return a copy of the project, built once, and 600 generated posts ready to add."""
    folder = tmp_path_factory.mktemp("calm")
    project = copy_project(folder / "project")
    done = subprocess.run([*INVOKE, "build"], cwd=project, capture_output=True, text=True, env=QUIET_ENV)
    assert done.returncode == 0, done.stderr
    generated = bench.make_project(folder / "generated", 600) / "content/posts"
    return project, sorted(generated.glob("bench-*.md"))


def add_posts(project, posts):
    for path in posts:
        (project / "content/posts" / path.name).write_bytes(path.read_bytes())
    return lambda: [(project / "content/posts" / path.name).unlink() for path in posts]


def test_ctrl_c_during_a_build_says_one_line_and_leaves_output_as_it_was(project, tmp_path):
    project, posts = project
    before = snapshot(project / "output")
    remove = add_posts(project, posts)
    try:
        with (tmp_path / "build.log").open("w") as log:
            build = start([*INVOKE, "build"], project, log)
            wait_until(lambda: converting(build))
            stop_with_ctrl_c(build)
    finally:
        remove()
    said = (tmp_path / "build.log").read_text()
    assert said.strip().splitlines() == ["Stopped. output/ is as it was."], said
    assert build.returncode == -signal.SIGINT, "it ends as Ctrl+C ends a program, so a script stops too"
    assert leftovers(project, "output") == []
    assert snapshot(project / "output") == before


def test_a_killed_build_leaves_folders_the_next_build_removes_and_a_running_one_keeps_its_own(project, tmp_path):
    project, posts = project
    remove = add_posts(project, posts)
    try:
        with (tmp_path / "killed.log").open("w") as log, (tmp_path / "running.log").open("w") as other:
            killed = start([*INVOKE, "build"], project, log)
            wait_until(lambda: converting(killed))
            os.killpg(killed.pid, signal.SIGKILL)  # kill -9 of the command: its build is a group of its own
            killed.wait()
            wait_until(lambda: not group(killed), 10)  # the build, its workers, Pagefind: none builds on
            left = leftovers(project, "output")
            assert any("-building-" in name for name in left), left

            running = start([*INVOKE, "build"], project, other)
            wait_until(lambda: converting(running))
            mine = set(leftovers(project, "output")) - set(left)
            assert mine and not set(left) & set(leftovers(project, "output")), "the dead build's folders went"

            with (tmp_path / "second.log").open("w") as third:
                second = start([*INVOKE, "build"], project, third)
                wait_until(lambda: "Another build is running" in (tmp_path / "second.log").read_text(), 60)
                assert mine <= set(leftovers(project, "output")), "a running build's folders stay"
                for process in (second, running):
                    stop_with_ctrl_c(process)
    finally:
        remove()
    assert leftovers(project, "output") == []


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return bench.make_wordpress_export(tmp_path_factory.mktemp("export"), posts=1500, comments_per_post=2)


def importing(project, tmp_path, export, name):
    path, media = export
    log = (tmp_path / f"{name}.log").open("w")
    return start([*INVOKE, "import-wordpress", str(path), "--media", str(media)], project, log), log


def test_ctrl_c_during_an_import_says_one_line_and_writes_nothing_in_content(project, tmp_path, export):
    project, _ = project
    before = snapshot(project / "content")
    process, log = importing(project, tmp_path, export, "import")
    with log:
        wait_until(lambda: leftovers(project, "wordpress"))  # it has begun writing
        stop_with_ctrl_c(process)
    said = (tmp_path / "import.log").read_text()
    assert said.strip().splitlines()[-1] == "Stopped. content/ is as it was: nothing was imported.", said
    assert "Traceback" not in said
    assert leftovers(project, "wordpress") == []
    assert snapshot(project / "content") == before


def test_ctrl_c_twice_while_the_import_moves_in_still_leaves_content_as_it_was(project, tmp_path, export):
    """The second Ctrl+C of an impatient hand comes while the first one's undo runs: the undo finishes."""
    project, _ = project
    before = snapshot(project / "content")
    known = set(before)
    process, log = importing(project, tmp_path, export, "twice")
    with log:
        arrived = lambda: any(p.name.startswith("bench-") for p in (project / "content/posts").iterdir())  # noqa: E731
        wait_until(arrived)
        os.killpg(process.pid, signal.SIGINT)
        time.sleep(0.01)
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
        wait_until(lambda: not group(process), 10)
    said = (tmp_path / "twice.log").read_text()
    assert said.strip().splitlines()[-1] == "Stopped. content/ is as it was: nothing was imported.", said
    assert "Traceback" not in said
    assert sorted(set(snapshot(project / "content")) - known) == []
    assert snapshot(project / "content") == before


def test_a_killed_import_leaves_a_folder_the_next_import_removes(project, tmp_path, export):
    project, _ = project
    process, log = importing(project, tmp_path, export, "killed-import")
    with log:
        wait_until(lambda: leftovers(project, "wordpress"))
        for pid in group(process):
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)
        process.wait()
    left = leftovers(project, "wordpress")
    assert any("-import-" in name for name in left), left
    process, log = importing(project, tmp_path, export, "next-import")
    with log:
        wait_until(lambda: set(leftovers(project, "wordpress")) - set(left))
        assert not set(left) & set(leftovers(project, "wordpress")), "the killed import's folder went"
        stop_with_ctrl_c(process)
    assert leftovers(project, "wordpress") == []


@pytest.mark.parametrize("when", ["serving", "building"])
def test_ctrl_c_stops_the_writing_preview_and_its_builder(project, tmp_path, when):
    project, posts = project
    remove = add_posts(project, posts) if when == "building" else lambda: None
    try:
        with (tmp_path / "preview.log").open("w") as log:
            preview = start([*INVOKE, "livereload", "--port", str(free_port())], project, log)
            if when == "serving":
                wait_until(lambda: "Writing preview on" in (tmp_path / "preview.log").read_text())
                wait_until(lambda: len(group(preview)) >= 2)  # the builder
            else:  # the preview, its builder, the build the builder forked and its Markdown workers
                wait_until(lambda: len(group(preview)) >= 5)
            stop_with_ctrl_c(preview)
            time.sleep(1)  # a build left running would print after this
    finally:
        remove()
    said = (tmp_path / "preview.log").read_text()
    assert said.strip().splitlines()[-1] == "Stopped. The writing preview is no longer served; .preview/ is as it was."
    assert "Traceback" not in said
    assert leftovers(project, "preview") == []


def test_a_script_stops_with_the_build(project, tmp_path):
    """The shell sees the build end by Ctrl+C and stops the script too, as for any program."""
    project, posts = project
    remove = add_posts(project, posts)
    try:
        script = f'"{sys.executable}" -m invoke build; echo "the script went on"'
        with (tmp_path / "script.log").open("w") as log:
            shell = start(["bash", "-c", script], project, log)
            wait_until(lambda: converting(shell))
            stop_with_ctrl_c(shell)
    finally:
        remove()
    assert "the script went on" not in (tmp_path / "script.log").read_text()


POOL_PLUGIN = """
import multiprocessing, time
from pelican import signals

def rest(number):
    time.sleep(60)

def work_in_a_pool(pelican):
    print("pool at work", flush=True)
    with multiprocessing.Pool(2) as pool:  # Python's default Ctrl+C handling in each worker
        pool.map(rest, range(2))

def register():
    signals.finalized.connect(work_in_a_pool)
"""


def test_ctrl_c_stops_a_plugins_own_pool_at_once_and_without_a_word(project, tmp_path):
    project, _ = project
    plugin = project / "plugins/pool_of_its_own"
    settings = project / "pelicanconf.py"
    before = settings.read_text()
    plugin.mkdir()
    (plugin / "__init__.py").write_text(POOL_PLUGIN)
    settings.write_text(before + '\nPLUGINS = [*PLUGINS, "pool_of_its_own"]\n')
    try:
        with (tmp_path / "pool.log").open("w") as log:
            build = start([*INVOKE, "build"], project, log)
            wait_until(lambda: "pool at work" in (tmp_path / "pool.log").read_text())
            asked = time.monotonic()
            stop_with_ctrl_c(build)
            assert time.monotonic() - asked < 5, "it stops at once"
    finally:
        settings.write_text(before)
        shutil.rmtree(plugin)
    said = (tmp_path / "pool.log").read_text()
    assert said.strip().splitlines() == ["pool at work", "Stopped. output/ is as it was."], said


def test_ctrl_c_while_site_sh_checks_python_installs_nothing(tmp_path):
    """A Python stopped as it starts exits 1, not by the signal: the script must stop, not 'repair' Python."""
    stubs = tmp_path / "bin"
    stubs.mkdir()
    (stubs / "python3").write_text("#!/bin/bash\ntrap 'kill $!; exit 1' INT\nsleep 30 & wait\n")
    for name in ("apt-get", "sudo", "brew"):
        (stubs / name).write_text(f"#!/bin/bash\necho {name} >> '{tmp_path}/installed'\n")
    for stub in stubs.iterdir():
        stub.chmod(0o755)
    script = tmp_path / "site.sh"
    script.write_bytes((Path(__file__).parents[1] / "site.sh").read_bytes())
    environment = {**QUIET_ENV, "PATH": f"{stubs}{os.pathsep}{os.environ['PATH']}"}
    with (tmp_path / "site.log").open("w") as log:
        shell = subprocess.Popen(["bash", str(script), "build"], cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
                                 env=environment, start_new_session=True,
                                 preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        wait_until(lambda: len(group(shell)) >= 3)  # the script, its python3, and that one's sleep
        stop_with_ctrl_c(shell)
    assert shell.returncode == -signal.SIGINT
    assert not (tmp_path / "installed").exists(), (tmp_path / "installed").read_text()
