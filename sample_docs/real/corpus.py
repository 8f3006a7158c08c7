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


def kept_pages(doc: dict[str, Any]) -> int:
    """How many leading pages of a document are read: ``pages`` in corpus.toml where a reviewer
    gets fewer (the first page of a journal article, not the whole article), else MAX_PAGES."""
    n = int(doc.get("pages", MAX_PAGES))
    if not 1 <= n <= MAX_PAGES:
        raise ValueError(f"document {doc['id']}: pages = {n}, expected 1..{MAX_PAGES}")
    return n


def page_json(page: Any) -> dict[str, Any]:
    return {
        "width": page.width,
        "height": page.height,
        "engine": page.engine,
        "error": page.error,
        "lines": [[ln.text, list(ln.box), round(float(ln.conf), 3)] for ln in page.lines],
    }


def leading_pages(path: Path, n: int, out_dir: Path) -> Path:
    """A PDF of the first ``n`` pages of ``path`` (text layer kept) in ``out_dir``, so that the
    rest of a long article is never read; ``path`` itself when it has no more than ``n``."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(str(path))
    try:
        if len(src) <= n:
            return path
        new = pdfium.PdfDocument.new()
        new.import_pages(src, list(range(n)))
        out = out_dir / f"{path.stem}.first{n}.pdf"
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
        if path.suffix == ".pdf" and "pages" in doc:
            out_dir_tmp = files_dir / "leading"
            out_dir_tmp.mkdir(exist_ok=True)
            path = leading_pages(path, kept_pages(doc), out_dir_tmp)
        data = path.read_bytes()
        todo.append((doc["id"], StoredFile(hashlib.sha256(data).hexdigest(), path.name, len(data),
                                           detect_kind(data[:4096]), str(path))))
    if todo:
        pages = read_files([f for _, f in todo], engine=engine, workers=workers)
        keep = {d["id"]: kept_pages(d) for d in docs}
        for doc_id, f in todo:
            got = [page_json(p) for p in pages.get(f.sha256, [])[:keep[doc_id]]]
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
