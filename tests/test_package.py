"""The package's public surface."""

def test_the_package_surface_is_small_and_every_entry_point_resolves():
    import asylum_teach

    for name in asylum_teach.__all__:
        assert getattr(asylum_teach, name) is not None
    assert callable(asylum_teach.screen_eligibility) and callable(asylum_teach.compute_timeline)


def test_make_lab_opens_an_existing_start_notebook_and_runs_as_root_too():
    import os
    import re
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(["make", "-n", "-W", "pyproject.toml", "lab"], cwd=root, capture_output=True,
                         text=True, timeout=60).stdout
    line = next(x for x in out.splitlines() if "jupyter lab" in x)
    target = re.search(r"(notebooks/\S+\.ipynb)", line).group(1)
    assert (root / target).is_file()
    assert ("--allow-root" in line) == (os.geteuid() == 0)
