"""``asylum-teach deadline`` and ``asylum-teach rules``: the deadline engine from the shell."""

from __future__ import annotations

from asylum_teach.cli._common import date_arg, key_value, print_json


def register(sub) -> None:
    p = sub.add_parser("deadline", help="compute one deadline with its steps and citations",
                       description="Compute a deadline from a rule id and a trigger date. A teaching model, not legal advice.")
    p.add_argument("rule_id", help="rule id, e.g. bia-appeal (see 'asylum-teach rules')")
    p.add_argument("trigger", type=date_arg("trigger"), help="trigger date, YYYY-MM-DD")
    p.add_argument("--as-of", type=date_arg("--as-of"), help="date whose rules apply (default: the trigger date)")
    p.add_argument("--fact", action="append", type=key_value, default=[], metavar="KEY=VALUE",
                   help="a fact by its glossary name, e.g. detained=true (repeatable)")
    p.add_argument("--policy", action="append", type=key_value, default=[], metavar="KEY=VALUE",
                   help="an answer to an open question, e.g. executive_order_closures=holiday (repeatable)")
    p.add_argument("--closures", metavar="CSV", help="instructor closure file with columns date,name")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=_deadline)

    r = sub.add_parser("rules", help="list the deadline rules in force with their citations")
    r.add_argument("--as-of", type=date_arg("--as-of"), default=None,
                   help="list the versions in force on this date (default: every version, with its dates)")
    r.add_argument("--history", action="store_true",
                   help="also list versions announced but never in force (a rule a court vacated before it began), "
                        "with their status from the litigation register")
    r.add_argument("--json", action="store_true")
    r.set_defaults(handler=_rules)


def _deadline(args) -> int:
    from asylum_teach.court_calendar import CourtCalendar, load_closure_file
    from asylum_teach.exceptions import InvalidInputError
    from asylum_teach.law.engine import deadline_for

    for kind, pairs in (("fact", args.fact), ("policy", args.policy)):
        names = [k for k, _ in pairs]
        dup = {n for n in names if names.count(n) > 1}
        if dup:
            raise InvalidInputError(f"--{kind} {sorted(dup)[0]} given more than once")
    calendar = CourtCalendar(extra_closures=load_closure_file(args.closures)) if args.closures else None
    result = deadline_for(args.rule_id, args.trigger, as_of=args.as_of, facts=dict(args.fact),
                          policies=dict(args.policy), calendar=calendar)
    if args.json:
        print_json(result.to_dict())
    else:
        print(result.explain())
    return 0


def _rules(args) -> int:
    from asylum_teach.law import litigation
    from asylum_teach.law.rules import load_rules, rules_in_force

    if args.as_of is None:
        rows = [(r, v) for _, r in sorted(load_rules().items()) for v in r.versions
                if args.history or not v.never_in_force]
    else:
        rows = rules_in_force(args.as_of)
        if args.history:
            rows += [(r, v) for _, r in sorted(load_rules().items()) for v in r.history]
            rows.sort(key=lambda rv: rv[0].id)

    def status(v):
        if v.litigation is None:
            return None
        when = args.as_of or litigation.get_case(v.litigation.case).last_checked_on
        return litigation.status(v.litigation.case, v.litigation.provision, when)

    if args.json:
        print_json([{"rule": r.id, "title": r.title, "version": v.version, "kind": v.kind,
                     "period": v.period, "unit": v.unit, "direction": v.direction,
                     "effective_from": v.effective_from, "effective_to": v.effective_to,
                     "never_in_force": v.never_in_force, "announced_on": v.announced_on,
                     "litigation": (None if v.litigation is None else
                                    {"case": v.litigation.case, "provision": v.litigation.provision,
                                     "status": status(v).status}),
                     "source_strength": v.source_strength, "citations": [c.to_dict() for c in v.citations]}
                    for r, v in rows])
        return 0
    when = f"in force on {args.as_of.isoformat()}" if args.as_of else "with every version and its dates"
    print(f"Deadline rules {when}{' and their history' if args.history else ''} (teaching model, not legal advice)")
    for rule, v in rows:
        if v.kind == "not-modelled":
            what = "not modelled"
        else:
            unit = {"calendar_days": "days", "working_days": "working days", "years": "year(s)"}[v.unit]
            what = f"{'earliest ' if v.kind == 'earliest' else ''}{v.period} {unit} {v.direction}"
        flag = "  NEVER IN FORCE" if v.never_in_force else ""
        print(f"\n{rule.id:<26} {what}  [{v.source_strength}] version {v.version} ({v.window()}){flag}")
        print(f"  {rule.title}")
        st = status(v)
        if st is not None:
            print(f"  court: {st.describe()}")
        for c in v.citations:
            print(f"  - [{c.strength}] {c.cite}")
    return 0
