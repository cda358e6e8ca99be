"""Small display helpers the notebooks call: the notice, an explanation, a figure as a PNG.

Figures are built as plain matplotlib ``Figure`` objects (no pyplot, no window) and shown as PNG
images rendered with Agg, so they look the same in JupyterLab, under papermill and in the static HTML
course, whatever matplotlib backend the kernel chose.

>>> png = figure_png(__import__("matplotlib.figure").figure.Figure(figsize=(1, 1)))
>>> png[:4]
b'\\x89PNG'
"""

from __future__ import annotations

import io


def figure_png(fig) -> bytes:
    """Render a Figure to PNG bytes with the Agg canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.get_dpi(), bbox_inches="tight")
    return buf.getvalue()


def _in_ipython() -> bool:
    from IPython import get_ipython

    return get_ipython() is not None


def show_figure(fig, output=None) -> None:
    """Show a Figure as a PNG (inside an ipywidgets ``Output`` if given). Silent outside IPython."""
    from IPython.display import Image, display

    if not _in_ipython():
        return
    image = Image(data=figure_png(fig), format="png")
    if output is None:
        display(image)
        return
    with output:
        display(image)


def show_html(html: str) -> None:
    from IPython.display import HTML, display

    if _in_ipython():
        display(HTML(html))


def notice() -> None:
    """The not-legal-advice notice with the date the rules reflect."""
    from asylum_teach.teaching.explain import notice_html

    show_html(notice_html())


def show_deadline(deadline, *, figure: bool = True) -> None:
    """A worked example: the engine's explanation, then its calendar figure."""
    from asylum_teach.teaching.explain import deadline_html
    from asylum_teach.teaching.figures import deadline_figure

    show_html(deadline_html(deadline))
    if figure:
        show_figure(deadline_figure(deadline))
