"""``cehours report``: the recognition sheet of one applicant (PDF) or the batch workbook (XLSX).

cehours report APPLICANT [--batch NAME] -o sheet.pdf
cehours report --workbook [--batch NAME] -o batch.xlsx
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.reading import DbOpt, read_session


def register(app: typer.Typer) -> None:
    @app.command("report")
    def report(
        applicant: Annotated[str | None, typer.Argument(help="Applicant id (for the PDF sheet).")] = None,
        out: Annotated[
            Path | None, typer.Option("--output", "-o", help="File to write (.pdf or .xlsx).")
        ] = None,
        batch: Annotated[
            str | None, typer.Option("--batch", "-b", help="Batch (default: the latest).")
        ] = None,
        workbook: Annotated[
            bool, typer.Option("--workbook", help="Write the batch workbook instead.")
        ] = False,
        db: DbOpt = None,
    ) -> None:
        """The 学时认定单 of an applicant as PDF, or with --workbook the batch workbook as XLSX."""
        if workbook == (applicant is not None):
            raise typer.BadParameter("give an APPLICANT for the PDF sheet, or --workbook (not both)")
        suffix = ".xlsx" if workbook else ".pdf"
        out = out or Path(f"{'workbook' if workbook else applicant}{suffix}")
        if out.suffix.lower() != suffix:
            raise typer.BadParameter(f"the output file should end in {suffix}", param_hint="--output")
        with read_session(db) as s:  # an unknown batch or applicant: error and exit 1
            if workbook:
                from pipeline.report.workbook import write_workbook

                write_workbook(s, out, batch)
            else:
                from pipeline.report.data import sheet_data
                from pipeline.report.sheet import write_sheet

                write_sheet(sheet_data(s, applicant or "", batch), out)
        typer.echo(f"written: {out}")
