"""The Convention's vocabulary as string enumerations.

Every member's value is a stable identifier that other layers store in the database and in XML:
never rename a value, add a new member instead. Every member carries a translatable ``label`` and
the ``article`` it comes from (article numbers without a prefix are articles of the 2007 Hague
Convention; "Reg." prefixes an article of Regulation (EC) No 4/2009).
"""

from __future__ import annotations

import enum
from typing import Any, Self

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ConventionEnum(enum.StrEnum):
    """A ``StrEnum`` whose members are declared as ``(value, label, article)``.

    ``article`` is ``None`` only where no article defines the term; the member's docstring in
    its class says where it comes from instead.
    """

    label: Any
    article: str | None

    def __new__(cls, value: str, label: Any, article: str | None) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        member.article = article
        return member

    @classmethod
    def choices(cls) -> list[tuple[str, Any]]:
        """``(value, label)`` pairs, the shape Django form and model fields take as choices."""
        return [(member.value, member.label) for member in cls]


class PartyRole(ConventionEnum):
    """Roles a party plays in a case (Art 3 definitions, Art 11(1)(d), Art 36)."""

    CREDITOR = ("creditor", _("Creditor"), "3(a)")
    DEBTOR = ("debtor", _("Debtor"), "3(b)")
    PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT = (
        "person_for_whom_maintenance_is_sought",
        _("Person for whom maintenance is sought"),
        "11(1)(d)",
    )
    PUBLIC_BODY = ("public_body", _("Public body"), "36")
    # No article defines the representative: the recommended application forms let the applicant
    # be "the representative" of the creditor or of the debtor (e.g. a parent for a minor child).
    REPRESENTATIVE = ("representative", _("Representative"), None)


class ApplicationType(ConventionEnum):
    """The nine applications available through Central Authorities (Art 10).

    ``regulation_article`` is the parallel application under Regulation (EC) No 4/2009, Art 56.
    """

    CREDITOR_RECOGNITION = (
        "art_10_1_a",
        _("Recognition or recognition and enforcement of a decision"),
        "10(1)(a)",
    )
    CREDITOR_ENFORCEMENT = (
        "art_10_1_b",
        _("Enforcement of a decision made or recognised in the requested State"),
        "10(1)(b)",
    )
    CREDITOR_ESTABLISHMENT = (
        "art_10_1_c",
        _("Establishment of a decision where there is no existing decision"),
        "10(1)(c)",
    )
    CREDITOR_ESTABLISHMENT_AFTER_REFUSAL = (
        "art_10_1_d",
        _("Establishment of a decision where recognition and enforcement is impossible or refused"),
        "10(1)(d)",
    )
    CREDITOR_MODIFICATION_IN_REQUESTED_STATE = (
        "art_10_1_e",
        _("Modification of a decision made in the requested State (creditor)"),
        "10(1)(e)",
    )
    CREDITOR_MODIFICATION_ELSEWHERE = (
        "art_10_1_f",
        _("Modification of a decision made in a State other than the requested State (creditor)"),
        "10(1)(f)",
    )
    DEBTOR_RECOGNITION = (
        "art_10_2_a",
        _("Recognition of a decision to suspend or limit the enforcement of a previous decision"),
        "10(2)(a)",
    )
    DEBTOR_MODIFICATION_IN_REQUESTED_STATE = (
        "art_10_2_b",
        _("Modification of a decision made in the requested State (debtor)"),
        "10(2)(b)",
    )
    DEBTOR_MODIFICATION_ELSEWHERE = (
        "art_10_2_c",
        _("Modification of a decision made in a State other than the requested State (debtor)"),
        "10(2)(c)",
    )

    @property
    def applicant_role(self) -> PartyRole:
        """Who may make the application: a creditor (10(1)) or a debtor (10(2))."""
        return PartyRole.DEBTOR if self.value.startswith("art_10_2") else PartyRole.CREDITOR

    @property
    def family(self) -> ApplicationFamily:
        """The recommended form and Status of Application Report variant the type belongs to."""
        return _FAMILIES[self]

    @property
    def regulation_article(self) -> str:
        """The parallel application of Regulation (EC) No 4/2009, Art 56 (same lettering)."""
        return "Reg. 56" + self.article.removeprefix("10")

    @property
    def accompanied_only_by_article_25_documents(self) -> bool:
        """Art 11(3): 10(1)(a) and 10(2)(a) carry only the Art 25 documents."""
        return self in (ApplicationType.CREDITOR_RECOGNITION, ApplicationType.DEBTOR_RECOGNITION)

    @property
    def subject_to_declared_requirements(self) -> bool:
        """Art 11(1)(g): the requested State's declared requirements, save for (1)(a), (2)(a)."""
        return not self.accompanied_only_by_article_25_documents

    @property
    def requires_existing_decision(self) -> bool:
        """Art 10: every type but establishment (1)(c), (1)(d) presupposes a decision."""
        return self not in (
            ApplicationType.CREDITOR_ESTABLISHMENT,
            ApplicationType.CREDITOR_ESTABLISHMENT_AFTER_REFUSAL,
        )

    @property
    def is_modification(self) -> bool:
        return self.family is ApplicationFamily.MODIFICATION


class ApplicationFamily(ConventionEnum):
    """Groups of Art 10 applications sharing a recommended form (Art 11(4))."""

    RECOGNITION = (
        "recognition",
        _("Recognition or recognition and enforcement"),
        "10(1)(a), 10(2)(a)",
    )
    ENFORCEMENT = ("enforcement", _("Enforcement"), "10(1)(b)")
    ESTABLISHMENT = ("establishment", _("Establishment of a decision"), "10(1)(c), 10(1)(d)")
    MODIFICATION = (
        "modification",
        _("Modification of a decision"),
        "10(1)(e), 10(1)(f), 10(2)(b), 10(2)(c)",
    )


_FAMILIES = {
    ApplicationType.CREDITOR_RECOGNITION: ApplicationFamily.RECOGNITION,
    ApplicationType.CREDITOR_ENFORCEMENT: ApplicationFamily.ENFORCEMENT,
    ApplicationType.CREDITOR_ESTABLISHMENT: ApplicationFamily.ESTABLISHMENT,
    ApplicationType.CREDITOR_ESTABLISHMENT_AFTER_REFUSAL: ApplicationFamily.ESTABLISHMENT,
    ApplicationType.CREDITOR_MODIFICATION_IN_REQUESTED_STATE: ApplicationFamily.MODIFICATION,
    ApplicationType.CREDITOR_MODIFICATION_ELSEWHERE: ApplicationFamily.MODIFICATION,
    ApplicationType.DEBTOR_RECOGNITION: ApplicationFamily.RECOGNITION,
    ApplicationType.DEBTOR_MODIFICATION_IN_REQUESTED_STATE: ApplicationFamily.MODIFICATION,
    ApplicationType.DEBTOR_MODIFICATION_ELSEWHERE: ApplicationFamily.MODIFICATION,
}


class SpecificMeasure(ConventionEnum):
    """Measures that may be requested on their own under Art 7: only Art 6(2) b, c, g, h, i, j."""

    LOCATE = ("art_6_2_b", _("Help locate the debtor or the creditor"), "6(2)(b)")
    FINANCIAL_INFORMATION = (
        "art_6_2_c",
        _("Help obtain information on income and other financial circumstances, including assets"),
        "6(2)(c)",
    )
    EVIDENCE = (
        "art_6_2_g",
        _("Facilitate the obtaining of documentary or other evidence"),
        "6(2)(g)",
    )
    PARENTAGE = ("art_6_2_h", _("Assist in establishing parentage"), "6(2)(h)")
    PROVISIONAL_MEASURES = (
        "art_6_2_i",
        _("Initiate or facilitate proceedings for territorial provisional measures"),
        "6(2)(i)",
    )
    SERVICE_OF_DOCUMENTS = ("art_6_2_j", _("Facilitate service of documents"), "6(2)(j)")


class LegalBasis(ConventionEnum):
    """The instrument a case travels under (Art 48, 49, 51, 52; Reg. 4/2009)."""

    HAGUE_2007 = ("hague_2007", _("2007 Hague Child Support Convention"), "1")
    EU_REGULATION_4_2009 = (
        "eu_regulation_4_2009",
        _("Regulation (EC) No 4/2009"),
        "51(4)",
    )
    UN_NEW_YORK_1956 = (
        "un_new_york_1956",
        _("1956 New York Convention on the Recovery Abroad of Maintenance"),
        "49",
    )
    BILATERAL_OR_RECIPROCITY = (
        "bilateral_or_reciprocity",
        _("Bilateral agreement or reciprocity arrangement"),
        "51(3), 52",
    )


class MaintenanceObligation(ConventionEnum):
    """What is claimed, for the scope rules of Art 2."""

    CHILD_SUPPORT = (
        "child_support",
        _("Child support (parent-child relationship, person under 21)"),
        "2(1)(a)",
    )
    SPOUSAL_SUPPORT = ("spousal_support", _("Spousal support"), "2(1)(b), 2(1)(c)")
    PARENT_CHILD_21_AND_OVER = (
        "parent_child_21_and_over",
        _("Maintenance for a child aged 21 or over"),
        "2(3)",
    )
    VULNERABLE_PERSON = (
        "vulnerable_person",
        _("Maintenance for a vulnerable person"),
        "2(3), 3(f)",
    )
    OTHER_FAMILY = (
        "other_family",
        _("Other family maintenance (family relationship, parentage, marriage or affinity)"),
        "2(3)",
    )


class RecognitionBasis(ConventionEnum):
    """Bases for recognition and enforcement (Art 20(1)); c, e and f may be reserved (20(2))."""

    RESPONDENT_RESIDENCE = (
        "art_20_1_a",
        _("Respondent habitually resident in the State of origin"),
        "20(1)(a)",
    )
    RESPONDENT_SUBMISSION = (
        "art_20_1_b",
        _("Respondent submitted to the jurisdiction"),
        "20(1)(b)",
    )
    CREDITOR_RESIDENCE = (
        "art_20_1_c",
        _("Creditor habitually resident in the State of origin"),
        "20(1)(c)",
    )
    CHILD_RESIDENCE = (
        "art_20_1_d",
        _("Child habitually resident in the State of origin, with the respondent"),
        "20(1)(d)",
    )
    WRITTEN_JURISDICTION_AGREEMENT = (
        "art_20_1_e",
        _("Agreement to the jurisdiction in writing (not for child support)"),
        "20(1)(e)",
    )
    PERSONAL_STATUS_JURISDICTION = (
        "art_20_1_f",
        _("Authority with jurisdiction on personal status or parental responsibility"),
        "20(1)(f)",
    )

    @property
    def reservable(self) -> bool:
        """Art 20(2): a State may reserve against bases c), e) and f)."""
        return self in (
            RecognitionBasis.CREDITOR_RESIDENCE,
            RecognitionBasis.WRITTEN_JURISDICTION_AGREEMENT,
            RecognitionBasis.PERSONAL_STATUS_JURISDICTION,
        )


class RefusalGround(ConventionEnum):
    """Grounds for refusing recognition and enforcement (Art 22), and payment (23(8), 24(5))."""

    PUBLIC_POLICY = ("art_22_a", _("Manifestly incompatible with public policy"), "22(a)")
    FRAUD = ("art_22_b", _("Decision obtained by fraud in connection with procedure"), "22(b)")
    PENDING_PROCEEDINGS = (
        "art_22_c",
        _("Earlier proceedings between the same parties pending in the State addressed"),
        "22(c)",
    )
    INCOMPATIBLE_DECISION = ("art_22_d", _("Incompatible decision"), "22(d)")
    NO_PROPER_NOTICE = (
        "art_22_e",
        _("Respondent neither appeared nor was represented, without proper notice"),
        "22(e)",
    )
    ARTICLE_18_VIOLATION = ("art_22_f", _("Decision made in violation of Article 18"), "22(f)")
    # Not an Art 22 ground, but a ground a challenge or a refusal may be founded on.
    DEBT_FULFILLED = (
        "art_23_8",
        _("Payments that fell due in the past have been made"),
        "23(8), 24(5)",
    )


class ArrangementRefusalGround(ConventionEnum):
    """Grounds for refusing a maintenance arrangement (Art 30(4)), which replace Art 22."""

    PUBLIC_POLICY = ("art_30_4_a", _("Manifestly incompatible with public policy"), "30(4)(a)")
    FRAUD_OR_FALSIFICATION = ("art_30_4_b", _("Obtained by fraud or falsification"), "30(4)(b)")
    INCOMPATIBLE_DECISION = ("art_30_4_c", _("Incompatible decision"), "30(4)(c)")


class Article18Exception(ConventionEnum):
    """Exceptions to the limit on proceedings by the debtor (Art 18(2))."""

    WRITTEN_AGREEMENT = (
        "art_18_2_a",
        _("Agreement in writing to the jurisdiction (not for child support)"),
        "18(2)(a)",
    )
    CREDITOR_SUBMITS = ("art_18_2_b", _("The creditor submits to the jurisdiction"), "18(2)(b)")
    ORIGIN_DECLINES = (
        "art_18_2_c",
        _("The State of origin cannot or refuses to exercise jurisdiction"),
        "18(2)(c)",
    )
    NOT_RECOGNISABLE = (
        "art_18_2_d",
        _("The decision cannot be recognised where modification is sought"),
        "18(2)(d)",
    )


class EnforcementMeasure(ConventionEnum):
    """Enforcement measures (Art 34(2)); ``OTHER`` is any other measure of internal law (34(1))."""

    WAGE_WITHHOLDING = ("wage_withholding", _("Wage withholding"), "34(2)(a)")
    GARNISHMENT = ("garnishment", _("Garnishment from bank accounts and other sources"), "34(2)(b)")
    SOCIAL_SECURITY_DEDUCTION = (
        "social_security_deduction",
        _("Deductions from social security payments"),
        "34(2)(c)",
    )
    PROPERTY_LIEN_OR_SALE = (
        "property_lien_or_sale",
        _("Lien on or forced sale of property"),
        "34(2)(d)",
    )
    TAX_REFUND_WITHHOLDING = ("tax_refund_withholding", _("Tax refund withholding"), "34(2)(e)")
    PENSION_ATTACHMENT = (
        "pension_attachment",
        _("Withholding or attachment of pension benefits"),
        "34(2)(f)",
    )
    CREDIT_BUREAU_REPORTING = ("credit_bureau_reporting", _("Credit bureau reporting"), "34(2)(g)")
    LICENCE_SANCTION = (
        "licence_sanction",
        _("Denial, suspension or revocation of licences"),
        "34(2)(h)",
    )
    MEDIATION = (
        "mediation",
        _("Mediation, conciliation or similar processes"),
        "34(2)(i)",
    )
    OTHER = ("other", pgettext_lazy("enforcement measure", "Other measure"), "34(1)")


class DocumentKind(ConventionEnum):
    """Documents that accompany an application (Art 11(3), 16(3), 25, 30(3), 36(4))."""

    DECISION_TEXT = ("decision_text", _("Complete text of the decision"), "25(1)(a)")
    DECISION_ABSTRACT = ("decision_abstract", _("Abstract or extract of the decision"), "25(3)(b)")
    STATEMENT_OF_ENFORCEABILITY = (
        "statement_of_enforceability",
        _("Statement that the decision is enforceable in the State of origin"),
        "25(1)(b)",
    )
    ADMINISTRATIVE_DECISION_STATEMENT = (
        "administrative_decision_statement",
        _("Statement that the requirements of Article 19(3) are met"),
        "25(1)(b), 19(3)",
    )
    STATEMENT_OF_PROPER_NOTICE = (
        "statement_of_proper_notice",
        _("Document attesting proper notice to the respondent"),
        "25(1)(c)",
    )
    ARREARS_STATEMENT = (
        "arrears_statement",
        _("Statement of arrears and the date they were calculated"),
        "25(1)(d)",
    )
    INDEXATION_INFORMATION = (
        "indexation_information",
        _("Information needed for indexation calculations"),
        "25(1)(e)",
    )
    LEGAL_ASSISTANCE_IN_ORIGIN = (
        "legal_assistance_in_origin",
        _("Extent of free legal assistance received in the State of origin"),
        "25(1)(f)",
    )
    ARRANGEMENT_TEXT = (
        "arrangement_text",
        _("Complete text of the maintenance arrangement"),
        "30(3)(a)",
    )
    ARRANGEMENT_ENFORCEABILITY = (
        "arrangement_enforceability",
        _("Statement that the maintenance arrangement is enforceable"),
        "30(3)(b)",
    )
    LEGAL_ASSISTANCE_ENTITLEMENT = (
        "legal_assistance_entitlement",
        _("Documentation of entitlement to free legal assistance"),
        "11(3)",
    )
    CHILD_MEANS_ATTESTATION = (
        "child_means_attestation",
        _("Attestation that the child's means meet the criteria"),
        "16(3)",
    )
    FINANCIAL_CIRCUMSTANCES = (
        "financial_circumstances",
        _("Financial circumstances form"),
        "11(2)",
    )
    PUBLIC_BODY_ENTITLEMENT = (
        "public_body_entitlement",
        _("Proof of the public body's right and of benefits provided"),
        "36(4)",
    )
    SUPPORTING_DOCUMENT = ("supporting_document", _("Other supporting document"), "11(3)")

    @property
    def listed_in_article_25(self) -> bool:
        """Documents an application under 10(1)(a) or 10(2)(a) may carry (Art 11(3), 25, 30(3))."""
        return self in ARTICLE_25_DOCUMENTS


ARTICLE_25_DOCUMENTS = frozenset(
    {
        DocumentKind.DECISION_TEXT,
        DocumentKind.DECISION_ABSTRACT,
        DocumentKind.STATEMENT_OF_ENFORCEABILITY,
        DocumentKind.ADMINISTRATIVE_DECISION_STATEMENT,
        DocumentKind.STATEMENT_OF_PROPER_NOTICE,
        DocumentKind.ARREARS_STATEMENT,
        DocumentKind.INDEXATION_INFORMATION,
        DocumentKind.LEGAL_ASSISTANCE_IN_ORIGIN,
        DocumentKind.ARRANGEMENT_TEXT,
        DocumentKind.ARRANGEMENT_ENFORCEABILITY,
        # Furnished by a public body "upon request" (36(4)); harmless to send up front.
        DocumentKind.PUBLIC_BODY_ENTITLEMENT,
    }
)


class ChargeKind(ConventionEnum):
    """Charges a Central Authority might put on an applicant (Art 8, 14(5), 45(3))."""

    CENTRAL_AUTHORITY_SERVICE = (
        "central_authority_service",
        _("Central Authority services"),
        "8(2)",
    )
    EXCEPTIONAL_COST = (
        "exceptional_cost",
        _("Exceptional costs of a request for specific measures"),
        "8(2), 8(3)",
    )
    TRANSLATION = ("translation", _("Translation costs"), "45(3)")
    SECURITY_FOR_COSTS = (
        "security_for_costs",
        _("Security, bond or deposit for costs"),
        "14(5)",
    )


class LegalAssistanceRegime(ConventionEnum):
    """Which free legal assistance rule governs an application (Art 14 to 17)."""

    FREE = (
        "free",
        _("Free legal assistance; no means test and no refusal on the merits"),
        "15(1)",
    )
    FREE_UNLESS_MANIFESTLY_UNFOUNDED = (
        "free_unless_manifestly_unfounded",
        _("Free legal assistance unless manifestly unfounded on the merits"),
        "15(2)",
    )
    CHILD_MEANS_TEST = (
        "child_means_test",
        _("Free legal assistance subject to a test of the child's means"),
        "16",
    )
    MEANS_OR_MERITS_TEST = (
        "means_or_merits_test",
        _("Legal assistance may be subject to a means or merits test"),
        "17(a)",
    )
    NOT_APPLICABLE = (
        "not_applicable",
        _("No application under Chapter III (request for specific measures)"),
        "8",
    )


class Direction(ConventionEnum):
    """A case as seen by the requesting (outgoing) or the requested (incoming) Central Authority."""

    OUTGOING = ("outgoing", pgettext_lazy("case direction", "Outgoing"), "12(2)")
    INCOMING = ("incoming", pgettext_lazy("case direction", "Incoming"), "12(3)")


class Severity(ConventionEnum):
    """How serious a validation finding is: an error blocks transmission, a warning does not."""

    ERROR = ("error", pgettext_lazy("severity", "Error"), None)
    WARNING = ("warning", pgettext_lazy("severity", "Warning"), None)
