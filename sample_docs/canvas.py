"""A page being drawn: a Pillow image plus the true text lines written on it.

Layouts draw in millimetres at a chosen dpi; every call that writes readable text records it as a
truth line (in reading order), and as a text operation so that a born-digital PDF can place the
same text in a real text layer. Graphics (rules, borders, seals, photo boxes) are drawn on two
images: the full page and a text-free background used under a PDF text layer.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageChops, ImageDraw

from pipeline.cjk import CJK_TEXT
from sample_docs.fonts import Style, font

_CJK = CJK_TEXT
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}])")

_NO_LINE_START = set("，。、；：？！）》」』”’…%")

BLACK = (20, 20, 20)
RED = (205, 30, 35)
SEAL_RED = (215, 40, 45)
GREY = (110, 110, 110)
GOLD = (185, 140, 50)
BLUE = (30, 60, 140)


@dataclass
class TextOp:
    """Text placed at pixel (x, y) = top-left of its box, in face ``face`` of ``size_px``."""

    x: int
    y: int
    text: str
    face: str
    size_px: int
    fill: tuple[int, int, int]


@dataclass
class DocPage:
    """One page of a document: its image, truth lines, page type and material part."""

    width_mm: float
    height_mm: float
    dpi: int
    style: Style
    page_type: str  # evidence type of this page, e.g. training_notice
    part: str  # material part it provides (architecture.md), "" when none
    bg: tuple[int, int, int] = (255, 255, 255)
    kind: str = ""  # page kind (sample_docs.layouts.PAGE_KINDS key) it was drawn as
    lines: list[str] = field(default_factory=list)
    ops: list[TextOp] = field(default_factory=list)

    def __post_init__(self) -> None:
        size = (self.px(self.width_mm), self.px(self.height_mm))
        self.img = Image.new("RGB", size, self.bg)
        self.gfx = Image.new("RGB", size, self.bg)  # graphics only, for born-digital PDFs
        self.draw = ImageDraw.Draw(self.img)
        self.gdraw = ImageDraw.Draw(self.gfx)

    # -- units ---------------------------------------------------------------------------------
    def px(self, mm: float) -> int:
        return round(mm * self.dpi / 25.4)

    def pt(self, points: float) -> int:
        return max(6, round(points * self.dpi / 72))

    def face(self, role: str) -> str:
        return getattr(self.style, role)

    # -- text ----------------------------------------------------------------------------------
    def add_line(self, s: str) -> None:
        """Record a truth line the way readers give text (pipeline.types.Page.text): spaces between
        two CJK characters removed (发 明 人 -> 发明人), other spaces kept (ZL 2021 1 0345678.9)."""
        self.lines.append(_CJK_GAP.sub("", s))

    def text_width_mm(self, s: str, size_pt: float, role: str = "body") -> float:
        f = font(self.face(role), self.pt(size_pt))
        return f.getlength(s) * 25.4 / self.dpi

    def _put(self, x: int, y: int, s: str, face: str, size_px: int, fill: tuple[int, int, int]) -> None:
        f = font(face, size_px)
        self.draw.text((x, y), s, font=f, fill=fill)
        self.ops.append(TextOp(x, y, s, face, size_px, fill))

    def text(
        self,
        x_mm: float,
        y_mm: float,
        s: str,
        size_pt: float = 12,
        role: str = "body",
        fill: tuple[int, int, int] = BLACK,
        align: str = "left",
        truth: bool = True,
        spacing_em: float = 0.0,
    ) -> float:
        """Write one line; x is the left edge, centre or right edge by ``align``.

        ``spacing_em`` spreads characters apart the way certificate titles are (荣 誉 证 书); the
        truth line keeps the characters without the spaces, as a reader would copy them.
        Returns the y (mm) just below the line.
        """
        size = self.pt(size_pt)
        face = self.face(role)
        f = font(face, size)
        gap = size * spacing_em
        widths = [f.getlength(c) for c in s] if gap else []
        total = (sum(widths) + gap * (len(s) - 1)) if gap else f.getlength(s)
        x = self.px(x_mm)
        if align == "center":
            x -= round(total / 2)
        elif align == "right":
            x -= round(total)
        y = self.px(y_mm)
        if gap:
            cx = float(x)
            for c, w in zip(s, widths, strict=True):
                self._put(round(cx), y, c, face, size, fill)
                cx += w + gap
        else:
            self._put(x, y, s, face, size, fill)
        if truth and s.strip():
            self.add_line(s)
        return y_mm + size_pt * 25.4 / 72 * 1.45

    def row(
        self,
        y_mm: float,
        cells: list[tuple[float, str]],
        size_pt: float = 11,
        role: str = "body",
        fill: tuple[int, int, int] = BLACK,
    ) -> float:
        """Cells of one table row at their x (mm); one truth line, cells joined by a space."""
        for x, s in cells:
            if s:
                self.text(x, y_mm, s, size_pt, role, fill, truth=False)
        line = " ".join(s for _, s in cells if s)
        if line.strip():
            self.add_line(line)
        return y_mm + size_pt * 25.4 / 72 * 1.6

    def wrap(
        self,
        x_mm: float,
        y_mm: float,
        width_mm: float,
        s: str,
        size_pt: float = 12,
        role: str = "body",
        fill: tuple[int, int, int] = BLACK,
        indent_chars: int = 0,
        leading: float = 1.7,
    ) -> float:
        """A paragraph broken into lines that fit ``width_mm``; each line is a truth line."""
        size = self.pt(size_pt)
        f = font(self.face(role), size)
        limit = self.px(width_mm)
        first_indent = f.getlength("国") * indent_chars
        out: list[str] = []
        cur = ""
        for ch in s:
            room = limit - (first_indent if not out else 0)
            # Chinese line breaking: closing punctuation never starts a line, it hangs.
            if f.getlength(cur + ch) > room and cur and ch not in _NO_LINE_START:
                out.append(cur)
                cur = ""
            cur += ch
        if cur:
            out.append(cur)
        y = y_mm
        for i, line in enumerate(out):
            dx = first_indent * 25.4 / self.dpi if i == 0 else 0
            self.text(x_mm + dx, y, line, size_pt, role, fill)
            y += size_pt * 25.4 / 72 * leading
        return y

    # -- graphics (drawn on both the page and the text-free background) ------------------------
    def _both(self) -> tuple[ImageDraw.ImageDraw, ImageDraw.ImageDraw]:
        return self.draw, self.gdraw

    def hline(self, x0: float, x1: float, y: float, width_mm: float = 0.3, fill=BLACK) -> None:
        for d in self._both():
            d.line(
                [(self.px(x0), self.px(y)), (self.px(x1), self.px(y))],
                fill=fill,
                width=max(1, self.px(width_mm)),
            )

    def vline(self, x: float, y0: float, y1: float, width_mm: float = 0.3, fill=BLACK) -> None:
        for d in self._both():
            d.line(
                [(self.px(x), self.px(y0)), (self.px(x), self.px(y1))],
                fill=fill,
                width=max(1, self.px(width_mm)),
            )

    def rect(
        self, x0: float, y0: float, x1: float, y1: float, width_mm: float = 0.3, outline=BLACK, fill=None
    ) -> None:
        box = [self.px(x0), self.px(y0), self.px(x1), self.px(y1)]
        for d in self._both():
            d.rectangle(box, outline=outline, fill=fill, width=max(1, self.px(width_mm)))

    def dotted(self, x0: float, x1: float, y: float, fill=GREY) -> None:
        """Dotted leader of a contents page (drawn, not text: OCR would read it as noise)."""
        step = max(3, self.px(1.6))
        r = max(1, self.px(0.2))
        for x in range(self.px(x0), self.px(x1), step):
            for d in self._both():
                d.ellipse([x - r, self.px(y) - r, x + r, self.px(y) + r], fill=fill)

    def border(self, rng: random.Random, kind: str, color=GOLD, margin_mm: float = 8) -> None:
        """Decorative certificate frame: double rule, corner ornaments or a meander band."""
        w, h, m = self.width_mm, self.height_mm, margin_mm
        self.rect(m, m, w - m, h - m, 1.2, outline=color)
        self.rect(m + 2.5, m + 2.5, w - m - 2.5, h - m - 2.5, 0.4, outline=color)
        if kind == "corners":
            for cx, cy in ((m, m), (w - m, m), (m, h - m), (w - m, h - m)):
                for r in (6, 4, 2):
                    box = [self.px(cx - r), self.px(cy - r), self.px(cx + r), self.px(cy + r)]
                    for d in self._both():
                        d.ellipse(box, outline=color, width=max(1, self.px(0.5)))
        elif kind == "band":
            step = 6.0
            x = m + 4
            while x < w - m - 4:
                for y in (m + 4.5, h - m - 6.5):
                    self.rect(x, y, x + 3.5, y + 2, 0.35, outline=color)
                x += step
            y = m + 10
            while y < h - m - 10:
                for x in (m + 4.5, w - m - 6.5):
                    self.rect(x, y, x + 2, y + 3.5, 0.35, outline=color)
                y += step

    def photo_box(
        self, x: float, y: float, w: float = 25, h: float = 35, rng: random.Random | None = None
    ) -> None:
        """A one-inch photo: grey head-and-shoulders silhouette in a frame."""
        self.rect(x, y, x + w, y + h, 0.3, outline=GREY, fill=(225, 232, 240))
        cx = x + w / 2
        for d in self._both():
            d.ellipse(
                [self.px(cx - w * 0.18), self.px(y + h * 0.18), self.px(cx + w * 0.18), self.px(y + h * 0.5)],
                fill=(150, 150, 160),
            )
            d.pieslice(
                [self.px(cx - w * 0.4), self.px(y + h * 0.55), self.px(cx + w * 0.4), self.px(y + h * 1.35)],
                180,
                360,
                fill=(150, 150, 160),
            )

    def seal(
        self,
        cx_mm: float,
        cy_mm: float,
        text: str,
        rng: random.Random,
        diameter_mm: float = 40,
        bottom: str = "",
    ) -> None:
        """A round red seal (公章): ring, star, the issuer's name along the arc, multiplied over the
        page so that text under it stays visible, as with real ink. Its text is not a truth line:
        nobody (and no OCR) reads a seal's arc text reliably."""
        size = self.px(diameter_mm)
        layer = Image.new("RGB", (size, size), (255, 255, 255))
        d = ImageDraw.Draw(layer)
        r = size / 2
        ring = max(2, self.px(1.0))
        d.ellipse([ring // 2, ring // 2, size - ring // 2, size - ring // 2], outline=SEAL_RED, width=ring)
        star_r = size * 0.16
        pts = []
        for i in range(10):
            a = -math.pi / 2 + i * math.pi / 5
            rr = star_r if i % 2 == 0 else star_r * 0.4
            pts.append((r + rr * math.cos(a), r + rr * math.sin(a)))
        d.polygon(pts, fill=SEAL_RED)
        chars = list(text)
        fsize = max(6, round(size * 0.12))
        f = font("wqy-zenhei", fsize)  # seals are cut in a plain Hei face
        span = min(math.radians(250), math.radians(22) * len(chars))
        for i, ch in enumerate(chars):
            a = -math.pi / 2 - span / 2 + (span * i / max(1, len(chars) - 1))
            rr = r - ring - fsize * 0.75
            glyph = Image.new("L", (fsize * 2, fsize * 2), 0)
            ImageDraw.Draw(glyph).text((fsize // 2, fsize // 2), ch, font=f, fill=255)
            glyph = glyph.rotate(-math.degrees(a + math.pi / 2), resample=Image.BICUBIC)
            gx = round(r + rr * math.cos(a) - fsize)
            gy = round(r + rr * math.sin(a) - fsize)
            layer.paste(SEAL_RED, (gx, gy), glyph)
        if bottom:
            bf = font("wqy-zenhei", max(6, round(size * 0.09)))
            bw = bf.getlength(bottom)
            d.text((r - bw / 2, r + size * 0.2), bottom, font=bf, fill=SEAL_RED)
        # Real stamps are unevenly inked and slightly turned.
        layer = layer.rotate(rng.uniform(-25, 25), resample=Image.BICUBIC, fillcolor=(255, 255, 255))
        # Uneven ink: lighten a random sixth of the pixels. Drawn from ``rng`` (not Pillow's
        # effect_noise, whose C-level state would make the output depend on earlier calls).
        g = np.random.default_rng(rng.getrandbits(64)).standard_normal((size, size), dtype=np.float32)
        light = Image.fromarray(np.where(g > -0.97, 0, 55).astype(np.uint8))
        layer = ImageChops.screen(layer, Image.merge("RGB", [light] * 3))
        x0, y0 = self.px(cx_mm) - size // 2, self.px(cy_mm) - size // 2
        for target in (self.img, self.gfx):
            region = target.crop((x0, y0, x0 + size, y0 + size))
            target.paste(ImageChops.multiply(region, layer), (x0, y0))

    def signature(self, x_mm: float, y_mm: float, name: str, rng: random.Random, size_pt: float = 20) -> None:
        """A handwritten-looking signature (Kai face, slanted); decoration, not a truth line."""
        size = self.pt(size_pt)
        f = font("ukai" if "ukai" in (self.style.sign, "ukai") else self.style.sign, size)
        w = round(f.getlength(name)) + size
        layer = Image.new("L", (w, size * 2), 0)
        ImageDraw.Draw(layer).text((size // 2, size // 3), name, font=f, fill=255)
        layer = layer.transform(
            layer.size, Image.AFFINE, (1, 0.25, -size * 0.2, 0, 1, 0), resample=Image.BICUBIC
        )
        for target in (self.img, self.gfx):
            target.paste((25, 25, 60), (self.px(x_mm), self.px(y_mm)), layer)

    def red_header(self, y_mm: float, org: str, size_pt: float = 26) -> float:
        """红头文件: the issuing office's name in red, a red rule under it. Returns y below the rule."""
        y = self.text(self.width_mm / 2, y_mm, org, size_pt, "title", RED, align="center", spacing_em=0.05)
        y += 2
        self.hline(20, self.width_mm - 20, y, 0.8, RED)
        return y + 4

    def finish(self) -> Image.Image:
        return self.img
