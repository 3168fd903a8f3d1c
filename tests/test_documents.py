"""Reading a documents folder: front matter, encodings, and every kind of file a build must refuse by name."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from evkg.graph.documents import scan_documents

TEXT = "The Ampere Douai Plant in France produced 89,527 units in 2024.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def reasons(folder: Path, max_size: int = 5_000_000) -> dict[str, str]:
    return {skip.file: skip.reason for skip in scan_documents(folder, max_size).skipped}


def test_plain_file_takes_its_name_as_title(tmp_path: Path) -> None:
    write(tmp_path, "Douai Output 2024.txt", TEXT)
    [document] = scan_documents(tmp_path, 5_000_000).documents
    assert document.slug == "douai-output-2024"
    assert document.title == "Douai Output 2024.txt"
    assert document.file_name == "Douai Output 2024.txt"
    assert document.date is None and document.source_url is None
    assert document.text == TEXT
    assert document.sha256 == hashlib.sha256(TEXT.encode()).hexdigest()
    assert document.read_at.endswith("+00:00")


def test_front_matter_gives_title_source_and_date(tmp_path: Path) -> None:
    header = "---\ntitle: Douai output\nsource: https://example.com/douai\ndate: 2025-01-15\n---\n\n"
    write(tmp_path, "douai.txt", header + TEXT)
    [document] = scan_documents(tmp_path, 5_000_000).documents
    assert (document.title, document.source_url, document.date) == (
        "Douai output", "https://example.com/douai", "2025-01-15")
    assert document.text == TEXT


@pytest.mark.parametrize("written", ["2025-03-02", "2025-03-02T09:30:00+01:00", "2 March 2025", "2 Mar 2025",
                                     "March 2, 2025", "Mar 2, 2025", "2025/03/02", "02.03.2025"])
def test_a_publication_date_is_read_as_news_sites_write_it(tmp_path: Path, written: str) -> None:
    write(tmp_path, "douai.txt", f"---\ndate: {written}\n---\n" + TEXT)
    scan = scan_documents(tmp_path, 5_000_000)
    assert scan.documents[0].date == "2025-03-02" and not scan.warnings.get("douai.txt")


def test_bad_front_matter_values_are_warnings_not_failures(tmp_path: Path) -> None:
    write(tmp_path, "douai.txt", "---\ntitle: T\nsource: https://example.com/<douai>\ndate: spring 2025\nauthor: X\n---\n" + TEXT)
    scan = scan_documents(tmp_path, 5_000_000)
    [document] = scan.documents
    assert document.source_url is None and document.date is None
    assert len(scan.warnings["douai.txt"]) == 3


def test_cp1252_text_is_read_with_a_warning(tmp_path: Path) -> None:
    write(tmp_path, "legacy.txt", "Renault’s €550 million plan for Douai.".encode("cp1252"))
    scan = scan_documents(tmp_path, 5_000_000)
    [document] = scan.documents
    assert document.text == "Renault’s €550 million plan for Douai."
    assert "cp1252" in scan.warnings["legacy.txt"][0]


def test_utf8_bom_and_utf16_are_read(tmp_path: Path) -> None:
    write(tmp_path, "bom.txt", "\ufeffDouai plant output.".encode("utf-8"))
    write(tmp_path, "wide.txt", "Maubeuge plant output.".encode("utf-16"))
    texts = sorted(document.text for document in scan_documents(tmp_path, 5_000_000).documents)
    assert texts == ["Douai plant output.", "Maubeuge plant output."]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n\t\n", "empty"),
        (b"---\ntitle: only a header\n---\n", "empty"),
        (b"PK\x03\x04\x00\x00binary\x00zip", "binary: contains NUL bytes"),
        (bytes(range(1, 9)) * 100, "binary: too many control characters"),
        (b"Output at Douai: " + bytes(range(0x80, 0xA0)) * 10, "not UTF-8"),
    ],
)
def test_unreadable_files_are_named_with_their_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    write(tmp_path, "bad.txt", content)
    write(tmp_path, "good.txt", TEXT)
    scan = scan_documents(tmp_path, 5_000_000)
    assert [document.file_name for document in scan.documents] == ["good.txt"]
    assert reasons(tmp_path)["bad.txt"].startswith(reason)


def test_huge_file_is_skipped_over_the_limit(tmp_path: Path) -> None:
    write(tmp_path, "huge.txt", TEXT * 100)
    write(tmp_path, "small.txt", TEXT)
    assert reasons(tmp_path, max_size=1_000) == {"huge.txt": f"too large: {len(TEXT) * 100:,} bytes (limit 1,000)"}


def test_duplicate_text_and_slug_clash_are_skipped(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", TEXT)
    write(tmp_path, "b.txt", "---\ntitle: same body\n---\n" + TEXT)
    write(tmp_path, "Douai.txt", "Another text entirely.")
    write(tmp_path, "douai.md", "A third text.")
    assert reasons(tmp_path) == {
        "b.txt": "duplicate: same text as a.txt",
        "douai.md": "name clash: same slug 'douai' as Douai.txt",
    }


def test_hidden_files_and_folders_are_ignored(tmp_path: Path) -> None:
    write(tmp_path, ".DS_Store", b"\x00\x01")
    (tmp_path / "drafts").mkdir()
    write(tmp_path, "good.txt", TEXT)
    scan = scan_documents(tmp_path, 5_000_000)
    assert [document.file_name for document in scan.documents] == ["good.txt"] and not scan.skipped



def test_a_file_that_cannot_be_read_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "locked.txt", TEXT)
    write(tmp_path, "good.txt", TEXT.upper())
    read_bytes = Path.read_bytes

    def refuse_locked(path: Path) -> bytes:
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse_locked)
    assert reasons(tmp_path) == {"locked.txt": "cannot read: Permission denied"}
