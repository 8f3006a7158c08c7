"""Rebuild the local copy of the real-document corpus from fetched public repositories.

The documents are other people's: they are never committed. ``corpus.toml`` names each one by
repository, path, commit and sha256; this script copies them out of bare git snapshots (one
directory per repository, ``owner+name/repo``, as the search tool's fetch leaves them under
/work/.mirror) into ``sample_docs/real/files/`` (gitignored), checking every hash.

    python -m sample_docs.real.rebuild [--mirror DIR] [--out DIR]

Repositories that are not in the mirror are listed by name at the end (exit status 1), so a
person knows which to fetch; documents already present with the right hash are kept.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus.toml"
DEFAULT_MIRROR = Path("/work/.mirror")
DEFAULT_OUT = HERE / "files"


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The documents of the corpus, in file order (clear error on a missing or bad file)."""
    if not path.is_file():
        raise FileNotFoundError(f"no corpus list at {path}")
    docs = tomllib.loads(path.read_text(encoding="utf-8")).get("doc", [])
    seen: set[str] = set()
    for d in docs:
        for key in ("id", "repo", "commit", "sha256", "evidence_type"):
            if key not in d:
                raise ValueError(f"{path}: document {d.get('id', '?')} has no {key!r}")
        if "path" not in d and not ("blob" in d and "ext" in d):
            raise ValueError(f"{path}: document {d['id']} needs a path, or a blob id and an ext")
        if d["id"] in seen:
            raise ValueError(f"{path}: document id {d['id']} twice")
        seen.add(d["id"])
    return docs


def local_name(doc: dict[str, Any]) -> str:
    """The file name of a document's local copy: its id and the original extension."""
    return doc["id"] + (Path(doc["path"]).suffix.lower() if "path" in doc else doc["ext"])


def git_dir(mirror: Path, repo: str) -> Path | None:
    """The git directory of a fetched repository in ``mirror``, or None."""
    base = mirror / repo.replace("/", "+") / "repo"
    for cand in (base / ".git", base):
        if (cand / "HEAD").is_file() or (cand / "objects").is_dir():
            return cand
    return None


def read_blob(gdir: Path, commit: str, path: str | None, blob: str | None = None) -> bytes:
    """The file at ``commit:path``, or the object ``blob`` (used where the path names a person)."""
    obj = blob if blob else f"{commit}:{path}"
    return subprocess.run(
        ["git", f"--git-dir={gdir}", "cat-file", "blob", obj], check=True, capture_output=True,
    ).stdout


def rebuild(
    mirror: Path = DEFAULT_MIRROR, out: Path = DEFAULT_OUT, corpus: Path = CORPUS
) -> tuple[int, list[str], list[str]]:
    """Copy every document into ``out``; return (copied or present, missing repos, bad docs)."""
    out.mkdir(parents=True, exist_ok=True)
    ok, missing, bad = 0, set(), []
    for doc in load_corpus(corpus):
        target = out / local_name(doc)
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == doc["sha256"]:
            ok += 1
            continue
        gdir = git_dir(mirror, doc["repo"])
        if gdir is None:
            missing.add(doc["repo"])
            continue
        try:
            data = read_blob(gdir, doc["commit"], doc.get("path"), doc.get("blob"))
        except subprocess.CalledProcessError as exc:
            where = doc.get("path") or doc.get("blob")
            bad.append(f"{doc['id']}: {doc['repo']}:{where} @ {doc['commit'][:10]}: "
                       f"{exc.stderr.decode(errors='replace').strip()}")
            continue
        if hashlib.sha256(data).hexdigest() != doc["sha256"]:
            bad.append(f"{doc['id']}: {doc['repo']}:{doc.get('path') or doc.get('blob')}: "
                       "sha256 differs from corpus.toml")
            continue
        target.write_bytes(data)
        ok += 1
    return ok, sorted(missing), bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR,
                    help="fetched repositories (owner+name/repo)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    args = ap.parse_args(argv)
    ok, missing, bad = rebuild(args.mirror, args.out, args.corpus)
    print(f"{ok} documents in {args.out}")
    for line in bad:
        print(f"NOT COPIED {line}", file=sys.stderr)
    if missing:
        print(f"{len(missing)} repositories are not in {args.mirror}; fetch them first:", file=sys.stderr)
        for repo in missing:
            print(f"  github:{repo}", file=sys.stderr)
    return 1 if missing or bad else 0


if __name__ == "__main__":
    sys.exit(main())
