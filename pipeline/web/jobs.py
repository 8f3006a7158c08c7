"""Batches uploaded from the browser, processed one at a time in a child process.

The upload is answered as soon as the zip is on disk; the page then polls the job's JSON for
progress. One batch at a time: the machine's cores belong to OCR, and batches queue up in order.
A child process, not a thread: PDFium (PDF pages) must never run in two threads of one process
at once, and the server renders PDF pages while a batch is read; a process also keeps OCR's
CPU work off the server's interpreter. The child reports progress through a queue.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import multiprocessing
import queue
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from pipeline.web import problem_text
from pipeline.web.settings import WebSettings

log = logging.getLogger("cehours.web.jobs")

STAGES_ZH = {"intake": "接收文件", "ocr": "文字识别（页）", "understand": "分类与提取（件）",
             "propose": "生成建议", "done": "完成"}  # fmt: skip
STATES_ZH = {"queued": "排队中", "running": "处理中", "done": "已完成", "failed": "失败"}


@dataclass
class Job:
    id: int
    batch: str
    filename: str
    user: str
    state: str = "queued"  # queued | running | done | failed
    done: int = 0
    total: int = 0
    stage: str = ""
    message: str = ""
    error: str = ""
    started: float = field(default_factory=time.time)
    finished: float | None = None

    def public(self) -> dict[str, Any]:
        data = asdict(self)
        data["stage_zh"] = STAGES_ZH.get(self.stage, self.stage)
        data["state_zh"] = STATES_ZH.get(self.state, self.state)
        data["percent"] = (
            round(100 * self.done / self.total) if self.total else (100 if self.state == "done" else 0)
        )
        return data


def _progress_adapter(job: Job) -> Any:
    """A progress callback that accepts the shapes a pipeline may report in.

    ``(done, total)``, ``(stage, done, total)``, ``(done, total, message)``, a dict or an object
    with ``done``/``total``/``stage`` attributes; anything else becomes the message.
    """

    def progress(*args: Any, **kwargs: Any) -> None:
        data: dict[str, Any] = dict(kwargs)
        if len(args) == 1 and isinstance(args[0], dict):
            data.update(args[0])
        elif len(args) == 1 and hasattr(args[0], "__dict__") and not isinstance(args[0], str):
            data.update({k: v for k, v in vars(args[0]).items() if not k.startswith("_")})
        else:
            nums = [a for a in args if isinstance(a, int | float) and not isinstance(a, bool)]
            strs = [a for a in args if isinstance(a, str)]
            if len(nums) >= 2:
                data.setdefault("done", nums[0])
                data.setdefault("total", nums[1])
            if strs:
                data.setdefault("stage", strs[0])
                if len(strs) > 1:
                    data.setdefault("message", strs[1])
        for key in ("done", "completed", "current"):
            if isinstance(data.get(key), int | float):
                job.done = int(data[key])
                break
        if isinstance(data.get("total"), int | float):
            job.total = int(data["total"])
        for key in ("stage", "step", "phase"):
            if isinstance(data.get(key), str):
                job.stage = data[key]
                break
        if isinstance(data.get("message"), str):
            job.message = data["message"]

    return progress


def _child(zip_path: str, db_url: str, out: Any) -> None:
    """In the child process: run the pipeline, sending progress and the outcome to ``out``."""
    try:
        from pipeline.process import process_batch

        summary = process_batch(zip_path, db_url=db_url, progress=lambda *a: out.put(("progress", a)))
        keys = ("batch", "items", "auto_ok", "needs_review", "intake_errors", "manifest_errors")
        out.put(("done", {k: getattr(summary, k, None) for k in keys}))
    except BaseException as exc:  # the reviewer sees why; the server keeps running
        traceback.print_exc()
        out.put(("error", f"{type(exc).__name__}: {exc}"))


def _summary_text(summary: Any) -> str:
    """One line for the jobs table: what came out of the batch."""
    parts = [f"共 {getattr(summary, 'items', 0)} 件"]
    for attr, label in (("needs_review", "待审核"), ("auto_ok", "自动通过"), ("intake_errors", "无法接收")):
        if getattr(summary, attr, 0):
            parts.append(f"{label} {getattr(summary, attr)}")
    errors = getattr(summary, "manifest_errors", None) or []
    if errors:
        parts.append(f"名单问题 {len(errors)} 处")
    return "，".join(parts)


class JobRunner:
    def __init__(self, settings: WebSettings) -> None:
        self.settings = settings
        # A daemon thread hands jobs to child processes one at a time; stopping the server ends
        # the child (see _stop) rather than waiting for the batch, which is resumable.
        self._queue: queue.Queue[tuple[Job, Path]] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._jobs: dict[int, Job] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._child: Any = None
        atexit.register(self._stop)

    def submit(self, zip_path: Path, batch: str, filename: str, user: str) -> Job:
        job = Job(id=next(self._ids), batch=batch, filename=filename, user=user)
        with self._lock:
            self._jobs[job.id] = job
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._loop, name="cehours-batch", daemon=True)
                self._worker.start()
        self._queue.put((job, zip_path))
        return job

    def _loop(self) -> None:
        while True:
            job, zip_path = self._queue.get()
            self._run(job, zip_path)

    def _run(self, job: Job, zip_path: Path) -> None:
        job.state = "running"
        job.stage = "intake"
        progress = _progress_adapter(job)
        ctx = multiprocessing.get_context("spawn")  # a clean interpreter: no threads, no open DB
        messages = ctx.Queue()
        # not a daemon: the pipeline's OCR starts worker processes of its own
        child = ctx.Process(target=_child, args=(str(zip_path), self.settings.db_url, messages),
                            name=f"cehours-batch-{job.id}")  # fmt: skip
        result: tuple[Any, ...] | None = None
        try:
            child.start()
            self._child = child
            while result is None:
                try:
                    msg = messages.get(timeout=0.5)
                except queue.Empty:
                    if not child.is_alive():
                        break
                    continue
                if msg[0] == "progress":
                    progress(*msg[1])
                else:
                    result = msg
            child.join(timeout=30)
        finally:
            self._child = None
            job.finished = time.time()
        if result is not None and result[0] == "done":
            summary = SimpleNamespace(**result[1])
            job.batch = getattr(summary, "batch", job.batch)
            job.message = _summary_text(summary)
            job.state = "done"
            job.stage = "done"
            if job.total:
                job.done = job.total
            self._discard_upload(job, zip_path)
        else:
            job.state = "failed"
            error = result[1] if result is not None else f"ChildExited: exit code {child.exitcode}"
            # The zip is kept for a retry (a batch is resumable: a re-run reads nothing twice).
            # Reviewers read what happened and what to do; the path and the exception go to the
            # server log only (every reviewer sees the jobs table).
            log.error("upload job %s (%s, by %s) failed: %s; the zip is kept at %s",
                      job.id, job.batch, job.user, error, zip_path)  # fmt: skip
            job.error = problem_text.job(error)

    def _discard_upload(self, job: Job, zip_path: Path) -> None:
        """Delete a processed upload: its files are in the content-addressed store now.

        Only a zip inside the upload folder, with the per-upload folder around it once empty;
        a file that cannot be removed is named in the job's message rather than failing the job.
        """
        uploads = self.settings.upload_dir.resolve()
        path = zip_path.resolve()
        if uploads not in path.parents:
            return  # not ours to delete (a job submitted on a file elsewhere)
        try:
            path.unlink(missing_ok=True)
            if path.parent != uploads and not any(path.parent.iterdir()):
                path.parent.rmdir()
        except OSError as exc:
            log.warning("processed upload %s could not be deleted: %s", zip_path, exc)
            job.message += "；上传的压缩包未能删除，请管理员清理（见服务器日志）"

    def _stop(self) -> None:
        """At server exit: end a batch in progress (it is resumable: run it again to finish)."""
        child = self._child
        if child is not None and child.is_alive():
            child.terminate()
            child.join(timeout=10)

    def get(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.id, reverse=True)

    def active(self) -> list[Job]:
        return [j for j in self.all() if j.state in ("queued", "running")]
