"""The content-addressed store of original files: ``<root>/ab/cd/<sha256>.<kind>``.

Files are known by their SHA-256, so re-running a batch or uploading the same scan twice never
stores (or counts) it twice, and the upload folder can be deleted once a batch is taken in.
Copies are streamed (never read whole into memory) into a temporary file inside the store and
renamed into place, so a crash never leaves a half-written file under a valid name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024


class TooLarge(Exception):
    """A stream went past the byte limit it was spooled with."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"more than {limit} bytes")
        self.limit = limit


@dataclass(frozen=True)
class Spooled:
    """A file streamed into the store's scratch area, hashed, not yet filed under its hash."""

    tmp_path: Path
    sha256: str
    size: int


def sha256_file(path: Path) -> tuple[str, int]:
    """SHA-256 hex digest and size of a file, read in chunks."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


class FileStore:
    """A folder of originals addressed by content hash."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.tmp_dir = self.root / "tmp"

    def path_for(self, sha256: str, kind: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / f"{sha256}.{kind}"

    def has(self, sha256: str, kind: str) -> bool:
        return self.path_for(sha256, kind).is_file()

    def spool(self, src: BinaryIO, limit: int) -> Spooled:
        """Stream ``src`` into a scratch file in the store while hashing it.

        Raises ``TooLarge`` (and leaves nothing behind) once more than ``limit`` bytes arrive.
        The scratch file lives on the store's file system so filing it is an atomic rename.
        """
        self.tmp_dir.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=self.tmp_dir, prefix="in-", suffix=".part")
        tmp = Path(name)
        h = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := src.read(CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge(limit)
                    h.update(chunk)
                    out.write(chunk)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return Spooled(tmp, h.hexdigest(), size)

    def file(self, spooled: Spooled, kind: str) -> Path:
        """File a spooled copy under its hash (or drop it when that content is already stored)."""
        dest = self.path_for(spooled.sha256, kind)
        if dest.is_file():
            spooled.tmp_path.unlink(missing_ok=True)
            return dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(spooled.tmp_path, 0o444)  # originals are evidence: never edited in place
        os.replace(spooled.tmp_path, dest)
        return dest

    def discard(self, spooled: Spooled) -> None:
        spooled.tmp_path.unlink(missing_ok=True)

    def add(self, path: Path, kind: str, sha256: str | None = None) -> Path:
        """Copy an original file into the store (streamed, atomic); no copy when already there."""
        if sha256 is not None and self.has(sha256, kind):
            return self.path_for(sha256, kind)
        with open(path, "rb") as fh:
            spooled = self.spool(fh, limit=1 << 62)
        if sha256 is not None and spooled.sha256 != sha256:
            self.discard(spooled)
            raise OSError(f"{path} changed while it was being copied")
        return self.file(spooled, kind)
