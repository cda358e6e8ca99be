"""Small display helpers the notebooks call: the notice, HTML, and a figure as an image with alt text.

Figures are plain matplotlib ``Figure`` objects (no pyplot, no window) whose label is their alt text:
one sentence stating what the figure shows. They are shown as HTML ``<img>`` elements carrying that
text, so a screen reader reads the finding, and they look the same in JupyterLab, under papermill and
in the static course. A figure without alt text is refused. Nothing here uses an ``ipywidgets.Output``
(see :mod:`asylum_teach.publish.execute` for why headless runs avoid them).

>>> from matplotlib.figure import Figure
>>> png = figure_png(Figure(figsize=(1, 1)))
>>> png[:4]
b'\\x89PNG'
>>> fig = Figure(figsize=(1, 1)); fig.set_label("One dot: the due date.")
>>> figure_html(fig)[:60]
'<figure class="at-figure" style="margin:6px 0"><img alt="One'
"""

from __future__ import annotations

import base64
import io
from html import escape


def figure_png(fig) -> bytes:
    """Render a Figure to PNG bytes with the Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.get_dpi(), bbox_inches="tight")
    return buf.getvalue()


def alt_text(fig) -> str:
    """The figure's alt text (its label); a figure without one is an error, not a silent gap."""
    text = (fig.get_label() or "").strip()
    if not text:
        raise ValueError("this figure has no alt text: set it with fig.set_label('what the figure shows')")
    return text


def figure_html(fig, *, caption: bool = False) -> str:
    """A figure as an HTML ``<img>`` (PNG inline) with its alt text; ``caption`` also shows the text."""
    alt = alt_text(fig)
    data = base64.b64encode(figure_png(fig)).decode("ascii")
    cap = f'<figcaption style="font-size:90%">{escape(alt)}</figcaption>' if caption else ""
    return (f'<figure class="at-figure" style="margin:6px 0"><img alt="{escape(alt)}" '
            f'src="data:image/png;base64,{data}" style="max-width:100%;height:auto">{cap}</figure>')


def _in_ipython() -> bool:
    from IPython import get_ipython

    return get_ipython() is not None


def show_html(html: str) -> None:
    from IPython.display import HTML, display

    if _in_ipython():
        display(HTML(html))


def show_figure(fig, *, caption: bool = False) -> None:
    """Show a Figure as an image with its alt text. Silent outside IPython."""
    if _in_ipython():
        show_html(figure_html(fig, caption=caption))


def notice() -> None:
    """The not-legal-advice notice with the date the rules reflect."""
    from asylum_teach.teaching.explain import notice_html

    show_html(notice_html())


def show_deadline(deadline, *, figure: bool = True) -> None:
    """A worked example: the engine's explanation, then its calendar (drawn as HTML)."""
    from asylum_teach.teaching.explain import deadline_html
    from asylum_teach.teaching.fast_figures import deadline_calendar

    show_html(deadline_html(deadline) + (deadline_calendar(deadline) if figure else ""))
