"""A plan written out as a .txt, .md or .html document and its ``NAME.gold.json`` answer key.

Every claim sentence stands whole inside one text node (no inline markup), so the key's
evidence is a verbatim substring of what a reader sees, as corpus/GOLD.md and
tools/check_gold.py require.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from corpusgen.compose import Plan


def _txt(plan: Plan) -> str:
    lines: list[str] = []
    for block in plan.blocks:
        if block.kind in ("paragraph", "heading", "credit", "tail"):
            lines += ["", block.text]
        elif block.kind in ("item", "tail_item"):
            lines.append(f"- {block.text}")
        else:
            lines.append(block.text)
    return "\n".join(lines).strip() + "\n"


def _md(plan: Plan) -> str:
    prefix = {"title": "# ", "heading": "## ", "item": "- ", "tail_item": "- "}
    lines: list[str] = []
    previous = ""
    for block in plan.blocks:
        list_run = block.kind in ("item", "tail_item") and previous == block.kind
        if not list_run and block.kind not in ("byline", "meta"):
            lines.append("")
        lines.append(prefix.get(block.kind, "") + block.text)
        previous = block.kind
    return "\n".join(lines).strip() + "\n"


def _html(plan: Plan) -> str:
    esc = html.escape
    title = plan.blocks[0].text
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta property="og:site_name" content="{esc(plan.publisher)}">',
        f"<title>{esc(title)} | {esc(plan.publisher)}</title>",
        "</head>",
        "<body>",
        f'<header><a class="brand" href="/">{esc(plan.publisher)}</a></header>',
        "<main>",
        "<article>",
    ]
    open_list = False
    for block in plan.blocks:
        is_item = block.kind in ("item", "tail_item")
        if open_list and not is_item:
            out.append("</ul>")
            open_list = False
        if block.kind == "tail":
            out += ["</article>", '<aside class="related">']
        text = esc(block.text, quote=False)
        if block.kind == "title":
            out.append(f"<h1>{text}</h1>")
        elif block.kind == "heading":
            out.append(f"<h2>{text}</h2>")
        elif is_item:
            if not open_list:
                out.append("<ul>")
                open_list = True
            out.append(f"<li>{text}</li>")
        else:
            css = "" if block.kind == "paragraph" else f' class="{block.kind}"'
            out.append(f"<p{css}>{text}</p>")
    if open_list:
        out.append("</ul>")
    tail = any(b.kind == "tail" for b in plan.blocks)
    out += ["</aside>" if tail else "</article>", "</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


RENDERERS = {"txt": _txt, "md": _md, "html": _html}


def answer_key(plan: Plan) -> dict[str, Any]:
    """The key in corpus/GOLD.md form; actors sorted by id, claims in document order."""
    actors = [
        {"id": aid, "kind": plan.kinds[aid], "names": names}
        for aid, names in sorted(plan.names.items())
    ]
    return {
        "document": plan.document,
        "focal": plan.focal.id,
        "actors": actors,
        "claims": plan.claims,
        "not_actors": plan.not_actors,
    }


def write(plan: Plan, folder: Path) -> tuple[Path, Path]:
    """Write the document and its key into ``folder``; return both paths."""
    document = folder / plan.document
    key = folder / f"{plan.stem}.gold.json"
    document.write_text(RENDERERS[plan.fmt](plan), encoding="utf-8")
    key.write_text(json.dumps(answer_key(plan), indent=1, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    return document, key
