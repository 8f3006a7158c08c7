"""``cehours serve``: the reviewers' web pages."""

from __future__ import annotations

from typing import Annotated

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
            False,
            "--secure-cookie",
            help="Mark cookies Secure on every response (they already are on every HTTPS request).",
        ),
        trusted_proxy: Annotated[
            list[str] | None,
            typer.Option(
                "--trusted-proxy",
                help="Address of the reverse proxy whose X-Forwarded-Proto/-For are believed (repeatable; "
                "default: CEHOURS_TRUSTED_PROXIES, else none).",
            ),
        ] = None,
    ) -> None:
        """Serve the review pages: queue, items, applicants, uploads (accounts: `cehours user add`)."""
        import uvicorn

        from pipeline import config
        from pipeline.web.app import create_app
        from pipeline.web.proxy import trusted_proxies
        from pipeline.web.settings import WebSettings

        proxies = trusted_proxies(trusted_proxy)
        settings = WebSettings(
            db_url=config.db_url(db),
            max_upload_bytes=max_upload_mb * 1024 * 1024,
            https_only=secure_cookie,
            trusted_proxies=proxies,
        )
        web_app = create_app(settings=settings)
        if host not in ("127.0.0.1", "localhost", "::1") and not proxies:
            typer.secho(
                "注意：在非本机地址上提供服务时，请置于 HTTPS 反向代理之后"
                "（--trusted-proxy，见 docs/deployment.md）。",
                fg="yellow",
            )
        typer.echo(f"cehours 审核页面：http://{host}:{port}/  （数据库 {settings.db_url}）")
        if proxies:
            typer.echo(f"反向代理（信任其 X-Forwarded-Proto/-For）：{', '.join(proxies)}")
        # proxy headers are read only from the listed addresses; with none listed, never
        uvicorn.run(
            web_app,
            host=host,
            port=port,
            log_level="info",
            proxy_headers=bool(proxies),
            forwarded_allow_ips=proxies or None,
            server_header=False,
        )
