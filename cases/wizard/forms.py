"""Forms of the outgoing application wizard: each groups the fields of one section. They parse
and check the input; the services decide and write."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.engine import current_state, legal_basis_between, state_today
from cases.errors import CaseError
from cases.forms import (
    DocumentForm,
    PartyForm,
    _not_in_future,
    _with_article,
    add_case_error,
    date_field,
    document_kind_choices,
    state_choices,
)
from cases.models import PaymentFrequency, TransmissionMethod
from cases.services import application_subject
from cases.templatetags.cases_ui import article_reference
from convention.vocabulary import (
    ApplicationFamily,
    ApplicationType,
    Article18Exception,
    DocumentKind,
    EnforcementMeasure,
    PartyRole,
    SpecificMeasure,
)

# --- Start ----------------------------------------------------------------------------------------


class OutgoingNewForm(forms.Form):
    """The requested State and what is asked of it: an Art 10 application or Art 7 measures."""

    requested_state = forms.ChoiceField(
        label=_("Requested State"),
        error_messages={
            "required": _("Choose the requested State."),
            "invalid_choice": _("Unknown State: choose one from the list."),
        },
    )
    application_type = forms.ChoiceField(
        label=_("Application (Art 10)"),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Unknown application type.")},
    )
    specific_measures = forms.MultipleChoiceField(
        label=_("Or: a request for specific measures (Art 7)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Unknown specific measure.")},
    )
    partner_authority = forms.CharField(
        label=_("Requested Central Authority (optional)"),
        max_length=200,
        required=False,
        help_text=_("Its name as it should appear on the forms; the State's name otherwise."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_state"].choices = state_choices(
            exclude_own=True, blank=_("Choose a State")
        )
        self.fields["application_type"].choices = _with_article(ApplicationType)
        self.fields["specific_measures"].choices = _with_article(SpecificMeasure)
        self.instrument = None

    def clean_requested_state(self):
        code = self.cleaned_data["requested_state"]
        self.instrument = legal_basis_between(current_state().code, code, on=state_today())
        if self.instrument.legal_basis is None or not self.instrument.central_authority_cooperation:
            raise forms.ValidationError(str(self.instrument.reason), code="no_legal_basis")
        return code

    def clean(self):
        cleaned = super().clean()
        if "application_type" in cleaned and "specific_measures" in cleaned:
            try:
                application_subject(cleaned["application_type"], cleaned["specific_measures"])
            except CaseError as error:
                add_case_error(self, error)
        return cleaned


# --- Parties --------------------------------------------------------------------------------------


class WizardPartyForm(PartyForm):
    """A person of the application; the section decides the roles."""

    def __init__(self, *args, public_body: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["roles"]
        if public_body:
            self.fields["organisation_name"].help_text = _(
                "Only when the applicant is a public body acting for a creditor (Art 36); "
                "leave the person's names empty then."
            )
        else:
            del self.fields["organisation_name"]
        self.fields["family_name"].required = False

    def clean(self):
        cleaned = forms.Form.clean(self)
        if (cleaned.get("organisation_name") or "").strip():
            return cleaned
        if not (cleaned.get("family_name") or "").strip() and "family_name" not in self.errors:
            self.add_error("family_name", _("Give the family name."))
        return cleaned

    @property
    def is_public_body(self) -> bool:
        return bool((self.cleaned_data.get("organisation_name") or "").strip())

    def service_values(self) -> dict:
        data = self.cleaned_data
        values = {
            "organisation_name": data.get("organisation_name") or "",
            "habitual_residence": data.get("habitual_residence") or "",
            "non_disclosure": bool(data.get("non_disclosure")),
        }
        if not self.is_public_body:
            values.update(
                family_name=data.get("family_name") or "",
                given_names=data.get("given_names") or "",
                date_of_birth=data.get("date_of_birth"),
                address=data.get("address") or "",
                email=data.get("email") or "",
                phone=data.get("phone") or "",
            )
        return values


class PersonConcernedForm(WizardPartyForm):
    """The person an Art 7 request is about."""

    concerned_role = forms.ChoiceField(
        label=_("The person is"),
        widget=forms.RadioSelect,
        choices=[
            (PartyRole.DEBTOR.value, PartyRole.DEBTOR.label),
            (PartyRole.CREDITOR.value, PartyRole.CREDITOR.label),
        ],
        error_messages={
            "required": _("Say whether the person is the debtor or the creditor."),
            "invalid_choice": _("Say whether the person is the debtor or the creditor."),
        },
    )

    field_order = ["concerned_role"]


class ApplicantForm(WizardPartyForm):
    also_sought = forms.BooleanField(
        label=_("Maintenance is also sought for the applicant"),
        required=False,
        help_text=_("For example, an adult child or a spouse applying for their own maintenance."),
    )
    representative = forms.BooleanField(
        label=_("The applicant acts as the representative of the creditor or debtor"),
        required=False,
        help_text=_("For example, a parent applying for a child."),
    )

    def __init__(self, *args, case=None, **kwargs):
        application_type = case.application_type_enum if case else None
        # Art 36(1): a public body applies only for recognition or enforcement.
        public_body = application_type is not None and application_type.family in (
            ApplicationFamily.RECOGNITION,
            ApplicationFamily.ENFORCEMENT,
        )
        super().__init__(*args, public_body=public_body, **kwargs)
        self.applicant_role = application_type.applicant_role if application_type else None
        if self.applicant_role is PartyRole.DEBTOR:
            del self.fields["also_sought"]

    def roles(self) -> list[str]:
        if self.is_public_body:
            return [PartyRole.PUBLIC_BODY.value]
        if self.cleaned_data.get("representative"):
            return [PartyRole.REPRESENTATIVE.value]
        roles = [self.applicant_role.value] if self.applicant_role else []
        if self.cleaned_data.get("also_sought"):
            roles.append(PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT.value)
        return roles


# --- Decision -------------------------------------------------------------------------------------


class DecisionForm(forms.Form):
    authority = forms.CharField(
        label=_("Authority that made the decision"),
        max_length=200,
        error_messages={"required": _("Give the authority that made the decision.")},
    )
    decision_date = date_field(_("Date of the decision"))
    state_of_origin = forms.ChoiceField(
        label=_("State of origin"),
        error_messages={
            "required": _("Choose the State of origin."),
            "invalid_choice": _("Unknown State: choose one from the list."),
        },
    )
    amount = forms.DecimalField(
        label=_("Amount"),
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={
            "required": _("Give the amount."),
            "invalid": _("Give the amount as a number, e.g. 250.00."),
            "min_value": _("The amount cannot be negative."),
        },
    )
    currency = forms.RegexField(
        label=_("Currency"),
        regex=r"^[A-Za-z]{3}$",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4"}),
        help_text=_("Three-letter code, e.g. EUR."),
        error_messages={
            "required": _("Give the currency."),
            "invalid": _("Give the currency as a three-letter code, e.g. EUR."),
        },
    )
    frequency = forms.ChoiceField(
        label=_("Frequency of payment"),
        widget=forms.RadioSelect,
        choices=PaymentFrequency.choices,
        error_messages={
            "required": _("Choose the frequency of payment."),
            "invalid_choice": _("Unknown frequency."),
        },
    )
    starts_on = date_field(_("Payable from"))
    ends_on = date_field(_("Payable until (if the decision says)"), required=False)
    indexation_clause = forms.CharField(
        label=_("Indexation clause (if any)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    enforceable = forms.BooleanField(
        label=_("The decision is enforceable in the State of origin"), required=False
    )
    is_maintenance_arrangement = forms.BooleanField(
        label=_("It is a maintenance arrangement (Art 30)"), required=False
    )
    by_administrative_authority = forms.BooleanField(
        label=_("It was made by an administrative authority (Art 19(3))"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state_of_origin"].choices = state_choices(blank=_("Choose a State"))

    def clean_decision_date(self):
        return _not_in_future(
            self.cleaned_data.get("decision_date"),
            _("The date of the decision cannot be in the future."),
        )

    def clean_currency(self):
        return self.cleaned_data["currency"].upper()

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end date is before the start date."))
        return cleaned


# --- Grounds and particulars of the type ----------------------------------------------------------


def _yes(label, **kwargs):
    return forms.BooleanField(label=label, required=False, **kwargs)


def _choice(label, choices, *, required=False, radio=True):
    return forms.ChoiceField(
        label=label,
        choices=choices if required or radio else [("", _("Not stated")), *choices],
        required=required,
        widget=forms.RadioSelect if radio else forms.Select,
        error_messages={
            "required": _("Choose one of the options."),
            "invalid_choice": _("Choose one of the options."),
        },
    )


def _text(label, *, required=False, rows=3, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        max_length=4000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": _("This item is required.")},
    )


class GroundsForm(forms.Form):
    """Art 11(1)(e) grounds and what the type's recommended form asks for; Art 7(1) reasons of a
    request for specific measures. The fields depend on the case."""

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        application_type = case.application_type_enum
        if application_type is None:
            fields["reasons"] = _text(
                _("Reasons for the request (Art 7(1))"),
                required=True,
                help_text=_("Why the measures are needed, and what is known already."),
            )
            fields["reasons"].error_messages["required"] = _("Give the reasons for the request.")
            fields["proceedings_pending"] = _yes(
                _("Proceedings with an international element are pending here (Art 7(2))")
            )
            fields["article_10_application_pending"] = _yes(
                _("An application under Article 10 between the same parties is pending")
            )
            fields["exceptional_costs_consent"] = _yes(
                _("The applicant consents in advance to exceptional costs (Art 8(3))")
            )
            return
        fields["grounds"] = _text(
            _("Grounds of the application (Art 11(1)(e))"),
            required=True,
            help_text=_("The facts and law the application rests on."),
        )
        fields["grounds"].error_messages["required"] = _("State the grounds of the application.")
        family = application_type.family
        if family is ApplicationFamily.ESTABLISHMENT:
            fields["maintenance_basis"] = _choice(
                _("Maintenance is sought on the basis of"),
                [
                    ("parentage", _("Parentage")),
                    ("in_loco_parentis", _("In loco parentis or equivalent")),
                    ("marriage", _("Marriage")),
                    ("analogous_relationship", _("A relationship analogous to marriage")),
                    ("affinity", _("Affinity")),
                ],
                required=True,
            )
            fields["parentage"] = _choice(
                _("Parentage"),
                [
                    ("established", _("Established")),
                    ("presumed", _("Presumed")),
                    ("to_be_established", _("To be established")),
                ],
            )
            fields["parentage_testing"] = _yes(
                _("Establishment of parentage, including genetic testing, is requested")
            )
        if family in (ApplicationFamily.ESTABLISHMENT, ApplicationFamily.MODIFICATION):
            fields["amount_sought"] = forms.DecimalField(
                label=_("Amount of maintenance sought (optional)"),
                required=False,
                min_value=Decimal("0"),
                max_digits=12,
                decimal_places=2,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
                error_messages={
                    "invalid": _("Give the amount as a number, e.g. 250.00."),
                    "min_value": _("The amount cannot be negative."),
                },
            )
            fields["currency"] = forms.RegexField(
                label=_("Currency"),
                regex=r"^[A-Za-z]{3}$",
                required=False,
                widget=forms.TextInput(attrs={"class": "govuk-input--width-4"}),
                error_messages={
                    "invalid": _("Give the currency as a three-letter code, e.g. EUR.")
                },
            )
            fields["frequency"] = _choice(
                _("Frequency of payment"),
                [
                    ("weekly", _("Weekly")),
                    ("monthly", _("Monthly")),
                    ("quarterly", _("Quarterly")),
                    ("annually", _("Yearly")),
                    ("lump_sum", _("Lump sum")),
                ],
            )
        if family is ApplicationFamily.ESTABLISHMENT:
            fields["sought_from"] = date_field(
                _("Maintenance sought from (optional)"), required=False
            )
        if family is ApplicationFamily.RECOGNITION:
            fields["recognition_requested"] = _choice(
                _("The applicant requests"),
                [
                    ("recognition", _("Recognition of the decision")),
                    ("recognition_and_enforcement", _("Recognition and enforcement")),
                    ("partial", _("Recognition or enforcement of part of the decision (Art 21)")),
                ],
                required=True,
            )
            fields["partial_details"] = _text(_("Parts of the decision concerned"), rows=2)
        if family is ApplicationFamily.ENFORCEMENT:
            fields["made_or_recognised"] = _choice(
                _("The decision was"),
                [
                    ("made", _("Made in the requested State")),
                    ("recognised", _("Recognised in the requested State")),
                ],
                required=True,
            )
            fields["recognised_on"] = date_field(
                _("Date of recognition (if recognised)"), required=False
            )
            fields["enforcement_measures"] = forms.MultipleChoiceField(
                label=_("Enforcement measures requested (Art 34)"),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[
                    (m.value, m.label)
                    for m in EnforcementMeasure
                    if m is not EnforcementMeasure.OTHER
                ],
                error_messages={"invalid_choice": _("Choose one of the options.")},
            )
        if family is ApplicationFamily.MODIFICATION:
            fields["modification_sought"] = _text(_("Modification sought"), required=True)
            fields["modification_sought"].error_messages["required"] = _(
                "Say what modification is sought."
            )
            fields["change_of_circumstances"] = _text(_("Change of circumstances relied on"))
            fields["creditor_resides_in_state_of_origin"] = _yes(
                _("The creditor lives in the State where the decision was made (Art 18)")
            )
            fields["article_18_exception"] = _choice(
                _("Exception relied on (Art 18(2))"),
                [(e.value, e.label) for e in Article18Exception],
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("amount_sought") is not None and not cleaned.get("currency"):
            self.add_error("currency", _("Give the currency of the amount."))
        if cleaned.get("currency"):
            cleaned["currency"] = cleaned["currency"].upper()
        if cleaned.get("recognised_on") and cleaned["recognised_on"] > state_today():
            self.add_error("recognised_on", _("The date cannot be in the future."))
        return cleaned

    def service_values(self) -> dict:
        return {
            key: value
            for key, value in self.cleaned_data.items()
            if value not in (None, "", [], False)
        }


class PaymentForm(forms.Form):
    """Art 11(1)(f): where maintenance payments should be sent or transmitted."""

    account_holder = forms.CharField(label=_("Name of the account holder"), max_length=200)
    bank_name = forms.CharField(label=_("Name of the bank"), max_length=200, required=False)
    bank_address = forms.CharField(
        label=_("Address of the bank"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    account_number = forms.CharField(label=_("Account number or IBAN"), max_length=64)
    bic = forms.CharField(label=_("BIC / SWIFT code"), max_length=11, required=False)
    payment_reference = forms.CharField(
        label=_("Payment reference"), max_length=140, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account_holder"].error_messages["required"] = _(
            "Give the name of the account holder."
        )
        self.fields["account_number"].error_messages["required"] = _(
            "Give the account number or IBAN."
        )


class AuthorityForm(forms.Form):
    """The Central Authority's details printed on the forms (Annex 1, 1. and 2.)."""

    address = forms.CharField(
        label=_("Address of the Central Authority"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the address of the Central Authority.")},
    )
    telephone = forms.CharField(label=_("Telephone number"), max_length=50, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=200,
        required=False,
        help_text=_("The responsible caseworker when left empty (Art 11(1)(h))."),
    )
    contact_telephone = forms.CharField(
        label=_("Contact person's telephone (if different)"), max_length=50, required=False
    )
    contact_email = forms.EmailField(
        label=_("Contact person's e-mail (if different)"), required=False
    )
    contact_languages = forms.CharField(
        label=_("Languages of the contact person"), max_length=200, required=False
    )


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(
        label=_("Has the applicant consented to the transmission of the application?"),
        widget=forms.RadioSelect,
        choices=[("yes", _("Yes")), ("no", _("No"))],
        help_text=_(
            "The application is transmitted on behalf of and with the consent of the "
            "applicant (Art 12(2))."
        ),
        error_messages={
            "required": _("Say whether the applicant has consented."),
            "invalid_choice": _("Say whether the applicant has consented."),
        },
    )


class WizardDocumentForm(DocumentForm):
    """A document of the application; for recognition (Art 10(1)(a), 10(2)(a)) only the kinds
    Art 25 and 30(3) list (Art 11(3))."""

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        application_type = case.application_type_enum if case else None
        if (
            application_type is not None
            and application_type.accompanied_only_by_article_25_documents
        ):
            self.fields["kind"].choices = [
                ("", _("Choose a kind")),
                *(
                    (kind.value, f"{kind.label} ({article_reference(kind.article)})")
                    for kind in DocumentKind
                    if kind.listed_in_article_25
                ),
            ]
        else:
            self.fields["kind"].choices = [("", _("Choose a kind")), *document_kind_choices()]
        self.fields["kind"].error_messages.update(
            required=_("Choose the kind of document."),
            invalid_choice=_("Unknown kind of document."),
        )
        self.fields["language"].error_messages.update(
            required=_("Choose the language of the document."),
            invalid_choice=_("Unknown language."),
        )


# --- Forms and transmission -----------------------------------------------------------------------


class TransmitForm(forms.Form):
    """Until e-CODEX is connected the application is sent by post or e-mail; the date it was
    sent starts the partner's acknowledgement clock (Art 12(3))."""

    method = forms.ChoiceField(
        label=_("How was the application sent?"),
        widget=forms.RadioSelect,
        choices=[
            (TransmissionMethod.POST.value, TransmissionMethod.POST.label),
            (TransmissionMethod.EMAIL.value, TransmissionMethod.EMAIL.label),
        ],
        error_messages={
            "required": _("Choose how the application was sent."),
            "invalid_choice": _("Unknown transmission method."),
        },
    )
    sent_on = date_field(_("Date sent"), help_text=_("For example, 27 3 2026"))

    def clean_sent_on(self):
        sent_on = self.cleaned_data.get("sent_on")
        if sent_on and sent_on > state_today():
            raise forms.ValidationError(
                _("The date sent cannot be in the future."), code="future_date"
            )
        return sent_on
