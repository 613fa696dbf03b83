"""docxtpl, made safe and fast: autoescape, a compiled-template cache, the underscore guard, Chinese template errors.

The template is a .docx with Jinja markup (ours from ``builder``, or one the
clerk chose).  Autoescape is always on: a clerk's 「<」 or 「&」 prints as
typed.  docxtpl turns ``{_{`` ``}_}`` ``{_%`` ``%_}`` into braces after
rendering, in every text, the clerk's too; the underscore guard hides "_"
next to a brace while rendering so the clerk's text prints as typed.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from functools import lru_cache
from pathlib import Path

from ..errors import UserError
from ..resources import template_path
from ..schema import FormatSpec


class TemplateError(UserError):
    """A (possibly user-chosen) template that cannot be rendered; the message quotes where."""


class Markup(str):
    """Pre-built WordprocessingML that autoescape must leave alone."""

    def __html__(self) -> str:
        return str(self)


# --- templates on disk --------------------------------------------------------------------


def default_template(fmt: FormatSpec) -> Path:
    return template_path(f"report-{fmt.id}.docx")


@lru_cache(maxsize=16)
def _read_template(path: str, mtime: float, size: int) -> bytes:
    del mtime, size  # part of the cache key: a template edited on disk is read again
    with open(path, "rb") as fh:
        return fh.read()


def template_bytes(template: str | os.PathLike | None, fmt: FormatSpec) -> tuple[bytes, str]:
    """The template's bytes and its file name (for messages); ``TemplateError`` in Chinese."""
    path = Path(template) if template else default_template(fmt)
    try:
        st = path.stat()
        if path.is_dir():
            raise TemplateError(f"「{path}」是文件夹，不是 Word 模板。")
        data = _read_template(str(path), st.st_mtime, st.st_size)
    except FileNotFoundError:
        raise TemplateError(f"找不到模板文件「{path}」。") from None
    except OSError as exc:
        raise TemplateError(f"无法读取模板文件「{path}」：{exc.strerror or exc}") from None
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError(
            f"模板「{path.name}」不是 Word 文档（.docx）。请选择 .docx 格式的模板（.doc 需先在 Word 中另存为 .docx）。"
        )
    return data, path.name


def uses_gb2312_fonts(template_data: bytes) -> bool:
    with zipfile.ZipFile(io.BytesIO(template_data)) as z:
        for name in ("word/styles.xml", "word/document.xml"):
            try:
                if b"GB2312" in z.read(name):
                    return True
            except KeyError:
                continue
    return False


# --- Jinja ------------------------------------------------------------------------------------

_JINJA_HINTS = (
    ("end of print statement", "「{{」没有对应的「}}」"),
    ("unexpected end of template", "有未结束的 {% if %} 或 {% for %}（缺少 endif / endfor）"),
    ("unexpected '}'", "多出了「}」"),
    ("Encountered unknown tag", "有本程序不认识的 {% %} 标记"),
    ("No filter named", "使用了不存在的过滤器（| 后面的名称）"),
    ("No test named", "使用了不存在的判断（is 后面的名称）"),
    ("unexpected char", "标记里有不允许的字符"),
)


def template_error(name: str, exc: Exception) -> TemplateError:
    from jinja2 import TemplateSyntaxError, UndefinedError

    context = [line.strip() for line in getattr(exc, "docx_context", None) or [] if line.strip()]
    where = " / ".join(context[:7])
    quoted = f"出错位置附近的文字：「{where[:240]}」。" if where else ""
    detail = getattr(exc, "message", None) or str(exc)
    hint = next((h for key, h in _JINJA_HINTS if key.lower() in detail.lower()), "")
    if isinstance(exc, TemplateSyntaxError):
        what = f"模板标记写法有误{('：' + hint) if hint else ''}（{detail}）"
    elif isinstance(exc, UndefinedError):
        what = f"模板使用了不存在的内容（{detail}）"
    else:
        what = f"模板无法填充{('：' + hint) if hint else ''}（{detail}）"
    return TemplateError(
        f"模板「{name}」有误：{what}。{quoted}请检查 {{{{ }}}} 和 {{% %}} 标记是否成对、拼写是否正确。"
    )


class _CachingEnvironment:
    """Builds the Jinja environment once; compiled document parts are reused.

    docxtpl compiles the whole document XML on every render; for the same
    template the patched XML is identical, so compiling once saves most of
    the rendering time (see bench/render.py).
    """

    _env = None

    @classmethod
    def get(cls):
        if cls._env is None:
            from jinja2 import Environment, StrictUndefined

            class Env(Environment):
                def __init__(self, **kw):
                    super().__init__(**kw)
                    self._compiled: dict[str, object] = {}

                def from_string(self, source, globals=None, template_class=None):
                    if globals is not None or template_class is not None or not isinstance(source, str):
                        return super().from_string(source, globals, template_class)
                    compiled = self._compiled.get(source)
                    if compiled is None:
                        if len(self._compiled) > 64:
                            self._compiled.clear()
                        compiled = self._compiled[source] = super().from_string(source)
                    return compiled

            cls._env = Env(autoescape=True, undefined=StrictUndefined)
        return cls._env


def jinja_env():
    return _CachingEnvironment.get()


@lru_cache(maxsize=16)
def _patched_xml(src_xml: str) -> str:
    from docxtpl import DocxTemplate

    # patch_xml is a pure function of the XML text (it never touches the instance).
    return DocxTemplate.patch_xml(None, src_xml)


# --- the underscore guard ------------------------------------------------------------------------

#: Stands for "_" next to a brace or % while docxtpl renders: after rendering it turns
#: the template escapes {_{ }_} {_% %_} into {{ }} {% %} in every text, the clerk's too.
_UNDERSCORE = "\ue000xxgk\ue001"
_BRACE_UNDERSCORE = re.compile(r"(?<=[{}%])_|_(?=[{}%])")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def placeholder(context: dict) -> str:
    """A stand-in for "_" that no text of this report contains (a clerk may type anything)."""
    texts = list(_strings(context))
    token, n = _UNDERSCORE, 0
    while any(token in t for t in texts):
        n += 1
        token = f"\ue000xxgk{n}\ue001"
    return token


def protect(value, token: str = _UNDERSCORE):
    if isinstance(value, Markup):
        return Markup(_BRACE_UNDERSCORE.sub(token, value))
    if isinstance(value, str):
        return _BRACE_UNDERSCORE.sub(token, value)
    if isinstance(value, list):
        return [protect(v, token) for v in value]
    if isinstance(value, dict):
        return {k: protect(v, token) for k, v in value.items()}
    return value


def docx_template(data: bytes, token: str = _UNDERSCORE):
    from docxtpl import DocxTemplate

    class CachedTemplate(DocxTemplate):
        def patch_xml(self, src_xml):
            return _patched_xml(src_xml)

        def render_xml_part(self, src_xml, part, context, jinja_env=None):
            return super().render_xml_part(src_xml, part, context, jinja_env).replace(token, "_")

        def render_properties(self, context, jinja_env=None):
            # The document's properties are set from the report afterwards (package.set_properties);
            # a template's own property text is never Jinja.
            return None

    return CachedTemplate(io.BytesIO(data))


@lru_cache(maxsize=16)
def _template_variables_used(data: bytes) -> frozenset[str]:
    """Every variable a template uses (independent of the report, so computed once per template)."""
    return frozenset(docx_template(data).get_undeclared_template_variables(jinja_env=jinja_env()))


def used_variables(data: bytes, name: str, context: dict | None = None) -> frozenset[str]:
    """The template's variables, or ``TemplateError`` quoting where its markup broke."""
    from jinja2 import TemplateError as JinjaTemplateError

    try:
        return _template_variables_used(data)
    except JinjaTemplateError as exc:
        # Only rendering records where in the document it broke (docx_context): ask it.
        try:
            docx_template(data).render(context or {}, jinja_env=jinja_env(), autoescape=True)
        except JinjaTemplateError as located:
            raise template_error(name, located) from exc
        raise template_error(name, exc) from exc
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"模板「{name}」不是有效的 Word 文档：{exc}") from exc


def fill(data: bytes, name: str, context: dict):
    """The rendered template as a python-docx ``Document`` (not yet saved)."""
    from jinja2 import TemplateError as JinjaTemplateError

    undeclared = used_variables(data, name, context) - set(context)
    if undeclared:
        names = "、".join(sorted(undeclared)[:10])
        raise TemplateError(
            f"模板「{name}」使用了本程序不认识的变量：{names}。"
            "可用的变量见 templates/README.md；请改正拼写或删除这些标记。"
        )
    try:
        token = placeholder(context)
        tpl = docx_template(data, token)
        tpl.render(protect(context, token), jinja_env=jinja_env(), autoescape=True)
    except JinjaTemplateError as exc:
        raise template_error(name, exc) from exc
    return tpl.docx
