"""Generated items as ``Page`` lists from their true text, for tests and benchmarks.

No OCR: the pages carry the generator's true text (optionally with simulated OCR noise), so a
check of the classifier or of item understanding runs in milliseconds.
"""

from __future__ import annotations

import random
from typing import Any

from classifiers.noise import add_ocr_noise
from pipeline.types import Applicant, Page


def generated_item(
    evidence_type: str,
    seed: int,
    noise: float | None = 0.3,
    pages: list[str] | None = None,
    **opts: Any,
) -> tuple[Any, list[Page], Applicant]:
    """(ItemSpec, pages, applicant) of one generated item; ``pages`` picks its page kinds.

    ``noise`` is the OCR-noise strength (None: drawn per page, 0: the true text).
    """
    from sample_docs.fonts import pick_style
    from sample_docs.items import build_item, make_person
    from sample_docs.render import render_page

    rng = random.Random(seed)
    person = make_person(rng, "A001", "senior")
    if pages is not None:
        opts["pages"] = pages
    spec = build_item(evidence_type, rng, person, 2022, **opts)
    style = pick_style(rng)
    out: list[Page] = []
    for i, kind in enumerate(spec.page_kinds):
        doc = render_page(kind, spec.data, rng, style, dpi=60)
        text = "\n".join(doc.lines)
        if noise != 0:
            text = add_ocr_noise(text, rng, noise)
        out.append(Page(file_sha256=f"{seed:x}-{i}", page_no=0, width=doc.img.width, height=doc.img.height,
                        text=text, engine="truth"))
    applicant = Applicant(person.applicant_id, person.name, person.employer, person.title_level,
                          person.eval_year, person.id_number)
    return spec, out, applicant
