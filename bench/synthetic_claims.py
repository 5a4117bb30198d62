"""Build a store of N synthetic claims fast, in our model, for the load test.

    PYTHONPATH=src .venv/bin/python bench/synthetic_claims.py --claims 1000000 --out /tmp/s1m

Running the pipeline over a million claims' worth of documents takes hours, and the load test
only needs data of the right shape and size: so document graphs are written straight as
N-Quads and bulk-loaded in one ``pyoxigraph.Store.bulk_load`` call over a stream of every
document (one call per batch made RocksDB ingest and compact hundreds of small files; for
20,000 claims bench/LOAD.md recorded 15 s of loading that way, and one call took 6 s, though
not on an equally idle machine). The data
follows docs/design.md: one named graph per document (document node, extraction run, software
agent), each claim with its actors, dimension/polarity/formality/modality concepts, confidence,
cue, year, Web Annotation evidence (target, quote and position selectors with real offsets into
the document's synthetic text) and sometimes a quantity. Actors come from the reference graph,
drawn with a skewed (Zipf-like) popularity so some actors have many claims, as in the news;
cues, dimensions and polarities come from the cue lexicon. The reference and ontology graphs are
loaded with ``allegiance.pipeline.load_reference``; the tiers graph ranks each actor's partners
by claim count (``--real-tiers`` runs the reasoning step's ``write_tiers`` instead); the
relation summaries are written by the reasoning step's ``write_summaries``. Document
``i`` depends only on (seed, i). Each document graph gets the catalogue entry a build would
write (content hash, triple count, source path, claim table), so reasoning reads the store as
it reads a built one.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from allegiance import EXTRACTOR_VERSION
from allegiance.extract.lexicon import load_lexicon
from allegiance.model.iris import hash16
from allegiance.model.vocab import notations
from allegiance.pipeline import load_reference
from allegiance.reference import load_gazetteer
from allegiance.store import GraphStore
from allegiance.store.catalogue import entry_nquads
from allegiance.store.claimindex import FILE_NAME as INDEX_FILE

ALG = "https://w3id.org/allegiance/ontology#"
ID = "https://w3id.org/allegiance/id/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
PER_DOCUMENT = 10
"""Claims per document graph (the pipeline's documents hold a few to a few dozen)."""
BATCH_DOCUMENTS = 2000
TIER_RANKS = ((3, "T1"), (10, "T2"), (30, "T3"), (sys.maxsize, "T4"))
"""Synthetic tiers by rank of a partner among the focal actor's partners."""
TIERS_GRAPH = f"{ID}graph/tiers"
ZIPF = 1.1
ClaimsByPair = defaultdict[tuple[str, str], list[str]]
"""The IRIs of the claims of each pair of actors (ids in sorted order)."""


@dataclass(frozen=True)
class Cue:
    term: str
    dimension: str
    polarity: str
    formality: str
    direction: str
    """The lexicon's: forward (the first named acts), backward, or mutual (undirected)."""


@dataclass(frozen=True)
class Material:
    actors: list[tuple[str, str]]
    """(id, label), most popular first."""
    labels: dict[str, str]
    weights: list[float]
    cues: list[Cue]
    concepts: dict[str, dict[str, str]]
    config_hash: str


def material() -> Material:
    gazetteer = load_gazetteer()
    refs = sorted(gazetteer.actors(), key=lambda a: a.id)
    actors = [(a.id, a.label) for a in refs]
    random.Random(0).shuffle(actors)  # popularity rank, fixed
    weights = [1.0 / (rank + 1) ** ZIPF for rank in range(len(actors))]
    lexicon = load_lexicon()
    dimensions = list(notations("dimension"))
    cues = []
    for term, readings in sorted(lexicon.relations.items()):
        if not all(word.isalpha() for word in term.split()):
            continue  # wildcards: keep words and phrases of plain words (energy cues are phrases)
        for reading in readings:
            dimension = reading.dimension or reading.default
            if dimension in dimensions and reading.polarity:
                cues.append(Cue(term, dimension, reading.polarity, reading.formality or "F0",
                                reading.direction))
    concepts = {scheme: {k: str(v) for k, v in notations(scheme).items()}
                for scheme in ("dimension", "polarity", "formality", "modality")}
    return Material(actors, dict(actors), weights, cues, concepts, lexicon.config_hash)


def _lit(text: str) -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r"))
    return f'"{escaped}"'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def document_nquads(index: int, seed: int, m: Material) -> tuple[str, list[tuple[str, str, str]]]:
    """The N-Quads of document ``index`` and its claims as (actor, actor, claim IRI), the two
    actors in sorted order."""
    rng = random.Random(f"{seed}:{index}")
    sentences: list[tuple[str, str, str, Cue, int | None]] = []
    for _ in range(PER_DOCUMENT):
        a, b = rng.choices(range(len(m.actors)), weights=m.weights, k=2)
        while b == a:
            b = rng.choices(range(len(m.actors)), weights=m.weights)[0]
        cue = rng.choice(m.cues)
        year = rng.choice([None, *range(2015, 2026)])
        sentences.append((m.actors[a][0], m.actors[b][0], "", cue, year))
    texts = []
    for subject, obj, _, cue, year in sentences:
        when = f" in {year}" if year else ""
        texts.append(f"{m.labels[subject]} {cue.term} {m.labels[obj]}{when}, "
                     f"officials said after talks on item {index}.")
    text = "Synthetic wire " + str(index) + ". " + " ".join(texts)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = f"<{ID}document/{sha[:16]}>"
    run = f"<{ID}run/{hash16(EXTRACTOR_VERSION, m.config_hash)}>"
    software = f"<{ID}software/allegiance/{EXTRACTOR_VERSION}>"
    out = [
        f"{doc} {RDF_TYPE} <{ALG}Document> {doc} .",
        f"{doc} <{ALG}contentHash> {_lit('sha256:' + sha)} {doc} .",
        f"{doc} <{ALG}sourcePath> {_lit(f'synthetic/wire-{index:07d}.txt')} {doc} .",
        f"{doc} <{DCT}format> \"text/plain\" {doc} .",
        f"{doc} <{DCT}title> {_lit(f'Synthetic wire {index}')} {doc} .",
        f"{doc} <{DCT}date> {_typed(_document_date(rng), 'date')} {doc} .",
        f"{doc} <{ALG}characterCount> {_typed(len(text), 'nonNegativeInteger')} {doc} .",
        f"{run} {RDF_TYPE} <{ALG}ExtractionRun> {doc} .",
        f"{run} {RDF_TYPE} <{PROV}Activity> {doc} .",
        f"{run} <{PROV}wasAssociatedWith> {software} {doc} .",
        f"{run} <{ALG}extractorVersion> {_lit(EXTRACTOR_VERSION)} {doc} .",
        f"{run} <{ALG}configurationHash> {_lit(m.config_hash)} {doc} .",
        f"{software} {RDF_TYPE} <{PROV}SoftwareAgent> {doc} .",
        f"{software} <http://www.w3.org/2000/01/rdf-schema#label> "
        f"{_lit('allegiance ' + EXTRACTOR_VERSION)} {doc} .",
    ]
    pairs = []
    start = len("Synthetic wire " + str(index) + ". ")
    for (subject, obj, _, cue, year), sentence in zip(sentences, texts, strict=True):
        end = start + len(sentence)
        # as the extractor orders a pair: undirected, the id that sorts first is the subject
        if cue.direction == "mutual":
            subject, obj = sorted((subject, obj))
        elif cue.direction == "backward":
            subject, obj = obj, subject
        quads = _claim_quads(doc, run, sha, text, start, end, subject, obj, cue, year, rng, m)
        claim = quads[0].split(" ", 1)[0][1:-1]  # the subject of its first quad (its type)
        pairs.append((*sorted((subject, obj)), claim))
        out.extend(quads)
        start = end + 1
    # the catalogue entry a build writes with the graph (content hash, claim table)
    ntriples = "".join(line.removesuffix(f" {doc} .") + " .\n" for line in out)
    entry = entry_nquads(doc[1:-1], ntriples.encode("utf-8"), f"synthetic/wire-{index:07d}.txt")
    return "\n".join(out) + "\n" + entry.decode("utf-8"), pairs


def _document_date(rng: random.Random) -> str:
    return f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _claim_quads(doc: str, run: str, sha: str, text: str, start: int, end: int, subject: str,
                 obj: str, cue: Cue, year: int | None, rng: random.Random, m: Material
                 ) -> list[str]:
    hex16 = hash16(sha, start, end, subject, obj, cue.dimension, cue.polarity)
    claim, ev = f"{ID}claim/{hex16}", f"{ID}evidence/{hex16}"
    c, e, t, q, p = (f"<{claim}>", f"<{ev}>", f"<{ev}#target>", f"<{ev}#quote>",
                     f"<{ev}#position>")
    modality = rng.choice(["asserted", "asserted", "asserted", "hedged", "planned"])
    confidence = round(rng.uniform(0.3, 0.95), 3)
    quads = [
        (c, RDF_TYPE, f"<{ALG}RelationClaim>"),
        (c, f"<{ALG}subjectActor>", f"<{ID}actor/{subject}>"),
        (c, f"<{ALG}objectActor>", f"<{ID}actor/{obj}>"),
        (c, f"<{ALG}dimension>", f"<{m.concepts['dimension'][cue.dimension]}>"),
        (c, f"<{ALG}polarity>", f"<{m.concepts['polarity'][cue.polarity]}>"),
        (c, f"<{ALG}formality>", f"<{m.concepts['formality'][cue.formality]}>"),
        (c, f"<{ALG}modality>", f"<{m.concepts['modality'][modality]}>"),
        (c, f"<{ALG}directed>", _typed(str(cue.direction != "mutual").lower(), "boolean")),
        (c, f"<{ALG}confidence>", _typed(confidence, "decimal")),
        (c, f"<{ALG}statedIn>", doc),
        (c, f"<{ALG}status>", '"extracted"'),
        (c, f"<{PROV}wasGeneratedBy>", run),
        (c, f"<{ALG}cue>", _lit(cue.term)),
        (c, f"<{ALG}hasEvidence>", e),
        (e, RDF_TYPE, f"<{ALG}Evidence>"),
        (e, RDF_TYPE, f"<{OA}Annotation>"),
        (e, f"<{OA}motivatedBy>", f"<{OA}describing>"),
        (e, f"<{OA}hasTarget>", t),
        (t, RDF_TYPE, f"<{OA}SpecificResource>"),
        (t, f"<{OA}hasSource>", doc),
        (t, f"<{OA}hasSelector>", q),
        (t, f"<{OA}hasSelector>", p),
        (q, RDF_TYPE, f"<{OA}TextQuoteSelector>"),
        (q, f"<{OA}exact>", _lit(text[start:end])),
        (q, f"<{OA}prefix>", _lit(text[max(0, start - 32):start])),
        (p, RDF_TYPE, f"<{OA}TextPositionSelector>"),
        (p, f"<{OA}start>", _typed(start, "nonNegativeInteger")),
        (p, f"<{OA}end>", _typed(end, "nonNegativeInteger")),
    ]
    if end < len(text):
        quads.append((q, f"<{OA}suffix>", _lit(text[end:end + 32])))
    if year is not None:
        quads.append((c, f"<{ALG}referenceYear>", _typed(year, "gYear")))
    if rng.random() < 0.1:
        qty = f"<{claim}#quantity>"
        quads += [(c, f"<{ALG}quantity>", qty), (qty, RDF_TYPE, f"<{ALG}Quantity>"),
                  (qty, f"<{ALG}amount>", _typed(f"{rng.randint(1, 900)}000000.0", "decimal")),
                  (qty, f"<{ALG}unit>", '"USD"'), (qty, f"<{ALG}comparator>", '"="')]
    return [f"{s} {pr} {o} {doc} ." for s, pr, o in quads]


def batches(claims: int, seed: int, m: Material, by_pair: ClaimsByPair
            ) -> Iterator[tuple[bytes, int]]:
    """N-Quads of ``BATCH_DOCUMENTS`` documents at a time; each pair's claims go to
    ``by_pair``."""
    documents = -(-claims // PER_DOCUMENT)
    for first in range(0, documents, BATCH_DOCUMENTS):
        parts = []
        for i in range(first, min(first + BATCH_DOCUMENTS, documents)):
            text, pairs = document_nquads(i, seed, m)
            parts.append(text)
            for a, b, claim in pairs:
                by_pair[(a, b)].append(claim)
        yield "".join(parts).encode("utf-8"), len(parts)


def synthetic_tiers(by_pair: ClaimsByPair) -> bytes:
    """A tiers graph of the shape the reasoning step writes, ranked by claim count per focal
    actor (the real rules cost minutes per 100k claims; ``--real-tiers`` runs them). Each
    assignment is derived from every claim of its pair (``prov:wasDerivedFrom``), so that
    tier-explanation has claims to list; the real rules cite the claims that met the rule, at
    most these."""
    partners: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (a, b), claims in by_pair.items():
        partners[a].append((len(claims), b))
        partners[b].append((len(claims), a))
    graph = f"<{TIERS_GRAPH}>"
    out = []
    for focal in sorted(partners):
        ranked = sorted(partners[focal], key=lambda item: (-item[0], item[1]))
        for rank, (n, partner) in enumerate(ranked, 1):
            node = f"<{ID}tier/{focal}/{partner}>"
            tier = next(t for limit, t in TIER_RANKS if rank <= limit)
            confidence = round(min(0.99, 0.5 + n / (2 * ranked[0][0])), 3)
            out += [f"{node} {RDF_TYPE} <{ALG}TierAssignment> {graph} .",
                    f"{node} <{ALG}focalActor> <{ID}actor/{focal}> {graph} .",
                    f"{node} <{ALG}partner> <{ID}actor/{partner}> {graph} .",
                    f"{node} <{ALG}tier> {_lit(tier)} {graph} .",
                    f"{node} <{ALG}rank> {_typed(rank, 'positiveInteger')} {graph} .",
                    f"{node} <{ALG}sourceCount> {_typed(n, 'nonNegativeInteger')} {graph} .",
                    f"{node} <{ALG}confidence> {_typed(confidence, 'decimal')} {graph} ."]
            out += [f"{node} <{PROV}wasDerivedFrom> <{claim}> {graph} ."
                    for claim in by_pair[min(focal, partner), max(focal, partner)]]
    return ("\n".join(out) + "\n").encode("utf-8")


class _Stream(io.RawIOBase):
    """A binary reader over generated N-Quads batches, so one ``bulk_load`` takes them all."""

    def __init__(self, parts: Iterator[tuple[bytes, int]], progress: bool) -> None:
        self._parts, self._progress = parts, progress
        self._buffer, self._offset = b"", 0
        self.documents, self.generate_s = 0, 0.0
        self._started = time.monotonic()

    def readable(self) -> bool:
        return True

    def readinto(self, target: bytearray | memoryview) -> int:  # type: ignore[override]
        while self._offset >= len(self._buffer):
            mark = time.monotonic()
            part = next(self._parts, None)
            self.generate_s += time.monotonic() - mark
            if part is None:
                return 0
            self._buffer, self._offset = part[0], 0
            self.documents += part[1]
            if self._progress:
                print(f"\r{self.documents * PER_DOCUMENT:,} claims generated, "
                      f"{time.monotonic() - self._started:.0f} s", end="", file=sys.stderr,
                      flush=True)
        n = min(len(target), len(self._buffer) - self._offset)
        target[:n] = self._buffer[self._offset:self._offset + n]
        self._offset += n
        return n


def build_store(out: Path, claims: int, seed: int = 1, real_tiers: bool = False,
                progress: bool = True) -> dict[str, float]:
    """Create the store at ``out`` (which must not exist); timings and sizes as a dict."""
    if out.exists():
        raise SystemExit(f"{out} exists; remove it or choose another --out")
    m = material()
    started = time.monotonic()
    with GraphStore.open(out) as store:
        load_reference(store)
    raw = ox.Store(str(out))
    by_pair: ClaimsByPair = defaultdict(list)
    stream = _Stream(batches(claims, seed, m, by_pair), progress)
    mark = time.monotonic()
    # One bulk_load over a stream of every document: oxigraph sorts and writes its SST files
    # once, instead of ingesting hundreds of small files that RocksDB must then compact (a
    # call per batch made loading slow down as the store grew, ~30k quads/s at 200k claims).
    raw.bulk_load(stream, format=ox.RdfFormat.N_QUADS)
    loaded = time.monotonic() - mark - stream.generate_s
    generated = stream.generate_s
    mark = time.monotonic()
    if not real_tiers:
        raw.bulk_load(synthetic_tiers(by_pair), format=ox.RdfFormat.N_QUADS)
    del by_pair
    raw.flush()
    raw.optimize()
    quads = len(raw)
    del raw
    tier_s = time.monotonic() - mark
    if progress:
        print(file=sys.stderr)
    if real_tiers:
        from allegiance.reason.tiergraph import write_tiers

        mark = time.monotonic()
        with GraphStore.open(out) as store:
            write_tiers(store)
        tier_s = time.monotonic() - mark
    # the relation summaries the popular-actor templates read (as the reasoning step writes them)
    from allegiance.reason.summary import write_summaries

    mark = time.monotonic()
    with GraphStore.open(out) as store:
        summaries = write_summaries(store)
        summary_s = time.monotonic() - mark
        # as `allegiance build` does after its writes: the claim index (text and date search),
        # then a compaction, since the writes left table files that every template lookup
        # would search (about 2x slower templates at 1M claims)
        mark = time.monotonic()
        indexed = store.refresh_claim_index()
        index_s = time.monotonic() - mark
        mark = time.monotonic()
        store.compact()
    compaction_s = time.monotonic() - mark
    index_bytes = sum(f.stat().st_size for f in out.glob(f"{INDEX_FILE}*") if f.is_file())
    size = sum(f.stat().st_size for f in out.rglob("*") if f.is_file())
    return {"claims": claims, "quads": quads, "generate_s": generated, "bulk_load_s": loaded,
            "tiers_s": tier_s, "summaries": summaries, "summaries_s": summary_s,
            "compaction_s": compaction_s, "claim_index_s": index_s,
            "claim_index_bytes": index_bytes, "claim_index_usable": indexed.usable,
            "total_s": time.monotonic() - started, "bytes": size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--real-tiers", action="store_true",
                        help="compute tiers with the reasoning step (slow at 1M claims)")
    args = parser.parse_args(argv)
    stats = build_store(args.out, args.claims, args.seed, real_tiers=args.real_tiers)
    # bench/load_test.py reads the build figures from here, for its report
    args.out.with_suffix(".stats.json").write_text(json.dumps(stats), encoding="utf-8")
    print(f"{stats['claims']:,} claims, {stats['quads']:,} quads, "
          f"{stats['bytes'] / 1e9:.2f} GB in {args.out}: generate {stats['generate_s']:.0f} s, "
          f"bulk load {stats['bulk_load_s']:.0f} s, tiers {stats['tiers_s']:.0f} s, "
          f"{stats['summaries']:,} relation summaries {stats['summaries_s']:.0f} s, "
          f"compaction {stats['compaction_s']:.0f} s, "
          f"total {stats['total_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
