"""The app's routes, one module per page; every router but sign-in requires a signed-in user."""

from __future__ import annotations

from fastapi import FastAPI


def register_routes(app: FastAPI) -> None:
    from pipeline.web.routes import access_log, applicants, batches, files, items, login, queue, users

    for module in (login, batches, queue, items, applicants, files, users, access_log):
        app.include_router(module.router)
