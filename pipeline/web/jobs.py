"""Batches uploaded from the browser, processed one at a time in a background thread.

The upload is answered as soon as the zip is on disk; the page then polls the job's JSON for
progress. One worker only: the machine's cores belong to OCR, and batches queue up in order.
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.web.settings import WebSettings

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
        # A daemon thread: stopping the server must not wait for a batch to finish; the batch
        # is resumable (process_batch commits in chunks), so running it again picks it up.
        self._queue: queue.Queue[tuple[Job, Path]] = queue.Queue()
        self._worker: threading.Thread | None = None
        self._jobs: dict[int, Job] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

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
        try:
            from pipeline.process import process_batch

            summary = process_batch(
                str(zip_path), db_url=self.settings.db_url, progress=_progress_adapter(job)
            )
            job.batch = getattr(summary, "batch", job.batch)
            job.message = _summary_text(summary)
            job.state = "done"
            job.stage = "done"
            if job.total:
                job.done = job.total
        except Exception as exc:  # the reviewer sees why; the server keeps running
            job.state = "failed"
            job.error = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
        finally:
            job.finished = time.time()

    def get(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def all(self) -> list[Job]:
        with self._lock:
            return sorted(self._jobs.values(), key=lambda j: j.id, reverse=True)

    def active(self) -> list[Job]:
        return [j for j in self.all() if j.state in ("queued", "running")]
