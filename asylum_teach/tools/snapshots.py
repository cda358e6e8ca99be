"""Golden timeline snapshots: one JSON file per teaching persona (STYLE P10).

``make snapshots`` runs ``python -m asylum_teach.tools.snapshots``, which rewrites
``snapshots/timelines/<persona>.json`` under the current folder (the repository root). A test compares
every file with a fresh computation, so any change to a rule, a persona or the engine shows up in
review as a diff of dates, versions and citations: a legal diff, not a code diff.

>>> snap = snapshot("appeal-to-bia")
>>> snap["persona"], snap["as_of"], snap["due_next"][:40]
('appeal-to-bia', '2026-03-02', 'As of 2026-03-02, next: Notice of appeal')
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from asylum_teach.model.personas import load_persona, persona_ids
from asylum_teach.reasoning.timeline import build_timeline

DEFAULT_FOLDER = Path("snapshots") / "timelines"


def snapshot(persona_id: str) -> dict:
    """The timeline of one persona as of its own as-of date, as plain data."""
    client = load_persona(persona_id)
    return {"persona": persona_id, "title": client.title, **build_timeline(client, client.as_of).to_dict()}


def render(persona_id: str) -> str:
    """The exact file text: stable key order, two-space indent, final newline."""
    return json.dumps(snapshot(persona_id), indent=2, ensure_ascii=False) + "\n"


def write_snapshots(folder: Path | str = DEFAULT_FOLDER) -> list[Path]:
    """Write every persona's snapshot; remove snapshots of personas that no longer exist."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for pid in persona_ids():
        path = folder / f"{pid}.json"
        path.write_text(render(pid), encoding="utf-8")
        written.append(path)
    for stale in set(folder.glob("*.json")) - set(written):
        stale.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m asylum_teach.tools.snapshots",
                                     description="Regenerate the golden timeline snapshots of the teaching personas.")
    parser.add_argument("--out", default=str(DEFAULT_FOLDER), help="folder to write (default: %(default)s)")
    args = parser.parse_args(argv)
    paths = write_snapshots(args.out)
    print(f"wrote {len(paths)} timeline snapshots to {args.out}; review them with 'git diff {args.out}'")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
