from __future__ import annotations

import os
from pathlib import Path

import pytest

from allegiance.ingest import IngestError, ingest, iter_inputs

GOOD = "Peru and Vietnam Sign a Rice Accord\n\nPeru and Vietnam signed a rice accord in Lima.\n"


def _reason(exc: pytest.ExceptionInfo[IngestError]) -> str:
    message = str(exc.value)
    assert "\n" not in message
    return message


def test_error_message_is_one_line_with_path() -> None:
    err = IngestError("a/b.txt", "something\nwent   wrong")
    assert str(err) == "a/b.txt: something went wrong"
    assert err.path == "a/b.txt"
    assert isinstance(err, Exception)


def test_missing_file(tmp_path: Path) -> None:
    target = tmp_path / "nope.txt"
    with pytest.raises(IngestError) as exc:
        ingest(target)
    assert _reason(exc) == f"{target}: no such file"


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(IngestError, match="is a directory"):
        ingest(folder)


def test_missing_file_with_unsupported_extension_says_missing(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        ingest(tmp_path / "gone.pdf")


def test_unsupported_extension(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_text(GOOD)
    with pytest.raises(IngestError, match=r"unsupported file type '\.pdf'"):
        ingest(target)


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  \r\n"])
def test_empty_or_whitespace(tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "empty.txt"
    target.write_bytes(content)
    with pytest.raises(IngestError, match="empty"):
        ingest(target)


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    target = tmp_path / "image.txt"
    target.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(IngestError, match="binary"):
        ingest(target)


def test_binary_control_bytes_without_nul(tmp_path: Path) -> None:
    target = tmp_path / "blob.md"
    target.write_bytes(bytes([1, 2, 3, 4, 5, 6, 0x10, 0x11]) * 200)
    with pytest.raises(IngestError, match="binary"):
        ingest(target)


def test_undecodable_after_bom(tmp_path: Path) -> None:
    target = tmp_path / "broken.txt"
    target.write_bytes(b"\xef\xbb\xbfTrade grew \xff\xfe\xfa between them.")
    with pytest.raises(IngestError, match="undecodable"):
        ingest(target)


def test_too_large_with_configured_limit(tmp_path: Path) -> None:
    target = tmp_path / "long.txt"
    target.write_text(GOOD * 50)
    with pytest.raises(IngestError, match="too large"):
        ingest(target, max_bytes=1000)
    assert ingest(target, max_bytes=100_000).text  # the same file is fine under a larger limit


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files whatever their mode")
def test_unreadable(tmp_path: Path) -> None:
    target = tmp_path / "secret.txt"
    target.write_text(GOOD)
    target.chmod(0)
    try:
        with pytest.raises(IngestError, match="permission denied"):
            ingest(target)
    finally:
        target.chmod(0o644)


def test_path_is_kept_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "given.txt").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    assert ingest("given.txt").path == "given.txt"


def _tree(root: Path) -> None:
    (root / "b").mkdir()
    (root / "a").mkdir()
    (root / ".hidden").mkdir()
    (root / "a" / "two.md").write_text(GOOD)
    (root / "a" / "one.txt").write_text(GOOD)
    (root / "a" / "notes.pdf").write_text(GOOD)
    (root / "a" / ".draft.txt").write_text(GOOD)
    (root / "b" / "page.HTML").write_text("<p>x</p>")
    (root / "b" / "page.htm").write_text("<p>x</p>")
    (root / "b" / "c.markdown").write_text(GOOD)
    (root / ".hidden" / "secret.txt").write_text(GOOD)
    (root / "top.txt").write_text(GOOD)


def test_iter_inputs_expands_sorted_and_filters(tmp_path: Path) -> None:
    _tree(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path])]
    assert found == [
        "a/one.txt",
        "a/two.md",
        "b/c.markdown",
        "b/page.HTML",
        "b/page.htm",
        "top.txt",
    ]


def test_iter_inputs_reports_missing_and_keeps_explicit_files(tmp_path: Path) -> None:
    explicit = tmp_path / "report.pdf"
    explicit.write_text(GOOD)
    results = list(iter_inputs([tmp_path / "missing", explicit]))
    assert isinstance(results[0], IngestError)
    assert "no such file or directory" in str(results[0])
    assert results[1] == explicit


def test_iter_inputs_survives_symlink_loops(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "b" / "again").symlink_to(tmp_path / "a", target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_inputs([tmp_path])]
    assert len(found) == len(set(found)) == 6
    assert found[0] == "a/one.txt"


def test_folder_readme_is_not_a_document(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About this folder\n\nNotes.\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Title\n\nBody text here.\n", encoding="utf-8")
    assert [p.name for p in iter_inputs([tmp_path])] == ["a.txt"]
    assert [p.name for p in iter_inputs([tmp_path / "README.md"])] == ["README.md"]
