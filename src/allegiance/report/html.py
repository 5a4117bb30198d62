"""Safe HTML building: every text is escaped, every JSON block is inert, every figure inline.

Labels, titles and sentences come from documents anyone can write, so nothing read from the store
reaches the page unescaped: text goes through ``html.escape``, data goes into
``<script type="application/json">`` blocks with ``<``, ``>`` and ``&`` as JSON ``\\u``
escapes, and the page script builds the side panel with ``textContent``. ``Html`` marks the
few strings built here from escaped parts.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Sequence
from string import Template

from plotly.graph_objects import Figure
from plotly.io import to_json

from allegiance.report.style import asset, plotly_js, plotly_version

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "scrollZoom": False}


class Html(str):
    """A string that is already HTML (built from escaped parts); ``text()`` leaves it alone."""

    __slots__ = ()


def text(value: object) -> Html:
    if isinstance(value, Html):
        return value
    return Html(html.escape("" if value is None else str(value), quote=True))


def join(parts: Iterable[object], sep: str = "") -> Html:
    return Html(text(sep).join(text(p) for p in parts))


def tag(name: str, content: object = "", **attrs: object) -> Html:
    """``<name attr="...">content</name>``; attribute names use ``_`` for ``-``, ``cls`` = class."""
    rendered = "".join(
        f' {"class" if key == "cls" else key.rstrip("_").replace("_", "-")}="{text(value)}"'
        for key, value in attrs.items()
        if value is not None
    )
    return Html(f"<{name}{rendered}>{text(content)}</{name}>")


def json_block(data: object, element_id: str, **attrs: object) -> Html:
    """Data for the page script, in a block the browser never executes or parses as HTML."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _script_json(payload, element_id, **attrs)


def _script_json(payload: str, element_id: str, **attrs: object) -> Html:
    # JSON allows "<", ">" and "&" only inside strings, where \u escapes mean the same text;
    # escaped, no "</script>" or "<!--" can end or confuse the block, whatever the data says.
    safe = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    extra = "".join(f' {k.replace("_", "-")}="{text(v)}"' for k, v in sorted(attrs.items()))
    return Html(f'<script type="application/json" id="{text(element_id)}"{extra}>{safe}</script>')


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], *, cls: str = "data") -> Html:
    head = join(tag("th", h, scope="col") for h in headers)
    body = join(tag("tr", join(tag("td", cell) for cell in row)) for row in rows)
    return tag("table", Html(f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>"), cls=cls)


def section(title: str, content: object, *, element_id: str) -> Html:
    return tag("section", join([tag("h2", title), content]), id=element_id)


def note(message: str) -> Html:
    return tag("p", message, cls="note")


def figure(fig: Figure, div_id: str, *, height: int) -> Html:
    """A plotly figure: its target div and its JSON, plotted by the page script on load."""
    payload = to_json(fig, validate=False, pretty=False, engine="json")
    container = tag("div", "", id=div_id, cls="figure", style=f"height:{height}px")
    block = _script_json(
        f'{{"figure":{payload},"config":{json.dumps(PLOTLY_CONFIG, sort_keys=True)}}}',
        f"{div_id}-json",
        data_figure=div_id,
    )
    return Html(container + block)


def page(title: str, body: Html, *, data: object, generated_at: str | None) -> str:
    """The whole self-contained document: stylesheet, plotly.js and page script inline."""
    footer = f"Made by allegiance with plotly {plotly_version()}"
    if generated_at:
        footer += f" on {generated_at}"
    script = plotly_js()
    if "</script" in script.lower():
        raise ValueError("the installed plotly.js cannot be inlined: it contains </script")
    return Template(asset("page.html")).substitute(
        title=text(title),
        style=asset("report.css"),
        plotly=script,
        body=body,
        data=json_block(data, "report-data"),
        script=asset("report.js"),
        footer=text(footer),
    )
