"""``cehours serve``: the reviewers' web pages."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        db: str = typer.Option(None, "--db", help="Database URL (default: CEHOURS_DB or ./cehours.db)."),
        host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
        port: int = typer.Option(8000, "--port", help="Port to listen on."),
        max_upload_mb: int = typer.Option(
            500, "--max-upload-mb", help="Largest zip accepted from the browser."
        ),
        secure_cookie: bool = typer.Option(
            False, "--secure-cookie", help="Mark the session cookie Secure (when served over HTTPS)."
        ),
    ) -> None:
        """Serve the review pages: queue, items, applicants, uploads (accounts: `cehours user add`)."""
        import uvicorn

        from pipeline import config
        from pipeline.web.app import create_app
        from pipeline.web.settings import WebSettings

        settings = WebSettings(
            db_url=config.db_url(db), max_upload_bytes=max_upload_mb * 1024 * 1024, https_only=secure_cookie
        )
        web_app = create_app(settings=settings)
        if host not in ("127.0.0.1", "localhost", "::1") and not secure_cookie:
            typer.secho(
                "注意：在非本机地址上提供服务时，请置于 HTTPS 之后并使用 --secure-cookie。", fg="yellow"
            )
        typer.echo(f"cehours 审核页面：http://{host}:{port}/  （数据库 {settings.db_url}）")
        uvicorn.run(web_app, host=host, port=port, log_level="info", proxy_headers=False)
