"""``asylum-teach merits``: what the Board's precedent said on a date, or what governs in a circuit."""

from __future__ import annotations

from asylum_teach.cli._common import date_arg, print_json


def register(sub) -> None:
    p = sub.add_parser("merits", help="the merits precedent on a date, or a circuit split in a circuit",
                       description="Without a name: list the doctrines and splits. With a doctrine: the version of "
                                   "the Board's and the Attorney General's precedent on --on. With a split and "
                                   "--circuit: what governs in that circuit on --on. A teaching model, not legal "
                                   "advice.")
    p.add_argument("name", nargs="?", help="a doctrine (private-harm, family-psg, ...) or a split (withholding-nexus, ...)")
    p.add_argument("--on", type=date_arg("--on"), default=None,
                   help="the date (the decision date; for credibility-standard the application's first filing "
                        "date); default: the day the data were last verified")
    p.add_argument("--circuit", default=None, help="for a split: 1st to 11th, or dc")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=_merits)


def _merits(args) -> int:
    from asylum_teach.exceptions import InvalidInputError
    from asylum_teach.law.merits import board_precedent_on, circuit_rule_on, load_merits

    m = load_merits()
    if args.name is None:
        lines = ["Doctrines (asylum-teach merits NAME --on DATE):"]
        lines += [f"  {d.id:<24} {d.title}" for d in m.doctrines.values()]
        lines += ["Splits (asylum-teach merits NAME --circuit 9th --on DATE):"]
        lines += [f"  {s.id:<24} {s.title}" for s in m.splits.values()]
        print("\n".join(lines))
        return 0
    on = args.on or max(d.last_verified_on for d in m.doctrines.values())
    if args.name in m.splits:
        if not args.circuit:
            raise InvalidInputError(f"{args.name} is a circuit split: name the circuit with --circuit (1st to 11th, or dc)")
        answer = circuit_rule_on(args.name, args.circuit, on)
        data = {"split": args.name, "circuit": answer.circuit, "on": on, "court": answer.court,
                "position": answer.position, "holding": answer.holding, "reasons": list(answer.reasons),
                "citations": [c.to_dict() for c in answer.citations], "check_before_relying": answer.stale}
    else:
        if args.circuit:
            raise InvalidInputError(f"--circuit is for a split; {args.name!r} is not one "
                                    f"({', '.join(m.splits)})")
        answer = board_precedent_on(args.name, on)
        data = {"doctrine": args.name, "on": on, "version": answer.version.id if answer.version else None,
                "holding": answer.holding, "reasons": list(answer.reasons),
                "citations": [c.to_dict() for c in answer.citations], "check_before_relying": answer.stale}
    if args.json:
        print_json(data)
    else:
        print(answer.explain())
    return 0
