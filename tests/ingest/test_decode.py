from __future__ import annotations

from pathlib import Path

import pytest

from allegiance.ingest import ingest
from allegiance.ingest.normalise import normalise_text

# Enough accented Latin text for an encoding detector to be sure of cp1252/latin-1.
ARTICLE = (
    "Peru and Côte d'Ivoire Sign a Cocoa Accord\n"
    "\n"
    "LIMA, Feb 2 (Andes Monitor) - Peru and Côte d'Ivoire signed a cocoa research accord on "
    "Tuesday, officials in Lima said. The ministers met at the Palacio de Torre Tagle, where "
    "Señora Núñez, the deputy minister, called it « a modest but genuine step ».\n"
    "\n"
    "The agreement covers seed exchanges, pest control and training for 150 agronomists in "
    "Yamoussoukro and Piura. Exports of cacao from Perú rose 12 per cent in 2024, according to "
    "customs data; officials expect further growth once the café and chocolatería sector "
    "recovers. Critics said the accord was “too little, too late” for small farmers.\n"
)


@pytest.fixture
def reference(tmp_path: Path) -> str:
    target = tmp_path / "reference.txt"
    target.write_text(ARTICLE, encoding="utf-8")
    return ingest(target).sha256


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-8-sig", "\n"),
        ("utf-16", "\n"),
        ("utf-16", "\r\n"),
        ("utf-32", "\n"),
        ("utf-8", "\r\n"),
        ("utf-8", "\r"),
        ("cp1252", "\n"),
        ("cp1252", "\r\n"),
    ],
)
def test_same_identity_across_encodings_and_line_ends(
    tmp_path: Path, reference: str, encoding: str, newline: str
) -> None:
    target = tmp_path / f"variant-{encoding}.txt"
    target.write_bytes(ARTICLE.replace("\n", newline).encode(encoding))
    doc = ingest(target)
    assert doc.sha256 == reference
    assert "Côte d'Ivoire" in doc.text
    assert "“too little, too late”" in doc.text


def test_latin1_file(tmp_path: Path, reference: str) -> None:
    text = ARTICLE.replace("“", '"').replace("”", '"')
    target = tmp_path / "latin.txt"
    target.write_bytes(text.encode("latin-1"))
    doc = ingest(target)
    assert "Señora Núñez" in doc.text
    assert doc.sha256 != reference  # the quotes differ, so the identity must too


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Accord</title></head><body><article>'
        "<h1>Peru and Côte d'Ivoire sign an accord</h1>"
        "<p>Señora Núñez called the accord “modest but real” on Tuesday in Lima, officials said."
        " The two ministries will share seed stocks and train agronomists from both countries."
        "</p></article></body></html>"
    )
    target = tmp_path / "page.html"
    target.write_bytes(page.encode("cp1252"))
    doc = ingest(target)
    assert "Señora Núñez called the accord “modest but real”" in doc.text


def test_normalisation_rules() -> None:
    raw = "Title\r\n\r\n\r\n\r\nA\tline  with   spaces\u00a0and\x07 bell.\u200b\r\n  indented\n"
    assert normalise_text(raw) == "Title\n\nA line with spaces and bell.\nindented"


def test_nfc_composition() -> None:
    assert normalise_text("Cote\u0302 d\u2019Ivoire") == "Cot\u00ea d\u2019Ivoire"
