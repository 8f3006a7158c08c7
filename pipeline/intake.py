"""Intake: a batch folder or ``.zip`` in; applicants, stored items and intake errors out.

Contract section 1: every file of an applicant folder is one evidence item, every sub-folder one
item made of all the files below it. Each original is checked (real type from its bytes, really
opens, not too large) and copied into the content-addressed store. Anything wrong with one file
or one zip member becomes an ``IntakeError`` with a reason and the rest of the batch goes on;
only a batch that cannot be read at all raises ``BatchError``.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipeline import config
from pipeline.cjk import is_ideograph
from pipeline.filestore import FileStore, TooLarge, sha256_file
from pipeline.filetypes import SUPPORTED_KINDS, FileRejected, check_file, detect_kind, read_head
from pipeline.manifest import MANIFEST_NAME, MAX_MANIFEST_BYTES, parse_manifest
from pipeline.types import Applicant, IntakeError, IntakeResult, ItemSource, StoredFile

# Zip-bomb limits. Each member is already bounded by the per-file cap; these bound the whole
# archive and catch a member that inflates absurdly (deflate tops out near 1032:1, real scans
# of blank pages reach ~200:1 only when small).
DEFAULT_MAX_BATCH_BYTES = 8 * 1024**3
BOMB_RATIO = 200
BOMB_RATIO_MIN_BYTES = 16 * 1024**2

# Names that operating systems and archivers add on their own: never evidence, never an error.
_HIDDEN_NAMES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db", "__macosx", "icon\r"})


class BatchError(Exception):
    """The batch as a whole cannot be read (missing, not a folder, not a zip, corrupt zip)."""


@dataclass
class _Entry:
    """One file of the batch, wherever it lives (a folder on disk or a zip member)."""

    rel: str  # path relative to the batch root, decoded, "/"-separated
    size: int  # bytes (declared size for a zip member)
    opener: Callable[[], BinaryIO] | None = None  # opens the content for reading
    disk_path: Path | None = None  # set for files of a folder batch
    problem: str | None = None  # known bad before reading (zip slip, symlink, encrypted ...)
    compressed: int | None = None  # compressed size of a zip member


def is_hidden(rel: str) -> bool:
    """OS/archiver litter (.DS_Store, __MACOSX, Thumbs.db, desktop.ini, dot files), ignored silently."""
    return any(part.startswith(".") or part.lower() in _HIDDEN_NAMES for part in rel.split("/"))


def _natural_key(s: str) -> tuple:
    """Sort "p2.jpg" before "p10.jpg": multi-page items are usually numbered without padding."""
    return tuple(int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", s)), s


def intake_batch(
    path: str | Path,
    store_dir: Path | None = None,
    max_file_bytes: int | None = None,
    *,
    max_batch_bytes: int | None = None,
) -> IntakeResult:
    """Read a batch folder or ``.zip``, store its originals, and list its items and errors.

    ``store_dir`` defaults to ``pipeline.config.store_dir()``, ``max_file_bytes`` (cap for one
    file) to ``pipeline.config.max_file_bytes()``; ``max_batch_bytes`` bounds the total unpacked
    size of a zip batch. Raises ``BatchError`` only when the batch itself cannot be read.
    """
    src = Path(path).expanduser()
    store = FileStore(Path(store_dir) if store_dir is not None else config.store_dir())
    cap = max_file_bytes if max_file_bytes is not None else config.max_file_bytes()
    budget = max_batch_bytes if max_batch_bytes is not None else DEFAULT_MAX_BATCH_BYTES

    if not src.exists():
        raise BatchError(f"batch not found: {src}")
    if src.is_dir():
        entries = _folder_entries(src)
        return _intake_entries(src.name, src.resolve(), entries, store, cap, None)
    if not zipfile.is_zipfile(src):
        raise BatchError(f"not a folder or a zip archive (or a corrupt zip): {src}")
    try:
        zf = zipfile.ZipFile(src)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BatchError(f"corrupt zip archive {src}: {exc}") from exc
    with zf:
        names = set(zf.namelist())
        if "[Content_Types].xml" in names or "mimetype" in names:
            # .docx/.xlsx/.odt are zips too: say what was given instead of listing its XML parts.
            raise BatchError(f"{src.name} is an office document, not a zip of a batch folder")
        try:
            entries = _zip_entries(zf)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise BatchError(f"corrupt zip archive {src}: {exc}") from exc
        entries = _unwrap(entries, src.stem)
        return _intake_entries(src.stem, src.resolve(), entries, store, cap, budget)


# ---------------------------------------------------------------------------- batch sources


def _folder_entries(root: Path) -> list[_Entry]:
    entries: list[_Entry] = []

    def unreadable(exc: OSError) -> None:
        # os.walk skips a folder it cannot list unless told: that would lose files silently.
        rel = _nfc(Path(exc.filename).relative_to(root).as_posix()) if exc.filename else "."
        entries.append(_Entry(rel, 0, problem=f"cannot read folder: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        base = Path(dirpath)
        rel_dir = base.relative_to(root).as_posix()
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            p = base / name
            rel = _nfc(name if rel_dir == "." else f"{rel_dir}/{name}")
            if is_hidden(rel):
                if name in dirnames:
                    dirnames.remove(name)  # do not descend into __MACOSX or .git
                continue
            try:
                st = p.lstat()
            except OSError as exc:
                entries.append(_Entry(rel, 0, problem=f"cannot read file: {exc.strerror or exc}"))
                continue
            if stat.S_ISLNK(st.st_mode):
                # A link can point anywhere on the server: never follow it out of the batch.
                entries.append(_Entry(rel, 0, problem="symbolic link: not followed, upload the file itself"))
            elif stat.S_ISDIR(st.st_mode):
                entries.append(_Entry(rel + "/", 0))  # directory marker: empty item folders show
            elif stat.S_ISREG(st.st_mode):
                entries.append(_Entry(rel, st.st_size, opener=_file_opener(p), disk_path=p))
            else:
                entries.append(_Entry(rel, 0, problem="not a regular file"))
    return entries


def _file_opener(p: Path) -> Callable[[], BinaryIO]:
    return lambda: open(p, "rb")


def _nfc(s: str) -> str:
    # macOS writes decomposed (NFD) names; compare and show them composed.
    return unicodedata.normalize("NFC", s)


def decode_member_name(info: zipfile.ZipInfo) -> str:
    """The real name of a zip member.

    Without the UTF-8 flag Python decodes names as cp437, but zips made on Chinese Windows
    hold GBK/GB18030 bytes and some tools write UTF-8 without setting the flag: re-decode.
    """
    name = info.orig_filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    if raw.isascii():
        return name
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        decoded = raw.decode("gb18030")
    except UnicodeDecodeError:
        return name
    if any(is_ideograph(ch) for ch in decoded) and all(
        ch.isprintable() for ch in decoded
    ):
        return decoded
    return name


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _zip_entries(zf: zipfile.ZipFile) -> list[_Entry]:
    entries: list[_Entry] = []
    seen: set[str] = set()
    for info in zf.infolist():
        raw = decode_member_name(info).replace("\\", "/")
        name = _nfc(raw)
        if re.match(r"^(/|[A-Za-z]:)", name):
            entries.append(_Entry(name, info.file_size, problem="absolute path in zip: not allowed"))
            continue
        parts = [p for p in name.split("/") if p not in ("", ".")]
        if ".." in parts:
            entries.append(
                _Entry(name, info.file_size, problem="path escapes the batch (\"..\" in a zip member name)")
            )
            continue
        rel = "/".join(parts)
        if not rel or is_hidden(rel):
            continue
        if info.is_dir() or name.endswith("/"):
            entries.append(_Entry(rel + "/", 0))
            continue
        if rel in seen:
            problem = "the zip holds this path twice; second copy ignored"
            entries.append(_Entry(rel, info.file_size, problem=problem))
            continue
        seen.add(rel)
        problem = None
        if _is_symlink(info):
            problem = "symbolic link in zip: not followed, upload the file itself"
        elif info.flag_bits & 0x1:
            problem = "encrypted zip member: ask the applicant for an unprotected copy"
        entries.append(
            _Entry(
                rel,
                info.file_size,
                opener=(lambda i=info: zf.open(i)),
                problem=problem,
                compressed=info.compress_size,
            )
        )
    return entries


def _unwrap(entries: list[_Entry], stem: str) -> list[_Entry]:
    """Drop the single top folder a zip of a batch folder usually has (``2024-06/…``).

    Unwrapped when every member is under one folder T and T holds manifest.csv, or T is named
    like the zip, or T holds only sub-folders (files directly in T mean T is an applicant).
    """
    files = [e for e in entries if not e.rel.endswith("/")]
    tops = {e.rel.split("/", 1)[0] for e in entries}
    if len(tops) != 1 or not files or any("/" not in e.rel for e in files):
        return entries
    top = next(iter(tops))
    inner = [e.rel.split("/", 1)[1] for e in files]
    has_manifest = any(r.lower() == MANIFEST_NAME for r in inner)
    only_subfolders = all("/" in r for r in inner)
    if not (has_manifest or _nfc(top) == _nfc(stem) or only_subfolders):
        return entries
    unwrapped = []
    for e in entries:
        rest = e.rel.split("/", 1)[1] if "/" in e.rel else ""
        if rest:
            e.rel = rest
            unwrapped.append(e)
    return unwrapped


# ---------------------------------------------------------------------------- the batch walk


class _Intake:
    def __init__(self, store: FileStore, cap: int, budget: int | None) -> None:
        self.store = store
        self.cap = cap
        self.budget = budget  # remaining unpacked bytes allowed for a zip, None for folders
        self.errors: list[IntakeError] = []

    def error(self, rel: str, reason: str, applicant_id: str | None, sha256: str | None = None) -> None:
        self.errors.append(IntakeError(rel_path=rel, reason=reason, applicant_id=applicant_id, sha256=sha256))

    def take(self, e: _Entry, applicant_id: str) -> StoredFile | None:
        """Check one file and store it; on any problem record an IntakeError and return None."""
        if e.problem:
            self.error(e.rel, e.problem, applicant_id)
            return None
        if e.size == 0:
            self.error(e.rel, "empty file (0 bytes)", applicant_id)
            return None
        if e.size > self.cap:
            self.error(e.rel, _too_large(e.size, self.cap), applicant_id)
            return None
        if e.compressed is not None:
            reason = self._bomb_reason(e)
            if reason:
                self.error(e.rel, reason, applicant_id)
                return None
        try:
            if e.disk_path is not None:
                return self._take_disk_file(e, applicant_id)
            return self._take_member(e, applicant_id)
        except OSError as exc:
            self.error(e.rel, f"cannot read file: {exc.strerror or exc}", applicant_id)
            return None
        except Exception as exc:
            # One odd file must never stop the batch: record it and go on.
            self.error(e.rel, f"cannot read file ({type(exc).__name__}: {exc})", applicant_id)
            return None

    def _bomb_reason(self, e: _Entry) -> str | None:
        ratio = e.size / max(e.compressed or 0, 1)
        if e.size > BOMB_RATIO_MIN_BYTES and ratio > BOMB_RATIO:
            return f"zip member inflates {ratio:,.0f}:1 to {e.size / 1024**2:,.0f} MB: possible zip bomb"
        assert self.budget is not None
        if e.size > self.budget:
            return "the zip unpacks to more than the batch size limit: possible zip bomb, member skipped"
        self.budget -= e.size
        return None

    def _take_disk_file(self, e: _Entry, applicant_id: str) -> StoredFile | None:
        # A folder file is checked where it lies and copied only when the store lacks it.
        assert e.disk_path is not None
        path = e.disk_path
        sha, size = sha256_file(path)
        if size > self.cap:  # grew since it was listed
            self.error(e.rel, _too_large(size, self.cap), applicant_id, sha)
            return None
        kind = self._already_stored(path, sha)
        if kind is None:
            try:
                kind = check_file(path)
            except FileRejected as exc:
                self.error(e.rel, str(exc), applicant_id, sha)
                return None
        stored = self.store.add(path, kind, sha)
        return StoredFile(sha256=sha, rel_path=e.rel, size=size, kind=kind, stored_path=str(stored))

    def _already_stored(self, path: Path, sha256: str) -> str | None:
        """The kind of a file the store already holds; None when it must be checked.

        Only files that passed ``check_file`` enter the store, so a hit needs no second check:
        re-running a batch skips the decoding.
        """
        kind = detect_kind(read_head(path))
        return kind if kind in SUPPORTED_KINDS and self.store.has(sha256, kind) else None

    def _take_member(self, e: _Entry, applicant_id: str) -> StoredFile | None:
        # A zip member has to be unpacked to be checked: spool it into the store's scratch area.
        assert e.opener is not None
        try:
            with e.opener() as fh:
                spooled = self.store.spool(fh, limit=self.cap)
        except TooLarge:
            self.error(e.rel, _too_large(e.size, self.cap), applicant_id)
            return None
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            msg = str(exc)
            if "Overlapped" in msg:
                reason = "zip member overlaps another one: possible zip bomb"
            else:
                reason = f"corrupt zip member, cannot be unpacked ({msg})"
            self.error(e.rel, reason, applicant_id)
            return None
        except NotImplementedError as exc:
            self.error(e.rel, f"zip member cannot be unpacked: {exc}", applicant_id)
            return None
        except RuntimeError as exc:  # zipfile raises this for encrypted members without a password
            self.error(e.rel, f"zip member cannot be unpacked: {exc}", applicant_id)
            return None
        try:
            kind = self._already_stored(spooled.tmp_path, spooled.sha256) or check_file(spooled.tmp_path)
        except FileRejected as exc:
            self.store.discard(spooled)
            self.error(e.rel, str(exc), applicant_id, spooled.sha256)
            return None
        except BaseException:
            self.store.discard(spooled)
            raise
        stored = self.store.file(spooled, kind)
        return StoredFile(
            sha256=spooled.sha256, rel_path=e.rel, size=spooled.size, kind=kind, stored_path=str(stored)
        )


def _too_large(size: int, cap: int) -> str:
    # Same unit on both sides; MB for real caps, KB when a cap is set tiny (tests, demos).
    unit, div = ("MB", 1024**2) if cap >= 1024**2 else ("KB", 1024)
    return f"file too large ({size / div:.1f} {unit} > cap {cap / div:.1f} {unit})"


def _intake_entries(
    batch: str, root: Path, entries: list[_Entry], store: FileStore, cap: int, budget: int | None
) -> IntakeResult:
    run = _Intake(store, cap, budget)
    manifest_errors: list[str] = []
    manifest: dict[str, Applicant] | None = None

    # Entries with a problem may not have a usable path (zip slip): report them as they are.
    applicant_dirs: set[str] = set()
    items: dict[tuple[str, str], list[_Entry]] = {}  # (applicant, item) -> files
    item_dirs: set[tuple[str, str]] = set()
    for e in entries:
        is_dir = e.rel.endswith("/")
        parts = e.rel.rstrip("/").split("/")
        if e.problem and (".." in parts or e.rel.startswith("/") or re.match(r"^[A-Za-z]:", e.rel)):
            run.error(e.rel, e.problem, None)
            continue
        if len(parts) == 1:
            if is_dir:
                applicant_dirs.add(parts[0])
            elif e.problem:
                run.error(e.rel, e.problem, None)
            elif parts[0].lower() == MANIFEST_NAME:
                manifest, errs = _read_manifest_entry(e)
                manifest_errors.extend(errs)
            else:
                run.error(
                    e.rel,
                    "file at the batch root: put it in an applicant folder (only manifest.csv belongs there)",
                    None,
                )
            continue
        applicant_id = parts[0]
        applicant_dirs.add(applicant_id)
        item = "/".join(parts[:2])
        if is_dir:
            if len(parts) >= 2:
                item_dirs.add((applicant_id, item))
            continue
        items.setdefault((applicant_id, item), []).append(e)

    applicants = _applicants(manifest, sorted(applicant_dirs), manifest_errors)

    result_items: list[ItemSource] = []
    for applicant_id, item in sorted(set(items) | item_dirs):
        files = sorted(items.get((applicant_id, item), []), key=lambda e: _natural_key(e.rel))
        if not files:
            run.error(item, "item folder is empty", applicant_id)
            continue
        stored = [sf for e in files if (sf := run.take(e, applicant_id)) is not None]
        if stored:
            result_items.append(ItemSource(applicant_id=applicant_id, item=item, files=stored))
    for applicant_id in sorted(applicant_dirs):
        if not any(a == applicant_id for a, _ in items) and not any(a == applicant_id for a, _ in item_dirs):
            manifest_errors.append(f"applicant folder {applicant_id} has no files")

    run.errors.sort(key=lambda err: (_natural_key(err.rel_path), err.reason))
    return IntakeResult(
        batch=batch,
        root=str(root),
        applicants=applicants,
        items=result_items,
        errors=run.errors,
        manifest_errors=manifest_errors,
    )


def _read_manifest_entry(e: _Entry) -> tuple[dict[str, Applicant], list[str]]:
    if e.size > MAX_MANIFEST_BYTES:
        return {}, [f"{MANIFEST_NAME}: file too large ({e.size} bytes), not read"]
    assert e.opener is not None
    try:
        with e.opener() as fh:
            data = fh.read(MAX_MANIFEST_BYTES + 1)
    except (OSError, zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError) as exc:
        return {}, [f"{MANIFEST_NAME}: cannot be read ({exc})"]
    return parse_manifest(data, MANIFEST_NAME)


def _applicants(
    manifest: dict[str, Applicant] | None, folders: list[str], manifest_errors: list[str]
) -> dict[str, Applicant]:
    """Manifest rows plus applicant folders, each mismatch reported as a manifest error."""
    if manifest is None:
        # No manifest: folder names are the ids and the names.
        return {f: Applicant(applicant_id=f, name=f) for f in folders}
    applicants = dict(manifest)
    for folder in folders:
        if folder not in applicants:
            manifest_errors.append(
                f"{MANIFEST_NAME}: applicant folder {folder} is not in the manifest; "
                "its files are processed with the folder name as the applicant's name"
            )
            applicants[folder] = Applicant(applicant_id=folder, name=folder)
    folder_set = set(folders)
    for aid in sorted(manifest):
        if aid not in folder_set:
            manifest_errors.append(
                f"{MANIFEST_NAME}: applicant {aid} ({manifest[aid].name}) has no folder in the batch"
            )
    return dict(sorted(applicants.items()))

