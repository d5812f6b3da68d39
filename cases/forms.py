"""The caseworker pages' forms. They parse and check input; the services decide and write, and a
``CaseError`` they raise is put back on the form (``add_case_error``)."""

import datetime

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from cases import documents_storage
from cases.engine import current_state, state_today
from cases.errors import CaseError
from cases.models import Document, TransmissionMethod
from cases.selectors import CaseFilters
from cases.services import AcknowledgementOutcome, application_subject
from cases.templatetags.cases_ui import article_reference_lazy, country_name, ui_locale
from convention.states import default_registry
from convention.vocabulary import (
    ApplicationType,
    Direction,
    DocumentKind,
    EnforcementMeasure,
    PartyRole,
    SpecificMeasure,
)
from convention.workflow import CaseState
from isupport.forms_rendering import GovukDateInput

# Service error fields that have another name on the forms.
_FIELD_ALIASES = {"date": "on"}


def add_case_error(form: forms.Form, error: CaseError) -> None:
    """Show a service's refusal on the form: on the field it names, or above the form."""
    field = _FIELD_ALIASES.get(error.field or "", error.field)
    form.add_error(field if field in form.fields else None, error.message)


def state_choices(*, exclude_own: bool = False, blank: str | None = None) -> list[tuple[str, str]]:
    """The Contracting States of the reference data, named in the interface language."""
    own = current_state().code if exclude_own else None
    choices = sorted(
        ((code, country_name(code)) for code in default_registry() if code != own),
        key=lambda pair: pair[1],
    )
    return ([("", blank)] if blank is not None else []) + choices


def _with_article(enum) -> list[tuple[str, str]]:
    """Choices labelled with their article; lazy, so that they follow the request's language."""
    return [
        (
            member.value,
            format_lazy("{} ({})", member.label, article_reference_lazy(member.article))
            if member.article
            else member.label,
        )
        for member in enum
    ]


def language_choices() -> list[tuple[str, str]]:
    names = ui_locale().languages
    return sorted(
        ((code, names.get(code, code)) for code in documents_storage.document_languages()),
        key=lambda pair: pair[1],
    )


def document_kind_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in Document._meta.get_field("kind").choices]


def _not_in_future(value: datetime.date | None, message) -> datetime.date | None:
    if value and value > state_today():
        raise forms.ValidationError(message, code="future_date")
    return value


def date_field(label, *, required: bool = True, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=GovukDateInput(),
        help_text=help_text,
        error_messages={
            "invalid": _("Enter a real date, as day, month and year."),
            "required": _("Enter the date."),
        },
    )


class PersonSearchForm(forms.Form):
    family_name = forms.CharField(
        label=_("Family name"),
        max_length=200,
        required=False,
        help_text=_("Exact name; capitals and accents do not matter."),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("family_name") and not cleaned.get("date_of_birth"):
            raise forms.ValidationError(_("Enter a family name, a date of birth, or both."))
        return cleaned


class CasePersonSearchForm(forms.Form):
    """The case list's search by a party's name or date of birth: posted, kept in the session,
    so that no name reaches a URL or a log."""

    family_name = forms.CharField(
        label=_("Family name of a party"),
        max_length=200,
        required=False,
        help_text=_("Exact name; capitals and accents do not matter."),
    )
    date_of_birth = date_field(_("Date of birth of a party"), required=False)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("family_name") and not cleaned.get("date_of_birth"):
            raise forms.ValidationError(_("Enter a family name, a date of birth, or both."))
        return cleaned


class CaseFilterForm(forms.Form):
    """The case list's filters, read from the query string (no personal value in it)."""

    reference = forms.CharField(label=_("Reference"), max_length=32, required=False)
    partner_reference = forms.CharField(
        label=_("Partner's reference"), max_length=64, required=False
    )
    state = forms.ChoiceField(label=_("State of the case"), required=False)
    direction = forms.ChoiceField(label=_("Direction"), required=False)
    application_type = forms.ChoiceField(label=_("Application type"), required=False)
    partner_state = forms.ChoiceField(label=_("Partner State"), required=False)
    responsible = forms.ChoiceField(label=_("Responsible"), required=False)
    overdue = forms.BooleanField(label=_("Overdue deadlines only"), required=False)

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        any_ = [("", _("Any"))]
        self.fields["state"].choices = any_ + CaseState.choices()
        self.fields["direction"].choices = any_ + Direction.choices()
        self.fields["application_type"].choices = any_ + ApplicationType.choices()
        self.fields["partner_state"].choices = state_choices(exclude_own=True, blank=_("Any"))
        self.fields["responsible"].choices = [
            ("", _("Anyone")),
            ("me", _("Me")),
            ("unassigned", _("Unassigned")),
            *((str(worker.pk), str(worker)) for worker in workers),
        ]

    def filters(self, *, family_name: str = "", date_of_birth=None) -> CaseFilters:
        """The valid filters (an invalid one is reported on the form and ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return CaseFilters(
            reference=data.get("reference") or "",
            partner_reference=data.get("partner_reference") or "",
            family_name=family_name,
            date_of_birth=date_of_birth,
            direction=data.get("direction") or "",
            states=(data["state"],) if data.get("state") else (),
            application_type=data.get("application_type") or "",
            partner_state=data.get("partner_state") or "",
            responsible=data.get("responsible") or "",
            overdue=bool(data.get("overdue")),
        )


class IncomingCaseForm(forms.Form):
    """An application received on paper or by e-mail (Art 12(3))."""

    requesting_state = forms.ChoiceField(label=_("Requesting State"))
    application_type = forms.ChoiceField(
        label=_("Application type (Art 10)"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Choose an application type, or the specific measures requested below."),
    )
    specific_measures = forms.MultipleChoiceField(
        label=_("Or: specific measures requested (Art 7)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_reference = forms.CharField(
        label=_("Partner's reference"), max_length=64, required=False
    )
    partner_authority = forms.CharField(
        label=_("Requesting Central Authority"), max_length=200, required=False
    )
    received_on = date_field(_("Date of receipt"), help_text=_("For example, 27 3 2026"))
    method = forms.ChoiceField(
        label=_("Received by"),
        widget=forms.RadioSelect,
        choices=[
            (TransmissionMethod.POST.value, TransmissionMethod.POST.label),
            (TransmissionMethod.EMAIL.value, TransmissionMethod.EMAIL.label),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requesting_state"].choices = state_choices(
            exclude_own=True, blank=_("Choose a State")
        )
        self.fields["application_type"].choices = _with_article(ApplicationType)
        self.fields["specific_measures"].choices = _with_article(SpecificMeasure)

    def clean_received_on(self):
        return _not_in_future(
            self.cleaned_data.get("received_on"), _("The date of receipt cannot be in the future.")
        )

    def clean(self):
        cleaned = super().clean()
        if "application_type" in cleaned and "specific_measures" in cleaned:
            try:
                application_subject(cleaned["application_type"], cleaned["specific_measures"])
            except CaseError as error:
                add_case_error(self, error)
        return cleaned


class PartyForm(forms.Form):
    """A person (or a public body) of the case."""

    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one role.")},
    )
    organisation_name = forms.CharField(
        label=_("Name of the public body"),
        max_length=200,
        required=False,
        help_text=_("Only for a public body (Art 36)."),
    )
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=200, required=False)
    date_of_birth = date_field(_("Date of birth"), required=False)
    address = forms.CharField(
        label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=50, required=False)
    habitual_residence = forms.ChoiceField(label=_("State of habitual residence"), required=False)
    non_disclosure = forms.BooleanField(
        label=_("Address and contact details are restricted (Art 40)"),
        required=False,
        help_text=_(
            "Disclosing them could jeopardise someone's health, safety or liberty (Art 40)."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = _with_article(PartyRole)
        self.fields["habitual_residence"].choices = state_choices(blank=_("Not known"))

    def clean_date_of_birth(self):
        return _not_in_future(
            self.cleaned_data.get("date_of_birth"),
            _("The date of birth cannot be in the future."),
        )

    def clean(self):
        cleaned = super().clean()
        roles = cleaned.get("roles") or []
        if PartyRole.PUBLIC_BODY.value in roles:
            if not (cleaned.get("organisation_name") or "").strip():
                self.add_error("organisation_name", _("Give the name of the public body."))
        elif roles and not (cleaned.get("family_name") or "").strip():
            self.add_error("family_name", _("Give the family name."))
        return cleaned

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "roles": data["roles"],
            "organisation_name": data.get("organisation_name") or "",
            "family_name": data.get("family_name") or "",
            "given_names": data.get("given_names") or "",
            "date_of_birth": data.get("date_of_birth"),
            "address": data.get("address") or "",
            "email": data.get("email") or "",
            "phone": data.get("phone") or "",
            "habitual_residence": data.get("habitual_residence") or "",
            "non_disclosure": bool(data.get("non_disclosure")),
        }


class AddAnotherFormSet(forms.BaseFormSet):
    """A formset for the "add another" pattern. Forms re-shown with the values typed so far are
    still new ones, so a blank form added and left blank is ignored rather than refused."""

    def initial_form_count(self):
        return 0

    def total_form_count(self):
        if self.is_bound:
            return super().total_form_count()
        return min(max(len(self.initial or []), self.min_num) + self.extra, self.max_num)


PartyFormSet = forms.formset_factory(
    PartyForm,
    formset=AddAnotherFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=20,
    validate_max=True,
)


class DocumentForm(forms.Form):
    """A file of the case, with what it is."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG, TIFF or XML."),
        error_messages={
            "required": _("Choose a file."),
            "empty": _("The file is empty."),
            "invalid": _("No file was submitted. Check the form's encoding."),
        },
    )
    kind = forms.ChoiceField(label=_("Kind of document"))
    language = forms.ChoiceField(label=_("Language"))
    translation_of = forms.ChoiceField(label=_("Translation of"), required=False)
    certified = forms.BooleanField(label=_("Certified copy or translation"), required=False)

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Choose a kind")), *document_kind_choices()]
        self.fields["language"].choices = [("", _("Choose a language")), *language_choices()]
        self.documents = {str(document.pk): document for document in documents}
        if self.documents:
            kinds = dict(document_kind_choices())
            self.fields["translation_of"].choices = [
                ("", _("Not a translation")),
                *(
                    (pk, f"{kinds.get(document.kind, document.kind)}: {document.file_name}")
                    for pk, document in self.documents.items()
                ),
            ]
        else:
            del self.fields["translation_of"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is not None and upload.size > documents_storage.max_document_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB.")
                % {"size": documents_storage.max_document_bytes() // 2**20},
                code="file_too_large",
            )
        return upload

    def service_values(self) -> dict:
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return {
            "content": upload.read(),
            "file_name": upload.name,
            "content_type": upload.content_type or "",
            "kind": self.cleaned_data["kind"],
            "language": self.cleaned_data["language"],
            "certified": bool(self.cleaned_data.get("certified")),
            "translation_of": self.documents.get(self.cleaned_data.get("translation_of") or ""),
        }


DocumentFormSet = forms.formset_factory(
    DocumentForm, formset=AddAnotherFormSet, extra=0, max_num=20, validate_max=True
)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Note"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the note first.")},
    )


class TaskForm(forms.Form):
    title = forms.CharField(
        label=_("Task"),
        max_length=500,
        error_messages={"required": _("Say what is to be done.")},
    )
    due = date_field(_("Due date"), required=False)


class ReassignForm(forms.Form):
    responsible = forms.ChoiceField(label=_("Responsible caseworker"))

    def __init__(self, *args, workers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {str(worker.pk): worker for worker in workers}
        self.fields["responsible"].choices = [
            ("", _("Choose a caseworker")),
            *((pk, str(worker)) for pk, worker in self.workers.items()),
        ]

    def responsible_user(self):
        return self.workers.get(self.cleaned_data["responsible"])


# --- Case actions: each posts to its own URL with the case's version (optimistic concurrency) --


class CaseActionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    on = date_field(
        _("Date of the event"),
        required=False,
        help_text=_("Leave empty for today. For example, 27 3 2026"),
    )

    def clean_on(self):
        return _not_in_future(self.cleaned_data.get("on"), _("The date cannot be in the future."))

    def event_values(self) -> dict:
        """Keyword arguments for ``services.case_apply_event`` beyond the event itself."""
        return {}


def _period_field():
    return forms.IntegerField(
        label=_("Period to supply them, in months (optional)"),
        required=False,
        min_value=3,
        max_value=24,
        help_text=_("Three months unless you set a longer period (Art 12(9))."),
        error_messages={
            "invalid": _("Enter a whole number of months."),
            "min_value": _("The period for documents is three months or more, at most 24."),
            "max_value": _("The period for documents is three months or more, at most 24."),
        },
    )


def _documents_field(required: bool):
    return forms.MultipleChoiceField(
        label=_("Documents or information requested"),
        required=required,
        widget=forms.CheckboxSelectMultiple,
        choices=_with_article(DocumentKind),
        error_messages={"required": _("Name the documents or information requested.")},
    )


class AcknowledgeForm(CaseActionForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        widget=forms.RadioSelect,
        choices=[
            (AcknowledgementOutcome.COMPLETE, _("Complete: acknowledge receipt")),
            (
                AcknowledgementOutcome.DOCUMENTS_REQUESTED,
                _("Acknowledge and request documents or information (Art 12(9))"),
            ),
            (
                AcknowledgementOutcome.REFUSED,
                _("Refuse: manifestly outside the Convention (Art 12(8))"),
            ),
        ],
    )
    documents_requested = _documents_field(required=False)
    missing_documents_period_months = _period_field()
    reasons = forms.CharField(
        label=_("Reasons"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for a refusal (Art 12(8))."),
    )

    def clean(self):
        cleaned = super().clean()
        outcome = cleaned.get("outcome")
        if outcome == AcknowledgementOutcome.REFUSED and not (cleaned.get("reasons") or "").strip():
            self.add_error("reasons", _("Give the reasons for the refusal (Art 12(8))."))
        if outcome == AcknowledgementOutcome.DOCUMENTS_REQUESTED and not cleaned.get(
            "documents_requested"
        ):
            self.add_error("documents_requested", _("Name the documents or information requested."))
        return cleaned


class PartnerAcknowledgementForm(AcknowledgeForm):
    """On an outgoing case: the acknowledgement the requested Authority sent (Annex 2), as it
    reads, with that Authority's reference for the case."""

    partner_reference = forms.CharField(
        label=_("The requested Authority's reference"),
        required=False,
        max_length=64,
        help_text=_("As it appears on their acknowledgement."),
    )

    field_order = ["version", "on", "partner_reference", "outcome"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [
            (AcknowledgementOutcome.COMPLETE, _("Complete: they acknowledged receipt")),
            (
                AcknowledgementOutcome.DOCUMENTS_REQUESTED,
                _("They request documents or information (Art 12(9))"),
            ),
            (
                AcknowledgementOutcome.REFUSED,
                _("They refused to process it: manifestly outside the Convention (Art 12(8))"),
            ),
        ]
        self.fields["on"].label = _("Date of their acknowledgement")
        self.fields["reasons"].help_text = _("The reasons they gave, for a refusal.")


class RefuseForm(CaseActionForm):
    reasons = forms.CharField(
        label=_("Reasons for the refusal (Art 12(8))"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Give the reasons for the refusal (Art 12(8)).")},
    )


class RequestDocumentsForm(CaseActionForm):
    documents = _documents_field(required=True)
    period_months = _period_field()
    reasons = forms.CharField(
        label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def event_values(self) -> dict:
        from convention.deadlines import Duration

        months = self.cleaned_data.get("period_months")
        return {
            "details": {
                "documents": self.cleaned_data["documents"],
                "reasons": (self.cleaned_data.get("reasons") or "").strip(),
            },
            "specified_period": Duration(months=months) if months else None,
        }


class NotifyPartiesForm(CaseActionForm):
    resident_abroad = forms.BooleanField(
        label=_("A party to be notified resides abroad"),
        required=False,
        help_text=_("The challenge period is then 60 days instead of 30 (Art 23(6))."),
    )

    def event_values(self) -> dict:
        return {"contesting_party_resident_abroad": bool(self.cleaned_data.get("resident_abroad"))}


class EnforcementMeasureForm(CaseActionForm):
    measure = forms.ChoiceField(
        label=_("Enforcement measure (Art 34)"),
        widget=forms.RadioSelect,
        choices=_with_article(EnforcementMeasure),
        error_messages={"required": _("Choose the enforcement measure.")},
    )

    def event_values(self) -> dict:
        return {"details": {"measure": self.cleaned_data["measure"]}}
