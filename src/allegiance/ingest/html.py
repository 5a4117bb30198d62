"""HTML pages: trafilatura finds the article, we turn its XML into blocks.

Boilerplate removal on real pages (navigation, cookie banners, related links, footers) is a
solved, maintained problem, so it is delegated to trafilatura; its XML output keeps headings,
lists, tables and quotes, which become blocks here. Metadata the page states explicitly
(``<time datetime>``, ``og:site_name``) wins over trafilatura's guesses. If trafilatura finds
nothing, a plain lxml walk over ``<article>`` or ``<body>`` is the fallback.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import TYPE_CHECKING, Any

from lxml import etree
from lxml import html as lxml_html

from allegiance.ingest.blocks import Metadata, Parsed, TextBuilder
from allegiance.ingest.markdown import CELL_SEPARATOR
from allegiance.ingest.normalise import normalise_inline, normalise_source

if TYPE_CHECKING:
    from trafilatura.settings import Extractor

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template")
_MAX_SITE_WORDS = 5
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_FALLBACK_BLOCKS = {"p", "li", "blockquote", "tr", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}


def _inline(el: etree._Element) -> str:
    """Text of an element with line breaks as spaces (``itertext`` would glue the words)."""
    parts = [el.text or ""]
    for child in el:
        if child.tag in ("lb", "br"):
            parts.append(" ")
        elif child.tag not in ("list", "table", "graphic"):
            parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _heading_level(el: etree._Element, default: int = 2) -> int:
    rend = (el.get("rend") or el.tag or "").lower()
    if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit():
        return int(rend[1])
    return default


class _XmlWalker:
    """Walks trafilatura's XML (head, p, list/item, quote, table/row/cell, code)."""

    def __init__(self) -> None:
        self.builder = TextBuilder()

    def walk(self, el: etree._Element, context: str = "paragraph") -> None:
        for child in el:
            self.dispatch(child, context)

    def dispatch(self, el: etree._Element, context: str) -> None:
        tag = el.tag
        if tag == "head":
            level = _heading_level(el)
            kind = "title" if level == 1 and not self.builder.blocks else "heading"
            self.builder.add(kind, _inline(el), level)
        elif tag == "list":
            self.walk(el, "list_item")
        elif tag in ("item", "p", "code"):
            self.builder.add("list_item" if tag == "item" else context, _inline(el))
            for sub in el:
                if sub.tag in ("list", "table"):
                    self.dispatch(sub, context)
        elif tag == "quote":
            if any(c.tag == "p" for c in el):
                self.walk(el, "quote")
            else:
                self.builder.add("quote", _inline(el))
        elif tag == "table":
            for row in el.iter("row"):
                cells = [normalise_inline(_inline(c)) for c in row if c.tag == "cell"]
                self.builder.add("table_row", CELL_SEPARATOR.join(c for c in cells if c))
        elif tag not in ("graphic", "lb"):
            self.walk(el, context)


def _page_metadata(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """Explicit statements of the page about itself."""
    found: dict[str, str] = {}
    for time_el in tree.iter("time"):
        if time_el.get("datetime"):
            found.setdefault("date", time_el.get("datetime", "")[:10])
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        value = (meta.get("content") or "").strip()
        if not value:
            continue
        if key == "og:site_name":
            found.setdefault("publisher", value)
        elif key in ("article:published_time", "date", "dc.date", "dcterms.date"):
            found.setdefault("date", value[:10])
        elif key in ("author", "article:author", "dc.creator"):
            found.setdefault("author", value)
        elif key == "og:title":
            found.setdefault("title", value)
    title_el = tree.find(".//title")
    if title_el is not None and title_el.text:
        found.setdefault("html_title", title_el.text)
    return found


def _title_suffix(html_title: str | None) -> str | None:
    """The site name in "Headline | Site" page titles, the last resort for the publisher."""
    if not html_title:
        return None
    for sep in (" | ", " – ", " — ", " - "):
        parts = html_title.rsplit(sep, 1)
        if len(parts) == 2 and 0 < len(parts[1].split()) <= _MAX_SITE_WORDS:
            return parts[1]
    return None


def _clean(value: str | None) -> str | None:
    value = normalise_inline(value) if value else ""
    return value or None


def _fallback(tree: lxml_html.HtmlElement) -> TextBuilder:
    tree = copy.deepcopy(tree)
    for bad in tree.xpath("|".join(f"//{t}" for t in _DROP_TAGS)):
        bad.drop_tree()
    root = next(iter(tree.xpath("//article|//main|//body")), tree)
    builder = TextBuilder()
    for el in root.iter(*_FALLBACK_BLOCKS):
        if any(a.tag in _FALLBACK_BLOCKS for a in el.iterancestors()):
            continue
        if el.tag.startswith("h"):
            level = int(el.tag[1])
            kind = "title" if level == 1 and not builder.blocks else "heading"
            builder.add(kind, el.text_content(), level)
        elif el.tag == "tr":
            cells = [normalise_inline(c.text_content()) for c in el if c.tag in ("td", "th")]
            builder.add("table_row", CELL_SEPARATOR.join(c for c in cells if c))
        else:
            kind = {"li": "list_item", "blockquote": "quote"}.get(el.tag, "paragraph")
            builder.add(kind, el.text_content())
    if not builder.blocks:
        for line in root.text_content().split("\n"):
            builder.add("paragraph", line)
    return builder


def _flattened(found: TextBuilder, fallback: TextBuilder) -> bool:
    """True when trafilatura merged the blocks of a short page into one paragraph.

    On short pages its baseline extractor returns the right words as a single paragraph; the
    lxml walk then has the same words with the headings and list items still apart.
    """
    if len(found.blocks) > 1 or len(fallback.blocks) <= 1:
        return False
    return found.build().text.split() == fallback.build().text.split()


_TRAFILATURA_OPTIONS: dict[str, Any] = {
    "output_format": "xml",
    "include_formatting": True,
    "include_tables": True,
    "include_comments": False,
    "include_images": False,
    "include_links": False,
    "with_metadata": True,
    "deduplicate": False,
}


_EXTRACTOR_NAMES = {
    "include_formatting": "formatting",
    "include_tables": "tables",
    "include_comments": "comments",
    "include_images": "images",
    "include_links": "links",
    "deduplicate": "dedup",
}
"""``extract``'s option names where trafilatura's ``Extractor`` spells them differently."""


@cache
def _extractor() -> Extractor:
    """trafilatura's options for ``_TRAFILATURA_OPTIONS``, built once: reading them from its
    configuration on every page showed in profiles. trafilatura copies them before changing
    any (its recall retry), so one instance serves every page."""
    from trafilatura.settings import Extractor

    return Extractor(
        **{_EXTRACTOR_NAMES.get(name, name): value for name, value in _TRAFILATURA_OPTIONS.items()}
    )


def _trafilatura_xml(source: str) -> str | None:
    """``trafilatura.extract(source, **_TRAFILATURA_OPTIONS)``, less the document fingerprint.

    ``extract`` adds a simhash of the text to the XML's attributes, which nothing here reads,
    and it took a third of trafilatura's time. The steps are ``extract``'s own
    (``bare_extraction``, then ``determine_returnstring``); where a trafilatura version lacks
    them, ``extract`` itself runs.
    """
    try:
        from trafilatura.core import bare_extraction, determine_returnstring
        from trafilatura.settings import Document as TrafilaturaDocument
    except ImportError:  # pragma: no cover - another trafilatura layout
        import trafilatura

        return trafilatura.extract(source, **_TRAFILATURA_OPTIONS)
    options = _extractor()
    document = bare_extraction(source, options=options, as_dict=False)
    if not document or not isinstance(document, TrafilaturaDocument):
        return None
    document.id = None
    return determine_returnstring(document, options)


def parse_html(raw: str) -> Parsed:
    # lxml refuses str input that still declares a byte encoding; the text is decoded already.
    source = _XML_DECLARATION.sub("", normalise_source(raw), count=1)
    try:
        tree = lxml_html.document_fromstring(source)
    except (etree.ParserError, ValueError):
        return TextBuilder().build()
    page = _page_metadata(tree)
    xml = _trafilatura_xml(source)
    doc = etree.fromstring(xml.encode("utf-8")) if xml else None
    main = doc.find("main") if doc is not None else None
    builder = TextBuilder()
    if main is not None:
        walker = _XmlWalker()
        walker.walk(main)
        builder = walker.builder
    # The lxml walk is only needed when trafilatura found at most one block.
    if len(builder.blocks) <= 1:
        fallback = _fallback(tree)
        if not builder.blocks or _flattened(builder, fallback):
            builder = fallback
    attrs = dict(doc.attrib) if doc is not None else {}
    title = attrs.get("title") or page.get("title") or page.get("html_title")
    if builder.blocks and builder.blocks[0].kind != "title" and title:
        # The page title is part of the document even when trafilatura leaves the h1 out.
        rebuilt = TextBuilder()
        rebuilt.add("title", title, 1)
        parsed = builder.build()
        for block in parsed.blocks:
            rebuilt.add(block.kind, parsed.text[block.start : block.end], block.level)
        builder = rebuilt
    metadata = Metadata(
        title=_clean(title),
        publisher=_clean(
            page.get("publisher") or attrs.get("sitename") or _title_suffix(page.get("html_title"))
        ),
        date=_clean(page.get("date") or attrs.get("date")),
        author=_clean(attrs.get("author") or page.get("author")),
    )
    return builder.build(metadata)
