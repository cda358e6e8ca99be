"""``asylum-teach merits`` from the shell: answers, JSON, and one clear line for bad input."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args):
    return subprocess.run([sys.executable, "-m", "asylum_teach", "merits", *args], capture_output=True, text=True,
                          timeout=60)


def test_a_doctrine_on_a_date_and_a_split_in_a_circuit():
    out = run("private-harm", "--on", "2021-06-16", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["version"] == "a-b-iii"
    out = run("withholding-nexus", "--circuit", "Ninth Circuit", "--on", "2017-01-18")
    assert out.returncode == 0 and "a reason" in out.stdout and "Barajas-Romero" in out.stdout
    assert "teaching model, not legal advice" in out.stdout
    listing = run()
    assert listing.returncode == 0 and "family-psg" in listing.stdout and "corroboration-notice" in listing.stdout


@pytest.mark.parametrize("args, message", [
    (("famly-psg",), "no doctrine 'famly-psg'"),
    (("withholding-nexus",), "name the circuit with --circuit"),
    (("family-psg", "--circuit", "9th"), "--circuit is for a split"),
    (("withholding-nexus", "--circuit", "12th"), "not a federal circuit"),
    (("family-psg", "--on", "2025-02-30"), "not a real date"),
])
def test_bad_input_is_one_line_and_a_non_zero_exit(args, message):
    out = run(*args)
    assert out.returncode == 2 and message in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr
