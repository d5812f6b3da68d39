"""Building blocks shared by the forms: the notice, authority and contact blocks, persons.

Every Convention form opens with the confidentiality notice and its Art 40 tick box, then names
the authorities; the wording below is that of Annexes 1 and 2, reused by the recommended forms.
"""

from __future__ import annotations

from convention.vocabulary import ApplicationType, DocumentKind, EnforcementMeasure

from .labels import label as _
from .model import Choice, Field, FieldType, Section

NOTICE_PARAGRAPHS = (
    _(
        "Personal data gathered or transmitted under the Convention shall be used only for the "
        "purposes for which it was gathered or transmitted. Any authority processing such data "
        "shall ensure its confidentiality, in accordance with the law of its State."
    ),
    _(
        "An authority shall not disclose or confirm information gathered or transmitted in "
        "application of this Convention if it determines that to do so could jeopardise the "
        "health, safety or liberty of a person in accordance with Article 40."
    ),
)

NON_DISCLOSURE_LABEL = _(
    "A determination of non-disclosure has been made by a Central Authority in accordance with "
    "Article 40."
)

DATE_HINT = _("(dd/mm/yyyy)")
BLOCK_LETTERS_HINT = _("(in block letters)")


def notice(*, per_person: bool) -> Section:
    """The confidentiality and personal data protection notice with the Art 40 tick box.

    ``per_person`` adds the project's list of the persons a determination covers (not on the
    paper forms, which know one box for the whole form): with the box ticked and the list empty,
    every address and contact item of the form leaves it.
    """
    fields = [Field("non_disclosure", NON_DISCLOSURE_LABEL, FieldType.BOOLEAN)]
    if per_person:
        fields.append(
            Field(
                "non_disclosure_for",
                _("Persons covered by the determination"),
                FieldType.TEXT_LIST,
                max_length=40,
            )
        )
    return Section(
        "notice",
        _("Confidentiality and personal data protection notice"),
        tuple(fields),
        text=NOTICE_PARAGRAPHS,
    )


def central_authority(key: str, title: object, number: str, *, required: bool = True) -> Section:
    """An authority block: its name (on the heading line), a. address to e. reference number."""
    return Section(
        key,
        title,
        (
            Field("name", _("Name"), required=required),
            Field("address", _("Address"), FieldType.LONG_TEXT, number="a.", required=required),
            Field("telephone", _("Telephone number"), number="b."),
            Field("fax", _("Fax number"), number="c."),
            Field("email", _("E-mail"), number="d."),
            Field("reference", _("Reference number"), number="e.", required=required),
        ),
        number=number,
    )


def requested_authority_addressee(number: str) -> Section:
    """The requested Central Authority as the addressee of a form: name and address only."""
    return Section(
        "requested_authority",
        _("Requested Central Authority"),
        (
            Field("name", _("Name"), required=True),
            Field("address", _("Address"), FieldType.LONG_TEXT),
        ),
        number=number,
    )


def contact_person(key: str, title: object, number: str) -> Section:
    """The contact person block: name, then a. to d. only if different, e. language(s)."""
    return Section(
        key,
        title,
        (
            Field("name", _("Name")),
            Field("address", _("Address (if different)"), FieldType.LONG_TEXT, number="a."),
            Field("telephone", _("Telephone number (if different)"), number="b."),
            Field("fax", _("Fax number (if different)"), number="c."),
            Field("email", _("E-mail (if different)"), number="d."),
            Field("languages", _("Language(s)"), number="e."),
        ),
        number=number,
    )


def authority_signature() -> Section:
    """The closing block of the annexed forms: name in block letters, capacity, date."""
    return Section(
        "signature",
        None,
        (
            Field("name", _("Name"), required=True, hint=BLOCK_LETTERS_HINT),
            Field(
                "date",
                _("Date"),
                FieldType.DATE,
                required=True,
                intro=_("Authorised representative of the Central Authority"),
            ),
        ),
    )


def applicant_signature() -> Section:
    return Section(
        "signature",
        _("Signature"),
        (
            Field(
                "name",
                _("Name of the applicant or of the applicant's representative"),
                required=True,
                hint=BLOCK_LETTERS_HINT,
            ),
            Field("place", _("Place")),
            Field("date", _("Date"), FieldType.DATE, required=True),
        ),
    )


def official_signature() -> Section:
    """Signature of the competent authority issuing an abstract or a statement."""
    return Section(
        "signature",
        _("Signature"),
        (
            Field("name", _("Name"), required=True, hint=BLOCK_LETTERS_HINT),
            Field("capacity", _("Capacity"), required=True),
            Field("place", _("Place")),
            Field("date", _("Date"), FieldType.DATE, required=True),
        ),
    )


def family_name(*, required: bool = False, number: str = "") -> Field:
    return Field("family_name", _("Family name(s)"), number=number, required=required)


def given_names(*, number: str = "") -> Field:
    return Field("given_names", _("Given name(s)"), number=number)


def date_of_birth(*, number: str = "") -> Field:
    return Field("date_of_birth", _("Date of birth"), FieldType.DATE, number=number)


def contact_items(subject: str | None, *, first: str = "d") -> tuple[Field, ...]:
    """Address, telephone, fax and e-mail: the Art 40 restricted items of a person."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    start = letters.index(first)
    names = [
        ("address", _("Address"), FieldType.LONG_TEXT),
        ("telephone", _("Telephone number"), FieldType.TEXT),
        ("fax", _("Fax number"), FieldType.TEXT),
        ("email", _("E-mail"), FieldType.TEXT),
    ]
    return tuple(
        Field(
            key,
            text,
            kind,
            number=f"{letters[start + offset]}.",
            restricted=True,
            subject=subject,
        )
        for offset, (key, text, kind) in enumerate(names)
    )


# The codes are those of convention.vocabulary; the labels are the forms' wording (Annex 1, 7.).
APPLICATION_TYPE_CHOICES = (
    Choice(ApplicationType.CREDITOR_RECOGNITION, _("Article 10(1) a)")),
    Choice(ApplicationType.CREDITOR_ENFORCEMENT, _("Article 10(1) b)")),
    Choice(ApplicationType.CREDITOR_ESTABLISHMENT, _("Article 10(1) c)")),
    Choice(ApplicationType.CREDITOR_ESTABLISHMENT_AFTER_REFUSAL, _("Article 10(1) d)")),
    Choice(ApplicationType.CREDITOR_MODIFICATION_IN_REQUESTED_STATE, _("Article 10(1) e)")),
    Choice(ApplicationType.CREDITOR_MODIFICATION_ELSEWHERE, _("Article 10(1) f)")),
    Choice(ApplicationType.DEBTOR_RECOGNITION, _("Article 10(2) a)")),
    Choice(ApplicationType.DEBTOR_MODIFICATION_IN_REQUESTED_STATE, _("Article 10(2) b)")),
    Choice(ApplicationType.DEBTOR_MODIFICATION_ELSEWHERE, _("Article 10(2) c)")),
)


def application_types(*types: ApplicationType) -> tuple[Choice, ...]:
    return tuple(choice for choice in APPLICATION_TYPE_CHOICES if choice.value in types)


ARTICLE_25_DOCUMENTS = (
    Choice(DocumentKind.DECISION_TEXT, _("Complete text of the decision (Art. 25(1) a))")),
    Choice(
        DocumentKind.DECISION_ABSTRACT,
        _(
            "Abstract or extract of the decision drawn up by the competent authority of the "
            "State of origin (Art. 25(3) b)) (if applicable)"
        ),
    ),
    Choice(
        DocumentKind.STATEMENT_OF_ENFORCEABILITY,
        _(
            "Document stating that the decision is enforceable in the State of origin and, in the "
            "case of a decision by an administrative authority, a document stating that the "
            "requirements of Article 19(3) are met unless that State has specified in accordance "
            "with Article 57 that decisions of its administrative authorities always meet those "
            "requirements (Art. 25(1) b)) or if Article 25(3) c) is applicable"
        ),
    ),
    Choice(
        DocumentKind.STATEMENT_OF_PROPER_NOTICE,
        _(
            "If the respondent did not appear and was not represented in the proceedings in the "
            "State of origin, a document or documents attesting, as appropriate, either that the "
            "respondent had proper notice of the proceedings and an opportunity to be heard, or "
            "that the respondent had proper notice of the decision and the opportunity to "
            "challenge or appeal it on fact and law (Art. 25(1) c))"
        ),
    ),
    Choice(
        DocumentKind.ARREARS_STATEMENT,
        _(
            "Where necessary, a document showing the amount of any arrears and the date such "
            "amount was calculated (Art. 25(1) d))"
        ),
    ),
    Choice(
        DocumentKind.INDEXATION_INFORMATION,
        _(
            "Where necessary, a document providing the information necessary to make appropriate "
            "calculations in case of a decision providing for automatic adjustment by indexation "
            "(Art. 25(1) e))"
        ),
    ),
    Choice(
        DocumentKind.LEGAL_ASSISTANCE_IN_ORIGIN,
        _(
            "Where necessary, documentation showing the extent to which the applicant received "
            "free legal assistance in the State of origin (Art. 25(1) f))"
        ),
    ),
)

ARTICLE_30_DOCUMENTS = (
    Choice(
        DocumentKind.ARRANGEMENT_TEXT,
        _("Complete text of the maintenance arrangement (Art. 30(3) a))"),
    ),
    Choice(
        DocumentKind.ARRANGEMENT_ENFORCEABILITY,
        _(
            "A document stating that the particular maintenance arrangement is enforceable as a "
            "decision in the State of origin (Art. 30(3) b))"
        ),
    ),
)

FREQUENCY_CHOICES = (
    Choice("weekly", _("Weekly")),
    Choice("monthly", _("Monthly")),
    Choice("quarterly", _("Quarterly")),
    Choice("annually", _("Annually")),
    Choice("lump_sum", _("Lump sum")),
)

# Art 34(2): the enforcement measures the Convention lists (codes of EnforcementMeasure).
ENFORCEMENT_MEASURE_CHOICES = (
    Choice(EnforcementMeasure.WAGE_WITHHOLDING, _("Wage withholding")),
    Choice(EnforcementMeasure.GARNISHMENT, _("Garnishment from bank accounts and other sources")),
    Choice(
        EnforcementMeasure.SOCIAL_SECURITY_DEDUCTION, _("Deductions from social security payments")
    ),
    Choice(EnforcementMeasure.PROPERTY_LIEN_OR_SALE, _("Lien on or forced sale of property")),
    Choice(EnforcementMeasure.TAX_REFUND_WITHHOLDING, _("Tax refund withholding")),
    Choice(
        EnforcementMeasure.PENSION_ATTACHMENT, _("Withholding or attachment of pension benefits")
    ),
    Choice(EnforcementMeasure.CREDIT_BUREAU_REPORTING, _("Credit bureau reporting")),
    Choice(
        EnforcementMeasure.LICENCE_SANCTION,
        _("Denial, suspension or revocation of various licenses"),
    ),
    Choice(EnforcementMeasure.MEDIATION, _("Mediation, conciliation or similar processes")),
)


def persons_for_whom_maintenance_is_sought(number: str, *, with_address: bool) -> Section:
    """The persons for whom maintenance is sought or payable (repeatable, Art 11(1)(d))."""
    sub = [
        family_name(required=True),
        given_names(),
        date_of_birth(),
    ]
    if with_address:
        sub.append(
            Field("address", _("Address"), FieldType.LONG_TEXT, restricted=True),
        )
    return Section(
        "persons",
        _("Particulars of the person(s) for whom maintenance is sought or payable"),
        (
            Field(
                "same_as_applicant",
                _("The person is the same as the applicant named in point 2"),
                FieldType.BOOLEAN,
                number="a.",
            ),
            Field("persons", _("Person"), FieldType.GROUP, number="b.", fields=tuple(sub)),
        ),
        number=number,
    )


def respondent(number: str, title: object) -> Section:
    return Section(
        "respondent",
        title,
        (
            family_name(required=True, number="a."),
            given_names(number="b."),
            date_of_birth(number="c."),
            Field(
                "address",
                _("Address (if known)"),
                FieldType.LONG_TEXT,
                number="d.",
                restricted=True,
                subject="respondent",
            ),
            Field("identity_number", _("Identity number (if known)"), number="e."),
            Field("nationality", _("Nationality (if known)"), number="f."),
        ),
        number=number,
    )


def payment_details(number: str) -> Section:
    """Art 11(1)(f): where payments should be sent or electronically transmitted.

    The recommended forms put this block on the restricted page with the applicant's address
    when a non-disclosure determination is made, so every item here is restricted.
    """
    items = (
        ("account_holder", _("Name of the account holder")),
        ("bank_name", _("Name of the bank")),
        ("bank_address", _("Address of the bank")),
        ("account_number", _("Account number or IBAN")),
        ("bic", _("BIC / SWIFT code")),
        ("payment_reference", _("Payment reference")),
    )
    return Section(
        "payment",
        _("Where payments should be sent or electronically transmitted"),
        tuple(
            Field(
                key,
                text,
                FieldType.LONG_TEXT if key == "bank_address" else FieldType.TEXT,
                number=f"{'abcdef'[index]}.",
                restricted=True,
                subject="applicant",
            )
            for index, (key, text) in enumerate(items)
        ),
        number=number,
    )
