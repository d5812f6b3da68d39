"""The recommended forms (Art 11(4), 25(3)(b)), as far as the project's sources know them.

Their use is optional. Only the opening sections of some were checked against published forms
(DOMAIN.md §11.5 to §11.9); the rest is reconstructed from the articles each form serves, so
every definition here has ``layout_confirmed=False`` and version "1" of the project's own
numbering, to be replaced by a version matching the HCCH form once the published PDFs are
compared item by item (docs/convention.md lists what is unconfirmed).
"""

from __future__ import annotations

from convention.vocabulary import (
    ApplicationFamily,
    ApplicationType,
    Article18Exception,
    PartyRole,
    SpecificMeasure,
)

from . import blocks
from .annexes import CONVENTION_IN_FORCE
from .labels import label as _
from .model import Choice, Field, FieldType, FormDefinition, FormStatus, Section

VERSION = "1"

ROLE_CREDITOR = Choice(
    PartyRole.CREDITOR, _("the person for whom maintenance is sought or payable")
)
ROLE_CREDITOR_REPRESENTATIVE = Choice(
    "creditor_representative",
    _("a representative of the person for whom maintenance is sought or payable"),
)
ROLE_DEBTOR = Choice(PartyRole.DEBTOR, _("the debtor"))
ROLE_DEBTOR_REPRESENTATIVE = Choice("debtor_representative", _("a representative of the debtor"))
ROLE_PUBLIC_BODY = Choice(PartyRole.PUBLIC_BODY, _("a public body"))

PERSON_SUBJECTS = ("applicant", "respondent", "persons")


def _applicant(number: str, roles: tuple[Choice, ...]) -> Section:
    """The applicant: a person (a. to c.) or a public body; d. to g. are the Art 40 items."""
    return Section(
        "applicant",
        _("Particulars of the applicant"),
        (
            Field(
                "applicant_is",
                _("The applicant is:"),
                FieldType.CHOICE,
                required=True,
                choices=roles,
            ),
            blocks.family_name(number="a."),
            blocks.given_names(number="b."),
            blocks.date_of_birth(number="c."),
            Field("public_body_name", _("Name of the public body"), intro=_("or")),
            Field("public_body_contact", _("Contact person of the public body")),
            *blocks.contact_items("applicant", first="d"),
            Field("identity_number", _("Identity number"), number="h."),
            Field("nationality", _("Nationality"), number="i."),
        ),
        number=number,
    )


def _reference() -> Section:
    return Section(
        "reference",
        _("Requesting Central Authority file reference number"),
        (Field("reference", _("Reference number"), required=True),),
        number="1.",
    )


def _decision(number: str, *, with_arrears: bool = True) -> Section:
    fields = [
        Field(
            "decision_kind",
            _("The application concerns"),
            FieldType.CHOICE,
            choices=(
                Choice("decision", _("a decision")),
                Choice("maintenance_arrangement", _("a maintenance arrangement (Art. 30)")),
            ),
        ),
        Field("authority", _("Authority that made the decision"), number="a.", required=True),
        Field("state_of_origin", _("State of origin"), number="b.", required=True),
        Field("decision_date", _("Date of the decision"), FieldType.DATE, number="c."),
        Field("decision_reference", _("Reference number of the decision"), number="d."),
        Field("maintenance_amount", _("Amount of maintenance"), FieldType.AMOUNT, number="e."),
        Field(
            "frequency",
            _("Frequency of payment"),
            FieldType.CHOICE,
            number="f.",
            choices=blocks.FREQUENCY_CHOICES,
        ),
    ]
    if with_arrears:
        fields += [
            Field("arrears", _("Amount of arrears"), FieldType.AMOUNT, number="g."),
            Field(
                "arrears_calculated_on",
                _("Date the arrears were calculated (Art. 25(1) d))"),
                FieldType.DATE,
                number="h.",
            ),
        ]
    return Section("decision", _("The decision"), tuple(fields), number=number)


def _maintenance_sought() -> tuple[Field, Field]:
    return (
        Field("amount_sought", _("Amount of maintenance sought"), FieldType.AMOUNT),
        Field(
            "frequency",
            _("Frequency of payment"),
            FieldType.CHOICE,
            choices=blocks.FREQUENCY_CHOICES,
        ),
    )


def _financial_circumstances_attached() -> Field:
    return Field(
        "financial_circumstances_attached",
        _("A Financial Circumstances Form is attached"),
        FieldType.BOOLEAN,
    )


def _supporting_documents() -> Field:
    return Field(
        "supporting_documents",
        _("Number of supporting documents (Art. 11(3))"),
        FieldType.INTEGER,
    )


_COMMON_NOTE = "first sections after DOMAIN.md §11; later sections reconstructed (unconfirmed)"

APPLICATION_RECOGNITION = FormDefinition(
    code="application_recognition",
    version=VERSION,
    title=_("Application for Recognition or Recognition and Enforcement"),
    legal_basis="Art 10(1)(a), 10(2)(a), 30",
    status=FormStatus.RECOMMENDED,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=False,
    source=f"HCCH recommended form, {_COMMON_NOTE}",
    subjects=PERSON_SUBJECTS,
    sections=(
        blocks.notice(per_person=True),
        _reference(),
        _applicant(
            "2.",
            (
                ROLE_CREDITOR,
                ROLE_CREDITOR_REPRESENTATIVE,
                ROLE_DEBTOR,
                ROLE_DEBTOR_REPRESENTATIVE,
                ROLE_PUBLIC_BODY,
            ),
        ),
        blocks.respondent("3.", _("Particulars of the respondent")),
        blocks.persons_for_whom_maintenance_is_sought("4.", with_address=True),
        blocks.payment_details("5."),
        _decision("6."),
        Section(
            "request",
            _("The request"),
            (
                Field(
                    "application_type",
                    _("Application under"),
                    FieldType.CHOICE,
                    required=True,
                    choices=blocks.application_types(
                        ApplicationType.CREDITOR_RECOGNITION, ApplicationType.DEBTOR_RECOGNITION
                    ),
                ),
                Field(
                    "requested",
                    _("The applicant requests"),
                    FieldType.CHOICE,
                    required=True,
                    choices=(
                        Choice("recognition", _("recognition of the decision")),
                        Choice(
                            "recognition_and_enforcement",
                            _("recognition and enforcement of the decision"),
                        ),
                        Choice(
                            "partial",
                            _(
                                "recognition or recognition and enforcement of part of the "
                                "decision (Art. 21)"
                            ),
                        ),
                    ),
                ),
                Field("partial_details", _("Parts of the decision concerned"), FieldType.LONG_TEXT),
            ),
            number="7.",
        ),
        Section(
            "documents",
            _("Documents appended to the application"),
            (
                Field(
                    "article_25",
                    _("In accordance with Article 25:"),
                    FieldType.MULTI_CHOICE,
                    choices=blocks.ARTICLE_25_DOCUMENTS,
                ),
                Field(
                    "article_30_3",
                    _("In accordance with Article 30(3):"),
                    FieldType.MULTI_CHOICE,
                    choices=blocks.ARTICLE_30_DOCUMENTS,
                ),
                Field("other_documents_list", _("Other documents"), FieldType.TEXT_LIST),
            ),
            number="8.",
        ),
        blocks.applicant_signature(),
    ),
)


APPLICATION_ENFORCEMENT = FormDefinition(
    code="application_enforcement",
    version=VERSION,
    title=_("Application for Enforcement of a decision made or recognised in the requested State"),
    legal_basis="Art 10(1)(b)",
    status=FormStatus.RECOMMENDED,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=False,
    source=f"HCCH recommended form, {_COMMON_NOTE}",
    subjects=PERSON_SUBJECTS,
    sections=(
        blocks.notice(per_person=True),
        _reference(),
        _applicant("2.", (ROLE_CREDITOR, ROLE_CREDITOR_REPRESENTATIVE, ROLE_PUBLIC_BODY)),
        blocks.respondent("3.", _("Particulars of the respondent")),
        blocks.persons_for_whom_maintenance_is_sought("4.", with_address=True),
        blocks.payment_details("5."),
        _decision("6."),
        Section(
            "request",
            _("The request"),
            (
                Field(
                    "made_or_recognised",
                    _("The decision was"),
                    FieldType.CHOICE,
                    required=True,
                    choices=(
                        Choice("made", _("made in the requested State")),
                        Choice("recognised", _("recognised in the requested State")),
                    ),
                ),
                Field("recognised_on", _("Date of recognition"), FieldType.DATE),
                Field(
                    "measures",
                    _("Enforcement measures requested (Art. 34)"),
                    FieldType.MULTI_CHOICE,
                    choices=blocks.ENFORCEMENT_MEASURE_CHOICES,
                ),
                _supporting_documents(),
            ),
            number="7.",
        ),
        blocks.applicant_signature(),
    ),
)


APPLICATION_ESTABLISHMENT = FormDefinition(
    code="application_establishment",
    version=VERSION,
    title=_("Application for Establishment of a Decision"),
    legal_basis="Art 10(1)(c), 10(1)(d)",
    status=FormStatus.RECOMMENDED,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=False,
    source=f"HCCH recommended form, {_COMMON_NOTE}",
    subjects=PERSON_SUBJECTS,
    sections=(
        blocks.notice(per_person=True),
        _reference(),
        _applicant("2.", (ROLE_CREDITOR, ROLE_CREDITOR_REPRESENTATIVE, ROLE_PUBLIC_BODY)),
        blocks.respondent("3.", _("Particulars of the respondent")),
        blocks.persons_for_whom_maintenance_is_sought("4.", with_address=True),
        Section(
            "basis",
            _("Basis of the claim"),
            (
                Field(
                    "parentage",
                    _("Parentage"),
                    FieldType.CHOICE,
                    choices=(
                        Choice("established", _("established")),
                        Choice("presumed", _("presumed")),
                        Choice("to_be_established", _("to be established")),
                    ),
                ),
                Field(
                    "maintenance_basis",
                    _("Maintenance is sought on the basis of"),
                    FieldType.CHOICE,
                    required=True,
                    choices=(
                        Choice("parentage", _("parentage")),
                        Choice("in_loco_parentis", _("in loco parentis or equivalent")),
                        Choice("marriage", _("marriage")),
                        Choice("analogous_relationship", _("a relationship analogous to marriage")),
                        Choice("affinity", _("affinity")),
                    ),
                ),
                Field(
                    "affinity",
                    _("Affinity"),
                    FieldType.CHOICE,
                    choices=(
                        Choice("grandparent", _("grandparent")),
                        Choice("sibling", _("sibling")),
                        Choice("grandchild", _("grandchild")),
                        Choice("other", _("other")),
                    ),
                    under=("maintenance_basis", "affinity"),
                    show_label=False,
                ),
            ),
            number="5.",
        ),
        Section(
            "request",
            _("The request"),
            (
                Field(
                    "application_type",
                    _("Application under"),
                    FieldType.CHOICE,
                    required=True,
                    choices=blocks.application_types(
                        ApplicationType.CREDITOR_ESTABLISHMENT,
                        ApplicationType.CREDITOR_ESTABLISHMENT_AFTER_REFUSAL,
                    ),
                ),
                Field(
                    "parentage_testing",
                    _("Establishment of parentage, including genetic testing, is requested"),
                    FieldType.BOOLEAN,
                ),
                *_maintenance_sought(),
                Field("sought_from", _("Maintenance sought from"), FieldType.DATE),
                _financial_circumstances_attached(),
                _supporting_documents(),
            ),
            number="6.",
        ),
        blocks.payment_details("7."),
        blocks.applicant_signature(),
    ),
)


APPLICATION_MODIFICATION = FormDefinition(
    code="application_modification",
    version=VERSION,
    title=_("Application for Modification of a Decision"),
    legal_basis="Art 10(1)(e), 10(1)(f), 10(2)(b), 10(2)(c), 18",
    status=FormStatus.RECOMMENDED,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=False,
    source="HCCH recommended form, reconstructed from Art 10, 11 and 18 (unconfirmed)",
    subjects=PERSON_SUBJECTS,
    sections=(
        blocks.notice(per_person=True),
        _reference(),
        _applicant(
            "2.",
            (
                ROLE_CREDITOR,
                ROLE_CREDITOR_REPRESENTATIVE,
                ROLE_DEBTOR,
                ROLE_DEBTOR_REPRESENTATIVE,
                ROLE_PUBLIC_BODY,
            ),
        ),
        blocks.respondent("3.", _("Particulars of the respondent")),
        blocks.persons_for_whom_maintenance_is_sought("4.", with_address=True),
        _decision("5.", with_arrears=False),
        Section(
            "request",
            _("The request"),
            (
                Field(
                    "application_type",
                    _("Application under"),
                    FieldType.CHOICE,
                    required=True,
                    choices=blocks.application_types(
                        ApplicationType.CREDITOR_MODIFICATION_IN_REQUESTED_STATE,
                        ApplicationType.CREDITOR_MODIFICATION_ELSEWHERE,
                        ApplicationType.DEBTOR_MODIFICATION_IN_REQUESTED_STATE,
                        ApplicationType.DEBTOR_MODIFICATION_ELSEWHERE,
                    ),
                ),
                Field(
                    "modification_sought",
                    _("Modification sought"),
                    FieldType.LONG_TEXT,
                    required=True,
                ),
                *_maintenance_sought(),
                Field(
                    "change_of_circumstances",
                    _("Change of circumstances relied on"),
                    FieldType.LONG_TEXT,
                ),
                Field(
                    "creditor_resides_in_state_of_origin",
                    _(
                        "The creditor is habitually resident in the State where the decision "
                        "was made (Art. 18)"
                    ),
                    FieldType.BOOLEAN,
                ),
                Field(
                    "article_18_2_exception",
                    _("Exception relied on (Art. 18(2))"),
                    FieldType.CHOICE,
                    choices=(
                        Choice(
                            Article18Exception.WRITTEN_AGREEMENT,
                            _("agreement in writing on jurisdiction (Art. 18(2) a))"),
                        ),
                        Choice(
                            Article18Exception.CREDITOR_SUBMITS,
                            _("the creditor submits to the jurisdiction (Art. 18(2) b))"),
                        ),
                        Choice(
                            Article18Exception.ORIGIN_DECLINES,
                            _(
                                "the competent authority in the State of origin cannot or "
                                "refuses to exercise jurisdiction (Art. 18(2) c))"
                            ),
                        ),
                        Choice(
                            Article18Exception.NOT_RECOGNISABLE,
                            _(
                                "the decision made in the State of origin cannot be recognised "
                                "or declared enforceable (Art. 18(2) d))"
                            ),
                        ),
                    ),
                ),
                _financial_circumstances_attached(),
                _supporting_documents(),
            ),
            number="6.",
        ),
        blocks.payment_details("7."),
        blocks.applicant_signature(),
    ),
)


SPECIFIC_MEASURES = FormDefinition(
    code="specific_measures",
    version=VERSION,
    title=_("Request for Specific Measures"),
    legal_basis="Art 7, 6(2)(b), (c), (g), (h), (i), (j), 8(3)",
    status=FormStatus.RECOMMENDED,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=False,
    source="HCCH recommended form, reconstructed from Art 6 to 8 (layout unconfirmed)",
    subjects=("person_concerned",),
    sections=(
        blocks.notice(per_person=True),
        blocks.central_authority("requesting_authority", _("Requesting Central Authority"), "1."),
        blocks.contact_person("contact_person", _("Contact person in requesting State"), "2."),
        blocks.requested_authority_addressee("3."),
        Section(
            "measures",
            _("Specific measures requested"),
            (
                Field(
                    "measures",
                    _("Measures requested"),
                    FieldType.MULTI_CHOICE,
                    required=True,
                    show_label=False,
                    choices=(
                        Choice(
                            SpecificMeasure.LOCATE,
                            _("help locate the debtor or the creditor (Art. 6(2) b))"),
                        ),
                        Choice(
                            SpecificMeasure.FINANCIAL_INFORMATION,
                            _(
                                "help obtain relevant information concerning the income and, "
                                "if necessary, other financial circumstances of the debtor or "
                                "creditor, including the location of assets (Art. 6(2) c))"
                            ),
                        ),
                        Choice(
                            SpecificMeasure.EVIDENCE,
                            _(
                                "facilitate the obtaining of documentary or other evidence "
                                "(Art. 6(2) g))"
                            ),
                        ),
                        Choice(
                            SpecificMeasure.PARENTAGE,
                            _(
                                "provide assistance in establishing parentage where necessary "
                                "for the recovery of maintenance (Art. 6(2) h))"
                            ),
                        ),
                        Choice(
                            SpecificMeasure.PROVISIONAL_MEASURES,
                            _(
                                "initiate or facilitate the institution of proceedings to "
                                "obtain any necessary provisional measures (Art. 6(2) i))"
                            ),
                        ),
                        Choice(
                            SpecificMeasure.SERVICE_OF_DOCUMENTS,
                            _("facilitate service of documents (Art. 6(2) j))"),
                        ),
                    ),
                ),
                Field(
                    "reasons",
                    _("Reasons for the request (Art. 7(1))"),
                    FieldType.LONG_TEXT,
                    required=True,
                ),
                Field(
                    "proceedings_pending",
                    _(
                        "The measures concern proceedings with an international element pending "
                        "in the requesting State (Art. 7(2))"
                    ),
                    FieldType.BOOLEAN,
                ),
                Field(
                    "exceptional_costs_consent",
                    _(
                        "The applicant consents in advance to exceptional costs arising from the "
                        "request (Art. 8(3))"
                    ),
                    FieldType.BOOLEAN,
                ),
            ),
            number="4.",
        ),
        Section(
            "person_concerned",
            _("Person concerned by the measures"),
            (
                Field(
                    "role",
                    _("The person is"),
                    FieldType.CHOICE,
                    choices=(
                        Choice(PartyRole.CREDITOR, _("the creditor")),
                        Choice(PartyRole.DEBTOR, _("the debtor")),
                        Choice("other", _("other")),
                    ),
                ),
                blocks.family_name(required=True, number="a."),
                blocks.given_names(number="b."),
                blocks.date_of_birth(number="c."),
                Field(
                    "last_known_address",
                    _("Last known address"),
                    FieldType.LONG_TEXT,
                    number="d.",
                    restricted=True,
                    subject="person_concerned",
                ),
                Field(
                    "telephone",
                    _("Telephone number"),
                    number="e.",
                    restricted=True,
                    subject="person_concerned",
                ),
                Field(
                    "email",
                    _("E-mail"),
                    number="f.",
                    restricted=True,
                    subject="person_concerned",
                ),
                Field("other_information", _("Other information"), FieldType.LONG_TEXT),
            ),
            number="5.",
        ),
        blocks.authority_signature(),
    ),
)


STATUS_REPORT = FormDefinition(
    code="status_report",
    version=VERSION,
    title=_("Status of Application Report"),
    legal_basis="Art 12(4), 12(5)",
    status=FormStatus.RECOMMENDED,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=False,
    source=(
        "HCCH recommended form: sections 1 to 3 after DOMAIN.md §11.7; one form with a variant "
        "field instead of one form per application family; section 4 reconstructed (unconfirmed)"
    ),
    sections=(
        blocks.notice(per_person=False),
        blocks.central_authority("requested_authority", _("Requested Central Authority"), "1."),
        blocks.contact_person("contact_person", _("Contact person in requested State"), "2."),
        Section(
            "report",
            _("Report"),
            (
                Field(
                    "kind",
                    _("Report"),
                    FieldType.CHOICE,
                    required=True,
                    show_label=False,
                    choices=(
                        Choice("first", _("First report")),
                        Choice("subsequent", _("Subsequent report")),
                    ),
                ),
                Field("last_report_date", _("Date of last report"), FieldType.DATE),
            ),
        ),
        Section(
            "file",
            _("File identification"),
            (
                Field(
                    "requesting_reference",
                    _("Requesting Central Authority file reference number"),
                    number="a.",
                    required=True,
                ),
                Field(
                    "applicant_family_names",
                    _("Family name(s) of applicant or name of the public body"),
                    number="b.",
                ),
                Field(
                    "persons_family_names",
                    _("Family name(s) of the person(s) for whom maintenance is sought or payable"),
                    FieldType.TEXT_LIST,
                    number="c.",
                ),
                Field("debtor_family_names", _("Family name(s) of debtor"), number="d."),
            ),
            number="3.",
        ),
        Section(
            "status",
            _("Status of the application in the requested State"),
            (
                Field(
                    "application_family",
                    _("Application for"),
                    FieldType.CHOICE,
                    required=True,
                    choices=(
                        Choice(
                            ApplicationFamily.RECOGNITION,
                            _("recognition or recognition and enforcement"),
                        ),
                        Choice(ApplicationFamily.ENFORCEMENT, _("enforcement")),
                        Choice(ApplicationFamily.ESTABLISHMENT, _("establishment of a decision")),
                        Choice(ApplicationFamily.MODIFICATION, _("modification of a decision")),
                    ),
                ),
                Field(
                    "sent_to_competent_authority_on",
                    _("Date the application was sent to the competent authority"),
                    FieldType.DATE,
                ),
                Field("competent_authority", _("Competent authority")),
                Field(
                    "recognition",
                    _("Recognition"),
                    FieldType.CHOICE,
                    choices=(
                        Choice("pending", _("pending")),
                        Choice("declared_enforceable", _("declared enforceable or registered")),
                        Choice("recognised", _("recognised")),
                        Choice("refused", _("refused")),
                    ),
                ),
                Field("recognition_date", _("Date of the declaration or refusal"), FieldType.DATE),
                Field(
                    "challenge_lodged",
                    _("A challenge or appeal has been lodged (Art. 23(6))"),
                    FieldType.BOOLEAN,
                ),
                Field("challenge_date", _("Date of the challenge or appeal"), FieldType.DATE),
                Field(
                    "decision_made_on",
                    _("Date a decision was established or modified"),
                    FieldType.DATE,
                ),
                Field(
                    "enforcement_measures",
                    _("Enforcement measures taken (Art. 34)"),
                    FieldType.MULTI_CHOICE,
                    choices=blocks.ENFORCEMENT_MEASURE_CHOICES,
                ),
                Field(
                    "amount_transferred",
                    _("Amount transferred to the requesting State since the last report"),
                    FieldType.AMOUNT,
                ),
                Field(
                    "documents_requested",
                    _("Additional information and / or documentation"),
                    FieldType.TEXT_LIST,
                ),
                Field(
                    "events",
                    _("Steps taken"),
                    FieldType.GROUP,
                    fields=(
                        Field("date", _("Date"), FieldType.DATE, required=True),
                        Field("description", _("Description"), FieldType.LONG_TEXT, required=True),
                    ),
                ),
            ),
            number="4.",
        ),
        blocks.authority_signature(),
    ),
)


def _party(key: str, title: object, number: str) -> Section:
    return Section(
        key,
        title,
        (
            blocks.family_name(required=True, number="a."),
            blocks.given_names(number="b."),
            blocks.date_of_birth(number="c."),
        ),
        number=number,
    )


def _issuing_authority() -> Section:
    return Section(
        "authority",
        _("Competent authority"),
        (
            Field("name", _("Name"), required=True),
            Field("state", _("State of origin"), required=True),
            Field("address", _("Address"), FieldType.LONG_TEXT),
        ),
        number="1.",
    )


def _decision_identification(number: str) -> Section:
    return Section(
        "decision",
        _("The decision"),
        (
            Field("decision_date", _("Date of the decision"), FieldType.DATE, required=True),
            Field("decision_reference", _("Reference number of the decision"), required=True),
            Field(
                "administrative",
                _("The decision was made by an administrative authority"),
                FieldType.BOOLEAN,
            ),
        ),
        number=number,
    )


ABSTRACT_OF_DECISION = FormDefinition(
    code="abstract_of_decision",
    version=VERSION,
    title=_("Abstract of a Decision"),
    legal_basis="Art 25(3)(b), 19(1)",
    status=FormStatus.RECOMMENDED,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=False,
    source="HCCH recommended form, items derived from Art 19(1), 20 and 25 (layout unconfirmed)",
    sections=(
        blocks.notice(per_person=False),
        _issuing_authority(),
        _decision_identification("2."),
        _party("creditor", _("Creditor"), "3."),
        _party("debtor", _("Debtor"), "4."),
        Section(
            "beneficiaries",
            _("Person(s) for whom maintenance is payable"),
            (
                Field(
                    "persons",
                    _("Person"),
                    FieldType.GROUP,
                    fields=(
                        blocks.family_name(required=True),
                        blocks.given_names(),
                        blocks.date_of_birth(),
                    ),
                ),
            ),
            number="5.",
        ),
        Section(
            "maintenance",
            _("Maintenance ordered"),
            (
                Field(
                    "maintenance_amount",
                    _("Amount of maintenance"),
                    FieldType.AMOUNT,
                    required=True,
                ),
                Field(
                    "frequency",
                    _("Frequency of payment"),
                    FieldType.CHOICE,
                    required=True,
                    choices=blocks.FREQUENCY_CHOICES,
                ),
                Field("start_date", _("Payable from"), FieldType.DATE),
                Field("end_date", _("Payable until"), FieldType.DATE),
                Field(
                    "indexation",
                    _("Automatic adjustment by indexation"),
                    FieldType.LONG_TEXT,
                ),
                Field("arrears", _("Amount of arrears"), FieldType.AMOUNT),
                Field(
                    "arrears_calculated_on",
                    _("Date the arrears were calculated (Art. 25(1) d))"),
                    FieldType.DATE,
                ),
                Field("retroactive", _("Retroactive maintenance"), FieldType.AMOUNT),
                Field("interest", _("Interest"), FieldType.LONG_TEXT),
                Field("costs", _("Costs or expenses"), FieldType.AMOUNT),
            ),
            number="6.",
        ),
        Section(
            "proceedings",
            _("The proceedings"),
            (
                Field(
                    "respondent_appeared",
                    _("The respondent appeared or was represented in the proceedings"),
                    FieldType.BOOLEAN,
                ),
                Field(
                    "enforceable",
                    _("The decision is enforceable in the State of origin"),
                    FieldType.BOOLEAN,
                ),
            ),
            number="7.",
        ),
        blocks.official_signature(),
    ),
)


STATEMENT_OF_ENFORCEABILITY = FormDefinition(
    code="statement_of_enforceability",
    version=VERSION,
    title=_("Statement of Enforceability"),
    legal_basis="Art 25(1)(b), 19(3)",
    status=FormStatus.RECOMMENDED,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=False,
    source="HCCH recommended form, derived from Art 19(3) and 25(1)(b) (layout unconfirmed)",
    sections=(
        blocks.notice(per_person=False),
        _issuing_authority(),
        _decision_identification("2."),
        _party("creditor", _("Creditor"), "3."),
        _party("debtor", _("Debtor"), "4."),
        Section(
            "statement",
            _("Statement"),
            (
                Field(
                    "enforceable",
                    _("The decision is enforceable in the State of origin"),
                    FieldType.BOOLEAN,
                    required=True,
                ),
                Field("enforceable_from", _("Enforceable since"), FieldType.DATE),
                Field(
                    "article_19_3_met",
                    _(
                        "The decision of the administrative authority may be the subject of an "
                        "appeal to or review by a judicial authority and has a similar force and "
                        "effect as a decision of a judicial authority on the same matter "
                        "(Art. 19(3))"
                    ),
                    FieldType.BOOLEAN,
                ),
            ),
            number="5.",
        ),
        blocks.official_signature(),
    ),
)


STATEMENT_OF_PROPER_NOTICE = FormDefinition(
    code="statement_of_proper_notice",
    version=VERSION,
    title=_("Statement of Proper Notice"),
    legal_basis="Art 25(1)(c), 22(e)",
    status=FormStatus.RECOMMENDED,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=False,
    source="HCCH recommended form, derived from Art 22(e) and 25(1)(c) (layout unconfirmed)",
    sections=(
        blocks.notice(per_person=False),
        _issuing_authority(),
        _decision_identification("2."),
        _party("respondent", _("Respondent"), "3."),
        Section(
            "statement",
            _("Statement"),
            (
                Field(
                    "notice",
                    _("The respondent did not appear and was not represented, and"),
                    FieldType.CHOICE,
                    required=True,
                    choices=(
                        Choice(
                            "proceedings",
                            _(
                                "had proper notice of the proceedings and an opportunity to be "
                                "heard"
                            ),
                        ),
                        Choice(
                            "decision",
                            _(
                                "had proper notice of the decision and the opportunity to "
                                "challenge or appeal it on fact and law"
                            ),
                        ),
                    ),
                ),
                Field("served_on", _("Date of notification"), FieldType.DATE, required=True),
                Field(
                    "method",
                    _("Method of notification"),
                    FieldType.CHOICE,
                    required=True,
                    choices=(
                        Choice("personal", _("personal service")),
                        Choice("post", _("post")),
                        Choice("electronic", _("electronic means")),
                        Choice("other", _("other")),
                    ),
                ),
                Field("method_details", _("Details"), FieldType.LONG_TEXT),
            ),
            number="4.",
        ),
        blocks.official_signature(),
    ),
)


def _income_source(key: str, title: object) -> Field:
    return Field(
        key,
        title,
        FieldType.GROUP,
        fields=(
            Field("name", _("Name"), required=True),
            Field(
                "address",
                _("Address"),
                FieldType.LONG_TEXT,
                restricted=True,
                subject="person",
            ),
            Field("telephone", _("Telephone number"), restricted=True, subject="person"),
            Field("amount", _("Amount"), FieldType.AMOUNT),
            Field(
                "frequency",
                _("Frequency of payment"),
                FieldType.CHOICE,
                choices=blocks.FREQUENCY_CHOICES,
            ),
        ),
    )


FINANCIAL_CIRCUMSTANCES = FormDefinition(
    code="financial_circumstances",
    version=VERSION,
    title=_("Financial Circumstances Form"),
    legal_basis="Art 11(2)",
    status=FormStatus.RECOMMENDED,
    effective_from=CONVENTION_IN_FORCE,
    layout_confirmed=False,
    source=(
        "HCCH recommended form: N.B. and section I after DOMAIN.md §11.8; sections II to VI "
        "reconstructed, numbering of their items unconfirmed"
    ),
    subjects=("person",),
    sections=(
        blocks.notice(per_person=True),
        Section(
            "reference",
            _("Reference information"),
            (
                Field(
                    "requesting_reference",
                    _("Requesting Central Authority file reference number"),
                    required=True,
                ),
                Field("authority", _("Requesting Central Authority")),
                Field("contact_person", _("Contact person")),
                Field("applicant_family_names", _("Family name(s) of applicant")),
            ),
            number="I.",
            text=_(
                "N.B. Sections II to VI should be completed only as necessary and to the best of "
                "the applicant's knowledge. Consult the Country Profile of the requested State "
                "for the information it requires."
            ),
        ),
        Section(
            "person",
            _("Personal situation"),
            (
                Field(
                    "whose",
                    _("The financial circumstances are those of"),
                    FieldType.CHOICE,
                    required=True,
                    choices=(
                        Choice(PartyRole.CREDITOR, _("the creditor")),
                        Choice(PartyRole.DEBTOR, _("the debtor")),
                    ),
                ),
                blocks.family_name(required=True),
                blocks.given_names(),
                blocks.date_of_birth(),
                Field(
                    "marital_status",
                    _("Marital status"),
                    FieldType.CHOICE,
                    choices=(
                        Choice("single", _("single")),
                        Choice("married", _("married or in a registered partnership")),
                        Choice("separated", _("separated")),
                        Choice("divorced", _("divorced")),
                        Choice("widowed", _("widowed")),
                    ),
                ),
                Field("dependants", _("Number of dependants"), FieldType.INTEGER),
            ),
            number="II.",
        ),
        Section(
            "employment",
            _("Employment and income"),
            (
                Field(
                    "employment_status",
                    _("Employment status"),
                    FieldType.CHOICE,
                    choices=(
                        Choice("employed", _("employed")),
                        Choice("self_employed", _("self-employed")),
                        Choice("unemployed", _("unemployed")),
                        Choice("retired", _("retired")),
                        Choice("other", _("other")),
                    ),
                ),
                Field("occupation", _("Occupation")),
                Field("gross_monthly_income", _("Gross monthly income"), FieldType.AMOUNT),
                Field("net_monthly_income", _("Net monthly income"), FieldType.AMOUNT),
            ),
            number="III.",
        ),
        Section(
            "expenses",
            _("Expenses"),
            (
                Field(
                    "expenses",
                    _("Expense"),
                    FieldType.GROUP,
                    fields=(
                        Field("description", _("Description"), required=True),
                        Field("monthly_amount", _("Monthly amount"), FieldType.AMOUNT),
                    ),
                ),
            ),
            number="IV.",
        ),
        Section(
            "income_sources",
            _("Employers and other sources of income"),
            (
                _income_source("employers", _("Employer")),
                _income_source("other_sources", _("Other source of income")),
            ),
            number="V.",
        ),
        Section(
            "assets",
            _("Assets and debts"),
            (
                Field(
                    "real_property",
                    _("Real property"),
                    FieldType.GROUP,
                    fields=(
                        Field(
                            "address",
                            _("Address"),
                            FieldType.LONG_TEXT,
                            required=True,
                            restricted=True,
                            subject="person",
                        ),
                        Field("estimated_value", _("Estimated value"), FieldType.AMOUNT),
                    ),
                ),
                Field(
                    "bank_accounts",
                    _("Bank accounts"),
                    FieldType.GROUP,
                    fields=(
                        Field("bank_name", _("Name of the bank"), required=True),
                        Field(
                            "bank_address",
                            _("Address of the bank"),
                            FieldType.LONG_TEXT,
                            restricted=True,
                            subject="person",
                        ),
                        Field("balance", _("Balance"), FieldType.AMOUNT),
                    ),
                ),
                Field(
                    "debts",
                    _("Debts"),
                    FieldType.GROUP,
                    fields=(
                        Field("description", _("Description"), required=True),
                        Field("amount", _("Amount"), FieldType.AMOUNT),
                    ),
                ),
            ),
            number="VI.",
        ),
        Section(
            "signature",
            _("Signature"),
            (
                Field("name", _("Name"), required=True, hint=blocks.BLOCK_LETTERS_HINT),
                Field("date", _("Date"), FieldType.DATE, required=True),
            ),
        ),
    ),
)
