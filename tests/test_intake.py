"""Intake of batch folders: items, stored originals, and one clear error per bad file.

Every input is generated in tmp_path (Pillow, reportlab); every check is what a reviewer or
the next stage would look at: the item list, the error reasons, the files in the store.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import ImageFile
from test_intake_samples import (
    MANIFEST,
    bomb_png,
    docx,
    image_bytes,
    jpeg,
    pdf,
    plain_zip,
    png,
    tiff_pages,
    truncated,
    write_tree,
)

from pipeline.intake import BatchError, intake_batch
from pipeline.types import IntakeResult


def store_files(store: Path) -> list[Path]:
    return sorted(p for p in store.rglob("*") if p.is_file() and p.parent.name != "tmp")


def reasons(result: IntakeResult) -> dict[str, str]:
    return {e.rel_path: e.reason for e in result.errors}


def good_batch(root: Path) -> Path:
    return write_tree(
        root,
        {
            "manifest.csv": MANIFEST,
            "A001/patent.jpg": jpeg(1),
            "A001/award.png": png(2),
            # an item folder: journal cover + contents pages, numbered without zero padding
            "A001/paper1/p10.jpg": jpeg(10),
            "A001/paper1/p2.jpg": jpeg(3),
            "A001/paper1/cover.pdf": pdf("cover"),
            "A002/scan.tiff": tiff_pages(3),
            "A002/training.pdf": pdf("training", pages=2),
            "A002/photo.heic": image_bytes("HEIF", 5),
            "A002/shot.webp": image_bytes("WEBP", 6),
            "A002/old.bmp": image_bytes("BMP", 7),
        },
    )


def test_folder_batch_gives_applicants_items_and_stored_originals(tmp_path: Path) -> None:
    batch = good_batch(tmp_path / "2024-06")
    store = tmp_path / "store"
    r = intake_batch(batch, store_dir=store)

    assert r.batch == "2024-06"
    assert r.errors == [] and r.manifest_errors == []
    assert r.applicants["A001"].name == "张三" and r.applicants["A001"].title_level == "senior"
    assert [(i.applicant_id, i.item) for i in r.items] == [
        ("A001", "A001/award.png"),
        ("A001", "A001/paper1"),
        ("A001", "A001/patent.jpg"),
        ("A002", "A002/old.bmp"),
        ("A002", "A002/photo.heic"),
        ("A002", "A002/scan.tiff"),
        ("A002", "A002/shot.webp"),
        ("A002", "A002/training.pdf"),
    ]
    paper = r.items[1]
    assert [f.rel_path for f in paper.files] == [
        "A001/paper1/cover.pdf",
        "A001/paper1/p2.jpg",
        "A001/paper1/p10.jpg",
    ]
    kinds = {f.rel_path.split("/")[-1]: f.kind for i in r.items for f in i.files}
    assert kinds == {
        "award.png": "png", "cover.pdf": "pdf", "p2.jpg": "jpeg", "p10.jpg": "jpeg",
        "patent.jpg": "jpeg", "old.bmp": "bmp", "photo.heic": "heic", "scan.tiff": "tiff",
        "shot.webp": "webp", "training.pdf": "pdf",
    }  # fmt: skip

    # Originals are in the store under their hash, byte for byte, and outlive the upload folder.
    originals = {f.rel_path: (batch / f.rel_path).read_bytes() for i in r.items for f in i.files}
    shutil.rmtree(batch)
    for item in r.items:
        for f in item.files:
            stored = Path(f.stored_path)
            assert stored.is_relative_to(store.resolve())
            assert stored.parent == store.resolve() / f.sha256[:2] / f.sha256[2:4]
            data = stored.read_bytes()
            assert data == originals[f.rel_path]
            assert hashlib.sha256(data).hexdigest() == f.sha256 and f.size == len(data)
    assert len(store_files(store)) == 10
    assert not any((store / "tmp").glob("*"))  # no scratch left behind


def test_type_comes_from_the_bytes_not_the_name(tmp_path: Path) -> None:
    batch = write_tree(
        tmp_path / "b",
        {
            "A001/really_png.jpg": png(1),
            "A001/really_pdf.jpg": pdf("x"),
            "A001/no_extension": jpeg(2),
            "A001/notes.pdf": "这是一段文字，不是PDF".encode(),
            "A001/report.docx": docx(),
            "A001/report.pdf": docx(),
            "A001/inner.zip": plain_zip({"x.jpg": jpeg(3)}),
            "A001/anim.gif": b"GIF89a" + b"\x00" * 40,
        },
    )
    r = intake_batch(batch, store_dir=tmp_path / "store")
    kinds = {f.rel_path: f.kind for i in r.items for f in i.files}
    assert kinds == {"A001/really_png.jpg": "png", "A001/really_pdf.jpg": "pdf", "A001/no_extension": "jpeg"}
    why = reasons(r)
    assert why["A001/notes.pdf"].startswith("unsupported file type (detected: text)")
    assert why["A001/report.docx"].startswith("unsupported file type (detected: docx)")
    assert why["A001/report.pdf"].startswith("unsupported file type (detected: docx)")
    assert why["A001/anim.gif"].startswith("unsupported file type (detected: gif)")
    assert why["A001/inner.zip"] == "nested zip not supported: unpack it first"


def test_each_bad_file_is_one_error_and_nothing_else_is_lost(tmp_path: Path) -> None:
    batch = write_tree(
        tmp_path / "b",
        {
            "manifest.csv": MANIFEST,
            "A001/empty.jpg": b"",
            "A001/cut.jpg": truncated(image_bytes("JPEG", 4, size=(800, 600), quality=95)),
            "A001/cut.png": truncated(image_bytes("PNG", 4, size=(800, 600)), 0.6),
            "A001/cut.heic": truncated(image_bytes("HEIF", 4, size=(800, 600))),
            "A001/cut.webp": truncated(image_bytes("WEBP", 4, size=(800, 600))),
            "A001/cut.tiff": truncated(tiff_pages(3), 0.8),
            "A001/broken.pdf": b"%PDF-1.4\n" + os.urandom(2000) + b"\n%%EOF\n",
            "A001/cut.pdf": truncated(pdf("x", pages=3), 0.7),
            "A001/locked.pdf": pdf("secret", encrypt="pw"),
            "A001/bomb.png": bomb_png(),
            "A001/bomb2.png": bomb_png(12000, 12000),  # over the limit, under Pillow's own refusal
            "A001/huge.png": png(9).ljust(300_000, b"\x00"),  # a valid PNG padded past the cap
            "A001/good.jpg": jpeg(1),
            # an item folder with one bad page keeps its good pages
            "A001/paper/p1.jpg": jpeg(2),
            "A001/paper/p2.jpg": b"",
            # an item folder where every file failed gives its errors and no item
            "A002/allbad/a.pdf": pdf("secret", encrypt="pw"),
            "A002/allbad/b.jpg": b"",
            "A002/fine.pdf": pdf("ok"),
        },
    )
    r = intake_batch(batch, store_dir=tmp_path / "store", max_file_bytes=250_000)
    why = reasons(r)
    assert why == {
        "A001/bomb.png": why["A001/bomb.png"],
        "A001/bomb2.png": "image too large (12000x12000 = 144,000,000 pixels > limit 89,478,485): "
        "possible decompression bomb",
        "A001/broken.pdf": why["A001/broken.pdf"],
        "A001/cut.jpg": "truncated JPEG image: the file is incomplete",
        "A001/cut.pdf": "truncated PDF: the end of the file is missing (no %%EOF marker)",
        "A001/cut.png": "truncated PNG image: the file is incomplete",
        "A001/cut.heic": "truncated HEIC image: the file is incomplete",
        "A001/cut.webp": "corrupt WEBP image: cannot be decoded (could not create decoder object)",
        "A001/cut.tiff": "corrupt TIFF image: cannot be decoded (Missing dimensions)",
        "A001/empty.jpg": "empty file (0 bytes)",
        "A001/huge.png": "file too large (293.0 KB > cap 244.1 KB)",
        "A001/locked.pdf": "encrypted PDF: ask the applicant for an unprotected copy",
        "A001/paper/p2.jpg": "empty file (0 bytes)",
        "A002/allbad/a.pdf": "encrypted PDF: ask the applicant for an unprotected copy",
        "A002/allbad/b.jpg": "empty file (0 bytes)",
    }
    assert why["A001/bomb.png"].startswith("image too large (")
    assert "400,000,000 pixels" in why["A001/bomb.png"]
    assert why["A001/bomb.png"].endswith("possible decompression bomb")
    assert why["A001/broken.pdf"].startswith("corrupt or truncated PDF: cannot be opened")

    # errors know their applicant, and the hash when the file could be read
    by_path = {e.rel_path: e for e in r.errors}
    assert all(e.applicant_id == e.rel_path.split("/")[0] for e in r.errors)
    locked = (batch / "A001/locked.pdf").read_bytes()
    assert by_path["A001/locked.pdf"].sha256 == hashlib.sha256(locked).hexdigest()
    assert by_path["A001/empty.jpg"].sha256 is None

    assert [(i.item, [f.rel_path for f in i.files]) for i in r.items] == [
        ("A001/good.jpg", ["A001/good.jpg"]),
        ("A001/paper", ["A001/paper/p1.jpg"]),
        ("A002/fine.pdf", ["A002/fine.pdf"]),
    ]
    # only the good files were stored
    assert len(store_files(tmp_path / "store")) == 3


def test_hidden_litter_is_ignored_and_root_files_are_errors(tmp_path: Path) -> None:
    batch = write_tree(
        tmp_path / "b",
        {
            ".DS_Store": b"\x00\x00\x00\x01Bud1",
            "A001/.DS_Store": b"\x00\x00\x00\x01Bud1",
            "A001/Thumbs.db": b"\xd0\xcf\x11\xe0",
            "A001/desktop.ini": b"[.ShellClassInfo]",
            "__MACOSX/A001/._patent.jpg": b"\x00\x05\x16\x07",
            "A001/patent.jpg": jpeg(1),
            "readme.txt": b"please see folders",
            "loose.jpg": jpeg(2),
        },
    )
    r = intake_batch(batch, store_dir=tmp_path / "store")
    assert [i.item for i in r.items] == ["A001/patent.jpg"]
    assert sorted(reasons(r)) == ["loose.jpg", "readme.txt"]
    assert all(e.reason.startswith("file at the batch root") and e.applicant_id is None for e in r.errors)


def test_without_manifest_folder_names_are_ids_and_names(tmp_path: Path) -> None:
    batch = write_tree(tmp_path / "b", {"张三/证书.jpg": jpeg(1), "A002/x.pdf": pdf()})
    r = intake_batch(batch, store_dir=tmp_path / "store")
    assert r.manifest_errors == []
    assert {a.applicant_id: (a.name, a.title_level, a.eval_year) for a in r.applicants.values()} == {
        "A002": ("A002", "", None),
        "张三": ("张三", "", None),
    }
    assert [i.item for i in r.items] == ["A002/x.pdf", "张三/证书.jpg"]


def test_manifest_and_folders_that_do_not_match(tmp_path: Path) -> None:
    batch = write_tree(
        tmp_path / "b",
        {
            "manifest.csv": MANIFEST,  # lists A001 and A002
            "A001/x.jpg": jpeg(1),
            "A009/y.jpg": jpeg(2),
            "A010/empty_item/.DS_Store": b"",
        },
    )
    (batch / "A011").mkdir()
    r = intake_batch(batch, store_dir=tmp_path / "store")
    assert [i.item for i in r.items] == ["A001/x.jpg", "A009/y.jpg"]
    assert r.applicants["A009"].name == "A009"  # processed all the same
    assert r.manifest_errors == [
        "manifest.csv: applicant folder A009 is not in the manifest; "
        "its files are processed with the folder name as the applicant's name",
        "manifest.csv: applicant folder A010 is not in the manifest; "
        "its files are processed with the folder name as the applicant's name",
        "manifest.csv: applicant folder A011 is not in the manifest; "
        "its files are processed with the folder name as the applicant's name",
        "manifest.csv: applicant A002 (李四) has no folder in the batch",
        "applicant folder A011 has no files",
    ]
    assert [(e.rel_path, e.reason) for e in r.errors] == [("A010/empty_item", "item folder is empty")]


def test_reintake_and_repeated_files_store_nothing_twice(tmp_path: Path) -> None:
    same = jpeg(1)
    batch = write_tree(tmp_path / "b", {"A001/a.jpg": same, "A001/copy.jpg": same, "A002/a.jpg": same,
                                        "A002/p.pdf": pdf()})  # fmt: skip
    store = tmp_path / "store"
    first = intake_batch(batch, store_dir=store)
    # all three items are there; the duplicate check downstream sees the same hash
    assert [i.item for i in first.items] == ["A001/a.jpg", "A001/copy.jpg", "A002/a.jpg", "A002/p.pdf"]
    assert len({i.files[0].sha256 for i in first.items[:3]}) == 1
    assert len(store_files(store)) == 2
    stamps = {p: p.stat().st_mtime_ns for p in store_files(store)}

    second = intake_batch(batch, store_dir=store)
    assert second == first  # deterministic, same paths, same hashes
    assert {p: p.stat().st_mtime_ns for p in store_files(store)} == stamps  # nothing copied again


def test_symlinks_in_a_folder_batch_are_not_followed(tmp_path: Path) -> None:
    secret = tmp_path / "outside.jpg"
    secret.write_bytes(jpeg(7))
    batch = write_tree(tmp_path / "b", {"A001/ok.jpg": jpeg(1)})
    (batch / "A001" / "link.jpg").symlink_to(secret)
    (batch / "A001" / "linkdir").symlink_to(tmp_path, target_is_directory=True)
    r = intake_batch(batch, store_dir=tmp_path / "store")
    assert [i.item for i in r.items] == ["A001/ok.jpg"]
    assert {e.rel_path for e in r.errors} == {"A001/link.jpg", "A001/linkdir"}
    assert all(e.reason.startswith("symbolic link: not followed") for e in r.errors)
    assert len(store_files(tmp_path / "store")) == 1


def test_truncation_is_caught_even_if_another_stage_allows_truncated_images(tmp_path: Path) -> None:
    batch = write_tree(tmp_path / "b", {"A001/cut.jpg": truncated(image_bytes("JPEG", 4, size=(800, 600)))})
    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    ImageFile.LOAD_TRUNCATED_IMAGES = True
    try:
        r = intake_batch(batch, store_dir=tmp_path / "store")
        assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # restored for whoever set it
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = False
    assert reasons(r) == {"A001/cut.jpg": "truncated JPEG image: the file is incomplete"}


def test_heic_without_decoder_is_a_clear_error(tmp_path: Path) -> None:
    # A real interpreter in which pillow-heif cannot be imported, as on a machine without it.
    batch = write_tree(tmp_path / "b", {"A001/photo.heic": image_bytes("HEIF", 1), "A001/a.jpg": jpeg(1)})
    code = (
        "import sys; sys.modules['pillow_heif'] = None\n"
        "from pipeline.intake import intake_batch\n"
        f"r = intake_batch({str(batch)!r}, store_dir=__import__('pathlib').Path({str(tmp_path / 's')!r}))\n"
        "print([i.item for i in r.items]); print(r.errors[0].reason)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1]).stdout.splitlines()  # fmt: skip
    assert out[0] == "['A001/a.jpg']"
    assert out[1].startswith("HEIC decoder not installed")


def test_a_batch_that_cannot_be_read_raises(tmp_path: Path) -> None:
    with pytest.raises(BatchError, match="batch not found"):
        intake_batch(tmp_path / "nope", store_dir=tmp_path / "store")
    not_zip = tmp_path / "batch.zip"
    not_zip.write_bytes(pdf())
    with pytest.raises(BatchError, match="not a folder or a zip archive"):
        intake_batch(not_zip, store_dir=tmp_path / "store")
    word = tmp_path / "evidence.docx"
    word.write_bytes(docx())
    with pytest.raises(BatchError, match="is an office document, not a zip of a batch folder"):
        intake_batch(word, store_dir=tmp_path / "store")


def test_default_store_and_cap_come_from_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CEHOURS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CEHOURS_MAX_FILE_MB", "0.002")  # ~2 KB: the PDF fits, the JPEG does not
    batch = write_tree(tmp_path / "b", {"A001/a.jpg": jpeg(1), "A001/small.pdf": pdf()})
    r = intake_batch(batch)
    kb = len(jpeg(1)) / 1024
    assert [(e.rel_path, e.reason) for e in r.errors] == [
        ("A001/a.jpg", f"file too large ({kb:.1f} KB > cap 2.0 KB)")
    ]
    [item] = r.items
    assert Path(item.files[0].stored_path).is_relative_to(tmp_path / "home" / "store")
