"""Checks a case must pass before the requesting Central Authority transmits it (Art 12(2)).

The case-management layer builds an ``OutgoingCase`` from its models and calls
``validate_case``. Each ``Finding`` has a stable ``code`` (store it, test on it), a ``severity``
(an error blocks transmission, a warning asks the caseworker to look), the ``article`` and a
``message`` that names the article in the active language.

Where a finding rests on a reference value marked unconfirmed (``states``), an error is
downgraded to a warning and ``unconfirmed_data`` is set: the platform must not block a case on
a fact it is not sure of.

Scope of this version: the rules of the 2007 Convention. A case under Regulation 4/2009 gets
one warning saying that the Regulation's own rules (Art 56, 57) were not checked.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from convention.states import (
    CENTRAL_AUTHORITY_CHAPTERS,
    ContractingState,
    StateRegistry,
    UnknownStateError,
    age_limit_between,
    default_registry,
    governing_instrument,
    scope_extended_between,
)
from convention.vocabulary import (
    ApplicationFamily,
    ApplicationType,
    Article18Exception,
    ChargeKind,
    DocumentKind,
    LegalAssistanceRegime,
    LegalBasis,
    MaintenanceObligation,
    PartyRole,
    RecognitionBasis,
    RefusalGround,
    Severity,
    SpecificMeasure,
)

# --- input ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """A person or public body in the case. ``key`` is the caller's identifier for the party.

    A party may hold several roles (an adult child applying for their own support is both
    creditor and person for whom maintenance is sought). A representative applying for someone
    names them in ``represents`` (their ``key``).
    """

    key: str
    roles: frozenset[PartyRole]
    family_name: str = ""
    given_names: str = ""
    organisation_name: str = ""
    date_of_birth: date | None = None
    address: str = ""
    habitual_residence: str | None = None
    is_applicant: bool = False
    represents: str | None = None

    @property
    def is_public_body(self) -> bool:
        return PartyRole.PUBLIC_BODY in self.roles

    @property
    def has_name(self) -> bool:
        return bool(self.family_name.strip() or self.organisation_name.strip())


@dataclass(frozen=True)
class Decision:
    """The existing decision or maintenance arrangement (Art 19, 30) the application is about."""

    state_of_origin: str
    is_maintenance_arrangement: bool = False
    by_administrative_authority: bool = False
    respondent_appeared: bool = True
    arrears_claimed: bool = False
    automatic_indexation: bool = False
    recognised_in_requested_state: bool = False
    recognition_basis: RecognitionBasis | None = None
    # Art 10(1)(d): why recognition is impossible or was refused.
    no_basis_for_recognition: bool = False
    recognition_refused_on: RefusalGround | None = None


@dataclass(frozen=True)
class ApplicantCharge:
    """A charge the requesting Authority means to put on the applicant (Art 8, 14(5), 45(3))."""

    kind: ChargeKind
    consented_in_advance: bool = False
    covered_by_legal_assistance: bool = False


@dataclass(frozen=True)
class OutgoingCase:
    """Everything the rules need about a case, as plain values.

    Either ``application_type`` (an Art 10 application) or ``specific_measures`` (an Art 7
    request) is set. State codes are ISO 3166-1 alpha-2, as in the reference data.
    """

    legal_basis: LegalBasis
    requesting_state: str
    requested_state: str
    application_type: ApplicationType | None = None
    specific_measures: frozenset[SpecificMeasure] = frozenset()
    maintenance: frozenset[MaintenanceObligation] = frozenset({MaintenanceObligation.CHILD_SUPPORT})
    parties: tuple[Party, ...] = ()
    decision: Decision | None = None
    documents: frozenset[DocumentKind] = frozenset()
    # Codes of the requested State's Art 11(1)(g) requirements the application satisfies.
    declared_requirements_met: frozenset[str] = frozenset()
    grounds: str = ""
    reasons: str = ""
    payment_details: str = ""
    responsible_person: str = ""
    applicant_consents: bool = False
    # Languages the application and documents are in (originals and translations), Art 44(1).
    document_languages: frozenset[str] = frozenset()
    # Art 7: an Art 10 application between the same parties is pending; a case is pending in
    # the requesting State (7(2)).
    article_10_application_pending: bool = False
    case_pending_in_requesting_state: bool = False
    article_18_exception: Article18Exception | None = None
    legal_assistance_in_state_of_origin: bool = False
    seeks_free_legal_assistance: bool = True
    charges: tuple[ApplicantCharge, ...] = ()

    @property
    def is_specific_measures_request(self) -> bool:
        return self.application_type is None and bool(self.specific_measures)

    @property
    def applicant(self) -> Party | None:
        applicants = [p for p in self.parties if p.is_applicant]
        return applicants[0] if len(applicants) == 1 else None

    def party(self, key: str | None) -> Party | None:
        return next((p for p in self.parties if p.key == key), None)

    def with_role(self, role: PartyRole) -> list[Party]:
        return [p for p in self.parties if role in p.roles]


# --- output --------------------------------------------------------------------------------------

_UNCONFIRMED_NOTE = _(
    "This rests on reference data that could not be confirmed: check the requested State's "
    "Country Profile."
)


@dataclass(frozen=True)
class Finding:
    """One problem found. ``message`` renders in the active language each time it is read."""

    code: str
    severity: Severity
    article: str
    template: Any = dataclasses.field(repr=False)
    params: tuple[tuple[str, Any], ...] = dataclasses.field(default=(), repr=False)
    field: str | None = None
    unconfirmed_data: bool = False

    @property
    def message(self) -> str:
        text = str(self.template) % {name: str(value) for name, value in self.params}
        if self.unconfirmed_data:
            text = f"{text} {gettext(str(_UNCONFIRMED_NOTE))}"
        return text

    def __str__(self) -> str:
        return self.message


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


class _Findings(list[Finding]):
    def add(
        self,
        code: str,
        severity: Severity,
        article: str,
        template: Any,
        /,
        *,
        field: str | None = None,
        unconfirmed: bool = False,
        **params: Any,
    ) -> None:
        if unconfirmed and severity is Severity.ERROR:
            severity = Severity.WARNING
        self.append(
            Finding(
                code=code,
                severity=severity,
                article=article,
                template=template,
                params=tuple(params.items()),
                field=field,
                unconfirmed_data=unconfirmed,
            )
        )


E, W = Severity.ERROR, Severity.WARNING


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years of age on ``day``."""
    before_birthday = (day.month, day.day) < (date_of_birth.month, date_of_birth.day)
    return day.year - date_of_birth.year - before_birthday


# --- entry point ---------------------------------------------------------------------------------


def validate_case(
    case: OutgoingCase,
    *,
    on: date,
    registry: StateRegistry | None = None,
) -> list[Finding]:
    """Every finding for ``case`` if it were transmitted on ``on`` (ages and data as of then)."""
    registry = registry or default_registry()
    findings = _Findings()
    try:
        requesting = registry[case.requesting_state]
        requested = registry[case.requested_state]
    except UnknownStateError as error:
        findings.add(
            "state.unknown",
            E,
            "56(1)",
            _("Article 56(1): there is no reference data for the State %(state)s."),
            state=error.args[0],
        )
        return findings

    if not _check_legal_basis(case, requesting, requested, on, findings):
        return findings
    if case.legal_basis is LegalBasis.EU_REGULATION_4_2009:
        findings.add(
            "regulation.not_checked",
            W,
            "Reg. 56, 57",
            _(
                "Articles 56 and 57 of Regulation (EC) No 4/2009: this version checks the rules "
                "of the 2007 Convention only; check the application against the Regulation."
            ),
        )
        return findings

    _check_scope(case, requesting, requested, on, findings)
    if case.specific_measures or case.application_type is None:
        _check_specific_measures(case, findings)
    else:
        _check_application(case, requesting, requested, on, findings)
    _check_charges(case, findings)
    return findings


def _check_legal_basis(
    case: OutgoingCase,
    requesting: ContractingState,
    requested: ContractingState,
    on: date,
    findings: _Findings,
) -> bool:
    """Whether the case's legal basis is one whose rules this module checks."""
    governing = governing_instrument(requesting, requested, on=on)
    chosen = case.legal_basis
    if chosen in (LegalBasis.HAGUE_2007, LegalBasis.EU_REGULATION_4_2009):
        if governing.legal_basis is not chosen:
            article = (
                "51(4)" if governing.legal_basis is LegalBasis.EU_REGULATION_4_2009 else "56(1)"
            )
            findings.add(
                "legal_basis.not_applicable",
                E,
                article,
                _(
                    "Article %(article)s: %(chosen)s does not govern a case between %(requesting)s "
                    "and %(requested)s on this date. %(reason)s"
                ),
                field="legal_basis",
                unconfirmed=not (
                    requesting.is_confirmed("convention") and requested.is_confirmed("convention")
                ),
                article=article,
                chosen=chosen.label,
                requesting=requesting.name,
                requested=requested.name,
                reason=governing.reason,
            )
            return False
        if not governing.central_authority_cooperation:
            findings.add(
                "legal_basis.no_central_authority_cooperation",
                E,
                "51(4)",
                _(
                    "Article 51(4): Regulation (EC) No 4/2009 applies between these States without "
                    "cooperation through Central Authorities; the application cannot be "
                    "transmitted through them."
                ),
                field="legal_basis",
            )
            return False
        return True
    if chosen is LegalBasis.UN_NEW_YORK_1956 and governing.legal_basis is LegalBasis.HAGUE_2007:
        findings.add(
            "legal_basis.replaced_by_convention",
            E,
            "49",
            _(
                "Article 49: between these States the 2007 Convention replaces the 1956 New York "
                "Convention."
            ),
            field="legal_basis",
        )
    elif governing.legal_basis is LegalBasis.HAGUE_2007:
        findings.add(
            "legal_basis.convention_available",
            W,
            "52",
            _(
                "Article 52: the 2007 Convention is in force between these States; another "
                "instrument applies only where it is more effective."
            ),
            field="legal_basis",
        )
    return False


# --- scope (Art 2) -------------------------------------------------------------------------------


def _check_scope(
    case: OutgoingCase,
    requesting: ContractingState,
    requested: ContractingState,
    on: date,
    findings: _Findings,
) -> None:
    if not case.maintenance:
        findings.add(
            "art_2.nothing_claimed",
            E,
            "2(1)",
            _("Article 2(1): state which maintenance obligation the case concerns."),
            field="maintenance",
        )
        return
    extensions_unconfirmed = not (
        requesting.is_confirmed("scope_extensions") and requested.is_confirmed("scope_extensions")
    )
    recognition_or_enforcement = case.application_type in (
        ApplicationType.CREDITOR_RECOGNITION,
        ApplicationType.CREDITOR_ENFORCEMENT,
    )

    if MaintenanceObligation.CHILD_SUPPORT in case.maintenance:
        _check_ages(case, requesting, requested, on, findings)

    if MaintenanceObligation.SPOUSAL_SUPPORT in case.maintenance:
        extended = scope_extended_between(
            requesting, requested, MaintenanceObligation.SPOUSAL_SUPPORT, on=on
        )
        # Art 2(1)(b): recognition and enforcement of spousal support with a child claim.
        with_child_claim = (
            MaintenanceObligation.CHILD_SUPPORT in case.maintenance and recognition_or_enforcement
        )
        if not extended and not with_child_claim:
            findings.add(
                "art_2_1_c.spousal_support",
                E,
                "2(1)(c)",
                _(
                    "Article 2(1)(b) and (c): spousal support goes through Central Authorities "
                    "only for recognition or enforcement together with a child support claim, "
                    "unless both States have extended Chapters II and III to it (Article 2(3))."
                ),
                field="maintenance",
                unconfirmed=extensions_unconfirmed,
            )

    for obligation in (
        MaintenanceObligation.PARENT_CHILD_21_AND_OVER,
        MaintenanceObligation.VULNERABLE_PERSON,
        MaintenanceObligation.OTHER_FAMILY,
    ):
        if obligation in case.maintenance and not scope_extended_between(
            requesting, requested, obligation, on=on, chapters=CENTRAL_AUTHORITY_CHAPTERS
        ):
            findings.add(
                "art_2_3.not_extended",
                E,
                "2(3)",
                _(
                    "Article 2(3): %(obligation)s is within the Convention between two States only "
                    "if both have extended it by declaration, and they have not."
                ),
                field="maintenance",
                unconfirmed=extensions_unconfirmed,
                obligation=obligation.label,
            )


def _check_ages(
    case: OutgoingCase,
    requesting: ContractingState,
    requested: ContractingState,
    on: date,
    findings: _Findings,
) -> None:
    limit = age_limit_between(requesting, requested, on=on)
    limit_unconfirmed = not (
        requesting.is_confirmed("age_limit") and requested.is_confirmed("age_limit")
    )
    # Arrears that fell due while the child was under the limit may still be recovered on a
    # recognition or enforcement application (cf. Art 56(3)); establishing or modifying a
    # decision for a person over the limit is outside the Convention.
    severity = (
        W
        if case.application_type
        in (ApplicationType.CREDITOR_RECOGNITION, ApplicationType.CREDITOR_ENFORCEMENT)
        else E
    )
    for person in case.with_role(PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT):
        if person.date_of_birth is None:
            continue  # reported under Art 11(1)(d)
        age = age_on(person.date_of_birth, on)
        if age >= 21:
            findings.add(
                "art_2_1_a.age_limit",
                severity,
                "2(1)(a)",
                _(
                    "Article 2(1)(a): the Convention covers child support for persons under 21; "
                    "%(name)s is %(age)s."
                ),
                field=f"parties.{person.key}.date_of_birth",
                name=person.family_name,
                age=age,
            )
        elif age >= limit:
            findings.add(
                "art_2_2.under_18_reservation",
                severity,
                "2(2)",
                _(
                    "Article 2(2): one of the two States limits the Convention to persons under "
                    "18, so it does not apply between them to %(name)s, who is %(age)s."
                ),
                field=f"parties.{person.key}.date_of_birth",
                unconfirmed=limit_unconfirmed,
                name=person.family_name,
                age=age,
            )


# --- Art 7 requests for specific measures -------------------------------------------------------


def _check_specific_measures(case: OutgoingCase, findings: _Findings) -> None:
    if case.application_type is not None and case.specific_measures:
        findings.add(
            "art_7_1.with_application",
            E,
            "7(1)",
            _(
                "Article 7(1): specific measures are requested on their own only when no "
                "application under Article 10 is made; within an application they are measures "
                "under Article 6(2)."
            ),
            field="specific_measures",
        )
        return
    if not case.specific_measures:
        findings.add(
            "art_11_1_a.nature",
            E,
            "11(1)(a)",
            _("Article 11(1)(a): state the nature of the application or request."),
            field="application_type",
        )
        return
    if not case.reasons.strip():
        findings.add(
            "art_7_1.reasons",
            E,
            "7(1)",
            _("Article 7(1): a request for specific measures must be supported by reasons."),
            field="reasons",
        )
    if case.article_10_application_pending and not case.case_pending_in_requesting_state:
        findings.add(
            "art_7_1.application_pending",
            E,
            "7(1)",
            _(
                "Article 7(1): an application under Article 10 between the same parties is "
                "pending; ask for the measures within that application (Article 6(2)), or under "
                "Article 7(2) for a case pending in the requesting State."
            ),
            field="article_10_application_pending",
        )


# --- Art 10 applications -------------------------------------------------------------------------


def _check_application(
    case: OutgoingCase,
    requesting: ContractingState,
    requested: ContractingState,
    on: date,
    findings: _Findings,
) -> None:
    application_type = case.application_type
    assert application_type is not None
    if not case.applicant_consents:
        findings.add(
            "art_12_2.consent",
            E,
            "12(2)",
            _(
                "Article 12(2): the application is transmitted on behalf of and with the consent "
                "of the applicant; record the consent."
            ),
            field="applicant_consents",
        )
    applicant = case.applicant
    if applicant is None:
        findings.add(
            "art_11_1_b.applicant",
            E,
            "11(1)(b)",
            _("Article 11(1)(b): the application must name exactly one applicant."),
            field="parties",
        )
    else:
        _check_applicant(case, application_type, applicant, requesting, findings)
    _check_decision(case, application_type, requested, findings)
    _check_contents(case, application_type, requested, on, findings)
    if application_type.accompanied_only_by_article_25_documents:
        _check_article_25(case, requested, on, findings)
    _check_article_18(case, application_type, findings)
    _check_legal_assistance(case, requested, on, findings)
    _check_languages(case, requested, on, findings)


def _acting_for(case: OutgoingCase, applicant: Party) -> Party:
    """The party whose roles count: the represented party when a representative applies."""
    if PartyRole.REPRESENTATIVE in applicant.roles and applicant.represents:
        return case.party(applicant.represents) or applicant
    return applicant


def _check_applicant(
    case: OutgoingCase,
    application_type: ApplicationType,
    applicant: Party,
    requesting: ContractingState,
    findings: _Findings,
) -> None:
    principal = _acting_for(case, applicant)
    if principal.is_public_body:
        # Art 36(1): a public body is a "creditor" only for 10(1)(a), (b) and 20(4) cases.
        if application_type not in (
            ApplicationType.CREDITOR_RECOGNITION,
            ApplicationType.CREDITOR_ENFORCEMENT,
        ):
            findings.add(
                "art_36_1.public_body_application",
                E,
                "36(1)",
                _(
                    "Article 36(1): a public body may apply only for recognition or enforcement "
                    "(Article 10(1)(a) and (b))."
                ),
                field=f"parties.{principal.key}.roles",
            )
    elif application_type.applicant_role not in principal.roles:
        article = "10(2)" if application_type.applicant_role is PartyRole.DEBTOR else "10(1)"
        findings.add(
            "art_10.applicant_role",
            E,
            article,
            _("Article 10(2): this application is available only to a debtor.")
            if application_type.applicant_role is PartyRole.DEBTOR
            else _("Article 10(1): this application is available only to a creditor."),
            field=f"parties.{principal.key}.roles",
        )
    # Art 9: through the Central Authority of the State where the applicant resides.
    if principal.habitual_residence and principal.habitual_residence != requesting.code:
        findings.add(
            "art_9.applicant_residence",
            E,
            "9",
            _(
                "Article 9: an application is made through the Central Authority of the State "
                "where the applicant resides."
            ),
            field=f"parties.{principal.key}.habitual_residence",
        )


def _check_decision(
    case: OutgoingCase,
    application_type: ApplicationType,
    requested: ContractingState,
    findings: _Findings,
) -> None:
    decision = case.decision
    article = application_type.article
    if decision is None:
        if application_type.requires_existing_decision:
            findings.add(
                "art_10.decision_missing",
                E,
                article,
                _("Article %(article)s: this application concerns an existing decision; add it."),
                field="decision",
                article=article,
            )
        return
    made_in_requested = decision.state_of_origin == requested.code
    if application_type is ApplicationType.CREDITOR_ESTABLISHMENT:
        findings.add(
            "art_10_1_c.decision_exists",
            W,
            "10(1)(c)",
            _(
                "Article 10(1)(c): establishment is for cases with no existing decision; consider "
                "recognition (Article 10(1)(a)) or modification."
            ),
            field="decision",
        )
    elif application_type is ApplicationType.CREDITOR_ESTABLISHMENT_AFTER_REFUSAL:
        if not decision.no_basis_for_recognition and decision.recognition_refused_on not in (
            RefusalGround.FRAUD,
            RefusalGround.NO_PROPER_NOTICE,
        ):
            findings.add(
                "art_10_1_d.no_refusal",
                E,
                "10(1)(d)",
                _(
                    "Article 10(1)(d): this application requires that recognition is impossible "
                    "for want of a basis under Article 20, or refused under Article 22(b) or (e)."
                ),
                field="decision.recognition_refused_on",
            )
    elif application_type is ApplicationType.CREDITOR_ENFORCEMENT:
        if not (made_in_requested or decision.recognised_in_requested_state):
            findings.add(
                "art_10_1_b.not_made_or_recognised",
                E,
                "10(1)(b)",
                _(
                    "Article 10(1)(b): enforcement is for a decision made or recognised in the "
                    "requested State; otherwise apply for recognition and enforcement "
                    "(Article 10(1)(a))."
                ),
                field="decision.state_of_origin",
            )
    elif application_type.is_modification:
        in_requested_types = (
            ApplicationType.CREDITOR_MODIFICATION_IN_REQUESTED_STATE,
            ApplicationType.DEBTOR_MODIFICATION_IN_REQUESTED_STATE,
        )
        if (application_type in in_requested_types) != made_in_requested:
            findings.add(
                "art_10.modification_state_of_origin",
                E,
                article,
                _(
                    "Article %(article)s: this application is for a decision made in the "
                    "requested State; choose the other modification application."
                )
                if application_type in in_requested_types
                else _(
                    "Article %(article)s: this application is for a decision made in a State "
                    "other than the requested State; choose the other modification application."
                ),
                field="application_type",
                article=article,
            )
    elif application_type is ApplicationType.CREDITOR_RECOGNITION and made_in_requested:
        findings.add(
            "art_10_1_a.made_in_requested_state",
            W,
            "10(1)(a)",
            _(
                "Article 10(1)(a): the decision was made in the requested State and needs no "
                "recognition there; consider enforcement (Article 10(1)(b))."
            ),
            field="application_type",
        )
    basis = decision.recognition_basis
    if (
        application_type.family is ApplicationFamily.RECOGNITION
        and basis is RecognitionBasis.WRITTEN_JURISDICTION_AGREEMENT
        and MaintenanceObligation.CHILD_SUPPORT in case.maintenance
    ):
        findings.add(
            "art_20_1_e.child_support",
            E,
            "20(1)(e)",
            _(
                "Article 20(1)(e): an agreement on jurisdiction is no basis for recognising a "
                "decision on child support."
            ),
            field="decision.recognition_basis",
        )


def _check_contents(
    case: OutgoingCase,
    application_type: ApplicationType,
    requested: ContractingState,
    on: date,
    findings: _Findings,
) -> None:
    """Art 11(1) minimum contents, and the requested State's declared requirements (11(1)(g))."""
    applicant = case.applicant
    if applicant is not None:
        if not applicant.has_name:
            findings.add(
                "art_11_1_b.applicant_name",
                E,
                "11(1)(b)",
                _("Article 11(1)(b): the applicant's name is missing."),
                field=f"parties.{applicant.key}.family_name",
            )
        if not applicant.address.strip():
            findings.add(
                "art_11_1_b.applicant_address",
                E,
                "11(1)(b)",
                _("Article 11(1)(b): the applicant's address is missing."),
                field=f"parties.{applicant.key}.address",
            )
        if not applicant.is_public_body and applicant.date_of_birth is None:
            findings.add(
                "art_11_1_b.applicant_date_of_birth",
                E,
                "11(1)(b)",
                _("Article 11(1)(b): the applicant's date of birth is missing."),
                field=f"parties.{applicant.key}.date_of_birth",
            )

    respondent_role = (
        PartyRole.CREDITOR
        if application_type.applicant_role is PartyRole.DEBTOR
        else PartyRole.DEBTOR
    )
    respondents = [p for p in case.with_role(respondent_role) if not p.is_applicant]
    if not respondents:
        findings.add(
            "art_11_1_c.respondent",
            E,
            "11(1)(c)",
            _("Article 11(1)(c): the application must name the respondent."),
            field="parties",
        )
    for respondent in respondents:
        if not respondent.has_name:
            findings.add(
                "art_11_1_c.respondent_name",
                E,
                "11(1)(c)",
                _("Article 11(1)(c): the respondent's name is missing."),
                field=f"parties.{respondent.key}.family_name",
            )
        if not respondent.address.strip():
            findings.add(
                "art_11_1_c.respondent_address",
                W,
                "11(1)(c)",
                _("Article 11(1)(c): give the respondent's address if it is known."),
                field=f"parties.{respondent.key}.address",
            )
        if respondent.date_of_birth is None and not respondent.is_public_body:
            findings.add(
                "art_11_1_c.respondent_date_of_birth",
                W,
                "11(1)(c)",
                _("Article 11(1)(c): give the respondent's date of birth if it is known."),
                field=f"parties.{respondent.key}.date_of_birth",
            )

    persons = case.with_role(PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT)
    if not persons:
        findings.add(
            "art_11_1_d.persons",
            E,
            "11(1)(d)",
            _("Article 11(1)(d): name each person for whom maintenance is sought."),
            field="parties",
        )
    for person in persons:
        if not person.has_name:
            findings.add(
                "art_11_1_d.name",
                E,
                "11(1)(d)",
                _(
                    "Article 11(1)(d): the name of a person for whom maintenance is sought is "
                    "missing."
                ),
                field=f"parties.{person.key}.family_name",
            )
        if person.date_of_birth is None:
            findings.add(
                "art_11_1_d.date_of_birth",
                E,
                "11(1)(d)",
                _(
                    "Article 11(1)(d): the date of birth of %(name)s, for whom maintenance is "
                    "sought, is missing."
                ),
                field=f"parties.{person.key}.date_of_birth",
                name=person.family_name,
            )

    if not case.grounds.strip():
        findings.add(
            "art_11_1_e.grounds",
            E,
            "11(1)(e)",
            _("Article 11(1)(e): state the grounds on which the application is based."),
            field="grounds",
        )
    if application_type.applicant_role is PartyRole.CREDITOR and not case.payment_details.strip():
        findings.add(
            "art_11_1_f.payment_details",
            E,
            "11(1)(f)",
            _("Article 11(1)(f): say where maintenance payments should be sent or transmitted."),
            field="payment_details",
        )
    if application_type.subject_to_declared_requirements:
        unconfirmed = not requested.is_confirmed("declared_requirements")
        for requirement in requested.declared_requirements_on(on):
            if requirement.code not in case.declared_requirements_met:
                findings.add(
                    "art_11_1_g.declared_requirement",
                    E,
                    "11(1)(g)",
                    _("Article 11(1)(g): %(state)s requires by declaration: %(requirement)s"),
                    field="declared_requirements_met",
                    unconfirmed=unconfirmed,
                    state=requested.name,
                    requirement=requirement.description,
                )
        if unconfirmed:
            findings.add(
                "art_11_1_g.requirements_unconfirmed",
                W,
                "11(1)(g)",
                _(
                    "Article 11(1)(g): the information and documents %(state)s requires by "
                    "declaration could not be confirmed; check its Country Profile."
                ),
                state=requested.name,
            )
    if not case.responsible_person.strip():
        findings.add(
            "art_11_1_h.responsible_person",
            E,
            "11(1)(h)",
            _(
                "Article 11(1)(h): name the person or unit of the requesting Central Authority "
                "responsible for processing the application."
            ),
            field="responsible_person",
        )
    if application_type.accompanied_only_by_article_25_documents:
        for document in sorted(case.documents - _RECOGNITION_DOCUMENTS):
            findings.add(
                "art_11_3.only_article_25_documents",
                E,
                "11(3)",
                _(
                    "Article 11(3): an application under Article 10(1)(a) or 10(2)(a) is "
                    "accompanied only by the documents listed in Article 25; remove: %(document)s."
                ),
                field="documents",
                document=document.label,
            )


_RECOGNITION_DOCUMENTS = frozenset(d for d in DocumentKind if d.listed_in_article_25)


def _check_article_25(
    case: OutgoingCase,
    requested: ContractingState,
    on: date,
    findings: _Findings,
) -> None:
    """Documents for recognition and enforcement (Art 25; Art 30(3) for arrangements)."""
    decision = case.decision
    if decision is None:
        return
    docs = case.documents

    def missing(code: str, article: str, template: Any, severity: Severity = E) -> None:
        findings.add(code, severity, article, template, field="documents")

    if decision.is_maintenance_arrangement:
        if requested.reserves_against_arrangements_on(on):
            findings.add(
                "art_30_8.arrangements_reserved",
                E,
                "30(8)",
                _(
                    "Article 30(8): %(state)s has reserved the right not to recognise and enforce "
                    "maintenance arrangements."
                ),
                field="decision.is_maintenance_arrangement",
                unconfirmed=not requested.is_confirmed("reserves_against_arrangements"),
                state=requested.name,
            )
        if DocumentKind.ARRANGEMENT_TEXT not in docs:
            missing(
                "art_30_3_a.arrangement_text",
                "30(3)(a)",
                _("Article 30(3)(a): attach the complete text of the maintenance arrangement."),
            )
        if DocumentKind.ARRANGEMENT_ENFORCEABILITY not in docs:
            missing(
                "art_30_3_b.arrangement_enforceability",
                "30(3)(b)",
                _(
                    "Article 30(3)(b): attach a document stating that the maintenance arrangement "
                    "is enforceable as a decision in the State of origin."
                ),
            )
        return

    if DocumentKind.DECISION_TEXT not in docs:
        if DocumentKind.DECISION_ABSTRACT not in docs:
            missing(
                "art_25_1_a.decision_text",
                "25(1)(a)",
                _("Article 25(1)(a): attach the complete text of the decision."),
            )
        elif requested.accepts_abstract_on(on) is not True:
            findings.add(
                "art_25_3_b.abstract",
                W,
                "25(3)(b)",
                _(
                    "Article 25(3)(b): %(state)s is not known to accept an abstract of the "
                    "decision in lieu of its complete text."
                ),
                field="documents",
                state=requested.name,
            )
    if DocumentKind.STATEMENT_OF_ENFORCEABILITY not in docs:
        missing(
            "art_25_1_b.enforceability",
            "25(1)(b)",
            _(
                "Article 25(1)(b): attach a document stating that the decision is enforceable (or "
                "has effect, Article 26) in the State of origin."
            ),
        )
    if (
        decision.by_administrative_authority
        and DocumentKind.ADMINISTRATIVE_DECISION_STATEMENT not in docs
    ):
        missing(
            "art_25_1_b.article_19_3",
            "25(1)(b)",
            _(
                "Article 25(1)(b): for a decision of an administrative authority, attach a "
                "statement that the requirements of Article 19(3) are met, unless the State of "
                "origin or the requested State has specified otherwise (Articles 25(3)(c), 57)."
            ),
            W,
        )
    if not decision.respondent_appeared and DocumentKind.STATEMENT_OF_PROPER_NOTICE not in docs:
        missing(
            "art_25_1_c.proper_notice",
            "25(1)(c)",
            _(
                "Article 25(1)(c): the respondent neither appeared nor was represented; attach a "
                "document attesting proper notice and an opportunity to be heard or to challenge."
            ),
        )
    if decision.arrears_claimed and DocumentKind.ARREARS_STATEMENT not in docs:
        missing(
            "art_25_1_d.arrears",
            "25(1)(d)",
            _(
                "Article 25(1)(d): arrears are claimed; attach a document showing their amount "
                "and the date it was calculated."
            ),
        )
    if decision.automatic_indexation and DocumentKind.INDEXATION_INFORMATION not in docs:
        missing(
            "art_25_1_e.indexation",
            "25(1)(e)",
            _(
                "Article 25(1)(e): the decision provides for automatic indexation; attach the "
                "information needed to make the calculations."
            ),
        )
    basis = decision.recognition_basis
    if basis is not None and basis in requested.recognition_basis_reservations_on(on):
        findings.add(
            "art_20_2.basis_reserved",
            W,
            "20(2)",
            _(
                "Article 20(2): %(state)s has reserved against this basis for recognition; it "
                "will recognise only under Article 20(3), or establish a decision under 20(4)."
            ),
            field="decision.recognition_basis",
            state=requested.name,
        )


def _check_article_18(
    case: OutgoingCase, application_type: ApplicationType, findings: _Findings
) -> None:
    """Art 18: the debtor may not seek modification elsewhere while the creditor stays put."""
    decision = case.decision
    if application_type is not ApplicationType.DEBTOR_MODIFICATION_ELSEWHERE or decision is None:
        return
    if case.article_18_exception is not None:
        if (
            case.article_18_exception is Article18Exception.WRITTEN_AGREEMENT
            and MaintenanceObligation.CHILD_SUPPORT in case.maintenance
        ):
            findings.add(
                "art_18_2_a.child_support",
                E,
                "18(2)(a)",
                _(
                    "Article 18(2)(a): an agreement on jurisdiction does not lift the limit on "
                    "proceedings in disputes about maintenance for children."
                ),
                field="article_18_exception",
            )
        return
    creditors = [p for p in case.with_role(PartyRole.CREDITOR) if not p.is_applicant]
    if any(c.habitual_residence == decision.state_of_origin for c in creditors):
        findings.add(
            "art_18_1.creditor_in_state_of_origin",
            W,
            "18(1)",
            _(
                "Article 18(1): the creditor still lives in the State where the decision was "
                "made, so the debtor cannot seek its modification in another State unless an "
                "exception of Article 18(2) applies; record the exception if there is one."
            ),
            field="article_18_exception",
        )


def legal_assistance_regime(
    case: OutgoingCase,
    *,
    on: date,
    registry: StateRegistry | None = None,
) -> LegalAssistanceRegime:
    """Which rule of Art 15 to 17 governs free legal assistance for ``case`` in the requested State.

    Art 15 covers applications *by a creditor* concerning child support (under 21); a public
    body counts as a creditor for 10(1)(a) and (b) (Art 36(1)). The requested State may refuse
    as manifestly unfounded save for 10(1)(a) and (b) (15(2)), or apply a declared child-means
    test to the same applications (16). Everything else falls under Art 17.
    """
    application_type = case.application_type
    if application_type is None:
        return LegalAssistanceRegime.NOT_APPLICABLE
    requested = (registry or default_registry())[case.requested_state]
    persons = case.with_role(PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT)
    child_support = MaintenanceObligation.CHILD_SUPPORT in case.maintenance and all(
        p.date_of_birth is None or age_on(p.date_of_birth, on) < 21 for p in persons
    )
    if application_type.applicant_role is not PartyRole.CREDITOR or not child_support:
        return LegalAssistanceRegime.MEANS_OR_MERITS_TEST
    if application_type in (
        ApplicationType.CREDITOR_RECOGNITION,
        ApplicationType.CREDITOR_ENFORCEMENT,
    ):
        return LegalAssistanceRegime.FREE
    if requested.child_means_test_on(on):
        return LegalAssistanceRegime.CHILD_MEANS_TEST
    return LegalAssistanceRegime.FREE_UNLESS_MANIFESTLY_UNFOUNDED


def _check_legal_assistance(
    case: OutgoingCase,
    requested: ContractingState,
    on: date,
    findings: _Findings,
) -> None:
    regime = legal_assistance_regime(case, on=on, registry=StateRegistry([requested]))
    docs = case.documents
    if regime is LegalAssistanceRegime.CHILD_MEANS_TEST and (
        DocumentKind.CHILD_MEANS_ATTESTATION not in docs
    ):
        findings.add(
            "art_16_3.attestation",
            E,
            "16(3)",
            _(
                "Article 16(3): %(state)s applies a child-means test; attach the applicant's "
                "formal attestation that the child's means meet its criteria."
            ),
            field="documents",
            unconfirmed=not requested.is_confirmed("child_means_test"),
            state=requested.name,
        )
    if (
        regime is LegalAssistanceRegime.MEANS_OR_MERITS_TEST
        and case.seeks_free_legal_assistance
        and not case.application_type.accompanied_only_by_article_25_documents  # type: ignore[union-attr]
        and DocumentKind.LEGAL_ASSISTANCE_ENTITLEMENT not in docs
    ):
        findings.add(
            "art_17_a.entitlement_documentation",
            W,
            "17(a)",
            _(
                "Articles 11(3) and 17(a): free legal assistance for this application may depend "
                "on a means or merits test; attach documentation of the applicant's entitlement."
            ),
            field="documents",
        )
    recognition_or_enforcement = case.application_type in (
        ApplicationType.CREDITOR_RECOGNITION,
        ApplicationType.CREDITOR_ENFORCEMENT,
        ApplicationType.DEBTOR_RECOGNITION,
    )
    if (
        recognition_or_enforcement
        and case.legal_assistance_in_state_of_origin
        and DocumentKind.LEGAL_ASSISTANCE_IN_ORIGIN not in docs
    ):
        findings.add(
            "art_17_b.legal_assistance_in_origin",
            W,
            "17(b)",
            _(
                "Articles 17(b) and 25(1)(f): the applicant had free legal assistance in the State "
                "of origin and is entitled to at least the same; attach documentation of its "
                "extent."
            ),
            field="documents",
        )


def _check_languages(
    case: OutgoingCase, requested: ContractingState, on: date, findings: _Findings
) -> None:
    if not case.document_languages:
        return
    accepted = set(requested.accepted_languages_on(on))
    if not accepted & case.document_languages:
        findings.add(
            "art_44_1.translation",
            E,
            "44(1)",
            _(
                "Article 44(1): add a translation into an official language of %(state)s or a "
                "language it accepts (%(languages)s), unless its competent authority dispenses "
                "with it."
            ),
            field="document_languages",
            unconfirmed=not (
                requested.is_confirmed("official_languages")
                and requested.is_confirmed("accepted_languages")
            ),
            state=requested.name,
            languages=", ".join(sorted(accepted)),
        )


# --- costs (Art 8, 14(5), 45(3)) -----------------------------------------------------------------


def _check_charges(case: OutgoingCase, findings: _Findings) -> None:
    for index, charge in enumerate(case.charges):
        where = f"charges.{index}"
        if charge.kind is ChargeKind.CENTRAL_AUTHORITY_SERVICE:
            findings.add(
                "art_8_2.charge",
                E,
                "8(2)",
                _(
                    "Article 8(2): a Central Authority may not charge an applicant for its "
                    "services under the Convention."
                ),
                field=where,
            )
        elif charge.kind is ChargeKind.EXCEPTIONAL_COST:
            if not case.is_specific_measures_request:
                findings.add(
                    "art_8_2.exceptional_cost",
                    E,
                    "8(2)",
                    _(
                        "Article 8(2): exceptional costs may be charged only for a request for "
                        "specific measures under Article 7."
                    ),
                    field=where,
                )
            elif not charge.consented_in_advance:
                findings.add(
                    "art_8_3.consent",
                    E,
                    "8(3)",
                    _(
                        "Article 8(3): exceptional costs may be recovered only with the "
                        "applicant's prior consent to the services at that cost."
                    ),
                    field=where,
                )
        elif charge.kind is ChargeKind.SECURITY_FOR_COSTS:
            findings.add(
                "art_14_5.security",
                E,
                "14(5)",
                _(
                    "Article 14(5): no security, bond or deposit may be required to guarantee the "
                    "payment of costs."
                ),
                field=where,
            )
        elif charge.kind is ChargeKind.TRANSLATION and charge.covered_by_legal_assistance:
            findings.add(
                "art_45_3.translation",
                E,
                "45(3)",
                _(
                    "Article 45(3): translation costs covered by legal assistance may not be "
                    "charged to the applicant."
                ),
                field=where,
            )


__all__ = [
    "ApplicantCharge",
    "Decision",
    "Finding",
    "OutgoingCase",
    "Party",
    "age_on",
    "has_errors",
    "legal_assistance_regime",
    "validate_case",
]
