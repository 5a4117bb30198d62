"""A generator of hostile inputs for ``allegiance build`` (issue 9, part 1).

Analysts feed the tool whatever they scraped, so the build must survive anything a folder can
hold: binary junk, broken encodings, markup bombs, special files. Each generated input is either
built or refused with one line naming it; nothing may hang the batch or blow up its memory.
The inputs are made at run time (into a temporary folder) so that the repository carries no
50 MB fixtures, and deterministically from a seed so a failure can be reproduced.

    PYTHONPATH=src .venv/bin/python bench/hostile_corpus.py /tmp/hostile --count 500

``generate`` makes the full set (at least ``count`` inputs); ``representative`` makes one or two
inputs of every kind, for the test suite. Both return ``Hostile`` records: the path to pass to
the build (files are always passed explicitly, so each one must get an outcome) and its kind.
"""

from __future__ import annotations

import argparse
import codecs
import gzip
import io
import os
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024

# Our own sentences (never copied from a corpus): actors, cue words and filler.
SENTENCES = (
    "Peru and Vietnam signed a rice accord in Lima.",
    "Ghana and Nigeria agreed to share intelligence on armed groups.",
    "Chile sold copper to China under a long-term contract.",
    "Norway condemned the missile test carried out by North Korea.",
    "Brazil and Argentina held joint naval exercises in the South Atlantic.",
    "Kenya imported liquefied gas from Qatar in 2023.",
    "Officials said the talks would continue next month.",
)
FILLER = ("the", "talks", "ministers", "said", "trade", "ports", "and", "new", "of", "signed")
ACTORS = ("Peru", "Ghana", "Chile", "Norway", "Vietnam")


def _run_on(rng: random.Random, words: int, actor_share: float) -> str:
    """Words without any sentence end; ``actor_share`` of them name an actor."""
    return " ".join(
        rng.choice(ACTORS) if rng.random() < actor_share else rng.choice(FILLER)
        for _ in range(words)
    )


@dataclass(frozen=True)
class Hostile:
    path: Path
    kind: str


Maker = Callable[[Path, random.Random, int], Path]


def _article(rng: random.Random, paragraphs: int = 3) -> str:
    lines = [f"A Brief Number {rng.randrange(10**6)}", ""]
    for _ in range(paragraphs):
        lines += [" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 4))), ""]
    return "\n".join(lines)


def _html(rng: random.Random, body: str | None = None) -> str:
    paras = "".join(f"<p>{rng.choice(SENTENCES)} {rng.choice(SENTENCES)}</p>" for _ in range(3))
    inner = body if body is not None else f"<h1>Report {rng.randrange(999)}</h1>{paras}"
    return f"<!doctype html><html><head><title>T</title></head><body><article>{inner}" \
        "</article></body></html>"


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- kinds that vary with the index (many instances) ----------------------------------------


def binary(folder: Path, rng: random.Random, i: int) -> Path:
    return _write(folder, f"binary-{i}.txt", rng.randbytes(rng.randint(1, 4096)))


def empty(folder: Path, rng: random.Random, i: int) -> Path:
    content = ["", " ", "\n\n\n", "\t \r\n", "\u00a0\u2003\n", "<html></html>", "<p> </p>"][i % 7]
    ext = [".txt", ".md", ".html"][i % 3]
    return _write(folder, f"empty-{i}{ext}", content)


def bom_only(folder: Path, rng: random.Random, i: int) -> Path:
    boms = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
            codecs.BOM_UTF8 + b"\n\n", codecs.BOM_UTF8 * 3]
    ext = [".txt", ".md", ".html"][i % 3]
    return _write(folder, f"bom-only-{i}{ext}", boms[i % len(boms)])


def truncated_html(folder: Path, rng: random.Random, i: int) -> Path:
    page = _html(rng).encode("utf-8")
    return _write(folder, f"truncated-{i}.html", page[: rng.randint(1, len(page) - 1)])


def nested_html(folder: Path, rng: random.Random, i: int) -> Path:
    depth = rng.choice([50, 300, 1000, 5000])
    tag = rng.choice(["div", "span", "blockquote", "ul><li", "table><tr><td"])
    close = "".join(f"</{t.split('>')[0]}>" for t in reversed(tag.split("><")))
    closing = close * depth if i % 2 else ""  # half of them never close
    body = f"<{tag}>" * depth + rng.choice(SENTENCES) + closing
    return _write(folder, f"nested-{i}.html", _html(rng, body))


def nested_markdown(folder: Path, rng: random.Random, i: int) -> Path:
    depth = rng.choice([100, 1000, 10000])
    marker = rng.choice(["> ", "- ", "1. ", "    "])
    return _write(folder, f"nested-{i}.md", marker * depth + rng.choice(SENTENCES) + "\n")


def invalid_utf8(folder: Path, rng: random.Random, i: int) -> Path:
    text = _article(rng).encode("utf-8")
    bad = rng.choice([b"\xff", b"\xc3", b"\xe2\x82", b"\x80\x80", b"\xf8\x88\x80\x80\x80"])
    at = rng.randrange(len(text))
    ext = [".txt", ".md", ".html"][i % 3]
    data = text[:at] + bad * rng.randint(1, 50) + text[at:]
    return _write(folder, f"invalid-utf8-{i}{ext}", data)


def utf16(folder: Path, rng: random.Random, i: int) -> Path:
    codec = ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"][i % 4]
    with_bom = (i // 4) % 2 == 0
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[codec]
    data = (bom if with_bom else b"") + _article(rng).encode(codec)
    label = "bom" if with_bom else "nobom"
    return _write(folder, f"{codec}-{label}-{i}.{['txt', 'md'][i % 2]}", data)


def control_chars(folder: Path, rng: random.Random, i: int) -> Path:
    text = list(_article(rng))
    share = rng.choice([0.001, 0.01, 0.2])
    for _ in range(max(1, int(len(text) * share))):
        text.insert(rng.randrange(len(text)), chr(rng.choice([*range(1, 9), *range(14, 32), 127])))
    return _write(folder, f"control-{i}.txt", "".join(text))


def nul_middle(folder: Path, rng: random.Random, i: int) -> Path:
    text = _article(rng).encode("utf-8")
    at = len(text) // 2
    ext = [".txt", ".md", ".html"][i % 3]
    data = text[:at] + b"\x00" * rng.randint(1, 8) + text[at:]
    return _write(folder, f"nul-middle-{i}{ext}", data)


def lone_surrogate(folder: Path, rng: random.Random, i: int) -> Path:
    sentence = rng.choice(SENTENCES)
    forms = [
        sentence.encode() + b" \xed\xa0\x80 " + sentence.encode(),  # CESU-style surrogate
        f"<p>{sentence} &#xD800; {sentence}</p>".encode(),  # numeric reference to one
        codecs.BOM_UTF16_LE + sentence.encode("utf-16-le") + b"\x00\xd8" + b"a\x00",
        sentence.encode("utf-16-le") + b"\x00\xdc",  # low surrogate, no BOM
    ]
    ext = [".txt", ".html", ".txt", ".md"][i % 4]
    return _write(folder, f"surrogate-{i}{ext}", forms[i % 4])


def zip_bomb(folder: Path, rng: random.Random, i: int) -> Path:
    payload = b"\0" * (rng.choice([1, 10, 50]) * MB)
    if i % 2:
        data = gzip.compress(payload, compresslevel=9)
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("index.html", payload)
        data = buffer.getvalue()
    return _write(folder, f"bomb-{i}.html", data)


def symlink_loop(folder: Path, rng: random.Random, i: int) -> Path:
    a, b = folder / f"loop-{i}-a.txt", folder / f"loop-{i}-b.txt"
    a.symlink_to(b.name)
    b.symlink_to(a.name)
    return a if i % 2 else b


def self_link(folder: Path, rng: random.Random, i: int) -> Path:
    path = folder / f"self-link-{i}.md"
    path.symlink_to(path.name)
    return path


def special_link(folder: Path, rng: random.Random, i: int) -> Path:
    targets = ["/dev/zero", "/dev/null", "/dev/urandom", "/proc/self/mem", "/nonexistent/x"]
    path = folder / f"special-link-{i}.txt"
    path.symlink_to(targets[i % len(targets)])
    return path


def unreadable(folder: Path, rng: random.Random, i: int) -> Path:
    """Mode 000. Root reads such files anyway, so as root they are simply built (or refused for
    their content); run the batch as an unprivileged user to see the refusal."""
    path = _write(folder, f"unreadable-{i}.txt", _article(rng))
    path.chmod(0)
    return path


def directory_named_file(folder: Path, rng: random.Random, i: int) -> Path:
    path = folder / f"dir-{i}.{['html', 'txt', 'md'][i % 3]}"
    path.mkdir()
    return path


def fifo(folder: Path, rng: random.Random, i: int) -> Path:
    path = folder / f"fifo-{i}.txt"
    os.mkfifo(path)
    return path


def wrong_type(folder: Path, rng: random.Random, i: int) -> Path:
    name = [f"report-{i}.pdf", f"noext-{i}", f"archive-{i}.tar.gz", f"trailing-dot-{i}."][i % 4]
    return _write(folder, name, _article(rng))


def odd_name(folder: Path, rng: random.Random, i: int) -> Path:
    names = [f"line\nbreak-{i}.txt", f"tab\tand space-{i}.txt", f"ünïcødé-{i}.md",
             f"-dash-{i}.txt", f"ansi\x1b[31m-{i}.txt"]
    path = folder / names[i % len(names)]
    path.write_text(_article(rng), encoding="utf-8")
    return path


def undecodable_name(folder: Path, rng: random.Random, i: int) -> Path:
    """A file name that is not valid UTF-8 (Python keeps it with surrogate escapes)."""
    raw = os.fsencode(folder) + f"/latin1-\xe9-{i}.txt".encode("latin-1")
    with open(raw, "wb") as fh:
        fh.write(_article(rng).encode("utf-8"))
    return Path(os.fsdecode(raw))


def punctuation_storm(folder: Path, rng: random.Random, i: int) -> Path:
    unit = rng.choice(["...", "A. ", "U.S.", "!?", "“”", "(((", "- ", "| ", "# ", "Dr. "])
    return _write(folder, f"punct-{i}.{['txt', 'md'][i % 2]}", unit * rng.randint(10, 20000))


def long_sentence(folder: Path, rng: random.Random, i: int) -> Path:
    """Run-on text: mostly prose-like (few actors), every fourth one dense with actor names."""
    dense = i % 4 == 3
    sizes = [rng.randint(300, 1500), rng.randint(2000, 40000), rng.randint(1500, 4000)]
    sizes.append(rng.randint(500, 1500))
    words = sizes[i % 4]
    text = _run_on(rng, words, 0.3 if dense else 0.02)
    return _write(folder, f"long-sentence-{i}.{['txt', 'md'][i % 2]}", text + "\n")


def legacy_html(folder: Path, rng: random.Random, i: int) -> Path:
    charset = rng.choice(["iso-8859-1", "bogus-charset", "utf-7", "shift_jis", "x" * 60])
    page = _html(rng).replace("<head>", f'<head><meta charset="{charset}">')
    return _write(folder, f"charset-{i}.html", page.encode("latin-1") + b"\xe9\xe8")


def markup_oddities(folder: Path, rng: random.Random, i: int) -> Path:
    forms = [
        '<?xml version="1.0" encoding="UTF-16"?>' + _html(rng),
        _html(rng, "<![CDATA[" + rng.choice(SENTENCES) + "]]>"),
        _html(rng, "&amp;" * 5000 + "&#0;&#xFFFF;&#x110000;&bogus;"),
        _html(rng, f'<p title="{"x" * 100000}">{rng.choice(SENTENCES)}</p>'),
        "<html>" + "<p>" * 20000,
        _html(rng, "<svg><script>" + "a<b" * 1000 + "</script></svg>"),
        "<" * 50000,
    ]
    return _write(folder, f"markup-{i}.html", forms[i % len(forms)])


def valid_mixed(folder: Path, rng: random.Random, i: int) -> Path:
    """Valid documents with awkward content (mixed scripts, RTL marks, emoji): should build."""
    extra = rng.choice(["", "\u200f\u202e", "🚀🇺🇳", "中文", "العربية", "\u0301\u0301", "\t"])
    text = _article(rng).replace("signed", f"signed{extra}")
    ext = [".txt", ".md", ".html"][i % 3]
    return _write(folder, f"mixed-{i}{ext}", _html(rng) if ext == ".html" else text)


VARIED: tuple[Maker, ...] = (
    binary, empty, bom_only, truncated_html, nested_html, nested_markdown, invalid_utf8, utf16,
    control_chars, nul_middle, lone_surrogate, zip_bomb, symlink_loop, self_link, special_link,
    unreadable, directory_named_file, fifo, wrong_type, odd_name, undecodable_name,
    punctuation_storm, long_sentence, legacy_html, markup_oddities, valid_mixed,
)


# -- one-off heavy kinds --------------------------------------------------------------------


def fifty_mb(folder: Path, rng: random.Random, i: int) -> Path:
    path = folder / "fifty-mb.txt"
    block = (_article(rng) * 50).encode("utf-8")
    with path.open("wb") as fh:
        while fh.tell() < 50 * MB:
            fh.write(block)
    return path


def five_mb_line(folder: Path, rng: random.Random, i: int) -> Path:
    text = _run_on(rng, 5 * MB // 5, 0.002)
    return _write(folder, "five-mb-line.txt", text[: 5 * MB])


def nested_divs(folder: Path, rng: random.Random, i: int) -> Path:
    return _write(folder, "divs-100k.html", _html(rng, "<div>" * 100000 + SENTENCES[0]
                                                  + "</div>" * 100000))


def big_script(folder: Path, rng: random.Random, i: int) -> Path:
    script = "<script>var x = '" + "Peru and Chile signed " * (10 * MB // 22) + "';</script>"
    return _write(folder, "script-10mb.html", _html(rng, script + f"<p>{SENTENCES[0]}</p>"))


def markdown_table(folder: Path, rng: random.Random, i: int) -> Path:
    rows = ["| country | partner | deal |", "|---|---|---|"]
    rows += [f"| Peru | Vietnam | rice {n} |" for n in range(10000)]
    return _write(folder, "table-10k.md", "# Trade Table\n\n" + "\n".join(rows) + "\n")


HEAVY: tuple[Maker, ...] = (fifty_mb, five_mb_line, nested_divs, big_script, markdown_table)


def _make(folder: Path, maker: Maker, rng: random.Random, i: int) -> Hostile:
    return Hostile(maker(folder, rng, i), maker.__name__)


def generate(folder: Path, *, count: int = 500, seed: int = 0, heavy: bool = True) -> list[Hostile]:
    """At least ``count`` inputs in ``folder``: every heavy kind once, the others round-robin."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    made = [_make(folder, m, rng, 0) for m in HEAVY] if heavy else []
    i = 0
    while len(made) < count:
        # The index passed is the instance number within the kind, so variants cycle fully.
        maker = VARIED[i % len(VARIED)]
        made.append(_make(folder, maker, rng, i // len(VARIED)))
        i += 1
    return made


def representative(
    folder: Path,
    *,
    instances: tuple[int, ...] = (0, 3),
    seed: int = 0,
    heavy: tuple[Maker, ...] = (fifty_mb, nested_divs),
) -> list[Hostile]:
    """The given instances of every varied kind plus the chosen heavy ones (fast enough for
    the test suite: the 50 MB file is refused on its size, the 5 MB line takes minutes)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    made = [_make(folder, m, rng, 0) for m in heavy]
    for n in instances:
        made += [_make(folder, m, rng, n) for m in VARIED]
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    made = generate(args.folder, count=args.count, seed=args.seed)
    kinds = sorted({h.kind for h in made})
    print(f"{len(made)} hostile inputs of {len(kinds)} kinds in {args.folder}")


if __name__ == "__main__":
    main()
