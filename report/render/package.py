"""The .docx as an OPC package: the embedded draft, the document's properties, one zip writer, bounded reading.

Every package the program writes goes through python-docx's OPC layer
(``Part``, ``relate_to``) and ``write_package`` here, the one zip writer
(fixed member times, so the same content gives the same bytes).

The report's draft JSON travels inside every generated .docx as a Custom
XML part (``customXml/itemN.xml`` with its ``itemPropsN.xml``, related from
the main document part, a fresh ``itemID`` per document).  Word, WPS and
LibreOffice keep custom XML parts when they re-save a document, so next
year the program reopens this year's .docx as a draft exactly, without
reading the printed text.  The JSON is stored ASCII-escaped in one element,
so no character the clerk typed can break the part's XML.

Reading a .docx someone gives us (``extract_draft``) is bounded by
``report.limits``: file size, members, expanded size, the part's size and
nesting; a zip bomb is refused in Chinese before anything is unpacked.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import uuid
import zipfile
from xml.sax.saxutils import escape

from .. import draft
from ..errors import UserError
from ..limits import MAX_DRAFT_BYTES, MAX_EXPANDED_BYTES, MAX_INPUT_BYTES, MAX_ZIP_MEMBERS
from ..model import Report

NAMESPACE = "urn:xxgk-report:draft"
_DS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_CUSTOM_XML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml"
_CUSTOM_XML_PROPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps"
_PROPS_CT = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_ITEM_NAME = re.compile(r"customXml/item\d+\.xml")
#: The product name the document's properties give as the program that made it.
APPLICATION = "政府信息公开工作年度报告填报助手"


# --- writing ------------------------------------------------------------------------------


class _ZipWriter:
    """python-docx's physical package writer, with fixed member times and permissions."""

    def __init__(self, stream):
        self._zip = zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri, blob: bytes) -> None:
        info = zipfile.ZipInfo(pack_uri.membername, date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        self._zip.writestr(info, blob)

    def close(self) -> None:
        self._zip.close()


def write_package(document) -> bytes:
    """The python-docx ``Document`` as .docx bytes: the one zip writer of the program."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = io.BytesIO()
    writer = _ZipWriter(out)
    # PackageWriter.write() with our physical writer: content types first, then the package rels, the parts.
    PackageWriter._write_content_types_stream(writer, parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, parts)
    writer.close()
    return out.getvalue()


def drop_inherited_parts(document) -> None:
    """What python-docx's default package carries and no report needs.

    ``stylesWithEffects.xml`` is a stale copy of the styles (Word treats the mismatch as
    unreadable content), the thumbnail shows an empty page in file managers, and a
    bibliography custom XML item would give every document the same ``itemID``.
    """
    main = document.part
    for rId, rel in list(main.rels.items()):
        if rel.reltype in (_STYLES_WITH_EFFECTS, _CUSTOM_XML) and not rel.is_external:
            del main.rels[rId]
    package = main.package
    for rId, rel in list(package.rels.items()):
        if rel.reltype == _THUMBNAIL:
            del package.rels[rId]


def _is_our_item(blob: bytes) -> bool:
    return NAMESPACE.encode() in blob[:400]


def _item_xml(report: Report) -> bytes:
    payload = json.dumps(draft.to_dict(report), ensure_ascii=True, separators=(",", ":"))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<draft xmlns="{NAMESPACE}" version="{draft.VERSION}">{escape(payload)}</draft>'
    ).encode("ascii")


def _props_xml(item_id: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<ds:datastoreItem ds:itemID="{item_id}" xmlns:ds="{_DS_NS}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>'
    ).encode()


def embed(document, report: Report) -> None:
    """Put ``report`` into the document's package, replacing a draft embedded earlier."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    main = document.part
    package = main.package
    for rId, rel in list(main.rels.items()):
        if rel.reltype == _CUSTOM_XML and not rel.is_external and _is_our_item(rel.target_part.blob):
            del main.rels[rId]  # a template made from a rendered report, or a re-embedding
    names = {str(p.partname) for p in package.iter_parts()}
    n = 1
    while f"/customXml/item{n}.xml" in names or f"/customXml/itemProps{n}.xml" in names:
        n += 1
    item = Part(PackURI(f"/customXml/item{n}.xml"), "application/xml", _item_xml(report), package)
    props = Part(
        PackURI(f"/customXml/itemProps{n}.xml"), _PROPS_CT, _props_xml("{" + str(uuid.uuid4()).upper() + "}"), package
    )
    item.relate_to(props, _CUSTOM_XML_PROPS)
    main.relate_to(item, _CUSTOM_XML)


def embed_draft(docx_bytes: bytes, report: Report) -> bytes:
    """``docx_bytes`` with ``report`` embedded (replacing an earlier embedded draft)."""
    from docx import Document

    document = Document(io.BytesIO(docx_bytes))
    embed(document, report)
    return write_package(document)


def set_properties(document, *, title: str, author: str, when: dt.datetime | None = None) -> None:
    """The document's core and extended properties: the report's title, the agency, the render time.

    Nothing of the program's own workings (file names, scripts) goes into them.
    """
    when = when or dt.datetime.now(dt.UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)  # a naive time is UTC (the template's fixed date, whatever the machine's zone)
    when = when.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    core = document.core_properties
    core.title = title
    core.subject = "政府信息公开工作年度报告"
    core.author = author
    core.last_modified_by = author
    core.comments = ""
    core.keywords = ""
    core.category = ""
    core.identifier = ""
    core.language = "zh-CN"
    core.revision = 1
    core.created = when
    core.modified = when
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{escape(APPLICATION)}</Application><DocSecurity>0</DocSecurity>"
        f"<ScaleCrop>false</ScaleCrop><Company>{escape(author)}</Company>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    ).encode()
    package = document.part.package
    for rel in package.rels.values():
        if rel.reltype == _EXTENDED and not rel.is_external:
            rel.target_part._blob = app
            return
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    part = Part(PackURI("/docProps/app.xml"), "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                app, package)
    package.relate_to(part, _EXTENDED)


# --- reading, bounded ----------------------------------------------------------------------------


def _too_big(name: str) -> UserError:
    return UserError(
        f"{name}解压后过大或含有过多文件（超过 {MAX_EXPANDED_BYTES // 1024 // 1024} MB 或 {MAX_ZIP_MEMBERS} 个），"
        "不像是年度报告，已拒绝读取。"
    )


def _not_docx(name: str) -> UserError:
    return UserError(f"{name}不是有效的 Word 文档（.docx），或文件已损坏，无法读取。")


def open_zip(source: str | os.PathLike | bytes, name: str) -> zipfile.ZipFile:
    """The package's zip directory, refused when the file, its members or their expanded size exceed the limits."""
    try:
        if isinstance(source, (bytes, bytearray)):
            if len(source) > MAX_INPUT_BYTES:
                raise UserError(f"{name}太大（超过 {MAX_INPUT_BYTES // 1024 // 1024} MB），不像是年度报告。")
            z = zipfile.ZipFile(io.BytesIO(bytes(source)))
        else:
            if os.path.isdir(source):
                raise UserError(f"{name}是文件夹，不是 Word 文档。")
            if os.path.getsize(source) > MAX_INPUT_BYTES:
                raise UserError(f"{name}太大（超过 {MAX_INPUT_BYTES // 1024 // 1024} MB），不像是年度报告。")
            z = zipfile.ZipFile(source)
    except FileNotFoundError:
        raise UserError(f"找不到{name}。") from None
    except PermissionError:
        raise UserError(f"没有权限读取{name}。") from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise _not_docx(name) from None
    except OSError as exc:
        raise UserError(f"无法读取{name}：{exc.strerror or '读取出错'}。") from None
    infos = z.infolist()
    if len(infos) > MAX_ZIP_MEMBERS or sum(i.file_size for i in infos) > MAX_EXPANDED_BYTES:
        z.close()
        raise _too_big(name)
    if "[Content_Types].xml" not in z.namelist():
        z.close()
        raise UserError(f"{name}不是有效的 Word 文档（.docx）：缺少文档结构信息，文件可能已损坏。")
    return z


def read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, name: str) -> bytes:
    """A member's bytes, never more than ``limit`` of them unpacked (a lying size header included)."""
    try:
        with z.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        raise _not_docx(name) from None
    if len(data) > limit:
        raise _too_big(name)
    return data


def _peek(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, size: int = 400) -> bytes:
    """The first ``size`` bytes of a member (to recognise our item without unpacking the rest)."""
    try:
        with z.open(info) as fh:
            return fh.read(size)
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        raise _not_docx(name) from None


def _payload(blob: bytes, name: str) -> str:
    """The JSON text of our custom XML item (parsed without entities, network or a huge tree)."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        root = etree.fromstring(blob, parser)
    except etree.XMLSyntaxError:
        raise UserError(f"{name}中嵌入的草稿数据已损坏（XML 无法解析）。") from None
    if root.tag != f"{{{NAMESPACE}}}draft" or len(root) or not (root.text or "").strip():
        raise UserError(f"{name}中嵌入的草稿数据已损坏（内容不对）。")
    return root.text


def extract_draft(source: str | os.PathLike | bytes) -> Report | None:
    """The report embedded by ``embed``; ``None`` if the document carries none.

    Raises ``UserError`` (Chinese) when the file cannot be read, is not a .docx, is too
    large once unpacked, or carries a damaged draft.  Memory stays bounded whatever the file.
    """
    name = "该文档" if isinstance(source, (bytes, bytearray)) else f"「{os.fspath(source)}」"
    z = open_zip(source, name)
    with z:
        # Found by content, not by relationship: a program re-saving the document may renumber items and ids.
        ours = [i for i in z.infolist() if _ITEM_NAME.fullmatch(i.filename) and _is_our_item(_peek(z, i, name))]
        if not ours:
            return None
        blob = read_member(z, ours[0], MAX_DRAFT_BYTES, name)
    text = _payload(blob, name)
    del blob
    try:
        data = json.loads(text)
    except RecursionError:
        raise UserError(f"{name}中嵌入的草稿数据层次过深，已损坏。") from None
    except ValueError:
        raise UserError(f"{name}中嵌入的草稿数据已损坏（无法读取）。") from None
    try:
        return draft.from_dict(data)
    except RecursionError:
        raise UserError(f"{name}中嵌入的草稿数据层次过深，已损坏。") from None
    except draft.DraftError as exc:
        raise UserError(f"{name}中嵌入的草稿数据无法读取：{exc}") from exc


def has_embedded_draft(data: bytes) -> bool:
    try:
        with open_zip(data, "该文档") as z:
            return any(_ITEM_NAME.fullmatch(i.filename) and _is_our_item(_peek(z, i, "该文档")) for i in z.infolist())
    except UserError:
        return False


__all__ = ["NAMESPACE", "embed", "embed_draft", "extract_draft", "has_embedded_draft", "write_package"]
