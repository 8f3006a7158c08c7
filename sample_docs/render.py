"""Drawing an item's pages, and the single-document entry point."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from PIL import Image

from sample_docs.canvas import DocPage
from sample_docs.fonts import Style, pick_style
from sample_docs.items import ItemSpec, Person, build_item, make_person
from sample_docs.layouts import PAGE_KINDS


def render_page(kind: str, data: dict[str, Any], rng: random.Random, style: Style, dpi: int = 150) -> DocPage:
    """One clean page of ``kind`` (a key of layouts.PAGE_KINDS) at ``dpi``."""
    pk = PAGE_KINDS[kind]
    page = DocPage(pk.size_mm[0], pk.size_mm[1], dpi, style, pk.page_type, pk.part, kind=kind)
    from sample_docs.layouts.variants import DRAW

    draw = DRAW.get((kind, data.get("family", ""))) or pk.draw  # a family's own layout of this kind
    draw(page, data, rng)
    return page


def render_item(spec: ItemSpec, rng: random.Random, style: Style, dpi: int = 150) -> list[DocPage]:
    return [render_page(k, spec.data, rng, style, dpi) for k in spec.page_kinds]


@dataclass
class RenderedDocument:
    evidence_type: str
    images: list[Image.Image]  # clean pages
    lines: list[list[str]]  # true text lines of each page
    page_types: list[str]  # evidence type of each page alone
    fields: dict[str, Any]  # true contract fields
    parts: list[str]
    family: str = ""  # layout family (sample_docs/families.py)

    @property
    def text(self) -> str:
        """The true text of every page, a line each, pages one after another."""
        return "\n".join("\n".join(ls) for ls in self.lines)


def render_document(
    evidence_type: str,
    rng: random.Random,
    style: Style | None = None,
    dpi: int = 150,
    person: Person | None = None,
    year: int = 2023,
    **opts: Any,
) -> RenderedDocument:
    """A clean (undegraded) document of ``evidence_type`` with its truth.

    The fields are drawn from ``rng`` (``opts`` fix any of the planted cases, e.g. ``rank=4``,
    ``patent_kind="utility_model"``, ``no_cn=True``); degrade the images with sample_docs.degrade.
    """
    person = person or make_person(rng, "A000", "senior")
    spec = build_item(evidence_type, rng, person, year, **opts)
    style = style or pick_style(rng)
    pages = render_item(spec, rng, style, dpi)
    return RenderedDocument(
        spec.evidence_type,
        [p.img for p in pages],
        [p.lines for p in pages],
        [p.page_type for p in pages],
        spec.fields,
        spec.parts,
        spec.family,
    )
