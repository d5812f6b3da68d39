"""The life of a case between two Central Authorities, as a transition table.

The requesting Authority sees an *outgoing* case, the requested Authority an *incoming* one.
Both record the same Convention events (the requesting side records those the partner reports);
only the start differs: an outgoing case is transmitted (Art 12(2)), an incoming one received.
The platform asks ``next_state(direction, state, event)``: the answer is the ``Transition`` with
the target state and the deadlines it starts and closes (``deadlines.DeadlineRule``), or a
``TransitionNotAllowed`` error saying why not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.utils.translation import gettext_lazy as _

from convention.deadlines import DeadlineRule
from convention.vocabulary import ApplicationFamily, ApplicationType, ConventionEnum, Direction


class CaseState(ConventionEnum):
    NEW = ("new", _("New"), None)
    TRANSMITTED = ("transmitted", _("Transmitted"), "12(2)")
    RECEIVED = ("received", _("Received"), "12(3)")
    ACKNOWLEDGED = ("acknowledged", _("Acknowledged"), "12(3)")
    DOCUMENTS_REQUESTED = ("documents_requested", _("Documents requested"), "12(9)")
    REFUSED = ("refused", _("Refused as manifestly outside the Convention"), "12(8)")
    STOPPED = ("stopped", _("Processing stopped for want of documents"), "12(9)")
    WITH_COMPETENT_AUTHORITY = (
        "with_competent_authority",
        _("Sent to the competent authority"),
        "23(2), 24(2), 6(1)(b)",
    )
    DECLARED_ENFORCEABLE = (
        "declared_enforceable",
        _("Declared enforceable or registered"),
        "23(2), 24(2)",
    )
    RECOGNITION_REFUSED = (
        "recognition_refused",
        _("Recognition and enforcement refused"),
        "22, 23(4), 24(4)",
    )
    CHALLENGED = ("challenged", _("Challenged or appealed"), "23(6)")
    ENFORCING = ("enforcing", _("Enforcement measures taken"), "32, 34")
    DECISION_MADE = ("decision_made", _("Decision made"), "10(1)(c)-(f), 10(2)(b)-(c)")
    CLOSED = ("closed", _("Closed"), None)


class CaseEvent(ConventionEnum):
    TRANSMIT = ("transmit", _("Transmit the application"), "12(2)")
    RECEIVE = ("receive", _("Receive the application"), "12(3)")
    ACKNOWLEDGE = ("acknowledge", _("Acknowledge receipt"), "12(3)")
    REQUEST_DOCUMENTS = (
        "request_documents",
        _("Request additional documents or information"),
        "12(3), 12(9)",
    )
    SUPPLY_DOCUMENTS = ("supply_documents", _("Supply the requested documents"), "12(9)")
    REFUSE = ("refuse", _("Refuse to process the application"), "12(8)")
    STOP = ("stop", _("Stop processing the application"), "12(9)")
    REPORT_STATUS = ("report_status", _("Report the status of the application"), "12(4), 12(5)")
    SEND_TO_COMPETENT_AUTHORITY = (
        "send_to_competent_authority",
        _("Send to the competent authority"),
        "23(2), 24(2), 6(1)(b)",
    )
    DECLARE_ENFORCEABLE = (
        "declare_enforceable",
        _("Declare enforceable or register for enforcement"),
        "23(2), 24(2)",
    )
    REFUSE_RECOGNITION = (
        "refuse_recognition",
        _("Refuse recognition and enforcement"),
        "22, 23(4), 24(4)",
    )
    NOTIFY_PARTIES = (
        "notify_parties",
        _("Notify the parties of the declaration or refusal"),
        "23(5)",
    )
    CHALLENGE = ("challenge", _("Lodge a challenge or appeal"), "23(6)")
    UPHOLD_ENFORCEABILITY = (
        "uphold_enforceability",
        _("Challenge decided: decision enforceable"),
        "23(9)",
    )
    REFUSE_ON_CHALLENGE = (
        "refuse_on_challenge",
        _("Challenge decided: recognition and enforcement refused"),
        "23(9)",
    )
    TAKE_ENFORCEMENT_MEASURE = (
        "take_enforcement_measure",
        _("Take an enforcement measure"),
        "32(3), 34",
    )
    MAKE_DECISION = ("make_decision", _("Decision made by the competent authority"), "10(3)")
    CLOSE = ("close", _("Close the case"), None)


_RECOGNITION_TYPES = frozenset(
    t for t in ApplicationType if t.family is ApplicationFamily.RECOGNITION
)
_DECISION_TYPES = frozenset(
    t
    for t in ApplicationType
    if t.family in (ApplicationFamily.ESTABLISHMENT, ApplicationFamily.MODIFICATION)
)
_ALL_RULES = tuple(DeadlineRule)


@dataclass(frozen=True)
class Transition:
    """One allowed step: from ``source`` on ``event`` to ``target``.

    ``starts`` and ``closes`` name the deadline rules the step starts and closes; the event's
    date is the start of every deadline it starts. ``requires_expired`` names a deadline that
    must have run out first (the caller checks the date, e.g. ``deadlines.may_stop_processing``).
    ``application_types`` restricts the step to some Art 10 types (``None``: every type).
    """

    direction: Direction
    source: CaseState
    event: CaseEvent
    target: CaseState
    article: str | None
    starts: tuple[DeadlineRule, ...] = ()
    closes: tuple[DeadlineRule, ...] = ()
    requires_expired: DeadlineRule | None = None
    application_types: frozenset[ApplicationType] | None = None


class TransitionNotAllowed(ValueError):
    """The event cannot happen in this state (or not for this application type)."""

    safe_to_log = True  # names states, events and articles only

    def __init__(
        self,
        direction: Direction,
        state: CaseState,
        event: CaseEvent,
        application_type: ApplicationType | None = None,
    ) -> None:
        self.direction, self.state, self.event = direction, state, event
        self.application_type = application_type
        detail = (
            f" for an application under Art {application_type.article}" if application_type else ""
        )
        super().__init__(
            f"An {direction.value} case in state {state.value!r} cannot "
            f"{event.value.replace('_', ' ')}{detail}."
        )


_S, _E, _R = CaseState, CaseEvent, DeadlineRule
_OPEN_AFTER_ACKNOWLEDGEMENT = (
    _S.ACKNOWLEDGED,
    _S.DOCUMENTS_REQUESTED,
    _S.WITH_COMPETENT_AUTHORITY,
    _S.DECLARED_ENFORCEABLE,
    _S.RECOGNITION_REFUSED,
    _S.CHALLENGED,
    _S.ENFORCING,
    _S.DECISION_MADE,
)


def _common() -> list[Transition]:
    """Transitions both directions share; ``direction`` is filled in below."""
    d = Direction.OUTGOING  # placeholder, replaced per direction
    rows = [
        # Art 12(3): acknowledgement within six weeks starts the 12(4) three-month clock.
        Transition(
            d,
            _S.TRANSMITTED,
            _E.ACKNOWLEDGE,
            _S.ACKNOWLEDGED,
            "12(3)",
            starts=(_R.STATUS_REPORT,),
            closes=(_R.ACKNOWLEDGEMENT,),
        ),
        # Art 12(8): refusal only if manifestly outside the Convention; the Annex 2 form carries
        # the refusal, so it also answers the acknowledgement.
        Transition(d, _S.TRANSMITTED, _E.REFUSE, _S.REFUSED, "12(8)", closes=(_R.ACKNOWLEDGEMENT,)),
        Transition(d, _S.ACKNOWLEDGED, _E.REFUSE, _S.REFUSED, "12(8)", closes=_ALL_RULES),
        # Art 12(3), 12(9): documents may be requested; three months (or longer) to supply them.
        Transition(
            d,
            _S.ACKNOWLEDGED,
            _E.REQUEST_DOCUMENTS,
            _S.DOCUMENTS_REQUESTED,
            "12(9)",
            starts=(_R.MISSING_DOCUMENTS,),
        ),
        Transition(
            d,
            _S.WITH_COMPETENT_AUTHORITY,
            _E.REQUEST_DOCUMENTS,
            _S.DOCUMENTS_REQUESTED,
            "12(9)",
            starts=(_R.MISSING_DOCUMENTS,),
        ),
        Transition(
            d,
            _S.DOCUMENTS_REQUESTED,
            _E.SUPPLY_DOCUMENTS,
            _S.ACKNOWLEDGED,
            "12(9)",
            closes=(_R.MISSING_DOCUMENTS,),
        ),
        # Art 12(9): stop only when the period has run out.
        Transition(
            d,
            _S.DOCUMENTS_REQUESTED,
            _E.STOP,
            _S.STOPPED,
            "12(9)",
            closes=_ALL_RULES,
            requires_expired=_R.MISSING_DOCUMENTS,
        ),
        # Art 23(2), 24(2) (recognition), 6(1)(b) (other applications).
        Transition(
            d,
            _S.ACKNOWLEDGED,
            _E.SEND_TO_COMPETENT_AUTHORITY,
            _S.WITH_COMPETENT_AUTHORITY,
            "23(2), 24(2), 6(1)(b)",
        ),
        Transition(
            d,
            _S.WITH_COMPETENT_AUTHORITY,
            _E.DECLARE_ENFORCEABLE,
            _S.DECLARED_ENFORCEABLE,
            "23(2), 24(2)",
            application_types=_RECOGNITION_TYPES,
        ),
        Transition(
            d,
            _S.WITH_COMPETENT_AUTHORITY,
            _E.REFUSE_RECOGNITION,
            _S.RECOGNITION_REFUSED,
            "23(4), 24(4)",
            application_types=_RECOGNITION_TYPES,
        ),
        # Art 23(5), 23(6): notification starts the 30/60-day challenge period.
        Transition(
            d,
            _S.DECLARED_ENFORCEABLE,
            _E.NOTIFY_PARTIES,
            _S.DECLARED_ENFORCEABLE,
            "23(5)",
            starts=(_R.CHALLENGE,),
        ),
        Transition(
            d,
            _S.RECOGNITION_REFUSED,
            _E.NOTIFY_PARTIES,
            _S.RECOGNITION_REFUSED,
            "23(5)",
            starts=(_R.CHALLENGE,),
        ),
        Transition(
            d,
            _S.DECLARED_ENFORCEABLE,
            _E.CHALLENGE,
            _S.CHALLENGED,
            "23(6)",
            closes=(_R.CHALLENGE,),
        ),
        Transition(
            d,
            _S.RECOGNITION_REFUSED,
            _E.CHALLENGE,
            _S.CHALLENGED,
            "23(6)",
            closes=(_R.CHALLENGE,),
        ),
        Transition(
            d,
            _S.ENFORCING,
            _E.CHALLENGE,
            _S.CHALLENGED,
            "23(6)",
            closes=(_R.CHALLENGE,),
            application_types=frozenset({ApplicationType.CREDITOR_RECOGNITION}),
        ),
        Transition(
            d, _S.CHALLENGED, _E.UPHOLD_ENFORCEABILITY, _S.DECLARED_ENFORCEABLE, "23(9), 23(10)"
        ),
        Transition(d, _S.CHALLENGED, _E.REFUSE_ON_CHALLENGE, _S.RECOGNITION_REFUSED, "23(9)"),
        # Establishment and modification end in a decision of the requested State (10(3)).
        Transition(
            d,
            _S.WITH_COMPETENT_AUTHORITY,
            _E.MAKE_DECISION,
            _S.DECISION_MADE,
            "10(3)",
            application_types=_DECISION_TYPES,
        ),
        # Art 32(3): once enforceable, enforcement without further action by the applicant.
        # Enforcing does not end the 23(6) period: the parties may still challenge in time.
        Transition(
            d,
            _S.DECLARED_ENFORCEABLE,
            _E.TAKE_ENFORCEMENT_MEASURE,
            _S.ENFORCING,
            "32(3), 34",
            # A debtor's recognition (10(2)(a)) suspends or limits enforcement; nothing to enforce.
            application_types=frozenset({ApplicationType.CREDITOR_RECOGNITION}),
        ),
        # 10(1)(b): a decision made or recognised in the requested State is enforced directly.
        Transition(
            d,
            _S.WITH_COMPETENT_AUTHORITY,
            _E.TAKE_ENFORCEMENT_MEASURE,
            _S.ENFORCING,
            "10(1)(b), 34",
            application_types=frozenset({ApplicationType.CREDITOR_ENFORCEMENT}),
        ),
        Transition(d, _S.DECISION_MADE, _E.TAKE_ENFORCEMENT_MEASURE, _S.ENFORCING, "32, 34"),
        Transition(d, _S.ENFORCING, _E.TAKE_ENFORCEMENT_MEASURE, _S.ENFORCING, "34"),
    ]
    # Art 12(4), 12(5): a status report closes the pending report and starts the next period.
    rows += [
        Transition(
            d,
            state,
            _E.REPORT_STATUS,
            state,
            "12(4), 12(5)",
            starts=(_R.FURTHER_STATUS_REPORT,),
            closes=(_R.STATUS_REPORT, _R.FURTHER_STATUS_REPORT),
        )
        for state in _OPEN_AFTER_ACKNOWLEDGEMENT
    ]
    # Closing ends every open deadline.
    rows += [
        Transition(d, state, _E.CLOSE, _S.CLOSED, None, closes=_ALL_RULES)
        for state in (
            *_OPEN_AFTER_ACKNOWLEDGEMENT,
            _S.TRANSMITTED,
            _S.REFUSED,
            _S.STOPPED,
        )
    ]
    return rows


def _build() -> dict[tuple[Direction, CaseState, CaseEvent], Transition]:
    table: dict[tuple[Direction, CaseState, CaseEvent], Transition] = {}
    outgoing_start = [
        # Art 12(2): transmitted with the Annex 1 form; the requesting Authority watches the
        # partner's six-week acknowledgement clock from the transmission.
        Transition(
            Direction.OUTGOING,
            _S.NEW,
            _E.TRANSMIT,
            _S.TRANSMITTED,
            "12(2)",
            starts=(_R.ACKNOWLEDGEMENT,),
        ),
        Transition(Direction.OUTGOING, _S.NEW, _E.CLOSE, _S.CLOSED, None),
    ]
    incoming_start = [
        Transition(
            Direction.INCOMING,
            _S.NEW,
            _E.RECEIVE,
            _S.RECEIVED,
            "12(3)",
            starts=(_R.ACKNOWLEDGEMENT,),
        ),
        Transition(Direction.INCOMING, _S.NEW, _E.CLOSE, _S.CLOSED, None),
    ]
    for direction, start_rows in (
        (Direction.OUTGOING, outgoing_start),
        (Direction.INCOMING, incoming_start),
    ):
        rows = list(start_rows)
        for row in _common():
            row = replace(row, direction=direction)
            if direction is Direction.INCOMING and row.source is _S.TRANSMITTED:
                # The requested Authority's case starts at receipt, not at transmission.
                row = replace(row, source=_S.RECEIVED)
            rows.append(row)
        for row in rows:
            key = (row.direction, row.source, row.event)
            assert key not in table, key
            table[key] = row
    return table


TRANSITIONS = _build()


def initial_state(direction: Direction) -> CaseState:
    """Every case starts ``NEW``; it leaves that state by ``TRANSMIT`` or ``RECEIVE``."""
    return CaseState.NEW


def is_terminal(state: CaseState) -> bool:
    return state is CaseState.CLOSED


def next_state(
    direction: Direction,
    state: CaseState,
    event: CaseEvent,
    *,
    application_type: ApplicationType | None = None,
    alternative_procedure: bool = False,
) -> Transition:
    """The transition ``event`` causes from ``state``; raises ``TransitionNotAllowed``.

    ``application_type`` (optional) restricts type-specific steps: only recognition
    applications are declared enforceable; only establishment and modification end in a
    decision. ``alternative_procedure``: the requested State applies Art 24, under which the
    Art 23(6) challenge period does not run (appeals follow national law, Art 24(6)).
    """
    transition = TRANSITIONS.get((direction, state, event))
    if transition is None:
        raise TransitionNotAllowed(direction, state, event)
    if (
        application_type is not None
        and transition.application_types is not None
        and application_type not in transition.application_types
    ):
        raise TransitionNotAllowed(direction, state, event, application_type)
    if alternative_procedure and DeadlineRule.CHALLENGE in transition.starts:
        transition = replace(
            transition,
            starts=tuple(r for r in transition.starts if r is not DeadlineRule.CHALLENGE),
        )
    return transition


def can_happen(
    direction: Direction,
    state: CaseState,
    event: CaseEvent,
    *,
    application_type: ApplicationType | None = None,
) -> bool:
    try:
        next_state(direction, state, event, application_type=application_type)
    except TransitionNotAllowed:
        return False
    return True


def allowed_events(
    direction: Direction,
    state: CaseState,
    *,
    application_type: ApplicationType | None = None,
) -> list[CaseEvent]:
    """The events that may happen now, in declaration order (for buttons and API hints)."""
    return [
        event
        for event in CaseEvent
        if can_happen(direction, state, event, application_type=application_type)
    ]
