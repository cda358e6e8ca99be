"""The stages of a removal case: one enumeration, each with its title and governing provisions.

Every stage a simulated case can reach is a member of :class:`Stage` (STYLE P11: stage names come from
one enumeration). A stage's citations say where the law for that step lives. Tags: [P] checked against
primary text, [S] secondary source only, [K] background knowledge, not confirmed (see the team's
legal reference).

>>> Stage.MASTER_CALENDAR.title
'Master calendar hearing'
>>> Stage("nta_served") is Stage.NTA_SERVED
True
>>> Stage.PETITION_FOR_REVIEW.citations[0]
'INA 242(b)(1), 8 U.S.C. 1252(b)(1) (30 days after the final order of removal) [P]'
"""

from __future__ import annotations

from enum import Enum


class Stage(str, Enum):
    """A point a removal case can reach. The value is the stable id used in YAML and JSON."""

    AFFIRMATIVE_REFERRAL = "affirmative_referral"
    NTA_SERVED = "nta_served"
    NTA_FILED = "nta_filed"
    CUSTODY_REDETERMINATION = "custody_redetermination"
    MASTER_CALENDAR = "master_calendar"
    I589_FILED = "i589_filed"
    BIOMETRICS = "biometrics"
    CONTINUANCE = "continuance"
    EVIDENCE_FILED = "evidence_filed"
    INDIVIDUAL_HEARING = "individual_hearing"
    APPLICATION_ABANDONED = "application_abandoned"
    IJ_DECISION = "ij_decision"
    VOLUNTARY_DEPARTURE = "voluntary_departure"
    APPEAL_WAIVED = "appeal_waived"
    BIA_APPEAL_FILED = "bia_appeal_filed"
    BIA_BRIEFING = "bia_briefing"
    BIA_DECISION = "bia_decision"
    PETITION_FOR_REVIEW = "petition_for_review"
    STAY_MOTION = "stay_motion"
    MOTION_TO_REOPEN = "motion_to_reopen"
    MOTION_TO_RECONSIDER = "motion_to_reconsider"
    IN_ABSENTIA_ORDER = "in_absentia_order"
    MOTION_TO_RESCIND = "motion_to_rescind"
    MOTION_DECIDED = "motion_decided"
    CHANGE_OF_ADDRESS = "change_of_address"
    CHANGE_OF_VENUE = "change_of_venue"
    ADMINISTRATIVE_CLOSURE = "administrative_closure"
    RECALENDARED = "recalendared"
    PROSECUTORIAL_DISCRETION = "prosecutorial_discretion"

    @property
    def title(self) -> str:
        return _INFO[self][0]

    @property
    def citations(self) -> tuple[str, ...]:
        return _INFO[self][1]


_INFO: dict[Stage, tuple[str, tuple[str, ...]]] = {
    Stage.AFFIRMATIVE_REFERRAL: ("Affirmative case referred to the immigration court", (
        "8 CFR 208.14(c): an asylum officer who does not grant refers a person without status to the court [K]",
        "the judge hears the application de novo [K]",
    )),
    Stage.NTA_SERVED: ("Notice to Appear served", (
        "INA 239(a), 8 U.S.C. 1229(a) (contents of the NTA, duty to give and update an address) [P]",
        "INA 239(b)(1), 8 U.S.C. 1229(b)(1) (first hearing not earlier than 10 days after service, unless the person asks in writing) [P]",
    )),
    Stage.NTA_FILED: ("Notice to Appear filed with the immigration court", (
        "8 CFR 1003.14(a): jurisdiction vests when a charging document is filed with the court [K]",
        "8 CFR 1208.2(b): once in proceedings, the I-589 is filed with the court (defensive) [K]",
    )),
    Stage.CUSTODY_REDETERMINATION: ("Custody (bond) redetermination hearing", (
        "INA 236(a), 8 U.S.C. 1226(a) (release on bond of at least $1,500 or conditional parole) [P]",
        "8 CFR 1003.19, 1236.1(d) (IJ custody redetermination, separate from the removal hearing) [K]",
        "Matter of Yajure Hurtado, 29 I&N Dec. 216 (BIA 2025) (no IJ bond hearing for applicants for admission) [S]",
    )),
    Stage.MASTER_CALENDAR: ("Master calendar hearing", (
        "Pleadings, designation of country, identification of relief, filing deadlines set by the judge [S]",
        "EOIR Policy Manual, Appendix C (adjudicators may set deadlines for pre-decision filings) [P]",
    )),
    Stage.I589_FILED: ("Form I-589 filed with the court and served on DHS", (
        "INA 208(a)(2)(B), 8 U.S.C. 1158(a)(2)(B) (one year after arrival) [P]",
        "Filing = receipt by the court (8 CFR 1003.31) [K for the cite; rule S]",
        "8 CFR 208.7(a)(1)-(2) (EAD clock starts on a complete application; applicant delay not counted) [P]",
    )),
    Stage.BIOMETRICS: ("Biometrics under DHS pre-order instructions", (
        "DHS pre-order instructions for biometrics [S]",
        "8 CFR 1003.47: failure to complete biometrics without good cause may lead to abandonment [K]",
    )),
    Stage.CONTINUANCE: ("Continuance", (
        "8 CFR 1003.29 (continuance for good cause) [K]",
        "8 CFR 208.7(a)(2) (delay requested or caused by the applicant stops the EAD clock) [P]",
    )),
    Stage.EVIDENCE_FILED: ("Evidence filed", (
        "EOIR Policy Manual, Appendix C (filings before an individual hearing: 30 days before; current, 15 days in "
        "earlier versions - see rule filing-before-individual) [P]",
        "ICPM 3.1(d)(ii): untimely filings may be refused [K]; ICPM 3.1(b): rebuttal/impeachment evidence exempt [P, 2008 text]",
    )),
    Stage.INDIVIDUAL_HEARING: ("Individual (merits) hearing", (
        "INA 240(b)(4), 8 U.S.C. 1229a(b)(4) (right to examine evidence, present evidence, cross-examine) [K]",
        "INA 208(b)(1)(B)(ii)-(iii) (burden, corroboration, credibility) [P]",
    )),
    Stage.APPLICATION_ABANDONED: ("Application deemed abandoned", (
        "8 CFR 1003.31(c): an application not filed by the judge's deadline is deemed waived/abandoned [K]",
        "8 CFR 1003.47(c): biometrics not completed without good cause -> deemed abandoned [K]",
    )),
    Stage.IJ_DECISION: ("Immigration judge's decision", (
        "8 CFR 1003.37(a) (oral decision with a summary memorandum, or written decision served) [P]",
        "8 CFR 1003.38(b); 8 CFR 1240.15 (notice of appeal to the BIA) [P]",
    )),
    Stage.VOLUNTARY_DEPARTURE: ("Voluntary departure", (
        "INA 240B(a)-(b), 8 U.S.C. 1229c(a)-(b) (120 days before conclusion; 60 days at conclusion) [P]",
        "8 CFR 1240.26(b) (conditions) [P]; 1240.26(c)(3) (bond of at least $500 within 5 business days) [S]",
        "Monsalvo Velazquez v. Bondi, No. 23-929 (U.S. Apr. 22, 2025) (last day rolls to the next business day) [P]",
    )),
    Stage.APPEAL_WAIVED: ("Appeal waived", (
        "8 CFR 1241.1(b): an order becomes final when appeal is waived [K]",
    )),
    Stage.BIA_APPEAL_FILED: ("Appeal to the BIA (Form EOIR-26)", (
        "8 CFR 1003.38(b)-(c) (time; receipt rule; fee or EOIR-26A in the same time) [P]",
        "INA 208(d)(5)(A)(iv) (asylum appeals: 30 days) [P]",
        "Appellate Procedures for the BIA, interim final rule, FR Doc. 2026-02326 (10 days for decisions on/after 2026-03-09) [P dates; S details]",
    )),
    Stage.BIA_BRIEFING: ("BIA briefing", (
        "8 CFR 1003.3(c)(1); BIA Practice Manual 4.7(a) (21 days; detained simultaneous) [P]",
        "2026 interim final rule: one simultaneous 20-day period [S]",
    )),
    Stage.BIA_DECISION: ("BIA decision", (
        "8 CFR 1003.1(d) (Board review) [K]",
        "2026 interim final rule: summary dismissal by default unless taken en banc [S]",
    )),
    Stage.PETITION_FOR_REVIEW: ("Petition for review in a court of appeals", (
        "INA 242(b)(1), 8 U.S.C. 1252(b)(1) (30 days after the final order of removal) [P]",
        "INA 242(b)(2) (venue: circuit where the IJ completed the proceedings) [P]",
        "INA 242(b)(3)(B) (service of the petition does not stay removal unless the court orders) [P]",
        "Riley v. Bondi, No. 23-1270 (U.S. June 26, 2025) (30 days is a claim-processing rule) [P]",
    )),
    Stage.STAY_MOTION: ("Motion for a stay of removal in the court of appeals", (
        "INA 242(b)(3)(B) (no automatic stay) [P]",
        "Nken v. Holder, 556 U.S. 418 (2009) (stay standard) [K]",
    )),
    Stage.MOTION_TO_REOPEN: ("Motion to reopen", (
        "INA 240(c)(7)(A), (C)(i) (one motion, 90 days after the final administrative order) [P]",
        "INA 240(c)(7)(C)(ii) (no limit for changed country conditions with material, previously unavailable evidence) [P]",
        "A motion to reopen does not stay removal (8 CFR 1003.23(b)(1)(v)) [S]",
    )),
    Stage.MOTION_TO_RECONSIDER: ("Motion to reconsider", (
        "INA 240(c)(6)(A)-(B) (one motion, 30 days after the final administrative order) [P]",
        "8 CFR 1003.23(b)(1) (IJ); 8 CFR 1003.2(b)(2) (BIA) [P]",
    )),
    Stage.IN_ABSENTIA_ORDER: ("Removal ordered in absentia", (
        "INA 240(b)(5)(A) (in absentia order on written notice to the last address) [P]",
        "INA 240(b)(5)(C) (rescission: 180 days for exceptional circumstances; any time for lack of notice or custody) [P]",
        "INA 240(b)(7) (10-year bar on certain relief after oral notice of consequences) [P]",
        "ICPM 5.9(d): no direct BIA appeal of an in absentia order; relief is by motion [P]",
    )),
    Stage.MOTION_TO_RESCIND: ("Motion to reopen and rescind an in absentia order", (
        "INA 240(b)(5)(C)(i)-(ii) (180 days / any time; filing stays removal) [P]",
        "INA 240(e)(1) (exceptional circumstances defined) [P]",
    )),
    Stage.MOTION_DECIDED: ("Motion decided", (
        "8 CFR 1003.23(b)(3) (the judge rules on the motion) [K]",
    )),
    Stage.CHANGE_OF_ADDRESS: ("Change of address (Form EOIR-33)", (
        "8 CFR 1003.15(d)(2); ICPM 2.2(c) (court: within 5 days) [P]",
        "8 CFR 1003.38(e) (BIA: within five working days) [P]",
        "INA 239(a)(1)(F) (address 'immediately'); INA 240(b)(5)(B) (no notice needed if no address given) [P]",
    )),
    Stage.CHANGE_OF_VENUE: ("Change of venue", (
        "8 CFR 1003.20 (motion to change venue, for good cause) [K]",
        "Sarr v. Garland (2d Cir. 2022) (PFR venue follows the charging document absent a change of venue) [S]",
    )),
    Stage.ADMINISTRATIVE_CLOSURE: ("Administrative closure", (
        "8 CFR 1003.18(c), 1003.1(l) (administrative closure authority, 2024 rule) [K]",
        "Efficient Case and Docket Management in Immigration Proceedings, final rule effective July 29, 2024 [P date; K content]",
    )),
    Stage.RECALENDARED: ("Case recalendared", (
        "8 CFR 1003.18(c) (recalendaring an administratively closed case) [K]",
    )),
    Stage.PROSECUTORIAL_DISCRETION: ("Prosecutorial discretion", (
        "DHS may move to dismiss proceedings as an exercise of discretion (8 CFR 239.2(c), 1239.2(c)) [K]",
    )),
}

assert set(_INFO) == set(Stage), "every stage needs a title and citations"
