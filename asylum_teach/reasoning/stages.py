"""The stages of a removal case: one enumeration, each with its title and governing provisions.

Every stage a simulated case can reach is a member of :class:`Stage` (STYLE P11: stage names come from
one enumeration). A stage's citations say where the law for that step lives: ids of the citation
registry (``data/citations.yaml``), shown with their research tags ([P] checked against primary text,
[S] secondary source only, [K] background knowledge, not confirmed).

>>> Stage.MASTER_CALENDAR.title
'Master calendar hearing'
>>> Stage("nta_served") is Stage.NTA_SERVED
True
>>> Stage.PETITION_FOR_REVIEW.citations[0]
'INA 242(b)(1), 8 U.S.C. 1252(b)(1) (not later than 30 days after the final order of removal) [P]'
"""

from __future__ import annotations

from enum import Enum

from asylum_teach.law.citations import cited


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
    def title(self) -> str:  # type: ignore[override]  # the stage's title, not str.title()
        return _INFO[self][0]

    @property
    def citations(self) -> tuple[str, ...]:
        """Where the law for this stage lives, as the simulator shows it (from the citation registry)."""
        return cited(*_INFO[self][1])


_INFO: dict[Stage, tuple[str, tuple[str, ...]]] = {  # title, ids in the citation registry
    Stage.AFFIRMATIVE_REFERRAL: ("Affirmative case referred to the immigration court",
                                 ("cfr-208-14-c", "referral-de-novo")),
    Stage.NTA_SERVED: ("Notice to Appear served", ("ina-239-a", "ina-239-b-1")),
    Stage.NTA_FILED: ("Notice to Appear filed with the immigration court", ("cfr-1003-14-a", "cfr-1208-2-b")),
    Stage.CUSTODY_REDETERMINATION: ("Custody (bond) redetermination hearing",
                                    ("ina-236-a", "cfr-1003-19", "yajure-hurtado")),
    Stage.MASTER_CALENDAR: ("Master calendar hearing", ("master-calendar-practice", "appendix-c-judge-sets")),
    Stage.I589_FILED: ("Form I-589 filed with the court and served on DHS",
                       ("ina-208-a-2-B", "cfr-1003-31", "cfr-208-7-a-1", "cfr-208-7-a-2")),
    Stage.BIOMETRICS: ("Biometrics under DHS pre-order instructions", ("dhs-biometrics-instructions", "cfr-1003-47")),
    Stage.CONTINUANCE: ("Continuance", ("cfr-1003-29", "cfr-208-7-a-2")),
    Stage.EVIDENCE_FILED: ("Evidence filed",
                           ("appendix-c-individual-30-days", "icpm-3-1-d-ii", "icpm-3-1-b-rebuttal")),
    Stage.INDIVIDUAL_HEARING: ("Individual (merits) hearing", ("ina-240-b-4", "ina-208-b-1-B-ii-iii")),
    Stage.APPLICATION_ABANDONED: ("Application deemed abandoned", ("cfr-1003-31-c", "cfr-1003-47")),
    Stage.IJ_DECISION: ("Immigration judge's decision", ("cfr-1003-37-a", "cfr-1003-38-b", "cfr-1240-15")),
    Stage.VOLUNTARY_DEPARTURE: ("Voluntary departure",
                                ("ina-240b-a-b", "cfr-1240-26-b", "cfr-1240-26-c-3", "monsalvo-velazquez-vd-period")),
    Stage.APPEAL_WAIVED: ("Appeal waived", ("cfr-1241-1-b",)),
    Stage.BIA_APPEAL_FILED: ("Appeal to the BIA (Form EOIR-26)",
                             ("cfr-1003-38-b", "cfr-1003-38-c-d", "ina-208-d-5-A-iv", "amica-center-v-eoir")),
    Stage.BIA_BRIEFING: ("BIA briefing", ("cfr-1003-3-c-1", "fr-2026-02326-briefing")),
    Stage.BIA_DECISION: ("BIA decision", ("cfr-1003-1-d", "bia-pm-4-16")),
    Stage.PETITION_FOR_REVIEW: ("Petition for review in a court of appeals",
                                ("ina-242-b-1", "ina-242-b-2", "ina-242-b-3-B", "riley")),
    Stage.STAY_MOTION: ("Motion for a stay of removal in the court of appeals", ("ina-242-b-3-B", "nken")),
    Stage.MOTION_TO_REOPEN: ("Motion to reopen", ("ina-240-c-7", "ina-240-c-7-C-ii", "cfr-1003-23-b-1-v")),
    Stage.MOTION_TO_RECONSIDER: ("Motion to reconsider", ("ina-240-c-6", "cfr-1003-23-b-1-reconsider")),
    Stage.IN_ABSENTIA_ORDER: ("Removal ordered in absentia",
                              ("ina-240-b-5-A", "ina-240-b-5-C", "ina-240-b-7", "icpm-5-9-d")),
    Stage.MOTION_TO_RESCIND: ("Motion to reopen and rescind an in absentia order",
                              ("ina-240-b-5-C-i-ii", "ina-240-e-1")),
    Stage.MOTION_DECIDED: ("Motion decided", ("cfr-1003-23-b-3",)),
    Stage.CHANGE_OF_ADDRESS: ("Change of address (Form EOIR-33)",
                              ("cfr-1003-15-d-2", "cfr-1003-38-e", "ina-239-a-1-F", "ina-240-b-5-B")),
    Stage.CHANGE_OF_VENUE: ("Change of venue", ("cfr-1003-20", "sarr")),
    Stage.ADMINISTRATIVE_CLOSURE: ("Administrative closure", ("cfr-1003-18-c", "fr-2024-docket-management")),
    Stage.RECALENDARED: ("Case recalendared", ("cfr-1003-18-c-recalendar",)),
    Stage.PROSECUTORIAL_DISCRETION: ("Prosecutorial discretion", ("cfr-239-2-c",)),
}

assert set(_INFO) == set(Stage), "every stage needs a title and citations"
