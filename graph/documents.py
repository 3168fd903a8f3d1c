"""Reading a documents folder: decode each file, parse its front matter, and name every file it cannot take."""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pyoxigraph import NamedNode

from evkg.graph.iris import slugify
from evkg.graph.records import DocumentInfo

FRONT_MATTER_DELIMITER = "---"
FRONT_MATTER_KEYS = ("title", "source", "date")
# the ways news sites write a publication date, besides ISO 8601 (English month names)
DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y/%m/%d", "%d.%m.%Y")
# a legacy 8-bit encoding is only believed when the decoded text has almost no control characters
MAX_CONTROL_RATIO = 0.001
MAX_BINARY_CONTROL_RATIO = 0.05
BINARY_SAMPLE = 65536  # bytes looked at for C0 control codes, before any decoding
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
LEGACY_ENCODINGS = ("cp1252", "latin-1")
TEXT_CONTROLS = frozenset("\t\n\r\f\v")
log = logging.getLogger(__name__)


class UnreadableDocument(ValueError):
    """A file that cannot be taken as a document; its message is the reason shown in the report."""


@dataclass(frozen=True)
class Skipped:
    """A file left out of the build, with the reason a person can act on."""

    file: str
    reason: str

    @classmethod
    def failed(cls, file: str, step: str, error: Exception) -> Skipped:
        """A file set aside because a build step raised on it: the error's class and message, for report.json."""
        return cls(file, f"{step} failed, set aside: {type(error).__name__}: {error}")


@dataclass
class DocumentScan:
    """What a documents folder yields: the readable documents, the skipped files, and warnings by file."""

    documents: list[DocumentInfo] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: dict[str, list[str]] = field(default_factory=dict)


def scan_documents(documents_dir: Path, max_size: int) -> DocumentScan:
    """Read every visible file of the folder in name order; duplicates and bad files are skipped, not fatal."""
    scan = DocumentScan()
    by_sha: dict[str, str] = {}
    by_slug: dict[str, str] = {}
    for path in _document_files(Path(documents_dir)):
        warnings: list[str] = []
        try:
            document = read_document(path, max_size, warnings)
        except UnreadableDocument as error:
            scan.skipped.append(Skipped(path.name, str(error)))
            continue
        except Exception as error:  # a bug met on one file must not stop the build of the others
            log.exception("reading %s failed; it is set aside", path.name)
            scan.skipped.append(Skipped.failed(path.name, "reading", error))
            continue
        if document.sha256 in by_sha:
            scan.skipped.append(Skipped(path.name, f"duplicate: same text as {by_sha[document.sha256]}"))
            continue
        if document.slug in by_slug:
            scan.skipped.append(Skipped(path.name, f"name clash: same slug {document.slug!r} as {by_slug[document.slug]}"))
            continue
        by_sha[document.sha256] = by_slug[document.slug] = path.name
        scan.documents.append(document)
        if warnings:
            scan.warnings[path.name] = warnings
    return scan


def read_document(path: Path, max_size: int, warnings: list[str]) -> DocumentInfo:
    """One file as a DocumentInfo; raises UnreadableDocument with the reason, appends softer issues to warnings."""
    try:
        size = path.stat().st_size
        if size > max_size:
            raise UnreadableDocument(f"too large: {size:,} bytes (limit {max_size:,})")
        raw = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(f"cannot read: {error.strerror}") from error
    text = decode(raw, warnings)
    metadata, body = split_front_matter(text, warnings)
    if not body.strip():
        raise UnreadableDocument("empty: no text" + (" after the front matter" if metadata else ""))
    sha256 = hashlib.sha256(body.encode("utf-8")).hexdigest()
    return DocumentInfo(
        slug=slugify(path.stem) or f"document-{sha256[:12]}",
        file_name=path.name,
        title=metadata.get("title") or path.name,
        source_url=_source_url(metadata.get("source"), warnings),
        date=_publication_date(metadata.get("date"), warnings),
        sha256=sha256,
        text=body,
        read_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


def decode(raw: bytes, warnings: list[str]) -> str:
    """Text from bytes: UTF-8 (or a Unicode BOM), else a legacy encoding if the result is plausibly text."""
    if not raw:
        raise UnreadableDocument("empty: the file has no bytes")
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return _decode_strict(raw, encoding)
    if b"\x00" in raw:
        raise UnreadableDocument("binary: contains NUL bytes")
    if _control_ratio(raw[:BINARY_SAMPLE].decode("ascii", "ignore")) > MAX_BINARY_CONTROL_RATIO:
        raise UnreadableDocument("binary: too many control characters")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = f"not UTF-8 (invalid byte 0x{raw[error.start]:02x} at offset {error.start})"
    for encoding in LEGACY_ENCODINGS:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) <= MAX_CONTROL_RATIO:
            warnings.append(f"{utf8_error}; read as {encoding}")
            return text
    raise UnreadableDocument(f"{utf8_error}, and not plausibly text in {' or '.join(LEGACY_ENCODINGS)}")


def split_front_matter(text: str, warnings: list[str]) -> tuple[dict[str, str], str]:
    """The `---` block of `key: value` lines at the top, and the body after it (leading blank lines dropped)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FRONT_MATTER_DELIMITER:
        return {}, text
    for end, line in enumerate(lines[1:], start=1):
        if line.strip() == FRONT_MATTER_DELIMITER:
            break
    else:
        warnings.append("front matter opened with '---' but never closed; read as text")
        return {}, text
    metadata: dict[str, str] = {}
    for line in lines[1:end]:
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if not colon or key not in FRONT_MATTER_KEYS:
            if line.strip():
                warnings.append(f"front matter line ignored: {line.strip()!r}")
            continue
        metadata[key] = value.strip().strip("\"'")
    return metadata, "".join(lines[end + 1:]).lstrip("\r\n")


def _document_files(documents_dir: Path) -> Iterator[Path]:
    """Visible regular files, sorted so builds are reproducible."""
    return (p for p in sorted(documents_dir.iterdir()) if p.is_file() and not p.name.startswith("."))


def _decode_strict(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError as error:
        raise UnreadableDocument(f"not valid {encoding} despite its byte-order mark ({error.reason})") from error


def _control_ratio(text: str) -> float:
    """Share of characters that are control codes other than ordinary whitespace."""
    controls = sum(1 for char in text if unicodedata.category(char) == "Cc" and char not in TEXT_CONTROLS)
    return controls / len(text)


def _source_url(value: str | None, warnings: list[str]) -> str | None:
    if not value:
        return None
    if re.match(r"^https?://\S+$", value) and _valid_iri(value):
        return value
    warnings.append(f"front matter source is not an http(s) URL, ignored: {value!r}")
    return None


def _valid_iri(value: str) -> bool:
    try:
        NamedNode(value)
    except ValueError:
        return False
    return True


def _publication_date(value: str | None, warnings: list[str]) -> str | None:
    """The front matter date as ISO YYYY-MM-DD, or None with a warning when it is no date of DATE_FORMATS."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).date().isoformat()  # also takes a date-time with its offset
    except ValueError:
        pass
    for written in DATE_FORMATS:
        try:
            return datetime.strptime(value, written).date().isoformat()
        except ValueError:
            continue
    warnings.append(f"front matter date is not a date such as 2025-03-02 or 2 March 2025, ignored: {value!r}")
    return None
