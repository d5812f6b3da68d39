"""The sections of an outgoing application, which of them a case needs, their status, and which
of the Convention engine's findings belong to each.

An Art 10 application asks for the applicant, the persons for whom maintenance is sought, the
respondent, the decision (only for types that presuppose one), the grounds and particulars of
the type, where payments go (creditor applications, Art 11(1)(f)), the documents, the Central
Authority's contact details and the applicant's consent (Art 12(2)). A request for specific
measures (Art 7) asks for the person concerned, the reasons, the documents and the Authority.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from cases.models import Case, Party
from cases.selectors import CaseRecords
from convention.validation import Finding, Severity
from convention.vocabulary import PartyRole

APPLICANT = "applicant"
PERSONS = "persons"
OTHER_PARTY = "other_party"
PERSON_CONCERNED = "person_concerned"
DECISION = "decision"
GROUNDS = "grounds"
PAYMENT = "payment"
DOCUMENTS = "documents"
AUTHORITY = "authority"
CONSENT = "consent"

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
CANNOT_START = "cannot_start"

STATUS_LABELS = {
    NOT_STARTED: _("Not started"),
    IN_PROGRESS: _("In progress"),
    COMPLETED: _("Completed"),
    CANNOT_START: _("Cannot start yet"),
}
STATUS_COLOURS = {
    NOT_STARTED: "blue",
    IN_PROGRESS: "light-blue",
    COMPLETED: "",
    CANNOT_START: "grey",
}

PARTY_SECTIONS = (APPLICANT, PERSONS, OTHER_PARTY, PERSON_CONCERNED)


@dataclass
class Section:
    key: str
    title: str
    hint: str = ""
    status: str = NOT_STARTED
    findings: list[Finding] = field(default_factory=list)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def status_colour(self):
        return STATUS_COLOURS[self.status]

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)


def respondent_role(case: Case) -> PartyRole:
    """The other party: the debtor of a creditor's application, the creditor of a debtor's."""
    application_type = case.application_type_enum
    if application_type is not None and application_type.applicant_role is PartyRole.DEBTOR:
        return PartyRole.CREDITOR
    return PartyRole.DEBTOR


def section_titles(case: Case) -> dict[str, str]:
    other = (
        _("The creditor (respondent)")
        if respondent_role(case) is PartyRole.CREDITOR
        else _("The debtor (respondent)")
    )
    return {
        APPLICANT: _("The applicant"),
        PERSONS: _("Persons for whom maintenance is sought"),
        OTHER_PARTY: other,
        PERSON_CONCERNED: _("The person concerned by the measures"),
        DECISION: _("The decision"),
        GROUNDS: (
            _("Reasons for the request")
            if not case.application_type
            else _("Grounds and details of the application")
        ),
        PAYMENT: _("Where payments should be sent"),
        DOCUMENTS: _("Documents"),
        AUTHORITY: _("Central Authority and contact person"),
        CONSENT: _("Consent of the applicant"),
    }


_HINTS = {
    APPLICANT: _("Art 11(1)(b)"),
    PERSONS: _("Art 11(1)(d)"),
    OTHER_PARTY: _("Art 11(1)(c)"),
    DECISION: _("Art 10, 25"),
    GROUNDS: _("Art 11(1)(e)"),
    PAYMENT: _("Art 11(1)(f)"),
    DOCUMENTS: _("Art 11(3), 25"),
    AUTHORITY: _("Art 11(1)(h)"),
    CONSENT: _("Art 12(2)"),
}


def section_keys(case: Case) -> list[str]:
    """The sections this case's application needs, in order."""
    application_type = case.application_type_enum
    if application_type is None:
        return [PERSON_CONCERNED, GROUNDS, DOCUMENTS, AUTHORITY]
    keys = [APPLICANT, PERSONS, OTHER_PARTY]
    if application_type.requires_existing_decision:
        keys.append(DECISION)
    keys.append(GROUNDS)
    if application_type.applicant_role is PartyRole.CREDITOR:
        keys.append(PAYMENT)
    keys += [DOCUMENTS, AUTHORITY, CONSENT]
    return keys


def parties_of_section(case: Case, key: str, parties: list[Party]) -> list[Party]:
    if key == APPLICANT:
        return [p for p in parties if p.is_applicant]
    if key == PERSONS:
        sought = PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT.value
        return [p for p in parties if sought in p.roles and not p.is_applicant]
    if key == OTHER_PARTY:
        role = respondent_role(case).value
        return [p for p in parties if role in p.roles and not p.is_applicant]
    if key == PERSON_CONCERNED:
        return [p for p in parties if not p.is_applicant]
    return []


def party_section(case: Case, party: Party, parties: list[Party]) -> str | None:
    """The section where a party was entered."""
    keys = (PERSON_CONCERNED,) if not case.application_type else (APPLICANT, OTHER_PARTY, PERSONS)
    for key in keys:
        if party in parties_of_section(case, key, parties):
            return key
    return None


# Findings with no party in their field, by the start of their code.
_CODE_SECTIONS = (
    ("art_11_1_b", APPLICANT),
    ("art_9", APPLICANT),
    ("art_36", APPLICANT),
    ("art_11_1_c", OTHER_PARTY),
    ("art_11_1_d", PERSONS),
    ("art_2_", PERSONS),
    ("art_12_2", CONSENT),
    ("art_11_1_h", AUTHORITY),
    ("art_11_1_f", PAYMENT),
    ("art_11_1_e", GROUNDS),
    ("art_7", GROUNDS),
    ("art_10", DECISION),
    ("art_25", DOCUMENTS),
    ("art_30", DOCUMENTS),
    ("art_11_3", DOCUMENTS),
    ("art_44", DOCUMENTS),
    ("art_16", DOCUMENTS),
    ("art_17", DOCUMENTS),
    ("art_11_1_g", DOCUMENTS),
)
_FIELD_SECTIONS = {
    "decision": DECISION,
    "grounds": GROUNDS,
    "reasons": GROUNDS,
    "specific_measures": GROUNDS,
    "article_10_application_pending": GROUNDS,
    "article_18_exception": GROUNDS,
    "maintenance": GROUNDS,
    "payment_details": PAYMENT,
    "documents": DOCUMENTS,
    "declared_requirements_met": DOCUMENTS,
    "applicant_consents": CONSENT,
    "responsible_person": AUTHORITY,
}


def finding_section(case: Case, finding: Finding, parties: list[Party]) -> str | None:
    """The section a finding belongs to (``None``: the application as a whole)."""
    field_name = finding.field or ""
    if field_name.startswith("parties."):
        party_id = field_name.split(".")[1]
        party = next((p for p in parties if str(p.pk) == party_id), None)
        if party is not None and party_section(case, party, parties):
            return party_section(case, party, parties)
    head = field_name.split(".", 1)[0]
    if head in _FIELD_SECTIONS:
        return _FIELD_SECTIONS[head]
    for prefix, key in _CODE_SECTIONS:
        if finding.code.startswith(prefix):
            return key
    return None


def build_sections(records: CaseRecords, findings: list[Finding]) -> list[Section]:
    """The task list: each section with its status and its findings."""
    case, parties = records.case, records.parties
    titles = section_titles(case)
    sections = []
    for key in section_keys(case):
        section = Section(key=key, title=titles[key], hint=_HINTS.get(key, ""))
        section.findings = [f for f in findings if finding_section(case, f, parties) == key]
        section.status = _status(records, key, section)
        sections.append(section)
    return sections


def _status(records: CaseRecords, key: str, section) -> str:
    case, parties = records.case, records.parties
    if key in PARTY_SECTIONS:
        started = bool(parties_of_section(case, key, parties))
        if key == PERSONS:
            sought = PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT.value
            started = started or any(p.is_applicant and sought in p.roles for p in parties)
    elif key == DECISION:
        started = records.decision is not None
    elif key == DOCUMENTS:
        started = bool(records.supporting_documents)
        if not started and not section.has_errors:
            return NOT_STARTED
    elif key == CONSENT:
        started = case.applicant_consent
        if not any(p.is_applicant for p in parties):
            return CANNOT_START
    else:
        started = bool(records.section(key))
    if not started:
        return NOT_STARTED
    return IN_PROGRESS if section.has_errors else COMPLETED
