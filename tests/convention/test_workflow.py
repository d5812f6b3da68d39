"""The case workflow: Art 12, 23, 24, 32, 34 as a transition table."""

from __future__ import annotations

from collections import deque

import pytest

from convention.deadlines import DeadlineRule
from convention.vocabulary import ApplicationType, Direction
from convention.workflow import (
    TRANSITIONS,
    CaseEvent,
    CaseState,
    TransitionNotAllowed,
    allowed_events,
    can_happen,
    initial_state,
    is_terminal,
    next_state,
)

OUT, IN = Direction.OUTGOING, Direction.INCOMING
S, E, R = CaseState, CaseEvent, DeadlineRule
RECOGNITION = ApplicationType.CREDITOR_RECOGNITION
ESTABLISHMENT = ApplicationType.CREDITOR_ESTABLISHMENT


def run(direction, *events, application_type=None):
    """Play events from the start; return the last transition."""
    state = initial_state(direction)
    transition = None
    for event in events:
        transition = next_state(direction, state, event, application_type=application_type)
        state = transition.target
    return transition


def test_outgoing_transmission_starts_the_acknowledgement_clock_art_12_2():
    transition = next_state(OUT, S.NEW, E.TRANSMIT)
    assert transition.target is S.TRANSMITTED
    assert transition.starts == (R.ACKNOWLEDGEMENT,)
    assert transition.article == "12(2)"


def test_incoming_receipt_starts_the_six_week_acknowledgement_art_12_3():
    transition = next_state(IN, S.NEW, E.RECEIVE)
    assert transition.target is S.RECEIVED
    assert transition.starts == (R.ACKNOWLEDGEMENT,)
    with pytest.raises(TransitionNotAllowed):
        next_state(IN, S.NEW, E.TRANSMIT)
    with pytest.raises(TransitionNotAllowed):
        next_state(OUT, S.NEW, E.RECEIVE)


def test_acknowledgement_closes_its_clock_and_starts_the_status_report_art_12_4():
    for direction, first in ((OUT, E.TRANSMIT), (IN, E.RECEIVE)):
        transition = run(direction, first, E.ACKNOWLEDGE)
        assert transition.target is S.ACKNOWLEDGED
        assert transition.closes == (R.ACKNOWLEDGEMENT,)
        assert transition.starts == (R.STATUS_REPORT,)


def test_status_report_closes_the_report_due_and_starts_the_next_period_art_12_5():
    transition = run(IN, E.RECEIVE, E.ACKNOWLEDGE, E.REPORT_STATUS)
    assert transition.target is S.ACKNOWLEDGED
    assert R.STATUS_REPORT in transition.closes
    assert transition.starts == (R.FURTHER_STATUS_REPORT,)


def test_refusal_as_manifestly_outside_the_convention_art_12_8():
    assert run(IN, E.RECEIVE, E.REFUSE).target is S.REFUSED
    assert R.ACKNOWLEDGEMENT in run(IN, E.RECEIVE, E.REFUSE).closes
    assert run(IN, E.RECEIVE, E.ACKNOWLEDGE, E.REFUSE).target is S.REFUSED
    # Not once the competent authority is dealing with the application.
    assert not can_happen(IN, S.WITH_COMPETENT_AUTHORITY, E.REFUSE)
    assert not can_happen(IN, S.ENFORCING, E.REFUSE)


def test_documents_requested_start_the_three_month_period_art_12_9():
    transition = run(IN, E.RECEIVE, E.ACKNOWLEDGE, E.REQUEST_DOCUMENTS)
    assert transition.target is S.DOCUMENTS_REQUESTED
    assert transition.starts == (R.MISSING_DOCUMENTS,)
    supplied = next_state(IN, S.DOCUMENTS_REQUESTED, E.SUPPLY_DOCUMENTS)
    assert supplied.target is S.ACKNOWLEDGED
    assert supplied.closes == (R.MISSING_DOCUMENTS,)


def test_stopping_requires_the_missing_documents_period_to_have_run_out_art_12_9():
    transition = next_state(IN, S.DOCUMENTS_REQUESTED, E.STOP)
    assert transition.target is S.STOPPED
    assert transition.requires_expired is R.MISSING_DOCUMENTS
    assert not can_happen(IN, S.ACKNOWLEDGED, E.STOP)


def test_only_recognition_applications_are_declared_enforceable_art_23_2():
    assert can_happen(IN, S.WITH_COMPETENT_AUTHORITY, E.DECLARE_ENFORCEABLE)
    assert can_happen(
        IN, S.WITH_COMPETENT_AUTHORITY, E.DECLARE_ENFORCEABLE, application_type=RECOGNITION
    )
    with pytest.raises(TransitionNotAllowed, match=r"10\(1\)\(c\)"):
        next_state(
            IN, S.WITH_COMPETENT_AUTHORITY, E.DECLARE_ENFORCEABLE, application_type=ESTABLISHMENT
        )


def test_notification_starts_the_challenge_period_art_23_5():
    transition = run(
        IN,
        E.RECEIVE,
        E.ACKNOWLEDGE,
        E.SEND_TO_COMPETENT_AUTHORITY,
        E.DECLARE_ENFORCEABLE,
        E.NOTIFY_PARTIES,
        application_type=RECOGNITION,
    )
    assert transition.target is S.DECLARED_ENFORCEABLE
    assert transition.starts == (R.CHALLENGE,)
    refused = next_state(IN, S.RECOGNITION_REFUSED, E.NOTIFY_PARTIES)
    assert refused.starts == (R.CHALLENGE,)


def test_no_challenge_period_under_the_alternative_procedure_art_24():
    transition = next_state(
        IN, S.DECLARED_ENFORCEABLE, E.NOTIFY_PARTIES, alternative_procedure=True
    )
    assert transition.starts == ()


def test_challenge_closes_the_challenge_period_art_23_6():
    transition = next_state(IN, S.DECLARED_ENFORCEABLE, E.CHALLENGE)
    assert transition.target is S.CHALLENGED
    assert transition.closes == (R.CHALLENGE,)
    assert next_state(IN, S.CHALLENGED, E.UPHOLD_ENFORCEABILITY).target is S.DECLARED_ENFORCEABLE
    assert next_state(IN, S.CHALLENGED, E.REFUSE_ON_CHALLENGE).target is S.RECOGNITION_REFUSED


def test_enforcement_follows_without_further_action_by_the_applicant_art_32_3():
    transition = next_state(
        IN, S.DECLARED_ENFORCEABLE, E.TAKE_ENFORCEMENT_MEASURE, application_type=RECOGNITION
    )
    assert transition.target is S.ENFORCING
    assert next_state(IN, S.ENFORCING, E.TAKE_ENFORCEMENT_MEASURE).target is S.ENFORCING
    # A debtor's recognition application (10(2)(a)) limits enforcement; it enforces nothing.
    assert not can_happen(
        IN,
        S.DECLARED_ENFORCEABLE,
        E.TAKE_ENFORCEMENT_MEASURE,
        application_type=ApplicationType.DEBTOR_RECOGNITION,
    )


def test_a_challenge_may_be_lodged_in_time_after_enforcement_began_art_23_6():
    enforcing = next_state(
        IN, S.DECLARED_ENFORCEABLE, E.TAKE_ENFORCEMENT_MEASURE, application_type=RECOGNITION
    )
    assert R.CHALLENGE not in enforcing.closes  # the 30/60-day period still runs
    transition = next_state(IN, S.ENFORCING, E.CHALLENGE, application_type=RECOGNITION)
    assert transition.target is S.CHALLENGED
    assert transition.closes == (R.CHALLENGE,)
    # Enforcing a decision of the requested State (10(1)(b)) started no 23(6) period.
    enforcement = ApplicationType.CREDITOR_ENFORCEMENT
    assert not can_happen(IN, S.ENFORCING, E.CHALLENGE, application_type=enforcement)


def test_enforcement_of_a_decision_of_the_requested_state_needs_no_declaration_art_10_1_b():
    assert can_happen(
        IN,
        S.WITH_COMPETENT_AUTHORITY,
        E.TAKE_ENFORCEMENT_MEASURE,
        application_type=ApplicationType.CREDITOR_ENFORCEMENT,
    )
    assert not can_happen(
        IN, S.WITH_COMPETENT_AUTHORITY, E.TAKE_ENFORCEMENT_MEASURE, application_type=RECOGNITION
    )


def test_establishment_and_modification_end_in_a_decision_art_10_3():
    transition = run(
        OUT,
        E.TRANSMIT,
        E.ACKNOWLEDGE,
        E.SEND_TO_COMPETENT_AUTHORITY,
        E.MAKE_DECISION,
        application_type=ESTABLISHMENT,
    )
    assert transition.target is S.DECISION_MADE
    assert not can_happen(
        OUT, S.WITH_COMPETENT_AUTHORITY, E.MAKE_DECISION, application_type=RECOGNITION
    )


def test_a_forbidden_transition_is_a_clear_error():
    with pytest.raises(TransitionNotAllowed) as error:
        next_state(OUT, S.NEW, E.ACKNOWLEDGE)
    assert "'new'" in str(error.value)
    assert "acknowledge" in str(error.value)
    assert error.value.state is S.NEW


def test_closed_is_terminal_and_closing_ends_every_deadline():
    assert is_terminal(S.CLOSED)
    assert allowed_events(OUT, S.CLOSED) == []
    transition = next_state(IN, S.ENFORCING, E.CLOSE)
    assert set(transition.closes) == set(DeadlineRule)


@pytest.mark.parametrize("direction", [OUT, IN])
def test_every_state_is_reachable_and_can_reach_closed(direction):
    edges = [(s, t.target) for (d, s, _e), t in TRANSITIONS.items() if d is direction]
    reachable, queue = {initial_state(direction)}, deque([initial_state(direction)])
    while queue:
        current = queue.popleft()
        for source, target in edges:
            if source is current and target not in reachable:
                reachable.add(target)
                queue.append(target)
    expected = set(CaseState) - {S.RECEIVED if direction is OUT else S.TRANSMITTED}
    assert reachable == expected
    for state in reachable - {S.CLOSED}:
        assert can_happen(direction, state, E.CLOSE), state


def test_every_transition_cites_an_article_unless_it_only_closes():
    for transition in TRANSITIONS.values():
        assert transition.article or transition.event is E.CLOSE, transition
