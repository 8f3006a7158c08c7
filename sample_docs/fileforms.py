"""Writing pages as the file forms people upload: PNG, JPEG, multi-page TIFF, WEBP, BMP,
image-only PDF and born-digital PDF with a real text layer (reportlab, embedded CJK TrueType).

All writers are deterministic: no timestamps, fixed encoder settings.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from sample_docs.canvas import DocPage
from sample_docs.fonts import FACES

IMAGE_FORMS = ("png", "jpeg", "webp", "bmp", "heic")
FORMS = (*IMAGE_FORMS, "tiff", "pdf_image", "pdf_text")
EXTENSIONS = {
    "heic": ".heic",
    "png": ".png",
    "jpeg": ".jpg",
    "webp": ".webp",
    "bmp": ".bmp",
    "tiff": ".tif",
    "pdf_image": ".pdf",
    "pdf_text": ".pdf",
}


def encode_image(img: Image.Image, form: str, quality: int = 80, dpi: int = 150) -> bytes:
    """One page as the bytes of an image file."""
    buf = io.BytesIO()
    if form == "png":
        # Scans of text are near-greyscale; a palette keeps PNGs small without visible loss.
        img.convert("RGB").quantize(
            colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        ).save(buf, "PNG", optimize=True, dpi=(dpi, dpi))
    elif form == "jpeg":
        img.convert("RGB").save(buf, "JPEG", quality=quality, dpi=(dpi, dpi), optimize=True)
    elif form == "webp":
        img.convert("RGB").save(buf, "WEBP", quality=quality, method=4)
    elif form == "heic":
        # pillow-heif's x265 encoder; "ultrafast" keeps it near a second per photo (the default
        # preset takes half a minute) and the output is still byte-stable.
        import pillow_heif

        pillow_heif.register_heif_opener()
        img.convert("RGB").save(buf, "HEIF", quality=quality, enc_params={"preset": "ultrafast"})
    elif form == "bmp":
        img.convert("L").save(buf, "BMP", dpi=(dpi, dpi))
    else:
        raise ValueError(f"not a single-image form: {form!r}")
    return buf.getvalue()


def encode_tiff(imgs: list[Image.Image], dpi: int = 150, quality: int = 75) -> bytes:
    """A multi-page TIFF as office scanners write it: JPEG-compressed greyscale pages."""
    buf = io.BytesIO()
    pages = [i.convert("L") for i in imgs]
    pages[0].save(
        buf,
        "TIFF",
        save_all=True,
        append_images=pages[1:],
        compression="jpeg",
        quality=quality,
        dpi=(dpi, dpi),
    )
    return buf.getvalue()


def encode_image_pdf(imgs: list[Image.Image], dpi: int = 150, quality: int = 75) -> bytes:
    """A scanned PDF: one JPEG image per page, no text layer."""
    buf = io.BytesIO()
    # Pillow writes RGB pages as DCT (JPEG); re-encode first so the quality is ours.
    pages = [Image.open(io.BytesIO(encode_image(i, "jpeg", quality, dpi))) for i in imgs]
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:], resolution=float(dpi))
    return _strip_pdf_dates(buf.getvalue())


def _strip_pdf_dates(data: bytes) -> bytes:
    """Pillow stamps /CreationDate and /ModDate; fix them so a seed gives the same bytes."""
    import re

    return re.sub(
        rb"\((D:\d{14}[^)]*)\)", lambda m: b"(D:20240101000000Z" + b" " * (len(m.group(1)) - 17) + b")", data
    )


def encode_text_pdf(pages: list[DocPage], quality: int = 70) -> bytes:
    """A born-digital PDF: the graphics as a background image, the text as real PDF text in the
    embedded CJK TrueType face the page was drawn with, at the same positions."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas as rl_canvas

    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, invariant=1, pageCompression=1)
    c.setCreator("sample_docs")
    for page in pages:
        w_pt, h_pt = page.width_mm * 72 / 25.4, page.height_mm * 72 / 25.4
        c.setPageSize((w_pt, h_pt))
        bg = io.BytesIO()
        page.gfx.convert("RGB").save(bg, "JPEG", quality=quality)
        bg.seek(0)
        c.drawImage(ImageReader(bg), 0, 0, w_pt, h_pt)
        k = 72 / page.dpi  # pixels -> points
        for op in page.ops:
            face = FACES[op.face]
            if not face.embeddable:
                raise ValueError(f"face {op.face} cannot be embedded; use pick_style(rng, born_digital=True)")
            name = f"SD-{op.face}"
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, face.path, subfontIndex=face.index))
            size = op.size_px * k
            c.setFont(name, size)
            c.setFillColorRGB(*(v / 255 for v in op.fill))
            # Pillow places text by the top of its line box; reportlab by the baseline.
            from sample_docs.fonts import font as pil_font

            ascent = pil_font(op.face, op.size_px).getmetrics()[0] * k
            c.drawString(op.x * k, h_pt - op.y * k - ascent, op.text)
        c.showPage()
    c.save()
    return buf.getvalue()


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
