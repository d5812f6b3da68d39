"""What a case holds: its parties, the decision, documents, deadlines, tasks, notes, timeline."""

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models.cases import Case, TransmissionMethod
from cases.models.persons import Person
from convention.deadlines import DeadlineRule
from convention.vocabulary import DocumentKind, LegalBasis, PartyRole
from encryption.fields import EncryptedJSONField, EncryptedModel, EncryptedTextField


class Party(models.Model):
    """A person or a public body in a case, in one or more roles (Art 3, 11(1)(d), 36).

    ``non_disclosure`` records a determination under Art 40: the person's address and contact
    details are shown only to users allowed to see restricted information, every such view is
    audited, and the forms carry them on the separate restricted page.
    """

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="parties",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="parties",
        null=True,
        blank=True,
    )
    organisation_name = models.CharField(
        verbose_name=_("name of the public body"),
        max_length=200,
        blank=True,
    )
    roles = ArrayField(
        models.CharField(max_length=48, choices=PartyRole.choices()),
        verbose_name=_("roles"),
    )
    is_applicant = models.BooleanField(
        verbose_name=_("applicant"),
        default=False,
    )
    habitual_residence = models.CharField(
        verbose_name=_("State of habitual residence"),
        max_length=2,
        blank=True,
    )
    represents = models.ForeignKey(
        "self",
        verbose_name=_("represents"),
        on_delete=models.SET_NULL,
        related_name="representatives",
        null=True,
        blank=True,
    )
    non_disclosure = models.BooleanField(
        verbose_name=_("information restricted (Art 40)"),
        default=False,
        help_text=_(
            "Disclosing this person's address or contact details could jeopardise "
            "someone's health, safety or liberty (Art 40)."
        ),
    )
    created_at = models.DateTimeField(
        verbose_name=_("created at"),
        auto_now_add=True,
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(organisation_name=""),
                name="party_is_a_person_or_a_public_body",
            ),
        ]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"

    @property
    def role_enums(self) -> list[PartyRole]:
        return [PartyRole(role) for role in self.roles]


class PaymentFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")
    LUMP_SUM = "lump_sum", _("Lump sum")


class Decision(models.Model):
    """The maintenance decision a recognition, enforcement or modification case is about
    (Art 10(1)(a), (b), (e), (f), 19, 25)."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    case = models.OneToOneField(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="decision",
    )
    authority = models.CharField(
        verbose_name=_("authority that made the decision"),
        max_length=200,
    )
    decision_date = models.DateField(
        verbose_name=_("date of the decision"),
    )
    state_of_origin = models.CharField(
        verbose_name=_("State of origin"),
        max_length=2,
    )
    amount = models.DecimalField(
        verbose_name=_("amount"),
        max_digits=12,
        decimal_places=2,
    )
    currency = models.CharField(
        verbose_name=_("currency"),
        max_length=3,
        help_text=_("ISO 4217 code, e.g. EUR."),
    )
    frequency = models.CharField(
        verbose_name=_("frequency of payment"),
        max_length=16,
        choices=PaymentFrequency.choices,
    )
    starts_on = models.DateField(
        verbose_name=_("payable from"),
    )
    ends_on = models.DateField(
        verbose_name=_("payable until"),
        null=True,
        blank=True,
    )
    indexation_clause = models.TextField(
        verbose_name=_("indexation clause"),
        blank=True,
    )
    enforceable = models.BooleanField(
        verbose_name=_("enforceable in the State of origin"),
        default=True,
    )
    is_maintenance_arrangement = models.BooleanField(
        verbose_name=_("maintenance arrangement (Art 30)"),
        default=False,
    )
    by_administrative_authority = models.BooleanField(
        verbose_name=_("made by an administrative authority (Art 19(3))"),
        default=False,
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0),
                name="decision_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="decision_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class Document(EncryptedModel):
    """A file of a case. Its content is encrypted with the State's key before it reaches storage
    (a per-State prefix in the configured storage); ``sha256`` is that of the plaintext."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(
        verbose_name=_("kind of document"),
        max_length=48,
        choices=[*DocumentKind.choices(), ("other", _("Other document"))],
    )
    file_name = EncryptedTextField(
        verbose_name=_("file name"),
    )
    content_type = models.CharField(
        verbose_name=_("content type"),
        max_length=100,
    )
    size = models.PositiveBigIntegerField(
        verbose_name=_("size in bytes"),
    )
    sha256 = models.CharField(
        verbose_name=_("SHA-256"),
        max_length=64,
    )
    storage_name = models.CharField(
        max_length=255,
        editable=False,
    )
    language = models.CharField(
        verbose_name=_("language"),
        max_length=8,
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.PROTECT,
        related_name="translations",
        null=True,
        blank=True,
    )
    certified = models.BooleanField(
        verbose_name=_("certified copy or translation"),
        default=False,
    )
    generated_form = models.CharField(
        verbose_name=_("generated form"),
        max_length=48,
        blank=True,
        help_text=_("The code of the Convention form this document was generated from, if any."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    created_at = models.DateTimeField(
        verbose_name=_("added at"),
        auto_now_add=True,
    )

    # A generated form's separate Art 40 page carries its form's code with this suffix.
    RESTRICTED_FORM_SUFFIX = ":restricted"

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"

    @property
    def is_restricted(self) -> bool:
        """Whether this is the restricted page of a generated form: the addresses and contact
        details of persons under an Art 40 non-disclosure determination."""
        return self.generated_form.endswith(self.RESTRICTED_FORM_SUFFIX)


class Deadline(models.Model):
    """A Convention deadline of a case, opened and closed by the workflow's transitions; its
    dates are those ``convention.deadlines`` computed, in the responsible Authority's zone."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="deadlines",
    )
    rule = models.CharField(
        verbose_name=_("rule"),
        max_length=32,
        choices=DeadlineRule.choices(),
    )
    legal_basis = models.CharField(
        verbose_name=_("legal basis"),
        max_length=32,
        choices=LegalBasis.choices(),
    )
    article = models.CharField(
        verbose_name=_("article"),
        max_length=32,
    )
    anchor = models.DateField(
        verbose_name=_("counted from"),
    )
    due = models.DateField(
        verbose_name=_("due"),
    )
    time_zone = models.CharField(
        verbose_name=_("time zone"),
        max_length=64,
    )
    watched = models.BooleanField(
        verbose_name=_("watched"),
        default=False,
        help_text=_("The partner Authority must act by this date; this Authority only watches."),
    )
    unconfirmed = models.BooleanField(
        verbose_name=_("period unconfirmed"),
        default=False,
    )
    met_at = models.DateTimeField(
        verbose_name=_("met at"),
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(
        verbose_name=_("opened at"),
        auto_now_add=True,
    )

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ["due"]
        indexes = [
            models.Index(
                fields=["due"],
                name="deadline_open_due",
                condition=models.Q(met_at__isnull=True),
            ),
            models.Index(fields=["case", "due"], name="deadline_case_due"),
            # A case's open deadlines, earliest first, without reading the table: the case
            # list's next_due and its overdue filter (and count) for thousands of cases.
            models.Index(
                fields=["case", "due"],
                name="deadline_open_case_due",
                condition=models.Q(met_at__isnull=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "rule"],
                condition=models.Q(met_at__isnull=True),
                name="one_open_deadline_per_rule",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.due}"

    @property
    def rule_enum(self) -> DeadlineRule:
        return DeadlineRule(self.rule)

    @property
    def is_open(self) -> bool:
        return self.met_at is None

    def is_overdue(self, *, today) -> bool:
        return self.is_open and today > self.due


class Task(EncryptedModel):
    """A caseworker's own reminder on a case."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    title = EncryptedTextField(
        verbose_name=_("task"),
    )
    due = models.DateField(
        verbose_name=_("due"),
        null=True,
        blank=True,
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    done_at = models.DateTimeField(
        verbose_name=_("done at"),
        null=True,
        blank=True,
    )
    created_at = models.DateTimeField(
        verbose_name=_("created at"),
        auto_now_add=True,
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["done_at", "due", "created_at"]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class Note(EncryptedModel):
    """A caseworker's note on a case; its text is encrypted."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    text = EncryptedTextField(
        verbose_name=_("note"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(
        verbose_name=_("written at"),
        auto_now_add=True,
    )

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class TimelineEvent(EncryptedModel):
    """A business event of a case, for its timeline: a workflow event (``convention.workflow``
    event codes) or a record added. ``details`` holds codes and dates, encrypted all the same
    since reasons and remarks are free text."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Case created")
        WORKFLOW = "workflow", _("Case event")
        PARTY_ADDED = "party_added", _("Party added")
        PARTY_CHANGED = "party_changed", _("Party changed")
        DECISION_RECORDED = "decision_recorded", _("Decision recorded")
        DOCUMENT_ADDED = "document_added", _("Document added")
        FORM_GENERATED = "form_generated", _("Form generated")
        NOTE_ADDED = "note_added", _("Note added")
        TASK_ADDED = "task_added", _("Task added")
        REASSIGNED = "reassigned", _("Responsible caseworker changed")

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="timeline",
    )
    kind = models.CharField(
        verbose_name=_("kind"),
        max_length=32,
        choices=Kind.choices,
    )
    workflow_event = models.CharField(
        verbose_name=_("event"),
        max_length=48,
        blank=True,
    )
    state_after = models.CharField(
        verbose_name=_("state after"),
        max_length=32,
        blank=True,
    )
    article = models.CharField(
        verbose_name=_("article"),
        max_length=48,
        blank=True,
    )
    method = models.CharField(
        verbose_name=_("method"),
        max_length=16,
        choices=TransmissionMethod.choices,
        blank=True,
    )
    details = EncryptedJSONField(
        verbose_name=_("details"),
        default=dict,
        blank=True,
    )
    occurred_at = models.DateTimeField(
        verbose_name=_("occurred at"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    recorded_at = models.DateTimeField(
        verbose_name=_("recorded at"),
        auto_now_add=True,
    )

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["-occurred_at", "-recorded_at"]
        indexes = [
            models.Index(fields=["case", "-occurred_at"], name="timeline_case_occurred"),
            models.Index(fields=["-recorded_at"], name="timeline_recorded"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_at:%Y-%m-%d}"
