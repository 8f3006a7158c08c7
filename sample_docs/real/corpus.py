"""The real-document corpus as data: labels from ``corpus.toml``, pages from our own OCR.

``read_pages`` OCRs the local copies (``rebuild.py`` makes them) with the project's engine and
keeps each document's pages as JSON in ``sample_docs/real/ocr/`` (gitignored: the text of other
people's documents). The anonymised fixtures committed under tests/data/real/ are made from
those pages by :mod:`sample_docs.real.fixtures`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sample_docs.real.rebuild import DEFAULT_OUT, HERE, load_corpus, local_name

OCR_DIR = HERE / "ocr"
MAX_PAGES = 4  # a long PDF (a manual, a résumé) is judged on its first pages, as a reviewer would


def kept_pages(doc: dict[str, Any]) -> list[int] | None:
    """The 1-based page numbers of a document that are read, or None for its first MAX_PAGES.

    ``pages`` in corpus.toml names them where a reviewer gets less than the whole file: a number
    N keeps the first N pages (the first page of a journal article), a list keeps those pages (a
    textbook's cover and its copyright page at the back)."""
    if "pages" not in doc:
        return None
    want = doc["pages"]
    nums = list(range(1, int(want) + 1)) if isinstance(want, int) else [int(x) for x in want]
    if not nums or len(nums) > MAX_PAGES or min(nums) < 1 or nums != sorted(set(nums)):
        raise ValueError(f"document {doc['id']}: pages = {want!r}, expected 1..{MAX_PAGES} "
                         "increasing page numbers (or a count)")
    return nums


def page_json(page: Any) -> dict[str, Any]:
    return {
        "width": page.width,
        "height": page.height,
        "engine": page.engine,
        "error": page.error,
        "lines": [[ln.text, list(ln.box), round(float(ln.conf), 3)] for ln in page.lines],
    }


def selected_pages(path: Path, numbers: list[int], out_dir: Path) -> Path:
    """A PDF of the pages ``numbers`` (1-based) of ``path``, text layer kept, in ``out_dir``: the
    rest of a long file is never read."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(path))
    try:
        if numbers[-1] > len(src):
            raise ValueError(f"{path.name} has {len(src)} pages, not {numbers[-1]}")
        new = pdfium.PdfDocument.new()
        new.import_pages(src, [n - 1 for n in numbers])
        out = out_dir / f"{path.stem}.p{'-'.join(map(str, numbers))}.pdf"
        new.save(str(out))
        new.close()
        return out
    finally:
        src.close()


def read_pages(
    files_dir: Path = DEFAULT_OUT, out_dir: Path = OCR_DIR, engine: str = "auto", workers: int | None = 1,
    ids: set[str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """OCR every document of the corpus (or of ``ids``) not read yet; return {doc id: pages as JSON}."""
    from pipeline.filetypes import detect_kind
    from pipeline.ocr import read_files
    from pipeline.types import StoredFile

    out_dir.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[str, StoredFile]] = []
    docs = [d for d in load_corpus() if ids is None or d["id"] in ids]
    if ids is not None and len(docs) != len(ids):
        raise ValueError(f"not in corpus.toml: {sorted(ids - {d['id'] for d in docs})}")
    for doc in docs:
        if (out_dir / f"{doc['id']}.json").is_file():
            continue
        path = files_dir / local_name(doc)
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run `python -m sample_docs.real.rebuild` first")
        numbers = kept_pages(doc)
        if numbers is not None:
            if path.suffix != ".pdf":
                raise ValueError(f"document {doc['id']}: pages applies to a PDF, not {path.name}")
            (files_dir / "selected").mkdir(exist_ok=True)
            path = selected_pages(path, numbers, files_dir / "selected")
        data = path.read_bytes()
        todo.append((doc["id"], StoredFile(hashlib.sha256(data).hexdigest(), path.name, len(data),
                                           detect_kind(data[:4096]), str(path))))
    if todo:
        pages = read_files([f for _, f in todo], engine=engine, workers=workers)
        for doc_id, f in todo:
            got = [page_json(p) for p in pages.get(f.sha256, [])[:MAX_PAGES]]
            (out_dir / f"{doc_id}.json").write_text(json.dumps(got, ensure_ascii=False), encoding="utf-8")
    return {d["id"]: json.loads((out_dir / f"{d['id']}.json").read_text(encoding="utf-8"))
            for d in docs if (out_dir / f"{d['id']}.json").is_file()}


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description="OCR the local copies of the real corpus into ocr/")
    ap.add_argument("ids", nargs="*", help="only these documents (default: all)")
    args = ap.parse_args()
    got = read_pages(ids=set(args.ids) if args.ids else None)
    print(f"{len(got)} documents read into {OCR_DIR}")
