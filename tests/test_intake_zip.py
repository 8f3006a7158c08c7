"""Intake of zipped batches: unwrapping, member names, and every hostile member on its own."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest
from test_intake_samples import (
    MANIFEST,
    jpeg,
    pdf,
    plain_zip,
    png,
    rename_member_bytes,
    set_encrypted_flag,
    write_tree,
    write_zip,
)

from pipeline.intake import BatchError, intake_batch
from pipeline.types import IntakeResult

GOOD = {
    "manifest.csv": MANIFEST,
    "A001/patent.jpg": jpeg(1),
    "A001/paper1/p1.jpg": jpeg(2),
    "A001/paper1/p2.pdf": pdf("contents"),
    "A002/award.png": png(3),
}


def summary(r: IntakeResult) -> list[tuple[str, list[tuple[str, str, str]]]]:
    return [(i.item, [(f.rel_path, f.kind, f.sha256) for f in i.files]) for i in r.items]


def reasons(r: IntakeResult) -> dict[str, str]:
    return {e.rel_path: e.reason for e in r.errors}


def test_zip_batch_reads_like_the_same_folder(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "2024-06", GOOD)
    (tmp_path / "upload").mkdir()
    z = write_zip(tmp_path / "upload" / "2024-06.zip", list(GOOD.items()))
    from_folder = intake_batch(folder, store_dir=tmp_path / "store")
    from_zip = intake_batch(z, store_dir=tmp_path / "store")
    assert from_zip.batch == "2024-06"
    assert from_zip.errors == [] and from_zip.manifest_errors == []
    assert from_zip.applicants == from_folder.applicants
    assert summary(from_zip) == summary(from_folder)
    # the store is shared and content-addressed: the zip added nothing new
    stored = {f.stored_path for i in from_folder.items for f in i.files}
    assert {f.stored_path for i in from_zip.items for f in i.files} == stored
    assert list((tmp_path / "store" / "tmp").iterdir()) == []


@pytest.mark.parametrize("top", ["2024-06", "常德第一批"])
def test_a_single_top_folder_is_unwrapped(tmp_path: Path, top: str) -> None:
    # Zipping the batch folder itself (Windows "send to compressed folder", macOS "compress")
    # puts everything under one folder: named like the zip, or holding the manifest.
    z = write_zip(tmp_path / "2024-06.zip", [(f"{top}/{k}", v) for k, v in GOOD.items()])
    r = intake_batch(z, store_dir=tmp_path / "store")
    assert r.batch == "2024-06"
    assert r.errors == []
    assert [i.item for i in r.items] == ["A001/paper1", "A001/patent.jpg", "A002/award.png"]
    assert r.items[0].files[0].rel_path == "A001/paper1/p1.jpg"


def test_a_single_applicant_folder_is_not_mistaken_for_a_wrapper(tmp_path: Path) -> None:
    z = write_zip(tmp_path / "batch.zip", [("A001/patent.jpg", jpeg(1)), ("A001/paper/p1.jpg", jpeg(2))])
    r = intake_batch(z, store_dir=tmp_path / "store")
    assert [i.item for i in r.items] == ["A001/paper", "A001/patent.jpg"]
    assert list(r.applicants) == ["A001"]


def test_gb18030_and_unflagged_utf8_member_names_are_decoded(tmp_path: Path) -> None:
    # Chinese Windows zips names in GBK/GB18030 without the UTF-8 flag; Python reads them as cp437.
    z = write_zip(
        tmp_path / "b.zip",
        [("ABCD/EFGH.jpg", jpeg(1)), ("A002/XXXXXX.png", png(2)), ("A002/ok.pdf", pdf())],
    )
    rename_member_bytes(z, "ABCD/EFGH.jpg", "张三/专利.jpg".encode("gb18030"))
    rename_member_bytes(z, "A002/XXXXXX.png", "A002/证书.png".encode())
    with zipfile.ZipFile(z) as zf:
        assert all(not (i.flag_bits & 0x800) for i in zf.infolist())  # really unflagged
    r = intake_batch(z, store_dir=tmp_path / "store")
    assert r.errors == []
    assert [i.item for i in r.items] == ["A002/ok.pdf", "A002/证书.png", "张三/专利.jpg"]
    assert sorted(r.applicants) == ["A002", "张三"]
    assert r.applicants["张三"].name == "张三"


def test_every_hostile_member_is_its_own_error_and_the_rest_is_stored(tmp_path: Path) -> None:
    link = zipfile.ZipInfo("A001/link.jpg")
    link.create_system = 3
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    z = write_zip(
        tmp_path / "b.zip",
        [
            ("manifest.csv", MANIFEST),
            (zipfile.ZipInfo("../evil.jpg"), jpeg(9)),
            (zipfile.ZipInfo("A001/../../evil2.jpg"), jpeg(9)),
            (zipfile.ZipInfo("/etc/cron.d/x.jpg"), jpeg(9)),
            (zipfile.ZipInfo("C:/Windows/x.jpg"), jpeg(9)),
            (link, b"../../../etc/passwd"),
            ("A001/inner.zip", plain_zip({"x.jpg": jpeg(3)})),
            ("A001/locked.jpg", jpeg(4)),
            ("A001/empty.jpg", b""),
            ("A001/big.png", png(5).ljust(300_000, b"\x00")),
            ("A001/good.jpg", jpeg(1)),
            ("A001/paper/p1.jpg", jpeg(2)),
            ("A001/paper/p2.pdf", pdf("secret", encrypt="pw")),
            ("A002/award.png", png(3)),
            ("__MACOSX/A002/._award.png", b"\x00\x05\x16\x07"),
            ("A002/.DS_Store", b"Bud1"),
            ("stray.pdf", pdf("root")),
        ],
    )
    set_encrypted_flag(z, "A001/locked.jpg")
    r = intake_batch(z, store_dir=tmp_path / "store", max_file_bytes=250_000)
    assert reasons(r) == {
        "../evil.jpg": 'path escapes the batch (".." in a zip member name)',
        "A001/../../evil2.jpg": 'path escapes the batch (".." in a zip member name)',
        "/etc/cron.d/x.jpg": "absolute path in zip: not allowed",
        "C:/Windows/x.jpg": "absolute path in zip: not allowed",
        "A001/link.jpg": "symbolic link in zip: not followed, upload the file itself",
        "A001/inner.zip": "nested zip not supported: unpack it first",
        "A001/locked.jpg": "encrypted zip member: ask the applicant for an unprotected copy",
        "A001/empty.jpg": "empty file (0 bytes)",
        "A001/big.png": "file too large (293.0 KB > cap 244.1 KB)",
        "A001/paper/p2.pdf": "encrypted PDF: ask the applicant for an unprotected copy",
        "stray.pdf": "file at the batch root: put it in an applicant folder "
        "(only manifest.csv belongs there)",
    }
    by_path = {e.rel_path: e for e in r.errors}
    assert by_path["../evil.jpg"].applicant_id is None
    assert by_path["A001/link.jpg"].applicant_id == "A001"
    assert by_path["A001/inner.zip"].sha256 is not None  # it was unpacked to look at it
    assert [(i.item, [f.rel_path for f in i.files]) for i in r.items] == [
        ("A001/good.jpg", ["A001/good.jpg"]),
        ("A001/paper", ["A001/paper/p1.jpg"]),
        ("A002/award.png", ["A002/award.png"]),
    ]
    # nothing escaped: the only files written are the three good ones, inside the store
    stored = sorted(p for p in (tmp_path / "store").rglob("*") if p.is_file())
    assert len(stored) == 3
    assert not (tmp_path / "evil.jpg").exists() and not (tmp_path.parent / "evil.jpg").exists()


def test_zip_bombs_are_refused_member_by_member(tmp_path: Path) -> None:
    zeros = b"\x00" * (24 * 1024 * 1024)  # deflates ~1000:1
    z = write_zip(
        tmp_path / "b.zip",
        [("A001/bomb.bmp", zeros), ("A001/a.jpg", jpeg(1)), ("A001/b.jpg", jpeg(2)), ("A001/c.png", png(3))],
    )
    r = intake_batch(z, store_dir=tmp_path / "store", max_batch_bytes=len(jpeg(1)) + len(jpeg(2)) + 10)
    why = reasons(r)
    assert why["A001/bomb.bmp"].startswith("zip member inflates")
    assert why["A001/bomb.bmp"].endswith("to 24 MB: possible zip bomb")
    # the total budget: members are taken in order until the unpacked total would exceed it
    assert why["A001/c.png"] == (
        "the zip unpacks to more than the batch size limit: possible zip bomb, member skipped"
    )
    assert [i.item for i in r.items] == ["A001/a.jpg", "A001/b.jpg"]


def test_a_damaged_member_is_an_error_the_others_are_read(tmp_path: Path) -> None:
    z = write_zip(tmp_path / "b.zip", [("A001/a.png", png(1)), ("A001/b.png", png(2))])
    with zipfile.ZipFile(z) as zf:
        info = zf.getinfo("A001/a.png")
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data = bytearray(z.read_bytes())
    for k in range(start + 20, start + 40):
        data[k] ^= 0xFF
    z.write_bytes(bytes(data))
    r = intake_batch(z, store_dir=tmp_path / "store")
    assert reasons(r)["A001/a.png"].startswith("corrupt zip member, cannot be unpacked")
    assert [i.item for i in r.items] == ["A001/b.png"]
    assert list((tmp_path / "store" / "tmp").iterdir()) == []  # the half-unpacked copy is gone


def test_reintake_of_a_zip_stores_nothing_twice(tmp_path: Path) -> None:
    z = write_zip(tmp_path / "b.zip", [*GOOD.items(), ("A002/same.png", GOOD["A002/award.png"])])
    store = tmp_path / "store"
    first = intake_batch(z, store_dir=store)
    files = sorted(p for p in store.rglob("*") if p.is_file())
    stamps = [p.stat().st_mtime_ns for p in files]
    second = intake_batch(z, store_dir=store)
    assert second == first
    assert len(files) == 4  # 5 files, two of them the same picture
    assert [p.stat().st_mtime_ns for p in sorted(p for p in store.rglob("*") if p.is_file())] == stamps


def test_a_corrupt_zip_raises_a_batch_error(tmp_path: Path) -> None:
    z = write_zip(tmp_path / "b.zip", list(GOOD.items()))
    cut = tmp_path / "cut.zip"
    cut.write_bytes(z.read_bytes()[:-200])  # the central directory is gone
    with pytest.raises(BatchError, match=r"cut\.zip"):
        intake_batch(cut, store_dir=tmp_path / "store")
