"""Notebook 07's checks on its worked example's case file: the question and each answer's feedback.

The worked example changes with the as-of date (the generator is seeded with it), so these checks are
built from the record and the dated merits data, never written for one file. Each function returns what
:func:`asylum_teach.teaching.checks.choose` or ``predict`` takes: the question, and the answers as
``(text, correct, feedback_html)``; the feedback names the law, and a wrong answer says where to look.

* :func:`group_question`: which criterion does a formulation of the group fail (Matter of M-E-V-G-);
* :func:`discrepancy_question`: material, explainable or trivial, for the strongest credibility attack
  (INA 208(b)(1)(B)(iii));
* :func:`corroboration_question`: which evidence the client cannot reasonably obtain
  (INA 208(b)(1)(B)(ii)).

>>> from asylum_teach.model.case_record import worked_example
>>> question, options = group_question(worked_example("2026-12-01"))
>>> question[:56]
'The worked example\\'s file also offers G3, "Uzbek women".'
>>> [(text, ok) for text, ok, _ in options]
[('immutability', False), ('particularity', True), ('social distinction', False), ('none: it can be pleaded', False)]
"""

from __future__ import annotations

from html import escape

CLASSES = {"material": "material: it goes to an element of the claim, and nothing in the record explains it",
           "explainable": "explainable: the record holds the reason (trauma, interpretation or time)",
           "trivial": "trivial: it bears on no element of the claim"}
CREDIBILITY = "INA 208(b)(1)(B)(iii)"
CORROBORATION = "INA 208(b)(1)(B)(ii)"


def _label(criterion: str) -> str:
    return criterion.replace("-", " ")


def _authority(answer) -> str:
    return escape(answer.citations[0].cite.split(" (")[0]) if answer.citations else "the Board's precedent"


def group_question(record, on=None):
    """Which criterion a formulation the file offers fails, as the precedent stood on ``on`` (default:
    the record's as-of date). The formulation asked about is one that fails exactly one criterion where
    there is one, else one that fails any, else the one to plead (then "none" is right)."""
    from asylum_teach.law.merits import CRITERIA
    from asylum_teach.reasoning.credibility import group_analysis, group_to_plead

    analyses = group_analysis(record, on)
    failing = [a for a in analyses if len(a.fails) == 1] or [a for a in analyses if a.fails]
    a = failing[-1] if failing else group_to_plead(record, on)
    question = (f"The worked example's file also offers {escape(a.candidate.id)}, \"{escape(a.candidate.wording)}\". "
                "Which of the three criteria does it fail, as the precedent stands on the lesson date?")
    options = []
    for c in CRITERIA:
        t = a.tests[c]
        if t.status == "fails":
            fb = f"It fails {_label(c)}: {escape(t.why)} ({_authority(t)})."
        elif t.status == "met":
            fb = (f"{_label(c).capitalize()} is met here. {escape(t.why)} ({_authority(t)}). Look for the criterion "
                  "the precedent decides against this kind of group.")
        else:
            fb = (f"{_label(c).capitalize()} is contested, not failed: it needs evidence and argument. {escape(t.why)} "
                  f"({_authority(t)}). Which criterion does a decision settle against this kind of group?")
        options.append((_label(c), t.status == "fails", fb))
    none = (f"On this date {escape(a.candidate.id)} fails none of the three criteria (Matter of M-E-V-G-), "
            "so it can be pleaded; what is contested still needs evidence." if not a.fails else
            f"It fails {', '.join(_label(c) for c in a.fails)}: the test is immutability, particularity and social "
            "distinction, each of them required (Matter of M-E-V-G-; Matter of W-G-R-).")
    options.append(("none: it can be pleaded", not a.fails, none))
    return question, options


def discrepancy_question(record):
    """Material, explainable or trivial, for the file's strongest credibility attack (its material
    discrepancy, or the first planted one if there is none)."""
    d = next((x for x in record.discrepancies if x.materiality == "material"), record.discrepancies[0])
    other = escape(", ".join(d.contradicted[:-1]) + " and " + d.contradicted[-1] if len(d.contradicted) > 1
                   else d.contradicted[0])
    if d.kind == "omission":
        told = f"says nothing of {escape(d.record)}, which {other} {'describe' if len(d.contradicted) > 1 else 'describes'}"
    else:
        told = f"says {escape(d.says)}; {other} {'say' if len(d.contradicted) > 1 else 'says'} {escape(d.record)}"
    question = f"In the worked example, {escape(d.deviating)} {told}. How do you sort it?"
    hints = {  # what the class a student chose needs, and the question that shows it is not this one
        "material": ("Material means it goes to an element of the claim and nothing in the record explains it. Is "
                     "there a paragraph that explains it, or does it touch no element at all?"),
        "explainable": ("Explainable needs a reason in the record: trauma (the declaration or an evaluation), the "
                        "interpreter and the line (the interview's own notes), or an event long ago. Which paragraph "
                        "holds one for this event? If none does, it is not explainable."),
        "trivial": ("Trivial means it bears on no element of the claim. Who persecuted, why, what happened, the "
                    "state's response and relocation are elements: is this one of them?"),
    }
    options = []
    for key, text in CLASSES.items():
        right = key == d.materiality
        fb = (f"{escape(d.reason)} ({CREDIBILITY}: the totality of the circumstances, every statement "
              "whenever made.)" if right else f"{hints[key]} ({CREDIBILITY})")
        options.append((text, right, fb))
    return question, options


def corroboration_question(record):
    """Which item of the evidence list the client does not have and cannot reasonably obtain: an unavailable
    one, beside one she can obtain and one she has (or "none" when nothing is unavailable)."""
    unavailable = [e for e in record.evidence if e.status == "unavailable"]
    obtainable = [e for e in record.evidence if e.status == "obtainable"]
    in_hand = [e for e in record.evidence if e.status == "in-hand"]
    shown = sorted(unavailable[:1] + obtainable[:1] + in_hand[:1], key=lambda e: record.evidence.index(e))
    items = "".join(f"<li><b>{escape(e.id)}</b>: {escape(e.description)}</li>" for e in shown)
    question = ("Which of these items on the worked example's evidence list can the client <b>not</b> reasonably "
                f"obtain, so that its absence must be explained rather than cured?<ul>{items}</ul>")
    options = []
    for e in shown:
        text = e.id  # the description is in the question: a radio button's label does not wrap
        if e.status == "unavailable":
            fb = (f"{escape(e.id)} cannot be had{': ' + escape(e.why) if e.why else ''}. Corroboration the judge "
                  f"expects must be provided unless the applicant does not have it and cannot reasonably obtain it "
                  f"({CORROBORATION}; Matter of L-A-C-): explain its absence, with the reason from the file.")
        elif e.status == "obtainable":
            fb = (f"The inventory says {escape(e.id)} can be obtained. A judge may expect it, and a missing item that "
                  f"could reasonably have been had counts against the claim ({CORROBORATION}; Matter of L-A-C-). Get it.")
        else:
            fb = f"The client already has {escape(e.id)}: file it ({CORROBORATION}). Which item does the inventory mark unavailable?"
        options.append((text, e.status == "unavailable", fb))
    if not unavailable:
        options.append(("None: everything on the list can be had", True,
                        f"Right: nothing on this list is unavailable, so every expected item must be filed ({CORROBORATION})."))
    return question, options
