"""One item: the scan with boxes, OCR text, fields, proposal, flags, history; confirm/adjust/reject."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from pipeline.web import flag_sentences, labels, problem_text
from pipeline.web.auth import SessionUser, current_user
from pipeline.web.csrf import verify_csrf

router = APIRouter(dependencies=[Depends(current_user)])

QUEUE_KEYS = ("batch", "applicant", "type", "flag", "status", "page")
DECISIONS = ("confirm", "adjust", "reject")  # review actions that make a decision (an undo does not)
# Fields the pipeline keeps for itself (whether the applicant's name was found): not shown.
INTERNAL_FIELDS = {"name_found"}
NONE_LEFT = "队列中已没有其他待决定的条目。"  # j, k or a decision with nothing left to decide


class PolicyUnusable(Exception):
    """The item's policy file no longer loads: a correction's hours cannot be recomputed."""


def _policy(policy_id: str) -> Any:
    """The policy that recomputes a correction's hours; ``PolicyUnusable`` with the reviewer's
    sentence when its file no longer loads (never a correction saved with the old hours)."""
    from pathlib import Path

    from rules import load_policy
    from rules.errors import PolicyError

    try:
        return load_policy(policy_id)
    except PolicyError as e:
        where = f"{Path(e.file).name} {e.path}".strip()
        raise PolicyUnusable(f"政策文件无法读取（{where}: {e.problem}），无法按规则重算学时，未保存："
                             "请直接填写学时，并告知管理员。") from e


def _clean_qs(raw: str) -> str:
    """Keep only the queue's filter parameters (the query string travels through a form)."""
    pairs = [(k, v[:100]) for k, v in parse_qsl(raw or "", keep_blank_values=False) if k in QUEUE_KEYS]
    return urlencode(pairs)


def _filters(qs: str) -> Any:
    """The queue's filters from the query string the item page carries."""
    from pipeline.web import queries

    parsed = dict(parse_qsl(qs))
    f = queries.QueueFilters(**{k: parsed.get(k, "") for k in ("applicant", "type", "flag", "status")})
    f.batch = int(parsed["batch"]) if parsed.get("batch", "").isdigit() else None
    return f


def _value_str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parse_value(name: str, raw: str) -> Any:
    """A form value as the field's type; raises ValueError with a message for the reviewer."""
    raw = raw.strip()
    if raw == "":
        return None
    if name in labels.BOOL_FIELDS:
        if raw not in ("true", "false"):
            raise ValueError(f"{labels.field_name(name)}应为“是”或“否”")
        return raw == "true"
    if name in labels.INT_FIELDS:
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{labels.field_name(name)}应为整数，而不是“{raw}”") from None
    if name in labels.FLOAT_FIELDS:
        try:
            return float(raw)
        except ValueError:
            raise ValueError(f"{labels.field_name(name)}应为数字，而不是“{raw}”") from None
    if name in labels.DATE_FIELDS:
        from datetime import date

        try:
            return date.fromisoformat(raw).isoformat()
        except ValueError:
            raise ValueError(f"{labels.field_name(name)}应为 YYYY-MM-DD 格式的日期") from None
    if name in labels.FIELD_CHOICES and raw not in labels.FIELD_CHOICES[name]:
        raise ValueError(f"{labels.field_name(name)}的取值无效")
    return raw[:500]


def _history(rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for h in rows:
        before_f, after_f = (h.before or {}).get("fields", {}), (h.after or {}).get("fields", {})
        changed = [
            (k, before_f.get(k), after_f.get(k))
            for k in sorted(set(before_f) | set(after_f))
            if before_f.get(k) != after_f.get(k)
        ]
        out.append(
            {
                "action": h.action,
                "user": h.user,
                "at": h.at,
                "item_version": h.item_version,
                "before": h.before or {},
                "after": h.after or {},
                "reason": h.reason,
                "changed_fields": changed,
            }
        )
    return out


def render_item(
    request: Request, item_id: int, qs: str = "", status_code: int = 200, **extra: Any
) -> Response:
    from pipeline.web import queries

    web = request.app.state.web
    with web.session() as db:
        d = queries.item_detail(db, item_id)
        if d is None:
            raise HTTPException(404, "没有这个条目")
        filters = _filters(qs)
        place = queries.QueuePlace.of(d["item"])
        # j and k: the next / previous item that still needs a decision, never a decided one
        after = queries.undecided_neighbour(db, filters, place, 1, item_id)
        before = queries.undecided_neighbour(db, filters, place, -1, item_id)
        next_id, prev_id = after.item_id, before.item_id
        next_page = queries.first_page(db, next_id) if next_id is not None else None
    # the scan-access log: this page shows the item's scans (the images themselves may come from
    # the browser's cache or a prefetch, so they are logged here, where a person looks)
    from pipeline.web.routes.files import log_access

    for f in d["files"]:
        log_access(request, "item", f.sha256)
    # Arrived here by deciding the item before: back (k) is that item, once, although the
    # decision moved it to a decided bucket of the queue (a look at what was just done).
    came = request.session.pop("decided_before", None)
    if isinstance(came, list) and len(came) == 2 and came[1] == item_id and isinstance(came[0], int):
        prev_id = came[0]
    decision = d["decision"]
    extracted = {f.name: f for f in d["fields"]}
    current = dict(decision["fields"]) if decision else {}
    names = list(current) + [n for n in extracted if n not in current]
    names = [n for n in names if n not in INTERNAL_FIELDS]
    field_rows = [
        {"name": n, "value_str": _value_str(current.get(n)), "extracted": extracted.get(n)} for n in names
    ]
    # Fields read from the same line share one box on the scan, labelled with all their names.
    grouped: dict[tuple[int, tuple[int, ...]], list[str]] = {}
    for f in d["fields"]:
        if f.name in INTERNAL_FIELDS:
            continue
        if f.page is not None and isinstance(f.box, list | tuple) and len(f.box) == 4:
            grouped.setdefault((int(f.page), tuple(int(v) for v in f.box)), []).append(f.name)
    boxes: dict[int, list[dict[str, Any]]] = {}
    for (page_index, box), group in grouped.items():
        boxes.setdefault(page_index, []).append({"names": group, "box": box})
    proposal = d["proposal"]
    flags = [
        {
            "code": code,
            "name": labels.flag_name(code),
            "meaning": labels.flag_meaning(code),
            "detail": flag_sentences.sentence(code, (proposal.flag_details or {}).get(code, "")),
        }
        for code in (proposal.flags if proposal else []) or []
    ]
    review = d["review"] if d["review"] is not None and d["review"].action in DECISIONS else None
    return web.render(
        request,
        "item.html",
        status_code=status_code,
        item=d["item"],
        batch=d["batch"],
        applicant=d["applicant"],
        proposal=proposal,
        decision=decision,
        review=review,
        intake_error=problem_text.intake(d["item"].intake_error),
        files=d["files"],
        pages=d["pages"],
        field_rows=field_rows,
        field_names=set(names) | INTERNAL_FIELDS,  # not offered under 添加字段 either
        boxes=boxes,
        flags=flags,
        history=_history(d["history"]),
        proposals=d["proposals"],
        qs=qs,
        next_id=next_id,
        prev_id=prev_id,
        next_wrapped=after.wrapped,
        prev_wrapped=before.wrapped and prev_id == before.item_id,  # not the item just decided
        next_page=next_page,
        none_left=NONE_LEFT,
        active="queue",
        **extra,
    )


@router.get("/items/{item_id}")
def item_page(request: Request, item_id: int) -> Response:
    return render_item(request, item_id, _clean_qs(request.url.query))


@router.get("/items/{item_id}/preview")
def preview(request: Request, item_id: int) -> JSONResponse:
    """What saving these field values would give, by the rules, without saving anything:
    the item page shows the hours while the reviewer types."""
    from pipeline.store.review import ReviewError, preview_decision
    from pipeline.web import queries

    web = request.app.state.web
    with web.session() as db:
        d = queries.item_detail(db, item_id)
        if d is None:
            raise HTTPException(404, "没有这个条目")
    decision, proposal = d["decision"], d["proposal"]
    if decision is None or proposal is None:
        return JSONResponse({"ok": False, "detail": "尚未生成建议"}, status_code=400)
    try:
        changes = _changes(request.query_params, decision)
        after = preview_decision(decision, changes, _policy(proposal.policy_id))
    except PolicyUnusable as exc:
        return JSONResponse({"ok": False, "detail": str(exc)}, status_code=400)
    except (ValueError, ReviewError) as exc:  # our own messages are Chinese already
        return JSONResponse({"ok": False, "detail": problem_text.review(str(exc))}, status_code=400)
    credits = "；".join(
        f"{c['year']} 年{labels.category_name(c['category'])} {labels.hours_text(c['hours'])} 学时"
        for c in after["credits"]
    )
    return JSONResponse({
        "ok": True, "hours": after["hours"], "before": decision["hours"], "clause": after.get("clause"),
        "text": f"学时 {labels.hours_text(decision['hours'])} → {labels.hours_text(after['hours'])}"
                + (f"（{credits}）" if credits else "（不计学时）"),
    })  # fmt: skip


def _changes(form: Any, decision: dict[str, Any]) -> dict[str, Any]:
    """What the adjust form changed relative to the decision the reviewer saw."""
    changes: dict[str, Any] = {}
    etype = form.get("evidence_type")
    if etype and etype != decision.get("evidence_type"):
        if etype not in labels.EVIDENCE_TYPES:
            raise ValueError("材料类型无效")
        changes["evidence_type"] = etype
    fields: dict[str, Any] = {}
    current = decision.get("fields", {})
    for key, raw in form.multi_items():
        if not key.startswith("field.") or not isinstance(raw, str):
            continue
        name = key.removeprefix("field.")
        if name not in labels.FIELDS:
            continue
        if _value_str(current.get(name)) != raw.strip():
            fields[name] = _parse_value(name, raw)
    new_name, new_value = form.get("new_field_name") or "", form.get("new_field_value") or ""
    if new_name and isinstance(new_value, str) and new_value.strip():
        if new_name not in labels.FIELDS:
            raise ValueError("字段名无效")
        fields[new_name] = _parse_value(new_name, new_value)
    if fields:
        changes["fields"] = fields
    if "credit_year" not in form:  # a form without the credit rows (a field edited in place)
        if fields:
            changes["fields"] = fields
        return changes
    years, cats, hours = (
        form.getlist("credit_year"),
        form.getlist("credit_category"),
        form.getlist("credit_hours"),
    )
    credits = []
    for y, c, h in zip(years, cats, hours, strict=False):
        if not str(y).strip() and not str(h).strip():
            continue  # the empty row for adding a credit
        try:
            credits.append({"year": int(str(y).strip()), "hours": float(str(h).strip()), "category": str(c)})
        except ValueError:
            raise ValueError("学时行需要填写年度（整数）和学时（数字）") from None
    seen = [
        {"year": int(c["year"]), "hours": float(c["hours"]), "category": c["category"]}
        for c in decision.get("credits", [])
    ]
    if credits != seen:
        changes["credits"] = credits
    return changes


@router.post("/items/{item_id}/review", dependencies=[Depends(verify_csrf)])
async def review(request: Request, item_id: int) -> Response:
    from pipeline.store.review import AlreadyConfirmed, ReviewError, StaleItem, review_item
    from pipeline.web import queries

    web = request.app.state.web
    user: SessionUser = current_user(request)
    form = await request.form()
    qs = _clean_qs(str(form.get("qs") or ""))
    wants_json = "json" in request.headers.get("accept", "")
    action = str(form.get("action") or "")
    try:
        version = int(str(form.get("version") or ""))
    except ValueError:
        raise HTTPException(400, "缺少版本号") from None
    reason = str(form.get("reason") or "").strip()[:1000]

    def fail(status: int, message: str, **extra: Any) -> Response:
        if wants_json:
            return JSONResponse({"ok": False, "detail": message, **extra}, status_code=status)
        return render_item(
            request, item_id, qs, status_code=status, error=message if status != 409 else "", **extra
        )

    with web.session() as db:
        d = queries.item_detail(db, item_id)
        if d is None:
            raise HTTPException(404, "没有这个条目")
        policy_id = d["proposal"].policy_id if d["proposal"] else None
        decision = d["decision"]
        current_version = d["item"].version
        place = queries.QueuePlace.of(d["item"])
    if action not in ("confirm", "adjust", "reject"):
        return fail(400, "未知的操作")
    repeat_confirm = action == "confirm" and version == current_version - 1  # a double click?
    if version != current_version and not repeat_confirm:
        # Checked here for a clear message; review_item checks again atomically (and tells a
        # second click on the same confirm from a stale one).
        return fail(409, "条目已被修改", conflict={"expected": version, "current": current_version})
    changes: dict[str, Any] | None = None
    policy = None
    if action == "adjust":
        if decision is None:
            return fail(400, "尚未生成建议，无法调整")
        try:
            changes = _changes(form, decision)
        except ValueError as exc:
            return fail(400, str(exc))
        if not changes:
            return fail(400, "没有修改任何内容；如同意建议请直接确认")
        if ("fields" in changes or "evidence_type" in changes) and policy_id:
            try:
                policy = _policy(policy_id)
            except PolicyUnusable as exc:
                return fail(400, str(exc))
    if action == "reject" and not reason:
        return fail(400, "驳回需要填写理由")
    if action == "adjust" and not reason and set(changes or {}) - {"fields"}:
        return fail(400, "修改材料类型或学时需要填写理由（只更正字段可不填）")
    with web.session() as db:
        try:
            row = review_item(db, item_id, user.username, action, version, changes, reason, policy=policy)
        except StaleItem as exc:
            return fail(409, "条目已被修改", conflict={"expected": exc.expected, "current": exc.current})
        except AlreadyConfirmed as exc:
            note = f"条目 #{item_id} 已由 {exc.user} 按相同内容确认，未重复记录。"
            if wants_json:
                return JSONResponse({"ok": True, "noop": True, "detail": note, "version": exc.version})
            request.session["flash"] = note
            return RedirectResponse(f"/items/{item_id}" + (f"?{qs}" if qs else ""), status_code=303)
        except ReviewError as exc:
            return fail(400, f"无法保存：{problem_text.review(str(exc))}")
        new_version = row.item_version
        old_hours, new_hours = row.before.get("hours"), row.after.get("hours")
    done = {"confirm": "已确认", "adjust": "已调整", "reject": "已驳回"}[action]
    if wants_json:
        return JSONResponse({"ok": True, "version": new_version, "action": action})
    with web.session() as db:
        # the next item that still needs a decision, after this one as the reviewer saw it in
        # the queue (before this decision moved it to a decided bucket)
        after = queries.undecided_neighbour(db, _filters(qs), place, 1, item_id)
        next_id = after.item_id
    note = ""
    if old_hours != new_hours:
        note = f"，学时 {labels.hours_text(old_hours)} → {labels.hours_text(new_hours)}"
    where = NONE_LEFT if next_id is None else ("已回到队列开头。" if after.wrapped else "")
    request.session["flash"] = f"条目 #{item_id} {done}{note}。{where}"
    target = next_id if next_id is not None else item_id
    if target != item_id:
        request.session["decided_before"] = [item_id, target]
    return RedirectResponse(f"/items/{target}" + (f"?{qs}" if qs else ""), status_code=303)
