"""Many files in parallel, over pages: one worker process per core, one page at a time each.

A small pool of our own rather than ``ProcessPoolExecutor``: when a worker crashes (a segfault
in a decoder) or hangs past the page timeout, only that page fails — the worker is killed and
replaced and the batch goes on. An executor would break the whole pool instead, and cannot kill
a hung task.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from pipeline.ocr.cache import OcrCache, page_from_json
from pipeline.ocr.reader import (
    cache_engine_name,
    cache_version,
    error_page,
    open_cache,
    read_page,
    resolve_engine,
    text_layer_to_page,
)
from pipeline.ocr.sources import PageSourceError, close_documents, page_count, page_pixels, text_layer_page
from pipeline.types import Line, Page, StoredFile

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
RECYCLE_AFTER = 200  # pages per worker before it is replaced, so memory cannot creep up
# A worker whose resident memory has grown past this after a page is replaced before its next
# one (``CEHOURS_OCR_WORKER_MAX_MB``). With its heap trimmed after every page a RapidOCR worker
# sits at ~350 MB between pages on OpenVINO, ~175 MB on onnxruntime (docs/ocr.md), so this only
# catches what trimming cannot give back (fragmentation, a leak in a library); untrimmed,
# workers crept from 665 to 810 MB.
WORKER_MAX_MB = 650
# ... but never before this many pages: a page set whose fresh worker already sits above the
# bound (very large photos) must not restart a worker for every page.
MIN_PAGES_BEFORE_MEMORY_RECYCLE = 10
# glibc tuning was measured and left out (docs/ocr.md): MALLOC_ARENA_MAX=1 lowered one process's
# peak on 6 pages but raised the workers' peaks in the 500-page run; 1 MB MALLOC_MMAP_THRESHOLD_
# cut the peak by a third at +60 % CPU per page.


def worker_max_mb() -> float:
    return float(os.environ.get("CEHOURS_OCR_WORKER_MAX_MB", WORKER_MAX_MB))


def _rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux /proc; 0 where it cannot be read)."""
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def page_timeout() -> float:
    """Seconds one page may take (``CEHOURS_OCR_PAGE_TIMEOUT``, default 180)."""
    return float(os.environ.get("CEHOURS_OCR_PAGE_TIMEOUT", "180"))


@dataclass
class _Job:
    """One page (or one second read, ``second``) for a worker. ``slot`` is its place in the call
    that wants it; None while it is a page read ahead for the next call (``read_files(then=)``)."""

    file: StoredFile
    page_no: int
    second: object = None
    slot: int | None = None
    pixels: int = 0
    layer_rejected: str = ""  # why the page's PDF text layer was not trusted ("" when none)

    @property
    def key(self) -> tuple[str, int]:
        return self.file.sha256, self.page_no

    def noted(self, answer: object) -> object:
        """The worker's answer, a page OCR'd in the place of an untrusted layer saying why."""
        if self.layer_rejected and isinstance(answer, Page) and not answer.error:
            answer.layer_rejected = self.layer_rejected
        return answer


@dataclass
class _Worker:
    proc: subprocess.Popen[bytes]
    send: Connection
    recv: Connection
    job: _Job | None = None
    started: float = 0.0
    done: int = 0


def _spawn_worker(engine: str, cache_root: str | None) -> _Worker:
    """A worker is ``python -m pipeline.ocr.worker`` talking pickles over two pipes.

    A plain subprocess rather than multiprocessing: it never re-imports the caller's __main__
    (scripts without a main guard work), and it gets its one-thread environment from birth.
    """
    to_child_r, to_child_w = os.pipe()
    from_child_r, from_child_w = os.pipe()
    env = dict(os.environ, OMP_THREAD_LIMIT="1", OMP_NUM_THREADS="1")
    if cache_root:  # compiled OpenVINO networks kept beside the pages: later starts skip compiling
        from pipeline.ocr.rapid import COMPILED_CACHE_ENV

        env[COMPILED_CACHE_ENV] = str(Path(cache_root) / "openvino")
    pkg_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (pkg_root, env.get("PYTHONPATH", "")) if p)
    args = [sys.executable, "-m", "pipeline.ocr.worker", str(to_child_r), str(from_child_w), engine]
    if cache_root:
        args.append(cache_root)
    proc = subprocess.Popen(args, pass_fds=(to_child_r, from_child_w), env=env, stdin=subprocess.DEVNULL)
    os.close(to_child_r)
    os.close(from_child_w)
    return _Worker(
        proc=proc,
        send=Connection(to_child_w, readable=False),
        recv=Connection(from_child_r, writable=False),
    )


def _stop_worker(w: _Worker, kill: bool = False) -> None:
    _tell_stop(w, kill)
    _reap(w)


def _tell_stop(w: _Worker, kill: bool = False) -> None:
    if not kill:
        try:
            w.send.send(None)
        except OSError:
            kill = True
    if kill:
        w.proc.kill()


def _reap(w: _Worker) -> None:
    """Wait for a worker told to stop (killed if it does not within 5 s) and close its pipes."""
    try:
        w.proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        w.proc.kill()
        w.proc.wait()
    w.send.close()
    w.recv.close()


def read_files(
    files: list[StoredFile],
    engine: str = "auto",
    workers: int | None = None,
    cache_dir: Path | bool | None = None,
    progress: Progress | None = None,
) -> dict[str, list[Page]]:
    """Pages of every file, keyed by the file's sha256, OCR'd in parallel over pages.

    ``workers`` None uses every core; 0 reads in this process (no isolation, for debugging).
    ``cache_dir`` None uses ``pipeline.config.ocr_cache_dir()``; ``False`` disables the cache.
    ``progress(done, total)`` is called after every page. A page that fails has ``error`` set
    and empty text; no page failure raises. The workers are stopped on return: a caller with
    several lots of files (a batch's chunks) keeps one ``OcrPool`` open instead.
    """
    with OcrPool(engine, workers, cache_dir) as pool:
        return pool.read_files(files, progress)


class OcrPool:
    """The OCR stage's worker processes, kept between calls of ``read_files`` (a batch's chunks).

    A worker's start (interpreter, imports, networks loaded) costs ~1.5 CPU s: started afresh
    for each chunk of 8 files, start-ups were a third of a batch's CPU (docs/ocr.md). Workers
    start on the first page that needs one, or all at once with ``start``; pages go out largest
    first, and a call may let idle workers read the next call's pages ahead (``then``). Page
    timeouts, crash isolation and recycling are those of one ``read_files``. Close it (or use
    ``with``) to stop the workers.
    """

    def __init__(self, engine: str = "auto", workers: int | None = None,
                 cache_dir: Path | bool | None = None) -> None:  # fmt: skip
        self.engine = resolve_engine(engine)
        self.size = (os.cpu_count() or 1) if workers is None else max(0, workers)
        self.cache = open_cache(cache_dir)
        self._workers: list[_Worker] = []
        self._ahead: dict[tuple[str, int], Page] = {}  # pages read ahead for the next call
        self._stopping: list[_Worker] = []  # told to stop, not yet awaited (close(wait=False))
        self._second_reads = threading.Lock()  # items are read on several threads (Prefect)

    def __enter__(self) -> OcrPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        """Start every worker now, each loading its engine at once (``worker.warm_up``): a batch
        run calls this before its intake, so the ~1 CPU s a worker takes to start overlaps the
        intake instead of delaying the first page. Without it workers start on the first page."""
        while len(self._workers) < self.size:
            self._workers.append(self._spawn())

    def close(self, wait: bool = True) -> None:
        """Stop every worker (a worker still on a page is killed) and close this process's PDFs.

        All are told first, then awaited, so their exits (~0.2 s each, freeing their networks)
        overlap. ``wait=False`` returns at once (a batch goes on to its items meanwhile); a
        later ``close()`` waits for them. Pages already read for a later call are kept (known by
        content, they stay right): a pool read again after ``close`` starts workers as needed."""
        workers, self._workers = self._workers, []
        for w in workers:
            # one that never read a page (started for an intake that failed, or found nothing to
            # read) is killed too: waiting for it would wait for its engine to finish loading
            _tell_stop(w, kill=w.job is not None or w.done == 0)
        self._stopping += workers
        if wait:
            stopping, self._stopping = self._stopping, []
            for w in stopping:
                _reap(w)
        close_documents()

    def read_files(self, files: list[StoredFile], progress: Progress | None = None,
                   then: list[StoredFile] | None = None) -> dict[str, list[Page]]:  # fmt: skip
        """As the module's ``read_files``, on this pool's workers.

        ``then``: the files of the next call (a batch's next chunk). Once this call's own pages
        are all handed out, an idle worker starts on those instead of waiting for the last page
        of this call; the call still returns as soon as its own pages are back, and the pages
        read ahead are kept for the next call (and the OCR cache), never read twice."""
        try:
            return self._read_files(files, progress, then or [])
        finally:
            close_documents()  # this process's PDFs; workers close theirs when they stop

    def _read_files(self, files: list[StoredFile], progress: Progress | None,
                    then: list[StoredFile]) -> dict[str, list[Page]]:  # fmt: skip
        cache, name = self.cache, self.engine
        version = cache_version()
        cname = cache_engine_name(name)

        results: dict[str, list[Page | None]] = {}
        jobs: list[_Job] = []
        slots: list[tuple[str, int]] = []  # job slot -> (file sha, page_no)
        total = 0
        done = 0
        unique = {f.sha256: f for f in files}  # the same content twice is read once
        for sha, f in unique.items():
            try:
                n = page_count(f)
            except PageSourceError as exc:
                results[sha] = [error_page(f, 0, str(exc))]
                total += 1
                done += 1
                continue
            total += n
            cached = _from_file_index(cache, f, n, cname, version)
            if cached is not None:
                results[sha] = list(cached)
                done += n
                continue
            results[sha] = [None] * n
            for p in range(n):
                got = self._ahead.pop((sha, p), None)  # read ahead during the previous call
                # Born-digital pages are read here: a text layer is faster to parse than to send.
                layer = _text_layer(f, p) if got is None else got
                if isinstance(layer, Page):
                    results[sha][p] = layer
                    done += 1
                    continue
                # a layer that failed the quality test (its reason in ``layer``): OCR'd once, as a scan
                jobs.append(_Job(f, p, slot=len(slots), pixels=page_pixels(f, p), layer_rejected=layer))
                slots.append((sha, p))

        if progress:
            progress(done, total)

        def collect(idx: int, page: Page) -> None:
            nonlocal done
            sha, p = slots[idx]
            results[sha][p] = page
            done += 1
            if progress:
                progress(done, total)

        if jobs and self.size == 0:
            for i, job in enumerate(jobs):
                collect(i, job.noted(read_page(job.file, job.page_no, name, cache, text_layer=False)))
        elif jobs:
            ahead = self._ahead_jobs(then, set(unique)) if self.size > 1 else []
            self._run(jobs, collect, ahead)

        out: dict[str, list[Page]] = {}
        for sha, pages in results.items():
            complete = [pg if pg is not None else error_page(unique[sha], i, "page was not read")
                        for i, pg in enumerate(pages)]
            out[sha] = complete
            if cache is not None and complete and all(pg.cache_key and not pg.error for pg in complete):
                cache.put_file_keys(sha, cname, version, [pg.cache_key for pg in complete],
                                    [pg.layer_rejected for pg in complete])
        return out

    def _uncached(self, files: list[StoredFile]) -> Iterator[tuple[StoredFile, int]]:
        """(file, page count) of each file whose pages are not all in the OCR cache's file index
        (a file that cannot be opened is left out: its read records the error)."""
        cname, version = cache_engine_name(self.engine), cache_version()
        for f in {f.sha256: f for f in files}.values():
            try:
                n = page_count(f)
            except PageSourceError:
                continue
            if self.cache is None or len(self.cache.get_file_keys(f.sha256, cname, version) or []) != n:
                yield f, n

    def needs_workers(self, files: list[StoredFile]) -> bool:
        """Whether a page of ``files`` must be OCR'd: not in the OCR cache, no text layer. A batch
        run started its workers before its intake, and stops them when none is needed. The
        text-layer pages parsed on the way are kept for the read of ``files`` (parsed once)."""
        try:
            for f, n in self._uncached(files):
                for p in range(n):
                    if (f.sha256, p) in self._ahead:
                        continue
                    layer = _text_layer(f, p)
                    if not isinstance(layer, Page):
                        return True
                    self._ahead[(f.sha256, p)] = layer
            return False
        finally:
            close_documents()

    def _ahead_jobs(self, then: list[StoredFile], skip: set[str]) -> list[_Job]:
        """The next call's pages a worker may read ahead: not cached, no text layer, not already
        read ahead or on a worker; largest first."""
        busy = {w.job.key for w in self._workers if w.job is not None}
        jobs: list[_Job] = []
        for f, n in self._uncached([f for f in then if f.sha256 not in skip]):
            for p in range(n):
                if (f.sha256, p) in self._ahead or (f.sha256, p) in busy:
                    continue
                layer = _text_layer(f, p)
                if isinstance(layer, Page):
                    self._ahead[(f.sha256, p)] = layer
                    continue
                jobs.append(_Job(f, p, pixels=page_pixels(f, p), layer_rejected=layer))
        return sorted(jobs, key=lambda j: -j.pixels)

    def red_lines(self, file: StoredFile, page: Page, partial: str = "$^") -> list[Line]:
        """``red_text.red_lines`` of one OCR'd page, read on one of this pool's workers with the
        run's engine and cache (the caller loads no model). A worker that crashes or times out
        on it costs that read only: it gives [], as an engine error does in ``red_lines``.
        Lines cached by an earlier run are served here without a worker."""
        from pipeline.ocr.red_text import SecondRead, cached_red_lines, red_lines

        got: list[Line] = []

        def keep(_idx: int, answer: object) -> None:
            if isinstance(answer, list):
                got.extend(answer)
            elif isinstance(answer, Page) and answer.error:
                log.warning("second read of %s page %d failed: %s", file.sha256[:12], page.page_no + 1,
                            answer.error)

        if self.size == 0:
            return red_lines(file, page, self.cache, partial)
        cached = cached_red_lines(file, page, self.cache, partial)
        if cached is not None:  # read before (a re-run): no worker is started for it
            return cached
        with self._second_reads:
            self._run([_Job(file, page.page_no, SecondRead(page, partial), slot=0)], keep)
        return got

    def _spawn(self) -> _Worker:
        return _spawn_worker(self.engine, str(self.cache.root) if self.cache is not None else None)

    def _run(self, jobs: list[_Job], collect: Callable[[int, Page], None] | Callable[[int, object], None],
             ahead: list[_Job] | None = None) -> None:  # fmt: skip
        """Run ``jobs`` (each answer to ``collect(slot, answer)``) on the workers, largest page
        first, so that no worker is left alone with a large page at the end. Idle workers then
        take ``ahead`` jobs, whose answers go to ``self._ahead``; the call returns when its own
        jobs are done, a worker may still be on an ahead job (claimed by the next call)."""
        timeout = page_timeout()
        max_mb = worker_max_mb()
        pool = self._workers
        on_workers = {w.job.key: w.job for w in pool if w.job is not None and w.job.second is None}
        pending: deque[_Job] = deque()
        for job in sorted(jobs, key=lambda j: -j.pixels):
            running = on_workers.get(job.key) if job.second is None else None
            if running is not None and running.slot is None:  # read ahead, still on its worker
                running.slot = job.slot
            else:
                pending.append(job)
        extra = deque(ahead or [])
        while len(pool) < min(self.size, len(pending) + len(extra)):  # started when first needed, then kept
            pool.append(self._spawn())

        def replace(i: int) -> None:
            _stop_worker(pool[i], kill=True)
            pool[i] = self._spawn()

        def answer(job: _Job, page: object) -> None:
            page = job.noted(page)
            if job.slot is not None:
                collect(job.slot, page)  # type: ignore[arg-type]
            elif isinstance(page, Page):
                self._ahead[job.key] = page

        try:
            while True:
                for i, w in enumerate(pool):
                    if w.job is None and (pending or extra):
                        if (w.done >= RECYCLE_AFTER or w.proc.poll() is not None
                                or (w.done >= MIN_PAGES_BEFORE_MEMORY_RECYCLE
                                    and _rss_mb(w.proc.pid) > max_mb)):
                            _stop_worker(w)
                            w = pool[i] = self._spawn()
                        w.job, w.started = (pending or extra).popleft(), time.monotonic()
                        with contextlib.suppress(OSError):  # a dead worker shows up as EOF below
                            w.send.send((w.job.slot or 0, w.job.file, w.job.page_no, w.job.second))
                if not any(w.job is not None and w.job.slot is not None for w in pool):
                    break  # this call's jobs are done; an ahead job may still be on a worker
                busy = [w for w in pool if w.job is not None]
                deadline = min(w.started for w in busy) + timeout
                ready = wait([w.recv for w in busy], timeout=max(0.0, deadline - time.monotonic()))
                for i, w in enumerate(pool):
                    job = w.job
                    if job is None:
                        continue
                    f, p = job.file, job.page_no
                    if w.recv in ready:
                        try:
                            _, page = w.recv.recv()
                        except (EOFError, OSError):
                            why = f"OCR worker crashed on this page (exit code {w.proc.poll()})"
                            replace(i)
                            answer(job, error_page(f, p, why))
                            continue
                        w.job, w.done = None, w.done + 1
                        answer(job, page)
                    elif time.monotonic() - w.started > timeout:
                        replace(i)
                        answer(job, error_page(f, p, f"OCR timed out after {timeout:.0f} s"))
        except BaseException:
            self.close()  # a worker may hold a page of this call: no later call may get its answer
            raise


def _text_layer(f: StoredFile, page_no: int) -> Page | str:
    """The page from its PDF text layer, an error page if it cannot be parsed, else why its layer
    was rejected ("" when it has none): the page is then OCR'd."""
    try:
        src = text_layer_page(f, page_no)
    except PageSourceError as exc:
        return error_page(f, page_no, str(exc))
    if src is None:
        return ""
    return src.layer_rejected if src.lines is None else text_layer_to_page(f, page_no, src)


def _from_file_index(
    cache: OcrCache | None, f: StoredFile, n: int, engine: str, version: str
) -> list[Page] | None:
    """Every page of a file from the cache without decoding it, or None if any is missing."""
    if cache is None:
        return None
    keys = cache.get_file_keys(f.sha256, engine, version)
    if not keys or len(keys) != n:
        return None
    pages = []
    notes = cache.get_file_layer_rejected(f.sha256, engine, version)
    for i, key in enumerate(keys):
        data = cache.get_page(key)
        if data is None:
            return None
        try:
            pages.append(page_from_json(data, f.sha256, i, key))
        except (KeyError, TypeError, ValueError):
            return None
        pages[-1].layer_rejected = notes[i] if i < len(notes) else ""
    return pages
