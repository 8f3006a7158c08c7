"""Builders of real (small) evidence files and batches for the intake tests; no tests here.

Every file is generated: Pillow images, reportlab PDFs, zip archives written with zipfile and,
for what zipfile will not write (GB18030 names, the encryption flag), patched header bytes.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.pdfgen import canvas


def image_bytes(
    fmt: str = "JPEG", seed: int = 0, size: tuple[int, int] = (320, 200), **save: object
) -> bytes:
    """A small picture that differs per seed (so each has its own hash)."""
    im = Image.new("RGB", size, (255, 255, 255))
    d = ImageDraw.Draw(im)
    d.rectangle((10, 10, 60 + seed % 200, 60), fill=((seed * 37) % 256, 80, 160))
    d.text((20, 100), f"certificate {seed}", fill=(0, 0, 0))
    buf = io.BytesIO()
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
    im.save(buf, format=fmt, **save)
    return buf.getvalue()


def jpeg(seed: int = 0) -> bytes:
    return image_bytes("JPEG", seed)


def png(seed: int = 0) -> bytes:
    return image_bytes("PNG", seed)


def tiff_pages(n: int = 3, seed: int = 0) -> bytes:
    pages = [Image.open(io.BytesIO(image_bytes("PNG", seed + i))).convert("RGB") for i in range(n)]
    buf = io.BytesIO()
    pages[0].save(buf, format="TIFF", save_all=True, append_images=pages[1:], compression="tiff_deflate")
    return buf.getvalue()


def pdf(text: str = "hello", pages: int = 1, encrypt: str | None = None) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=encrypt)
    for i in range(pages):
        c.drawString(72, 720, f"{text} page {i + 1}")
        c.showPage()
    c.save()
    return buf.getvalue()


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    return data[: int(len(data) * keep)]


def docx() -> bytes:
    """The skeleton of a Word file: a zip holding word/document.xml."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def plain_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def bomb_png(width: int = 20000, height: int = 20000) -> bytes:
    """A real 1-bit PNG of width x height white pixels: ~50 KB on disk, 400 Mpx when decoded."""

    def chunk(tag: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body))

    row = b"\x00" + b"\xff" * ((width + 7) // 8)
    comp = zlib.compressobj(9)
    idat = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def write_tree(root: Path, files: dict[str, bytes]) -> Path:
    """Write ``{"A001/x.jpg": bytes, ...}`` under root (created) and return root."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, data in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return root


MANIFEST = (
    "applicant_id,name,employer,title_level,eval_year\n"
    "A001,张三,常德市第一人民医院,高级,2024\n"
    "A002,李四,常德市农业科学研究院,intermediate,2024\n"
).encode()


def write_zip(path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(name, data)
    return path


def rename_member_bytes(zip_path: Path, placeholder: str, real: bytes) -> None:
    """Put raw name bytes (e.g. GB18030, no UTF-8 flag) where an ASCII placeholder name was.

    zipfile always writes non-ASCII names as UTF-8 with the flag set; Chinese Windows tools do
    not. The placeholder must have exactly as many bytes as the real name.
    """
    assert len(placeholder.encode()) == len(real)
    data = zip_path.read_bytes()
    assert data.count(placeholder.encode()) == 2  # local header + central directory
    zip_path.write_bytes(data.replace(placeholder.encode(), real))


def set_encrypted_flag(zip_path: Path, name: str) -> None:
    """Set the 'encrypted' bit of one member in both its headers (zipfile cannot encrypt)."""
    data = bytearray(zip_path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        local = z.getinfo(name).header_offset
    data[local + 6] |= 0x01
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        n = struct.unpack("<H", data[pos + 28 : pos + 30])[0]
        if data[pos + 46 : pos + 46 + n] == name.encode():
            data[pos + 8] |= 0x01
        pos = data.find(b"PK\x01\x02", pos + 4)
    zip_path.write_bytes(bytes(data))
