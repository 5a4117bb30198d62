"""Reading input files safely: one error type with a one-line message, and folder expansion.

Every way a file can be unusable (missing, a directory, unreadable, too large, binary, empty,
undecodable, of an unsupported type) ends as an ``IngestError`` so that a batch run can report
the file and carry on, instead of dying on a traceback from deep inside a parser.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

MEDIA_TYPES: dict[str, str] = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".html": "text/html",
    ".htm": "text/html",
}
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot become a Document; ``str()`` is one line: ``"<path>: <reason>"``."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def media_type_for(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in MEDIA_TYPES:
        expected = ", ".join(sorted(MEDIA_TYPES))
        shown = f"'{suffix}'" if suffix else "(no extension)"
        raise IngestError(path, f"unsupported file type {shown}; expected one of {expected}")
    return MEDIA_TYPES[suffix]


def read_bytes(path: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a file after the cheap checks, so a 5 GB file is refused before it is loaded."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except OSError as exc:
        raise IngestError(path, f"cannot access file ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):  # what is_dir() and is_file() would ask the system again
        raise IngestError(path, "is a directory, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(path, "not a regular file")
    if st.st_size > max_bytes:
        raise IngestError(
            path, f"file too large ({st.st_size} bytes; the limit is {max_bytes} bytes)"
        )
    try:
        with p.open("rb") as fh:
            # Asking for max_bytes + 1 at once made Python allocate that much for every file;
            # the size seen above is asked for first, the rest only if the file has grown.
            want = min(st.st_size, max_bytes) + 1
            data = fh.read(want)
            if len(data) == want and want < max_bytes + 1:
                data += fh.read(max_bytes + 1 - want)
    except PermissionError:
        raise IngestError(path, "permission denied") from None
    except OSError as exc:
        raise IngestError(path, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise IngestError(path, f"file too large (more than {max_bytes} bytes)")
    return data


def _is_hidden(name: str) -> bool:
    """Hidden files, and a folder's own README (it describes the folder, it is not an article),
    are skipped when walking a folder; named directly, they are ingested like any file."""
    return name.startswith(".") or Path(name).stem.upper() == "README"


def _real(path: Path) -> Path | None:
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):
        return None


def _walk(folder: Path, seen_dirs: set[Path], seen_files: set[Path]) -> Iterator[Path]:
    """Depth-first, name-sorted walk; ``seen_dirs`` holds real paths so symlink loops end."""
    try:
        real = folder.resolve(strict=True)
    except (OSError, RuntimeError):
        return
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if _is_hidden(entry.name):
            continue
        child = folder / entry.name
        try:
            is_dir = entry.is_dir()  # follows symlinks
            is_file = entry.is_file()
        except OSError:
            continue
        if is_dir:
            yield from _walk(child, seen_dirs, seen_files)
        elif is_file and Path(entry.name).suffix.lower() in MEDIA_TYPES:
            try:
                real_file = child.resolve(strict=True)
            except (OSError, RuntimeError):
                continue
            if real_file not in seen_files:
                seen_files.add(real_file)
                yield child


def iter_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | IngestError]:
    """Expand folders into their supported files; a missing path becomes an IngestError.

    Files named explicitly are yielded whatever their extension, so that ``ingest`` can say why
    it refuses them; files found inside folders are filtered to the supported extensions.
    """
    seen_dirs: set[Path] = set()
    seen_files: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            reason = "broken symbolic link" if p.is_symlink() else "no such file or directory"
            yield IngestError(raw, reason)
        elif p.is_dir():
            # A folder named on the command line that holds nothing to build (an empty folder,
            # a directory called "x.html") is reported, so that every argument gets an outcome.
            already = _real(p) in seen_dirs
            found = 0
            for child in _walk(p, seen_dirs, seen_files):
                found += 1
                yield child
            if not found and not already:
                expected = ", ".join(sorted(MEDIA_TYPES))
                yield IngestError(raw, f"is a folder with no files to build ({expected})")
        else:
            yield p
