"""Seeded degradations that make a clean page look like what people upload.

Each function takes a PIL image and a ``random.Random`` and returns a new image; ``apply``
runs a named profile and reports the degradations applied (the names go into .truth.jsonl).
Noise is drawn from numpy generators seeded from ``rng`` so output is byte-identical per seed.
"""

from __future__ import annotations

import io
import random

import cv2
import numpy as np
from PIL import Image, ImageDraw

from sample_docs.fonts import font

cv2.setNumThreads(1)  # the machine is shared; one thread keeps results and load predictable

PROFILES = ("clean", "scan", "low_res_scan", "rotated_scan", "phone_photo", "screenshot", "jpeg_heavy")


def _np_rng(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.getrandbits(64))


def resample(img: Image.Image, from_dpi: int, to_dpi: int) -> Image.Image:
    """Scan (or render) at ``to_dpi``: the same paper at fewer pixels."""
    if to_dpi == from_dpi:
        return img
    w, h = img.size
    return img.resize(
        (max(1, round(w * to_dpi / from_dpi)), max(1, round(h * to_dpi / from_dpi))),
        Image.Resampling.LANCZOS if to_dpi < from_dpi else Image.Resampling.BICUBIC,
    )


def skew(img: Image.Image, rng: random.Random, max_deg: float = 1.5) -> tuple[Image.Image, float]:
    """Rotate by a small angle around the centre, growing the canvas, filled with scanner white."""
    angle = round(rng.uniform(-max_deg, max_deg), 2)
    a = np.asarray(img.convert("RGB"))
    h, w = a.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    cos, sin = abs(m[0, 0]), abs(m[0, 1])
    nw, nh = int(h * sin + w * cos), int(h * cos + w * sin)
    m[0, 2] += nw / 2 - w / 2
    m[1, 2] += nh / 2 - h / 2
    out = cv2.warpAffine(a, m, (nw, nh), flags=cv2.INTER_LINEAR, borderValue=(250, 250, 248))
    return Image.fromarray(out), angle


def blur(img: Image.Image, rng: random.Random, lo: float = 0.3, hi: float = 0.9) -> Image.Image:
    sigma = rng.uniform(lo, hi)
    return Image.fromarray(cv2.GaussianBlur(np.asarray(img.convert("RGB")), (0, 0), sigma))


def noise(img: Image.Image, rng: random.Random, sigma: float = 6.0) -> Image.Image:
    a = np.asarray(img.convert("RGB"))
    n = _np_rng(rng).standard_normal(a.shape[:2], dtype=np.float32) * sigma
    out = np.empty_like(a)
    for c in range(3):  # channel by channel keeps the float temporaries to one plane
        out[..., c] = np.clip(a[..., c] + n, 0, 255).astype(np.uint8)
    return Image.fromarray(out)


def paper_tint(img: Image.Image, rng: random.Random) -> Image.Image:
    """Scanner glass and paper are never pure white."""
    tint = (
        np.array([rng.randint(236, 250), rng.randint(234, 248), rng.randint(226, 244)], dtype=np.float32)
        / 255
    )
    a = np.asarray(img.convert("RGB"))
    out = np.empty_like(a)
    for c in range(3):
        out[..., c] = (a[..., c] * tint[c]).astype(np.uint8)
    return Image.fromarray(out)


def jpeg_roundtrip(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def shading(img: Image.Image, rng: random.Random, strength: float = 0.35) -> Image.Image:
    """Uneven light of a phone photo: a smooth gradient with one darker corner, a warm cast."""
    w, h = img.size
    cx, cy = rng.uniform(-0.3, 1.3) * w, rng.uniform(-0.3, 1.3) * h
    xx = (np.arange(w, dtype=np.float32) - cx)[None, :]
    yy = (np.arange(h, dtype=np.float32) - cy)[:, None]
    d = np.sqrt(xx * xx + yy * yy) / max(w, h)
    light = 1.0 - strength * np.clip(d, 0, 1.2) / 1.2
    warm = (1.0, rng.uniform(0.95, 1.0), rng.uniform(0.86, 0.96))
    a = np.asarray(img.convert("RGB"))
    out = np.empty_like(a)
    for c in range(3):  # channel by channel: big photos stay within a few hundred MB
        out[..., c] = np.clip(a[..., c] * (light * warm[c]), 0, 255).astype(np.uint8)
    return Image.fromarray(out)


def phone_photo(img: Image.Image, rng: random.Random) -> Image.Image:
    """The page lying on a desk, photographed at an angle: background border, perspective, light."""
    w, h = img.size
    pad = round(max(w, h) * rng.uniform(0.06, 0.14))
    size = (w + 2 * pad, h + 2 * pad)
    bg_colours = [(120, 85, 60), (70, 70, 75), (180, 170, 150), (40, 45, 55), (150, 120, 90)]
    colour = rng.choice(bg_colours)
    grain = _np_rng(rng).integers(-8, 9, (size[1], size[0]), dtype=np.int16)  # desk texture
    desk = np.empty((size[1], size[0], 3), np.uint8)
    for c in range(3):
        desk[..., c] = np.clip(grain + colour[c], 0, 255).astype(np.uint8)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    j = lambda: rng.uniform(-0.05, 0.05) * min(w, h)  # noqa: E731  (corner jitter)
    dst = np.float32(
        [
            [pad + j(), pad + j()],
            [pad + w + j(), pad + j()],
            [pad + w + j(), pad + h + j()],
            [pad + j(), pad + h + j()],
        ]
    )
    m = cv2.getPerspectiveTransform(src, dst)
    # The page is warped straight onto the desk: pixels outside it keep the desk.
    cv2.warpPerspective(
        np.asarray(img.convert("RGB")), m, size, dst=desk, flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_TRANSPARENT,
    )  # fmt: skip
    shot = shading(Image.fromarray(desk), rng, rng.uniform(0.2, 0.45))
    return blur(shot, rng, 0.4, 1.1)


def screenshot(img: Image.Image, rng: random.Random, width_px: int = 1080) -> Image.Image:
    """The page as a phone screenshot of a chat or file viewer: status bar, title bar, margins."""
    scale = width_px / img.width
    page = img.resize((width_px, round(img.height * scale)), Image.Resampling.LANCZOS)
    top, bottom = 160, 140
    canvas = Image.new("RGB", (width_px, page.height + top + bottom), (237, 237, 237))
    d = ImageDraw.Draw(canvas)
    d.rectangle([0, 0, width_px, top], fill=(247, 247, 247))
    f = font("wqy-microhei", 34)
    d.text((40, 20), f"{rng.randint(8, 22)}:{rng.randint(0, 59):02d}", font=f, fill=(0, 0, 0))
    d.text((width_px - 160, 20), f"{rng.randint(20, 99)}%", font=f, fill=(0, 0, 0))
    d.text((width_px // 2 - 80, 95), rng.choice(["文件预览", "图片", "微信"]), font=f, fill=(0, 0, 0))
    canvas.paste(page, (0, top))
    d.rectangle([0, canvas.height - bottom, width_px, canvas.height], fill=(247, 247, 247))
    return canvas


def side_by_side(imgs: list[Image.Image], rng: random.Random) -> Image.Image:
    """Two documents laid next to each other for one picture (scaled to a common height)."""
    h = max(i.height for i in imgs)
    scaled = [i if i.height == h else i.resize((round(i.width * h / i.height), h)) for i in imgs]
    gap = round(h * 0.03)
    out = Image.new(
        "RGB", (sum(i.width for i in scaled) + gap * (len(scaled) + 1), h + 2 * gap), (250, 250, 250)
    )
    x = gap
    for i in scaled:
        out.paste(i, (x, gap + rng.randint(0, gap // 2)))
        x += i.width + gap
    return out


def rotate90(img: Image.Image, rng: random.Random) -> tuple[Image.Image, int]:
    angle = rng.choice([90, 270])
    return img.rotate(angle, expand=True), angle


def apply(
    img: Image.Image,
    profile: str,
    rng: random.Random,
    render_dpi: int,
    scan_dpi: int | None = None,
    max_px: int = 2400,
) -> tuple[Image.Image, list[str], int]:
    """Run ``profile`` on a clean page rendered at ``render_dpi``.

    Returns (image, degradation names, effective dpi of the paper in the output).
    """
    if profile not in PROFILES:
        raise ValueError(f"unknown degradation profile {profile!r}; known: {', '.join(PROFILES)}")
    applied: list[str] = []
    dpi = render_dpi
    if profile == "clean":
        return img, applied, dpi
    if profile in ("scan", "low_res_scan", "rotated_scan", "jpeg_heavy"):
        if profile == "low_res_scan":
            dpi = scan_dpi or rng.choice([70, 80, 96, 100, 120, 150])
        elif scan_dpi:
            dpi = scan_dpi
        # Work at the scan's resolution: the same look, far fewer pixels to push.
        img = resample(img, render_dpi, dpi)
        if dpi != render_dpi:
            applied.append(f"low_res:{dpi}")
        img = paper_tint(img, rng)
        applied.append("paper_tint")
        img, angle = skew(img, rng)
        applied.append(f"skew:{angle}")
        img = blur(img, rng, 0.3 * dpi / 150, 0.8 * dpi / 150)
        applied.append("blur")
        img = noise(img, rng, rng.uniform(3, 8))
        applied.append("noise")
        if profile == "rotated_scan":
            img, a = rotate90(img, rng)
            applied.append(f"rotate:{a}")
        if profile == "jpeg_heavy":
            img = jpeg_roundtrip(img, rng.randint(12, 25))
            applied.append("jpeg_artifacts")
        return img, applied, dpi
    if profile == "phone_photo":
        # A phone sees the page at whatever resolution fits its frame; take that first.
        dpi = scan_dpi or min(render_dpi, round(render_dpi * max_px * 0.8 / max(img.size)))
        img = resample(img, render_dpi, dpi)
        img = phone_photo(img, rng)
        applied += ["phone_photo", "perspective", "shading", "background_border", "blur"]
        return img, applied, dpi
    # screenshot
    width = rng.choice([720, 828, 1080])
    dpi = round(render_dpi * width / img.width)
    img = screenshot(img, rng, width)
    applied.append(f"screenshot:{width}")
    return img, applied, dpi
