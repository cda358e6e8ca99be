"""Bad input never escapes as a traceback: screening, timelines and the CLI raise one named error."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asylum_teach.cli import main
from asylum_teach.exceptions import AsylumTeachError
from asylum_teach.glossary import FACTS, PROTECTED_GROUNDS
from asylum_teach.reasoning.screening import screen
from asylum_teach.reasoning.timeline import build_timeline

values = st.one_of(
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)).map(dt.date.isoformat),
    st.booleans(), st.integers(min_value=-3, max_value=40), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8), st.lists(st.sampled_from([*PROTECTED_GROUNDS, "gender"]), max_size=3),
    st.sampled_from(["state", "non_state", "lack_of_notice", "yes", "no", "2025-02-30"]),
)
fact_maps = st.dictionaries(st.sampled_from(sorted(FACTS) + ["detaind"]), values, max_size=8)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(fact_maps)
def test_any_facts_either_screen_or_raise_a_named_error(facts):
    for fn in (screen, build_timeline):
        try:
            fn(facts, dt.date(2026, 3, 2))
        except AsylumTeachError as exc:
            assert str(exc) and "\n" not in str(exc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(fact_maps)
def test_cli_answers_any_facts_file_with_an_exit_code(tmp_path, capsys, facts):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps({"as_of": "2026-03-02", **facts}))
    for command in (["screen", str(path), "--json"], ["timeline", str(path), "--json"]):
        code = main(command)
        err = capsys.readouterr().err
        assert code == 0 or (code == 2 and err.startswith("asylum-teach: error: ") and err.count("\n") == 1)
