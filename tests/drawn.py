"""One generated document of a family, drawn for its text and truth (the tests' shared render loop)."""

from __future__ import annotations

import random
from typing import Any

from sample_docs.items import Person, make_person
from sample_docs.render import RenderedDocument, render_document


def drawn(family: str, key: str, *, year: int = 2023, dpi: int = 40,
          **opts: Any) -> tuple[RenderedDocument, Person]:
    """The document of ``family`` ("type/name") drawn for a senior applicant from the seed ``key``
    (the same key, the same document), at a low ``dpi``: the tests read its text, not its pixels."""
    rng = random.Random(key)
    person = make_person(rng, "A001", "senior")
    doc = render_document(family.split("/", 1)[0], rng, dpi=dpi, person=person, year=year,
                          family=family, **opts)
    return doc, person
