"""The values of the Convention's forms of a case, for ``convention.forms``: which forms and
languages apply; ``case_form_values``, which maps the case's records (parties through their
``Person`` records, the decision, the documents, the references, the Authorities, the dates and
the wizard's particulars, as ``selectors.case_records_for_user`` loads them) to the
language-neutral values of one form; ``case_form_build``, which checks that the form is
complete. Under an Art 40 determination the address and contact items of the persons it covers
leave the main form for the separate restricted page (``convention.forms.split_restricted``),
stored as a document of its own that only users allowed to see restricted information are
offered.
"""

import datetime
from decimal import Decimal

from babel import Locale
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.engine import current_state, state_today
from cases.errors import CaseError
from cases.models import Case, Party
from cases.selectors import (
    CaseRecords,
    authority_details_latest,
    case_latest_generated,
    case_timeline_events,
)
from convention.forms import (
    LANGUAGES,
    Amount,
    FilledForm,
    FormDataError,
    build_form,
    get_form,
    validate_form,
)
from convention.states import default_registry
from convention.vocabulary import (
    ApplicationType,
    Direction,
    DocumentKind,
    PartyRole,
)
from convention.workflow import CaseEvent, CaseState

TRANSMITTAL = "transmittal"
ACKNOWLEDGEMENT = "acknowledgement"
STATUS_REPORT = "status_report"
SPECIFIC_MEASURES = "specific_measures"
FORMATS = ("pdf", "xml")

# The form's own titles are legal labels (their own catalogue); these are the interface's names.
FORM_NAMES = {
    TRANSMITTAL: gettext_lazy("Transmittal form (Annex 1, Art 12(2))"),
    ACKNOWLEDGEMENT: gettext_lazy("Acknowledgement form (Annex 2, Art 12(3))"),
    STATUS_REPORT: gettext_lazy("Status of application report (Art 12(4))"),
    SPECIFIC_MEASURES: gettext_lazy("Request for specific measures (Art 7)"),
    "application_recognition": gettext_lazy("Application for recognition or enforcement"),
    "application_enforcement": gettext_lazy("Application for enforcement"),
    "application_establishment": gettext_lazy("Application for establishment of a decision"),
    "application_modification": gettext_lazy("Application for modification of a decision"),
}

_FREQUENCIES = {
    "weekly": "weekly",
    "monthly": "monthly",
    "quarterly": "quarterly",
    "yearly": "annually",
    "lump_sum": "lump_sum",
}
_ARRANGEMENT_DOCUMENTS = {DocumentKind.ARRANGEMENT_TEXT, DocumentKind.ARRANGEMENT_ENFORCEABILITY}


# --- Which forms, which languages -------------------------------------------------------------


def application_form_code(case: Case) -> str | None:
    """The recommended form of the case's application type (Art 11(4)), or the Request for
    Specific Measures for an Art 7 request."""
    if case.application_type:
        return f"application_{case.application_type_enum.family.value}"
    return SPECIFIC_MEASURES if case.specific_measures else None


def applicable_form_codes(case: Case) -> list[str]:
    """The forms this Authority may generate for the case now."""
    if case.direction == Direction.OUTGOING.value:
        codes = [TRANSMITTAL] if case.application_type else []
        own = application_form_code(case)
        return [*codes, own] if own else codes
    codes = []
    if case.application_type and _acknowledged(case):
        codes.append(ACKNOWLEDGEMENT)
        if case.state not in (CaseState.REFUSED.value, CaseState.CLOSED.value):
            codes.append(STATUS_REPORT)
    return codes


def _acknowledged(case: Case) -> bool:
    return case.acknowledged_at is not None or case.state == CaseState.REFUSED.value


def form_languages(case: Case, *, on: datetime.date | None = None) -> list[str]:
    """Languages the form may be generated in: those of the partner State's communication
    languages (Art 44(3)) that the forms exist in, the default first; English at least."""
    on = on or state_today()
    partner = default_registry().get(case.partner_state)
    languages = [default_form_language(case, on=on)]
    if partner is not None:
        languages += [code for code in partner.communication_languages_on(on) if code in LANGUAGES]
    if "en" not in languages:
        languages.append("en")
    return list(dict.fromkeys(languages))


def default_form_language(case: Case, *, on: datetime.date | None = None) -> str:
    """The partner State's (official, then accepted) language when the forms exist in it
    (Art 44(1)), else English."""
    partner = default_registry().get(case.partner_state)
    if partner is None:
        return "en"
    for code in partner.accepted_languages_on(on or state_today()):
        if code in LANGUAGES:
            return code
    return "en"


# --- Values -------------------------------------------------------------------------------------


class _CaseData:
    """What the value builders read: the case's records as its page loaded them, once."""

    def __init__(self, records: CaseRecords, language: str):
        case = records.case
        self.case = case
        self.language = language
        self.parties: list[Party] = records.parties
        self.applicant = records.applicant
        self.documents = records.supporting_documents
        self.authority = records.section("authority") or latest_authority_details(case)
        self.grounds = records.section("grounds")
        self.payment = records.section("payment")
        self.decision = records.decision

    def with_role(self, role: PartyRole, *, exclude_applicant: bool = True) -> list[Party]:
        return [
            p
            for p in self.parties
            if role.value in p.roles and not (exclude_applicant and p.is_applicant)
        ]

    @property
    def document_kinds(self) -> set[str]:
        return {document.kind for document in self.documents}

    def country(self, code: str) -> str:
        return Locale.parse(self.language).territories.get(code, code) if code else ""

    def partner_authority(self) -> str:
        return self.case.partner_authority or self.country(self.case.partner_state)


def latest_authority_details(case: Case) -> dict:
    """The Authority's contact details as last recorded on another case of this State."""
    return authority_details_latest(exclude_case=case)


def _person(party: Party | None, *keys: str) -> dict:
    if party is None:
        return {}
    if party.person is None:
        return {"family_name": party.organisation_name} if "family_name" in keys else {}
    person = party.person
    values = {
        "family_name": person.family_name,
        "given_names": person.given_names,
        "date_of_birth": person.date_of_birth,
        "address": person.address,
        "telephone": person.phone,
        "email": person.email,
    }
    return {key: values[key] for key in keys if values.get(key)}


_NAME = ("family_name", "given_names", "date_of_birth")


def _amount(amount, currency: str):
    if amount in (None, "") or not currency:
        return None
    try:
        return Amount(Decimal(str(amount)), currency.upper())
    except (ArithmeticError, ValueError):
        return None


def _requesting_blocks(data: _CaseData, *, own_key: str, partner_key: str) -> dict:
    """The Authorities' blocks: this Authority (with the case's reference), its contact person,
    and the partner Authority as addressee."""
    state = current_state()
    authority = data.authority
    responsible = data.case.responsible
    contact_name = authority.get("contact_name") or (
        (responsible.full_name or responsible.email) if responsible else ""
    )
    return {
        own_key: {
            "name": state.authority_name or state.name,
            "address": authority.get("address"),
            "telephone": authority.get("telephone"),
            "email": authority.get("email"),
            "reference": data.case.reference,
        },
        "contact_person": {
            "name": contact_name,
            "telephone": authority.get("contact_telephone"),
            "email": authority.get("contact_email"),
            "languages": authority.get("contact_languages"),
        },
        partner_key: {"name": data.partner_authority()},
    }


def _signature(data: _CaseData) -> dict:
    responsible = data.case.responsible
    name = (responsible.full_name or responsible.email) if responsible else ""
    return {"name": name.upper(), "date": state_today()}


def _transmittal(data: _CaseData) -> dict:
    case = data.case
    applicant = data.applicant
    values = _requesting_blocks(data, own_key="requesting_authority", partner_key="")
    values.pop("")
    values["requested_authority"] = {"name": data.partner_authority()}
    values["notice"] = {"non_disclosure": any(p.non_disclosure for p in data.parties)}
    if applicant is not None and applicant.person is None:
        values["applicant"] = {"public_body_name": applicant.organisation_name}
    else:
        values["applicant"] = _person(applicant, *_NAME)
    sought = PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT
    values["persons"] = {
        "same_as_applicant": bool(applicant and sought.value in applicant.roles),
        "persons": [_person(p, *_NAME) for p in data.with_role(sought)],
    }
    if applicant is not None and PartyRole.DEBTOR.value in applicant.roles:
        values["debtor"] = {"same_as_applicant": True}
    else:
        debtors = data.with_role(PartyRole.DEBTOR)
        values["debtor"] = _person(debtors[0] if debtors else None, *_NAME)
    values["application"] = {"application_type": case.application_type}
    values["documents"] = _transmittal_documents(data)
    values["signature"] = _signature(data)
    return values


def _transmittal_documents(data: _CaseData) -> dict:
    """Section 8: the Art 25 and 30(3) documents ticked for 10(1)(a), the others listed;
    for the other types, the number of supporting documents (Art 11(3))."""
    kinds = data.document_kinds
    article_25 = set(get_form(TRANSMITTAL).field("documents.article_25").choice_values())
    arrangement = {kind.value for kind in _ARRANGEMENT_DOCUMENTS}
    documents: dict = {"article_30_3": sorted(kinds & arrangement)}
    if data.case.application_type == ApplicationType.CREDITOR_RECOGNITION.value:
        documents["article_25"] = sorted(kinds & article_25)
        others = sorted(kinds - article_25 - arrangement)
        if others:
            with translation.override(data.language):
                documents["other_documents"] = True
                documents["other_documents_list"] = [_kind_label(k) for k in others]
    else:
        key = f"supporting_documents_{data.case.application_type.removeprefix('art_')}"
        documents[key] = len(data.documents)
    return documents


def _kind_label(kind: str) -> str:
    if kind in DocumentKind._value2member_map_:
        return str(DocumentKind(kind).label)
    return _("Other document")


def _applicant_is(data: _CaseData, form_code: str) -> str | None:
    applicant = data.applicant
    if applicant is None:
        return None
    application_role = data.case.application_type_enum.applicant_role.value
    if PartyRole.PUBLIC_BODY.value in applicant.roles:
        value = PartyRole.PUBLIC_BODY.value
    elif PartyRole.REPRESENTATIVE.value in applicant.roles:
        value = f"{application_role}_representative"
    else:
        value = application_role
    allowed = get_form(form_code).field("applicant.applicant_is").choice_values()
    return value if value in allowed else None


def _application(data: _CaseData, form_code: str) -> dict:
    case = data.case
    applicant = data.applicant
    application_type = case.application_type_enum
    respondent_role = (
        PartyRole.CREDITOR
        if application_type.applicant_role is PartyRole.DEBTOR
        else PartyRole.DEBTOR
    )
    respondents = data.with_role(respondent_role)
    respondent = respondents[0] if respondents else None
    sought = PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT
    persons = data.with_role(sought)
    protected = []
    if applicant is not None and applicant.non_disclosure:
        protected.append("applicant")
    if respondent is not None and respondent.non_disclosure:
        protected.append("respondent")
    protected += [f"persons[{i}]" for i, p in enumerate(persons, start=1) if p.non_disclosure]

    values: dict = {
        "notice": {"non_disclosure_for": protected},
        "reference": {"reference": case.reference},
        "respondent": _person(respondent, *_NAME, "address"),
        "persons": {
            "same_as_applicant": bool(applicant and sought.value in applicant.roles),
            "persons": [_person(p, *_NAME, "address") for p in persons],
        },
        "payment": dict(data.payment),
    }
    if applicant is not None and applicant.person is None:
        applicant_values = {"public_body_name": applicant.organisation_name}
    else:
        applicant_values = _person(applicant, *_NAME, "address", "telephone", "email")
    values["applicant"] = {"applicant_is": _applicant_is(data, form_code), **applicant_values}
    if form_code != "application_establishment":
        values["decision"] = _decision(data, with_arrears=form_code != "application_modification")
    grounds = data.grounds
    supporting = len(data.documents)
    financial = DocumentKind.FINANCIAL_CIRCUMSTANCES.value in data.document_kinds
    sought_amount = _amount(grounds.get("amount_sought"), grounds.get("currency", ""))
    if form_code == "application_recognition":
        kinds = data.document_kinds
        values["request"] = {
            "application_type": case.application_type,
            "requested": grounds.get("recognition_requested"),
            "partial_details": grounds.get("partial_details"),
        }
        article_25 = get_form(form_code).field("documents.article_25").choice_values()
        others = sorted(kinds - set(article_25) - {k.value for k in _ARRANGEMENT_DOCUMENTS})
        with translation.override(data.language):
            values["documents"] = {
                "article_25": [k for k in kinds if k in article_25],
                "article_30_3": [k for k in kinds if k in _ARRANGEMENT_DOCUMENTS],
                "other_documents_list": [_kind_label(k) for k in others],
            }
    elif form_code == "application_enforcement":
        values["request"] = {
            "made_or_recognised": grounds.get("made_or_recognised"),
            "recognised_on": grounds.get("recognised_on"),
            "measures": grounds.get("enforcement_measures") or [],
            "supporting_documents": supporting,
        }
    elif form_code == "application_establishment":
        values["basis"] = {
            "parentage": grounds.get("parentage"),
            "maintenance_basis": grounds.get("maintenance_basis"),
        }
        values["request"] = {
            "application_type": case.application_type,
            "parentage_testing": bool(grounds.get("parentage_testing")),
            "amount_sought": sought_amount,
            "frequency": grounds.get("frequency"),
            "sought_from": grounds.get("sought_from"),
            "financial_circumstances_attached": financial,
            "supporting_documents": supporting,
        }
    else:  # modification
        values["request"] = {
            "application_type": case.application_type,
            "modification_sought": grounds.get("modification_sought"),
            "amount_sought": sought_amount,
            "frequency": grounds.get("frequency"),
            "change_of_circumstances": grounds.get("change_of_circumstances"),
            "creditor_resides_in_state_of_origin": bool(
                grounds.get("creditor_resides_in_state_of_origin")
            ),
            "article_18_2_exception": grounds.get("article_18_exception"),
            "financial_circumstances_attached": financial,
            "supporting_documents": supporting,
        }
    if applicant is not None and applicant.person is None:
        signatory = applicant.organisation_name
    else:
        signatory = " ".join(
            part
            for part in (
                applicant.person.given_names if applicant else "",
                applicant.person.family_name if applicant else "",
            )
            if part
        )
    values["signature"] = {"name": signatory.upper(), "date": state_today()}
    return values


def _decision(data: _CaseData, *, with_arrears: bool) -> dict:
    decision = data.decision
    if decision is None:
        return {}
    values = {
        "decision_kind": (
            "maintenance_arrangement" if decision.is_maintenance_arrangement else "decision"
        ),
        "authority": decision.authority,
        "state_of_origin": data.country(decision.state_of_origin),
        "decision_date": decision.decision_date,
        "maintenance_amount": _amount(decision.amount, decision.currency),
        "frequency": _FREQUENCIES.get(decision.frequency),
    }
    return values


def _specific_measures(data: _CaseData) -> dict:
    values = _requesting_blocks(data, own_key="requesting_authority", partner_key="")
    values.pop("")
    values["requested_authority"] = {"name": data.partner_authority()}
    grounds = data.grounds
    values["measures"] = {
        "measures": list(data.case.specific_measures),
        "reasons": grounds.get("reasons"),
        "proceedings_pending": bool(grounds.get("proceedings_pending")),
        "exceptional_costs_consent": bool(grounds.get("exceptional_costs_consent")),
    }
    others = [p for p in data.parties if not p.is_applicant] or data.parties
    concerned = others[0] if others else None
    person = _person(concerned, *_NAME, "address", "telephone", "email")
    if "address" in person:
        person["last_known_address"] = person.pop("address")
    role = None
    if concerned is not None:
        role = next(
            (r for r in (PartyRole.CREDITOR, PartyRole.DEBTOR) if r.value in concerned.roles),
            "other",
        )
    values["person_concerned"] = {"role": role, **person}
    values["notice"] = {
        "non_disclosure_for": ["person_concerned"]
        if concerned is not None and concerned.non_disclosure
        else []
    }
    values["signature"] = _signature(data)
    return values


def _family_names(data: _CaseData) -> dict:
    """Annex 2 names the persons by their family names only."""
    applicant = data.applicant
    if applicant is None:
        applicant_name = ""
    elif applicant.person is None:
        applicant_name = applicant.organisation_name
    else:
        applicant_name = applicant.person.family_name
    sought = PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT
    persons = [
        p.person.family_name for p in data.with_role(sought, exclude_applicant=False) if p.person
    ]
    debtors = data.with_role(PartyRole.DEBTOR, exclude_applicant=False)
    debtor = debtors[0].person.family_name if debtors and debtors[0].person else ""
    return {
        "applicant_family_names": applicant_name,
        "persons_family_names": persons,
        "debtor_family_names": debtor,
    }


def _acknowledgement(data: _CaseData) -> dict:
    case = data.case
    values = _requesting_blocks(data, own_key="requested_authority", partner_key="")
    values.pop("")
    values["requesting_authority"] = {"name": data.partner_authority()}
    received_on = case.received_at.astimezone(_own_zone()).date() if case.received_at else None
    values["receipt"] = {
        "received_on": received_on,
        "transmittal_reference": case.partner_reference,
        "application_type": case.application_type,
        **_family_names(data),
    }
    events = {
        event.workflow_event: event
        for event in case_timeline_events(
            case=case, events=[CaseEvent.REFUSE.value, CaseEvent.REQUEST_DOCUMENTS.value]
        )
    }
    if CaseEvent.REFUSE.value in events:
        steps = {"step": "refused_art_12_8", "refusal_reasons": "attached"}
    elif CaseEvent.REQUEST_DOCUMENTS.value in events:
        requested = (events[CaseEvent.REQUEST_DOCUMENTS.value].details or {}).get("documents", [])
        with translation.override(data.language):
            steps = {
                "step": "information_requested",
                "information_requested": [_kind_label(code) for code in requested],
            }
    else:
        steps = {"step": "file_complete", "status_report": "to_follow"}
    values["initial_steps"] = steps
    values["signature"] = _signature(data)
    return values


def _status_report(data: _CaseData) -> dict:
    case = data.case
    values = _requesting_blocks(data, own_key="requested_authority", partner_key="")
    values.pop("")
    earlier = case_latest_generated(case=case, form_code=STATUS_REPORT)
    values["report"] = {
        "kind": "subsequent" if earlier else "first",
        "last_report_date": earlier.created_at.astimezone(_own_zone()).date() if earlier else None,
    }
    names = _family_names(data)
    values["file"] = {"requesting_reference": case.partner_reference, **names}
    values["status"] = {"application_family": case.application_type_enum.family.value}
    values["signature"] = _signature(data)
    return values


def _own_zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo(current_state().time_zone)


def case_form_values(records: CaseRecords, form_code: str, *, language: str = "en") -> dict:
    """The values of form ``form_code`` for the case of ``records``, in the shape
    ``convention.forms`` takes (``{section: {field: value}}``; empty values are dropped by
    ``build_form``). ``language`` only names countries and document kinds written into
    free-text items."""
    data = _CaseData(records, language)
    if form_code == TRANSMITTAL:
        values = _transmittal(data)
    elif form_code == SPECIFIC_MEASURES:
        values = _specific_measures(data)
    elif form_code == ACKNOWLEDGEMENT:
        values = _acknowledgement(data)
    elif form_code == STATUS_REPORT:
        values = _status_report(data)
    elif form_code.startswith("application_"):
        values = _application(data, form_code)
    else:
        raise CaseError(_("Unknown form."), code="unknown_form", field="form")
    return {section: fields for section, fields in values.items() if fields}


# --- Building, checking, rendering --------------------------------------------------------------


def _describe(form_code: str, path: str) -> str:
    """A form item named in the interface's language: "Section: item" (no value)."""
    definition = get_form(form_code)
    section_key, _dot, rest = path.partition(".")
    parts = [part.split("[", 1)[0] for part in rest.split(".") if part]
    try:
        section = definition.section(section_key)
    except KeyError:
        return path
    names = [str(section.title)] if section.title else []
    try:
        if parts:
            names.append(str(definition.field(".".join([section_key, *parts])).label))
    except KeyError:
        pass
    return ": ".join(names) or path


def case_form_build(records: CaseRecords, form_code: str, language: str) -> FilledForm:
    """The filled form, complete; ``CaseError`` naming the missing or wrong items otherwise."""
    case = records.case
    if form_code not in applicable_form_codes(case):
        raise CaseError(
            _("This form cannot be generated for this case."), code="unknown_form", field="form"
        )
    if language not in LANGUAGES:
        raise CaseError(_("Unknown language."), code="unknown_choice", field="language")
    try:
        filled = build_form(
            form_code, case_form_values(records, form_code, language=language), language=language
        )
    except FormDataError as error:
        items = sorted({_describe(form_code, path) for path, _message in error.errors})
        raise CaseError(
            _("Some items of the case do not fit the form: %(items)s.")
            % {"items": "; ".join(items)},
            code="form_invalid",
            field="form",
        ) from None
    problems = validate_form(filled)
    if problems:
        items = list(dict.fromkeys(_describe(form_code, path) for path, _message in problems))
        raise CaseError(
            _("The form is not complete. Missing: %(items)s.") % {"items": "; ".join(items)},
            code="form_incomplete",
            field="form",
        )
    return filled
