"""PDF rendering of a filled form in a chosen language (fpdf2).

Only the labels are translated: the values print as stored, dates as dd/mm/yyyy, amounts with
the language's number format and the currency code. Under an Art 40 determination the covered
address and contact items are replaced on the form by a pointer to the restricted-information
page, a separate PDF returned beside the form so it can be stored and sent apart from it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from babel.numbers import format_decimal
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .blocks import BLOCK_LETTERS_HINT, DATE_HINT
from .data import split_restricted
from .fonts import FONT_FAMILY, font_path
from .labels import LANGUAGES, translate
from .labels import label as _
from .model import Amount, Field, FieldType, FilledForm, FormStatus, Section

RESTRICTED_TITLE = _("Restricted information")
RESTRICTED_EXPLANATION = _(
    "This page contains the address and contact items covered by a determination of "
    "non-disclosure made in accordance with Article 40. It is kept and sent separately from the "
    "form and its content shall not be disclosed."
)
RESTRICTED_POINTER = _("See the separate restricted information page (Article 40).")
MOVED_ITEM = _("[restricted information page]")
UNOFFICIAL = _("Unofficial translation")

_LABEL_WIDTH = 72.0
_LINE = 4.6
_SIZE = 9.0
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")


@dataclass(frozen=True)
class FormPdf:
    """The rendered form, and the Art 40 restricted-information page when items left it."""

    main: bytes
    restricted: bytes | None = None


def render_pdf(filled: FilledForm, language: str | None = None) -> FormPdf:
    """Render ``filled`` with its labels in ``language`` (default: the form's own language)."""
    language = language or filled.language
    if language not in LANGUAGES:
        raise ValueError(f"no labels in {language!r}; available: {', '.join(LANGUAGES)}")
    main_values, restricted_values = split_restricted(filled)
    main = _Writer(filled, language)
    main.form(main_values, moved=restricted_values)
    restricted = None
    if restricted_values:
        page = _Writer(filled, language)
        page.restricted_page(restricted_values)
        restricted = page.output()
    return FormPdf(main=main.output(), restricted=restricted)


def format_date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _roman(index: int) -> str:
    return _ROMAN[index - 1] if index <= len(_ROMAN) else str(index)


class _Pdf(FPDF):
    footer_text = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT_FAMILY, size=7)
        self.set_text_color(110)
        self.cell(0, 4, f"{self.footer_text}    {self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0)


class _Writer:
    def __init__(self, filled: FilledForm, language: str) -> None:
        self.filled = filled
        self.definition = filled.definition
        self.language = language
        pdf = _Pdf(format="A4")
        pdf.set_margins(15, 15, 15)
        pdf.set_auto_page_break(True, margin=16)
        pdf.add_font(FONT_FAMILY, "", str(font_path()))
        pdf.set_title(self.t(self.definition.title))
        pdf.set_lang(language)
        pdf.set_creator("iSupport platform, convention.forms")
        notes = [f"{self.definition.code} {self.definition.version}"]
        if self._labels_unofficial():
            notes.append(self.t(UNOFFICIAL))
        pdf.footer_text = " \u00b7 ".join(notes)
        pdf.add_page()
        pdf.set_font(FONT_FAMILY, size=_SIZE)
        self.pdf = pdf
        self._widths: dict[tuple[str, float], float] = {}

    def _labels_unofficial(self) -> bool:
        # English is the Convention's authentic text; French is authentic for the annexes.
        if self.language == "en":
            return False
        return not (self.language == "fr" and self.definition.status is FormStatus.MANDATORY)

    def t(self, text: Any) -> str:
        return translate(text, self.language)

    def output(self) -> bytes:
        return bytes(self.pdf.output())

    # --- building blocks ------------------------------------------------------------------------
    # Text is wrapped here, word by word with cached word widths, and printed line by line with
    # cell(): fpdf2's own multi_cell() re-measures a line at every character, which made a form
    # take ten times longer to render.

    def wrap(self, text: str, width: float) -> list[str]:
        """``text`` broken into lines no wider than ``width`` mm at the current font size."""
        size = self.pdf.font_size_pt
        space = self._width(" ", size)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line, line_width = "", 0.0
            for word in paragraph.split():
                word_width = self._width(word, size)
                while word_width > width:  # a word longer than the line: break it
                    head, word = self._split_word(word, width, size)
                    if line:
                        lines.append(line)
                    lines.append(head)
                    line, line_width = "", 0.0
                    word_width = self._width(word, size)
                if line and line_width + space + word_width > width:
                    lines.append(line)
                    line, line_width = "", 0.0
                line_width += (space if line else 0.0) + word_width
                line = f"{line} {word}" if line else word
            lines.append(line)
        return lines

    def _width(self, word: str, size: float) -> float:
        key = (word, size)
        if key not in self._widths:
            self._widths[key] = self.pdf.get_string_width(word)
        return self._widths[key]

    def _split_word(self, word: str, width: float, size: float) -> tuple[str, str]:
        cut = len(word) - 1
        while cut > 1 and self._width(word[:cut], size) > width:
            cut -= 1
        return word[:cut], word[cut:]

    def lines(self, lines: list[str], x: float, width: float, height: float = _LINE, **kw) -> None:
        pdf = self.pdf
        for line in lines:
            self._room(height)
            pdf.set_x(x)
            pdf.cell(width, height, line, new_x=XPos.LEFT, new_y=YPos.NEXT, **kw)

    def title(self, text: str) -> None:
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, size=14)
        with pdf.local_context(text_mode="FILL_STROKE", line_width=0.25):
            self.lines(self.wrap(text, self._full_width()), pdf.l_margin, self._full_width(), 7)
        pdf.set_font(FONT_FAMILY, size=_SIZE)
        pdf.ln(2)

    def heading(self, text: str) -> None:
        pdf = self.pdf
        self._room(14)
        pdf.ln(1.5)
        pdf.set_fill_color(228, 232, 238)
        pdf.set_font(FONT_FAMILY, size=10)
        width = self._full_width()
        with pdf.local_context(text_mode="FILL_STROKE", line_width=0.15):
            self.lines(self.wrap(text, width - 2), pdf.l_margin, width, 6, fill=True)
        pdf.set_font(FONT_FAMILY, size=_SIZE)
        pdf.ln(1)

    def rule(self) -> None:
        pdf = self.pdf
        self._room(12)
        pdf.ln(3)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(2)

    def paragraph(self, text: str, indent: float = 0.0, size: float = _SIZE) -> None:
        pdf = self.pdf
        pdf.set_font(FONT_FAMILY, size=size)
        width = self._full_width() - indent
        self.lines(self.wrap(text, width), pdf.l_margin + indent, width)
        pdf.set_font(FONT_FAMILY, size=_SIZE)
        pdf.ln(0.8)

    def row(self, label: str, value: str, indent: float = 0.0) -> None:
        """A label in the left column, the value beside it; both wrap."""
        pdf = self.pdf
        label_width = _LABEL_WIDTH - indent - 2
        value_width = self._full_width() - _LABEL_WIDTH
        label_lines = self.wrap(label, label_width)
        value_lines = self.wrap(value, value_width) if value else []
        rows = max(len(label_lines), len(value_lines))
        if _LINE * rows + 1.2 <= pdf.page_break_trigger - pdf.t_margin:
            self._room(_LINE * rows + 1.2)
        top = pdf.get_y()
        for index in range(rows):
            self._room(_LINE)
            y = pdf.get_y()
            if index < len(label_lines):
                pdf.set_text_color(70)
                pdf.set_xy(pdf.l_margin + indent, y)
                pdf.cell(label_width, _LINE, label_lines[index])
                pdf.set_text_color(0)
            if index < len(value_lines):
                pdf.set_xy(pdf.l_margin + _LABEL_WIDTH, y)
                pdf.cell(value_width, _LINE, value_lines[index])
            pdf.set_xy(pdf.l_margin, y + _LINE)
        bottom = max(pdf.get_y(), top + _LINE)
        pdf.set_draw_color(190)
        pdf.line(pdf.l_margin + _LABEL_WIDTH, bottom + 0.3, pdf.w - pdf.r_margin, bottom + 0.3)
        pdf.set_draw_color(0)
        pdf.set_xy(pdf.l_margin, bottom + 1.2)

    def checkbox(self, checked: bool, label: str, indent: float = 0.0) -> None:
        pdf = self.pdf
        text_width = self._full_width() - indent - 6
        lines = self.wrap(label, text_width)
        self._room(_LINE * min(len(lines), 6) + 1)
        x, y = pdf.l_margin + indent, pdf.get_y()
        pdf.rect(x, y + 0.8, 3.2, 3.2)
        if checked:
            pdf.line(x + 0.5, y + 1.3, x + 2.7, y + 3.5)
            pdf.line(x + 2.7, y + 1.3, x + 0.5, y + 3.5)
        self.lines(lines, x + 5, text_width)
        pdf.set_x(pdf.l_margin)
        pdf.ln(0.6)

    def _full_width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def _room(self, height: float) -> None:
        pdf = self.pdf
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()

    # --- the form ---------------------------------------------------------------------------------

    def form(self, values: Mapping[str, Mapping[str, Any]], *, moved: Mapping[str, Any]) -> None:
        self.title(self.t(self.definition.title))
        if moved:
            self.paragraph(self.t(RESTRICTED_POINTER))
        for section in self.definition.sections:
            self.section(section, values.get(section.key, {}), moved.get(section.key, {}))

    def section(
        self, section: Section, values: Mapping[str, Any], moved: Mapping[str, Any]
    ) -> None:
        if section.title is None and not section.number:
            self.rule()
        else:
            parts = [section.number, self.t(section.title) if section.title else ""]
            self.heading(" ".join(part for part in parts if part))
        texts = section.text if isinstance(section.text, tuple) else (section.text,)
        for text in texts:
            if text is not None:
                self.paragraph(self._fill_blanks(self.t(text), section, values))
        for item in section.fields:
            if item.under is None and item.key not in section.inline_fields:
                self.field(section, item, values, moved)
        if section.closing_text is not None:
            self.paragraph(self.t(section.closing_text), size=8)

    def _fill_blanks(self, text: str, section: Section, values: Mapping[str, Any]) -> str:
        for key in section.inline_fields:
            item = section.field(key)
            value = self.value_text(item, values[key]) if key in values else None
            if value:
                text = text.replace("......", value, 1)
        return text

    def field(
        self,
        section: Section,
        item: Field,
        values: Mapping[str, Any],
        moved: Mapping[str, Any],
        indent: float = 0.0,
    ) -> None:
        if item.intro is not None:
            self.paragraph(self.t(item.intro), indent=indent)
        label = self.label_text(item)
        value = values.get(item.key)
        kind = item.type
        if kind is FieldType.BOOLEAN:
            self.checkbox(bool(value), label, indent)
        elif kind in (FieldType.CHOICE, FieldType.MULTI_CHOICE):
            if item.show_label:
                self.paragraph(label, indent=indent)
            chosen = {value} if kind is FieldType.CHOICE else set(value or ())
            for choice in item.choices:
                self.checkbox(choice.value in chosen, self.t(choice.label), indent + 3)
                for sub in section.fields:
                    if sub.under == (item.key, choice.value):
                        self.field(section, sub, values, moved, indent + 9)
        elif kind is FieldType.TEXT_LIST:
            if item.show_label:
                self.paragraph(label, indent=indent)
            for line in value or ():
                self.paragraph(f"\u2013 {line}", indent=indent + 5)
        elif kind is FieldType.GROUP:
            moved_items = moved.get(item.key, {})
            for index, entry in enumerate(value or [], start=1):
                self.paragraph(f"{label} {_roman(index)}.", indent=indent)
                for sub in item.fields:
                    if sub.key in moved_items.get(index, {}):
                        self.row(self.label_text(sub), self.t(MOVED_ITEM), indent + 5)
                    else:
                        self.row(self.label_text(sub), self._value_or_blank(sub, entry), indent + 5)
        elif item.key in moved:
            self.row(label, self.t(MOVED_ITEM), indent)
        else:
            self.row(label, self._value_or_blank(item, values), indent)

    def _value_or_blank(self, item: Field, values: Mapping[str, Any]) -> str:
        return self.value_text(item, values[item.key]) if item.key in values else ""

    def label_text(self, item: Field) -> str:
        text = self.t(item.label)
        if item.number:
            text = f"{item.number} {text}"
        if item.hint is not None:
            text = f"{text} {self.t(item.hint)}"
        if item.type is FieldType.DATE:
            text = f"{text} {self.t(DATE_HINT)}"
        return text

    def value_text(self, item: Field, value: Any) -> str:
        formatters: dict[FieldType, Callable[[Any], str]] = {
            FieldType.DATE: format_date,
            FieldType.AMOUNT: self._amount,
            FieldType.CHOICE: lambda v: self.t(_choice_label(item, v)),
            FieldType.MULTI_CHOICE: lambda v: "; ".join(self.t(_choice_label(item, c)) for c in v),
            FieldType.TEXT_LIST: "; ".join,
        }
        text = formatters.get(item.type, str)(value)
        if item.hint is BLOCK_LETTERS_HINT:
            text = text.upper()
        return text

    def _amount(self, value: Amount) -> str:
        return f"{format_decimal(value.amount, format='#,##0.00#', locale=self.language)} " + (
            value.currency
        )

    # --- the restricted-information page ----------------------------------------------------------

    def restricted_page(self, moved: Mapping[str, Mapping[str, Any]]) -> None:
        self.title(f"{self.t(RESTRICTED_TITLE)} \u2014 {self.t(self.definition.title)}")
        self.paragraph(self.t(RESTRICTED_EXPLANATION))
        reference = self._reference()
        if reference:
            self.row(self.t(_("Reference number")), reference)
        for section in self.definition.sections:
            section_moved = moved.get(section.key)
            if not section_moved:
                continue
            parts = [section.number, self.t(section.title) if section.title else ""]
            self.heading(" ".join(part for part in parts if part))
            for item in section.fields:
                if item.key not in section_moved:
                    continue
                if item.type is FieldType.GROUP:
                    entries = self.filled.values[section.key][item.key]
                    for index, entry_moved in section_moved[item.key].items():
                        entry = entries[index - 1]
                        who = entry.get("family_name", "")
                        self.paragraph(f"{self.label_text(item)} {_roman(index)}. {who}".strip())
                        for sub in item.fields:
                            if sub.key in entry_moved:
                                self.row(
                                    self.label_text(sub),
                                    self.value_text(sub, entry_moved[sub.key]),
                                    5,
                                )
                else:
                    self.row(self.label_text(item), self.value_text(item, section_moved[item.key]))

    def _reference(self) -> str:
        for path in ("reference.reference", "reference.requesting_reference"):
            value = self.filled.get(path)
            if value:
                return str(value)
        return ""


def _choice_label(item: Field, value: str) -> Any:
    for choice in item.choices:
        if choice.value == value:
            return choice.label
    return value
