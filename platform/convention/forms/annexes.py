"""The two mandatory forms annexed to the Convention, item by item as annexed.

Annex 1 — Transmittal form under Article 12(2); Annex 2 — Acknowledgement form under Article
12(3). Every section, lettered item and tick box of the annexed text is a field here, in the
annex's order and with its lettering; nothing is added except the name of an authority or a
contact person, which the paper form writes on the heading line of its block.
"""

from __future__ import annotations

import datetime

from . import blocks
from .blocks import DATE_HINT
from .labels import label as _
from .model import Choice, Field, FieldType, FormDefinition, FormStatus, Section

# The Convention entered into force on 1 January 2013 (Art 60); the annexes are those adopted on
# 23 November 2007, not amended since under Art 55.
CONVENTION_IN_FORCE = datetime.date(2013, 1, 1)
ANNEX_VERSION = "2007"

_PERSON_SAME_AS_APPLICANT = _("The person is the same as the applicant named in point 4")


def _person_slot(number: str = "") -> Field:
    return Field(
        "persons",
        _("Person"),
        FieldType.GROUP,
        number=number,
        fields=(
            blocks.family_name(required=True),
            blocks.given_names(),
            blocks.date_of_birth(),
        ),
    )


TRANSMITTAL = FormDefinition(
    code="transmittal",
    version=ANNEX_VERSION,
    title=_("Transmittal form under Article 12(2)"),
    legal_basis="Art 12(2), Annex 1",
    status=FormStatus.MANDATORY,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=True,
    source="Convention of 23 November 2007, Annex 1 (English text)",
    sections=(
        blocks.notice(per_person=False),
        blocks.central_authority("requesting_authority", _("Requesting Central Authority"), "1."),
        blocks.contact_person("contact_person", _("Contact person in requesting State"), "2."),
        blocks.requested_authority_addressee("3."),
        Section(
            "applicant",
            _("Particulars of the applicant"),
            (
                blocks.family_name(number="a."),
                blocks.given_names(number="b."),
                blocks.date_of_birth(number="c."),
                Field(
                    "public_body_name",
                    _("Name of the public body"),
                    number="a.",
                    intro=_("or"),
                ),
            ),
            number="4.",
        ),
        Section(
            "persons",
            _("Particulars of the person(s) for whom maintenance is sought or payable"),
            (
                Field(
                    "same_as_applicant",
                    _PERSON_SAME_AS_APPLICANT,
                    FieldType.BOOLEAN,
                    number="a.",
                ),
                _person_slot("b."),
            ),
            number="5.",
        ),
        Section(
            "debtor",
            _("Particulars of the debtor"),
            (
                Field(
                    "same_as_applicant",
                    _PERSON_SAME_AS_APPLICANT,
                    FieldType.BOOLEAN,
                    number="a.",
                ),
                blocks.family_name(number="b."),
                blocks.given_names(number="c."),
                blocks.date_of_birth(number="d."),
            ),
            number="6.",
            closing_text=_(
                "According to Art. 3 of the Convention \u201c\u2018debtor\u2019 means an "
                "individual who owes or who is alleged to owe maintenance\u201d."
            ),
        ),
        Section(
            "application",
            None,
            (
                Field(
                    "application_type",
                    _("Application"),
                    FieldType.CHOICE,
                    required=True,
                    choices=blocks.APPLICATION_TYPE_CHOICES,
                    show_label=False,
                ),
            ),
            number="7.",
            text=_("This transmittal form concerns and is accompanied by an application under:"),
        ),
        Section(
            "documents",
            None,
            (
                Field(
                    "article_25",
                    _("In accordance with Article 25:"),
                    FieldType.MULTI_CHOICE,
                    number="a.",
                    choices=blocks.ARTICLE_25_DOCUMENTS,
                    intro=_("For the purpose of an application under Article 10(1) a) and:"),
                ),
                Field(
                    "article_30_3",
                    _("In accordance with Article 30(3):"),
                    FieldType.MULTI_CHOICE,
                    choices=blocks.ARTICLE_30_DOCUMENTS,
                ),
                Field(
                    "other_documents",
                    _(
                        "Any other documents accompanying the application (e.g., if required, a "
                        "document for the purpose of Art. 36(4)):"
                    ),
                    FieldType.BOOLEAN,
                ),
                Field(
                    "other_documents_list",
                    _("Other documents"),
                    FieldType.TEXT_LIST,
                    show_label=False,
                ),
                *(
                    Field(
                        f"supporting_documents_{choice.value.removeprefix('art_')}",
                        choice.label,
                        FieldType.INTEGER,
                        number="b." if index == 0 else "",
                        intro=(
                            _(
                                "For the purpose of an application under Article 10(1) b), c), "
                                "d), e), f) and (2) a), b) or c), the following number of "
                                "supporting documents (excluding the transmittal form and the "
                                "application itself) in accordance with Article 11(3):"
                            )
                            if index == 0
                            else None
                        ),
                    )
                    for index, choice in enumerate(blocks.APPLICATION_TYPE_CHOICES[1:])
                ),
            ),
            number="8.",
            text=_("The following documents are appended to the application:"),
        ),
        blocks.authority_signature(),
    ),
)


ACKNOWLEDGEMENT = FormDefinition(
    code="acknowledgement",
    version=ANNEX_VERSION,
    title=_("Acknowledgement form under Article 12(3)"),
    legal_basis="Art 12(3), Annex 2",
    status=FormStatus.MANDATORY,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=True,
    source="Convention of 23 November 2007, Annex 2 (English text)",
    sections=(
        blocks.notice(per_person=False),
        blocks.central_authority("requested_authority", _("Requested Central Authority"), "1."),
        blocks.contact_person("contact_person", _("Contact person in requested State"), "2."),
        Section(
            "requesting_authority",
            _("Requesting Central Authority"),
            (
                Field("name", _("Name"), required=True),
                Field("contact_person", _("Contact person")),
                Field("address", _("Address"), FieldType.LONG_TEXT),
            ),
            number="3.",
        ),
        Section(
            "receipt",
            None,
            (
                Field(
                    "received_on",
                    _("Date of receipt of the transmittal form"),
                    FieldType.DATE,
                    required=True,
                ),
                Field(
                    "transmittal_reference",
                    _("Reference number of the requesting Central Authority"),
                    required=True,
                ),
                Field("transmittal_dated", _("Transmittal form dated"), FieldType.DATE),
                Field(
                    "application_type",
                    _("Application"),
                    FieldType.CHOICE,
                    required=True,
                    choices=blocks.APPLICATION_TYPE_CHOICES,
                    show_label=False,
                ),
                # Family names only (Annex 2): no given name, date of birth or address here.
                Field("applicant_family_names", _("Family name(s) of applicant")),
                Field(
                    "persons_family_names",
                    _("Family name(s) of the person(s) for whom maintenance is sought or payable"),
                    FieldType.TEXT_LIST,
                ),
                Field("debtor_family_names", _("Family name(s) of debtor")),
            ),
            number="4.",
            text=_(
                "The requested Central Authority acknowledges receipt on ...... (dd/mm/yyyy) of "
                "the transmittal form from the requesting Central Authority (reference number "
                "......; dated ...... (dd/mm/yyyy)) concerning the following application under:"
            ),
            inline_fields=("received_on", "transmittal_reference", "transmittal_dated"),
        ),
        Section(
            "initial_steps",
            None,
            (
                Field(
                    "step",
                    _("Initial steps taken by the requested Central Authority:"),
                    FieldType.CHOICE,
                    required=True,
                    choices=(
                        Choice(
                            "file_complete",
                            _("The file is complete and is under consideration"),
                        ),
                        Choice(
                            "information_requested",
                            _(
                                "Please provide the following additional information and / or "
                                "documentation:"
                            ),
                        ),
                        Choice(
                            "refused_art_12_8",
                            _(
                                "The requested Central Authority refuses to process this "
                                "application as it is manifest that the requirements of the "
                                "Convention are not fulfilled (Art. 12(8)). The reasons:"
                            ),
                        ),
                    ),
                ),
                Field(
                    "status_report",
                    _("Status of application report"),
                    FieldType.CHOICE,
                    choices=(
                        Choice("attached", _("See attached status of application report")),
                        Choice("to_follow", _("Status of application report will follow")),
                    ),
                    show_label=False,
                    under=("step", "file_complete"),
                ),
                Field(
                    "information_requested",
                    _("Additional information and / or documentation"),
                    FieldType.TEXT_LIST,
                    show_label=False,
                    under=("step", "information_requested"),
                ),
                Field(
                    "refusal_reasons",
                    _("The reasons"),
                    FieldType.CHOICE,
                    choices=(
                        Choice("attached", _("are set out in an attached document")),
                        Choice("to_follow", _("will be set out in a document to follow")),
                    ),
                    show_label=False,
                    under=("step", "refused_art_12_8"),
                ),
            ),
            number="5.",
            closing_text=_(
                "The requested Central Authority requests that the requesting Central Authority "
                "inform it of any change in the status of the application."
            ),
        ),
        blocks.authority_signature(),
    ),
)

__all__ = ["ACKNOWLEDGEMENT", "DATE_HINT", "TRANSMITTAL"]
