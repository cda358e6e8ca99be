"""What must come first, shared by the handler modules: each requirement says it in words.

A requirement is checked by :func:`~asylum_teach.reasoning.proceedings.catalogue.run_action` before the
handler runs; a failed one is an :class:`~asylum_teach.exceptions.InvalidTransitionError` naming the step.
"""

from __future__ import annotations

from asylum_teach.reasoning.proceedings.records import Requirement
from asylum_teach.reasoning.stages import Stage


def _nta_served(s):
    return s.reached(Stage.NTA_SERVED) or s.reached(Stage.AFFIRMATIVE_REFERRAL)


NTA_SERVED = Requirement(_nta_served, "the Notice to Appear must be served first (INA 239(a))")
NTA_FILED = Requirement(lambda s: s.reached(Stage.NTA_FILED),
                        "the NTA must be filed with the immigration court first: until then the court has no case",
                        ("cfr-1003-14-a",))
MASTER_HELD = Requirement(lambda s: s.attended_master,
                          "a master calendar hearing must come first: the respondent pleads and names the relief "
                          "sought there")
NOT_CLOSED = Requirement(lambda s: not s.closed,
                         "the case is administratively closed: it must be recalendared first")
NO_FINAL_ORDER = Requirement(lambda s: s.final_order is None and s.decision is None,
                             "the judge has already decided the case: use an appeal or a motion instead")
DECIDED = Requirement(lambda s: s.decision is not None or s.final_order is not None,
                      "the judge must decide the case first")
NOT_IN_ABSENTIA = Requirement(lambda s: s.decision is not None or s.in_absentia_on is None,
                              "an in absentia order cannot be appealed directly: move to reopen and rescind it first "
                              "(ICPM 5.9(d))")
APPEALED = Requirement(lambda s: s.appeal_filed_on is not None and s.bia is None,
                       "a BIA appeal must be pending (file_bia_appeal first)")
