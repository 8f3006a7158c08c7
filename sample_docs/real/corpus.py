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


def page_json(page: Any) -> dict[str, Any]:
    return {
        "width": page.width,
        "height": page.height,
        "engine": page.engine,
        "error": page.error,
        "lines": [[ln.text, list(ln.box), round(float(ln.conf), 3)] for ln in page.lines],
    }


def read_pages(
    files_dir: Path = DEFAULT_OUT, out_dir: Path = OCR_DIR, engine: str = "auto", workers: int | None = 1
) -> dict[str, list[dict[str, Any]]]:
    """OCR every document of the corpus not read yet; return {doc id: pages as JSON}."""
    from pipeline.filetypes import detect_kind
    from pipeline.ocr import read_files
    from pipeline.types import StoredFile

    out_dir.mkdir(parents=True, exist_ok=True)
    todo: list[tuple[str, StoredFile]] = []
    for doc in load_corpus():
        if (out_dir / f"{doc['id']}.json").is_file():
            continue
        path = files_dir / local_name(doc)
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run `python -m sample_docs.real.rebuild` first")
        data = path.read_bytes()
        todo.append((doc["id"], StoredFile(hashlib.sha256(data).hexdigest(), path.name, len(data),
                                           detect_kind(data[:4096]), str(path))))
    if todo:
        pages = read_files([f for _, f in todo], engine=engine, workers=workers)
        for doc_id, f in todo:
            got = [page_json(p) for p in pages.get(f.sha256, [])[:MAX_PAGES]]
            (out_dir / f"{doc_id}.json").write_text(json.dumps(got, ensure_ascii=False), encoding="utf-8")
    return {d["id"]: json.loads((out_dir / f"{d['id']}.json").read_text(encoding="utf-8"))
            for d in load_corpus() if (out_dir / f"{d['id']}.json").is_file()}


if __name__ == "__main__":
    got = read_pages()
    print(f"{len(got)} documents read into {OCR_DIR}")
