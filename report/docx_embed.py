"""Carry the report's draft JSON inside the .docx it was rendered to.

The draft goes into a Custom XML part (``customXml/itemN.xml`` with its
``itemPropsN.xml``, related from the main document part).  Word, WPS and
LibreOffice keep custom XML parts when they re-save a document, so next
year the program can reopen this year's .docx as a draft exactly, without
reading the printed text.

The JSON is stored ASCII-escaped inside one XML element, so no character
the clerk typed can break the part's XML.
"""

from __future__ import annotations

import io
import json
import os
import posixpath
import re
import zipfile
from xml.etree import ElementTree as ET

from . import draft
from .errors import UserError
from .limits import MAX_INPUT_BYTES
from .model import Report

NAMESPACE = "urn:xxgk-report:draft"
ROOT_TAG = f"{{{NAMESPACE}}}draft"
#: A fixed item id: the same draft always gives the same part.
ITEM_ID = "{6A1F3E58-2C4B-4F0E-9D1A-5B7C3E2F8A10}"

_PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_PROPS_CT = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"



def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _main_part(files: dict[str, bytes]) -> str:
    rels = ET.fromstring(files["_rels/.rels"])
    for rel in rels:
        if rel.get("Type") == _OFFICE_DOCUMENT:
            return rel.get("Target", "").lstrip("/")
    raise KeyError("officeDocument")


def _is_our_item(data: bytes) -> bool:
    return NAMESPACE.encode() in data[:400]


def _item_xml(report: Report) -> bytes:
    payload = json.dumps(draft.to_dict(report), ensure_ascii=True, separators=(",", ":"))
    root = ET.Element(ROOT_TAG, {"version": str(draft.VERSION)})
    root.text = payload
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + ET.tostring(root, encoding="utf-8")


def _props_xml() -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<ds:datastoreItem ds:itemID="{ITEM_ID}" xmlns:ds="{_DS_NS}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _insert_before_close(xml: bytes, close_tag: bytes, addition: str) -> bytes:
    at = xml.rfind(close_tag)
    if at < 0:
        raise UserError("Word 文档结构异常：无法写入草稿数据。")
    return xml[:at] + addition.encode("utf-8") + xml[at:]


def _remove_item(files: dict[str, bytes], item: str) -> None:
    """Drop a custom XML item with its properties part and their content-type overrides."""
    removed = [item]
    item_rels = _rels_path(item)
    if item_rels in files:
        for rel in ET.fromstring(files.pop(item_rels)):
            removed.append(posixpath.normpath(posixpath.join(posixpath.dirname(item), rel.get("Target", ""))))
    types_xml = files["[Content_Types].xml"]
    for name in removed:
        files.pop(name, None)
        types_xml = re.sub(rb'<Override\b[^>]*PartName="/' + re.escape(name.encode()) + rb'"[^>]*/>', b"", types_xml)
    files["[Content_Types].xml"] = types_xml


def embed_draft(docx_bytes: bytes, report: Report) -> bytes:
    """Return ``docx_bytes`` with ``report`` embedded (replacing an earlier embedded draft)."""
    files, order = _read_zip(docx_bytes)
    main = _main_part(files)
    main_dir = posixpath.dirname(main)
    main_rels_path = _rels_path(main)
    rels_xml = (
        files.get(main_rels_path)
        or (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG_RELS}"></Relationships>'
        ).encode()
    )

    # Drop an earlier embedded draft (a re-rendered document, or a template rendered from one).
    for rel in ET.fromstring(rels_xml):
        if rel.get("Type") != _CUSTOM_XML:
            continue
        target = posixpath.normpath(posixpath.join(main_dir, rel.get("Target", "")))
        if target in files and _is_our_item(files[target]):
            rid = re.escape(rel.get("Id", "")).encode()
            rels_xml = re.sub(rb"<Relationship\b[^>]*\bId=\"" + rid + rb"\"[^>]*/>", b"", rels_xml)
            _remove_item(files, target)
    ids = {rel.get("Id") for rel in ET.fromstring(rels_xml)}
    n = 1
    while f"customXml/item{n}.xml" in files or f"customXml/itemProps{n}.xml" in files:
        n += 1
    item, props = f"customXml/item{n}.xml", f"customXml/itemProps{n}.xml"
    files[item] = _item_xml(report)
    files[props] = _props_xml()
    files[_rels_path(item)] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG_RELS}"><Relationship Id="rId1" Type="{_CUSTOM_XML_PROPS}" '
        f'Target="itemProps{n}.xml"/></Relationships>'
    ).encode()
    rid = "rIdXxgkDraft"
    while rid in ids:
        rid += "x"
    target = posixpath.relpath(item, main_dir or ".")
    files[main_rels_path] = _insert_before_close(
        rels_xml,
        b"</Relationships>",
        f'<Relationship Id="{rid}" Type="{_CUSTOM_XML}" Target="{_attr(target)}"/>',
    )

    types_xml = files["[Content_Types].xml"]
    types = ET.fromstring(types_xml)
    overrides = {o.get("PartName") for o in types if o.tag == f"{{{_CT_NS}}}Override"}
    defaults = {d.get("Extension", "").lower() for d in types if d.tag == f"{{{_CT_NS}}}Default"}
    additions = ""
    if "xml" not in defaults and f"/{item}" not in overrides:
        additions += f'<Override PartName="/{item}" ContentType="application/xml"/>'
    if f"/{props}" not in overrides:
        additions += f'<Override PartName="/{props}" ContentType="{_PROPS_CT}"/>'
    if additions:
        files["[Content_Types].xml"] = _insert_before_close(types_xml, b"</Types>", additions)

    for name in files:
        if name not in order:
            order.append(name)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in order:
            if name in files:
                z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), files[name], zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _read_zip(data: bytes) -> tuple[dict[str, bytes], list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            files = {name: z.read(name) for name in names}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, KeyError, OSError, ValueError) as exc:
        raise UserError(f"这不是有效的 Word 文档（.docx），或文件已损坏：{exc}") from exc
    if "[Content_Types].xml" not in files or "_rels/.rels" not in files:
        raise UserError("这不是有效的 Word 文档（.docx）：缺少文档结构信息，文件可能已损坏。")
    return files, names


def extract_draft(source: str | os.PathLike | bytes) -> Report | None:
    """The report embedded by ``embed_draft``; ``None`` if the document carries none.

    Raises ``UserError`` (Chinese) when the file cannot be read, is not a
    .docx, or carries a damaged draft.
    """
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        name = "该文档"
    else:
        name = f"「{os.fspath(source)}」"
        try:
            if os.path.getsize(source) > MAX_INPUT_BYTES:
                raise UserError(f"{name}太大，不像是年度报告。")
            with open(source, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            raise UserError(f"无法读取{name}：{exc.strerror or exc}") from exc
    files, _ = _read_zip(data)
    # Found by content, not by relationship: a program re-saving the document may renumber items and ids.
    candidates = [n for n in files if re.fullmatch(r"customXml/item\d+\.xml", n) and _is_our_item(files[n])]
    if not candidates:
        return None
    try:
        root = ET.fromstring(files[candidates[0]])
    except ET.ParseError as exc:
        raise UserError(f"{name}中嵌入的草稿数据已损坏（XML 无法解析）。") from exc
    if root.tag != ROOT_TAG or not (root.text or "").strip():
        raise UserError(f"{name}中嵌入的草稿数据已损坏（内容为空）。")
    try:
        return draft.loads(root.text)
    except draft.DraftError as exc:
        raise UserError(f"{name}中嵌入的草稿数据无法读取：{exc}") from exc


def has_embedded_draft(data: bytes) -> bool:
    try:
        files, _ = _read_zip(data)
    except UserError:
        return False
    return any(re.fullmatch(r"customXml/item\d+\.xml", n) and _is_our_item(files[n]) for n in files)


__all__ = ["NAMESPACE", "embed_draft", "extract_draft", "has_embedded_draft"]
