"""Fixtures for the case tests: caseworkers of each State and small builders of cases."""

import datetime

import pytest

from accounts.roles import StateRole
from cases import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def add_pdf(user, case, **fields):
    """A small PDF added to the case through the service: a decision's text in Portuguese unless
    ``fields`` say otherwise."""
    values = {"file_name": "decision.pdf", "kind": "decision_text", "language": "pt", **fields}
    return services.document_add(
        user=user, case=case, content=PDF, content_type="application/pdf", **values
    )


@pytest.fixture
def caseworker_a(state_a, make_user):
    return make_user(state_a, StateRole.CASEWORKER)


@pytest.fixture
def caseworker_b(state_b, make_user):
    return make_user(state_b, StateRole.CASEWORKER)


@pytest.fixture
def make_outgoing():
    """An outgoing establishment application from the current State to Norway (or ``to``),
    with an applicant creditor, a child and a debtor; not transmitted."""

    def make(user, *, to="NO", application_type="art_10_1_c", parties=True):
        case = services.case_create_outgoing(
            user=user, requested_state=to, application_type=application_type
        )
        if parties:
            services.party_add(
                user=user,
                case=case,
                roles=["creditor"],
                is_applicant=True,
                family_name="Silva",
                given_names="Ana",
                date_of_birth=datetime.date(1985, 3, 2),
                address="Rua Augusta 1, Lisboa",
                habitual_residence="PT",
            )
            services.party_add(
                user=user,
                case=case,
                roles=["person_for_whom_maintenance_is_sought"],
                family_name="Silva",
                given_names="Rita",
                date_of_birth=datetime.date(2016, 7, 9),
                habitual_residence="PT",
            )
            services.party_add(
                user=user,
                case=case,
                roles=["debtor"],
                family_name="Hansen",
                given_names="Ola",
                date_of_birth=datetime.date(1983, 1, 20),
                address="Karl Johans gate 1, Oslo",
                habitual_residence="NO",
                non_disclosure=False,
            )
        case.refresh_from_db()
        return case

    return make


@pytest.fixture
def make_incoming():
    """An incoming application from Norway (or ``from_state``) received on ``received_on``."""

    def make(user, *, from_state="NO", received_on=None, application_type="art_10_1_c"):
        return services.case_register_incoming(
            user=user,
            requesting_state=from_state,
            received_on=received_on or datetime.date.today() - datetime.timedelta(days=1),
            method="post",
            application_type=application_type,
            partner_reference="NO-REF-1",
        )

    return make
