"""Colours and type sizes for every teaching figure: colour-blind safe and readable on a projector.

The colours are the Okabe-Ito palette (Okabe & Ito, "Color Universal Design", 2008), which stays
distinguishable under the common forms of colour blindness. Each meaning has one colour across the
whole course, so a student learns it once: the due date is always blue, a closed day vermillion, and
so on. Meaning never rests on colour alone; figures add a label, a hatch or a line style as well.

>>> OKABE_ITO["blue"]
'#0072B2'
>>> MEANING["due"] == OKABE_ITO["blue"]
True
"""

from __future__ import annotations

import contextlib

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: One colour per meaning, used by every figure in the course.
MEANING = {
    "trigger": OKABE_ITO["black"],
    "counted": "#D6ECF8",           # a light tint of sky blue: days inside the period
    "computed": OKABE_ITO["sky_blue"],
    "due": OKABE_ITO["blue"],
    "safe": OKABE_ITO["bluish_green"],
    "alternative": OKABE_ITO["reddish_purple"],
    "legal-holiday": OKABE_ITO["vermillion"],
    "observed-holiday": OKABE_ITO["vermillion"],
    "executive-order": OKABE_ITO["orange"],
    "inauguration-day": OKABE_ITO["orange"],
    "instructor": OKABE_ITO["yellow"],
    "weekend": "#DDDDDD",
    "adverse": OKABE_ITO["vermillion"],
    "warning": OKABE_ITO["orange"],
    "info": OKABE_ITO["blue"],
    "good": OKABE_ITO["bluish_green"],
}

#: Matplotlib settings for a projector at the back of a classroom.
PROJECTOR_RC = {
    "font.size": 13,
    "axes.titlesize": 15,
    "axes.labelsize": 13,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.dpi": 100,
    "savefig.dpi": 120,
    "axes.prop_cycle": None,  # filled in below
}


def _cycle():
    from cycler import cycler

    order = ["blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "yellow", "black"]
    return cycler(color=[OKABE_ITO[c] for c in order])


@contextlib.contextmanager
def projector_style():
    """Use the course's sizes and colour cycle inside a ``with`` block."""
    import matplotlib as mpl

    rc = dict(PROJECTOR_RC, **{"axes.prop_cycle": _cycle()})
    with mpl.rc_context(rc):
        yield
