"""What went wrong with a file, a manifest or an upload, in Chinese sentences for the reviewer.

The pipeline records its problems as English machine text (intake ``reason``, manifest
problems, a failed job's exception); the export keeps them as they are. The pages show the
sentence of the first pattern below that matches, with the values it captured, and what to do.
A text no pattern knows is shown as a general sentence (never the English), so a new message
in the pipeline degrades to a vaguer sentence rather than to English on the page.
"""

# ruff: noqa: E501  (a table of sentences reads best one row per line)
from __future__ import annotations

import re

from pipeline.cjk import ideograph_count

# (pattern, sentence): {name} placeholders are the pattern's named groups.
INTAKE: list[tuple[str, str]] = [
    (r"^empty file \(0 bytes\)", "文件是空的（0 字节），请申报人重新提供。"),
    (r"^file too large \((?P<size>[\d.]+ [KM]B) > cap (?P<cap>[\d.]+ [KM]B)\)",
     "文件过大（{size}，上限 {cap}），请压缩后重新上传。"),
    (r"^unsupported file type \(detected: (?P<kind>[^)]*)\)",
     "文件格式不支持（识别为 {kind}），只接受 PDF、PNG、JPEG、TIFF、WEBP、BMP、HEIC，请转换后重新上传。"),
    (r"^nested zip not supported", "压缩包里又有压缩包，请解压后重新上传。"),
    (r"^HEIC decoder not installed", "服务器缺少 HEIC 照片解码器，请联系管理员，或请申报人提供 JPEG。"),
    (r"image too large .*decompression bomb", "图像像素过多（可能是异常文件），未读取，请申报人提供正常尺寸的扫描件。"),
    (r"^truncated (?P<label>\w+) image", "图像文件不完整（传输中断？），请申报人重新提供。"),
    (r"^corrupt (?P<label>\w+) image", "图像文件已损坏，无法打开，请申报人重新提供。"),
    (r"^truncated PDF", "PDF 文件不完整（缺少结尾），请申报人重新提供。"),
    (r"^encrypted PDF", "PDF 有密码保护，请申报人提供未加密的文件。"),
    (r"^corrupt or truncated PDF|^corrupt PDF", "PDF 文件已损坏，无法打开，请申报人重新提供。"),
    (r"^PDF has no pages", "PDF 文件没有任何页面，请申报人重新提供。"),
    (r"^cannot read folder", "服务器无法读取此文件夹，请联系管理员。"),
    (r"^cannot read file", "服务器无法读取此文件，请联系管理员。"),
    (r"^symbolic link", "这是一个链接而不是文件，请上传文件本身。"),
    (r"^not a regular file", "这不是普通文件，未读取。"),
    (r"^absolute path in zip", "压缩包内的路径不合规（绝对路径），未读取。"),
    (r"^path escapes the batch", "压缩包内的路径不合规（指向批次之外），未读取。"),
    (r"^the zip holds this path twice", "压缩包内有同名文件，第二份未读取。"),
    (r"^encrypted zip member", "压缩包内此文件有密码保护，请申报人提供未加密的文件。"),
    (r"possible zip bomb", "压缩包内此文件解压后异常巨大（可能是恶意文件），未读取。"),
    (r"^corrupt zip member|^zip member cannot be unpacked", "压缩包内此文件已损坏，无法解压，请重新打包上传。"),
    (r"^file at the batch root", "文件放在了压缩包最外层：请放入申报人的文件夹（最外层只放 manifest.csv）。"),
    (r"^item folder is empty", "材料文件夹是空的。"),
    (r"^no longer in the batch", "重新上传的批次里已没有此文件或文件夹；原记录保留，请确认是否应撤回。"),
]

MANIFEST: list[tuple[str, str]] = [
    (r"line (?P<line>\d+): applicant_id (?P<id>\S+) repeats line (?P<first>\d+)",
     "名单第 {line} 行：申报人编号 {id} 与第 {first} 行重复，此行未采用。"),
    (r"no header row", "名单没有表头行，请按模板填写表头。"),
    (r"line 1: missing column\(s\) (?P<cols>[^(]*)", "名单缺少列：{cols}，请按模板补齐。"),
    (r"line (?P<line>\d+): applicant_id is empty", "名单第 {line} 行：申报人编号为空，此行未采用。"),
    (r"line (?P<line>\d+): applicant_id .* contains a path separator",
     "名单第 {line} 行：申报人编号含有斜杠，此行未采用。"),
    (r"line (?P<line>\d+): name is empty for (?P<id>\S+)", "名单第 {line} 行：申报人 {id} 的姓名为空。"),
    (r"line (?P<line>\d+): title_level .* for (?P<id>\S+) is not",
     "名单第 {line} 行：申报人 {id} 的职称级别无法识别（应为 高级/中级/初级）。"),
    (r"line (?P<line>\d+): eval_year .* for (?P<id>\S+) is not a year",
     "名单第 {line} 行：申报人 {id} 的评审年度不是年份（例如 2024）。"),
    (r"line (?P<line>\d+): id_number for (?P<id>\S+)", "名单第 {line} 行：申报人 {id} 的身份证号有误。"),
    (r"file too large", "名单文件过大，未读取。"),
    (r"applicant folder (?P<id>\S+) has no files", "申报人文件夹 {id} 里没有文件。"),
    (r"no folder|has no folder", "名单中的申报人在压缩包里没有文件夹。"),
]

# A whole upload that could not be processed (the job's exception), by exception name.
JOB: list[tuple[str, str]] = [
    (r"^BatchUnreadable: .*office document", "上传的是 Office 文档而不是批次压缩包：请把各申报人的文件夹打包成 zip 后上传。"),
    (r"^BatchUnreadable", "压缩包无法读取（已损坏或不是 zip 文件）：请重新打包后上传。"),
    (r"^OperationalError|^InterfaceError|^DatabaseError", "数据库暂时无法连接，批次未处理完：请联系管理员，恢复后重新上传即可（已处理的部分不会重复）。"),
    (r"^MemoryError", "服务器内存不足，批次未处理完：请联系管理员。"),
]

# A page the OCR could not read (``pages.error``).
PAGE: list[tuple[str, str]] = [
    (r"timed out", "此页文字识别超时，未读出文字：请对照扫描件人工核对。"),
    (r"crashed|exit code", "此页文字识别中断，未读出文字：请对照扫描件人工核对。"),
    (r"cannot decode page|cannot be decoded|corrupt", "此页图像无法解码，未读出文字：请查看原件。"),
    (r"page was not read|OCR failed", "此页未能识别文字：请对照扫描件人工核对。"),
]

# A decision the store refused (pipeline.store.review.ReviewError).
REVIEW: list[tuple[str, str]] = [
    (r"hours cannot be negative", "学时不能为负数。"),
    (r"(?P<year>\d+) is not a plausible year", "{year} 不是合理的年度。"),
    (r"a credit needs a whole year", "学时行需要填写年度（整数）和学时（数字）。"),
    (r"category must be one of", "科目类别无效。"),
    (r"credits several years", "此条目计入多个年度，请在学时表中逐年填写。"),
    (r"no year can be read", "读不出年度，请在学时表中填写年度。"),
    (r"has no proposal yet", "尚未生成建议（批次仍在处理中），请稍后再审核。"),
    (r"unknown evidence type", "材料类型无效。"),
    (r"needs a reason", "需要填写理由。"),
    (r"already confirmed", "此条目已按相同内容确认，未重复记录。"),
    (r"the rules failed on these values \((?P<error>.*)\)",
     "按政策计算这些字段的学时时程序出错（{error}），未保存：请直接填写学时，并告知管理员。"),
]

GENERAL = {
    "review": "无法保存此修改，请检查填写的内容。",
    "page": "此页未能识别文字：请对照扫描件人工核对。",
    "intake": "文件无法接收，请查看原件；具体原因已记入导出记录。",
    "manifest": "名单（manifest.csv）有一处问题；具体内容已记入导出记录。",
    "job": "批次处理失败：请联系管理员查看服务器日志，修复后重新上传即可（已处理的部分不会重复）。",
}

_TABLES = {"intake": INTAKE, "manifest": MANIFEST, "job": JOB, "page": PAGE, "review": REVIEW}
_COMPILED = {k: [(re.compile(p, re.I), s) for p, s in v] for k, v in _TABLES.items()}


def sentence(kind: str, text: str | None) -> str:
    """The reviewer's sentence for a machine message of ``kind`` (intake | manifest | job | page)."""
    if not text:
        return ""
    for pattern, template in _COMPILED[kind]:
        m = pattern.search(text)
        if m:
            return template.format(**{k: v.strip() for k, v in m.groupdict().items() if v is not None})
    if ideograph_count(text) and not re.search(r"[A-Za-z]{4,}", text):
        return text  # already a Chinese sentence (e.g. written by a test or a newer stage)
    return GENERAL[kind]


def intake(text: str | None) -> str:
    return sentence("intake", text)


def manifest(text: str | None) -> str:
    return sentence("manifest", text)


def job(text: str | None) -> str:
    return sentence("job", text)


def page(text: str | None) -> str:
    return sentence("page", text)


def review(text: str | None) -> str:
    return sentence("review", text)
