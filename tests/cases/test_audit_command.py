"""The operator's check of the audit trails: `manage.py verify_audit_trail [--state PT]`."""

import io

import pytest
from django.core.management import CommandError, call_command

from audit.models import AuditEntry


def _verify(*arguments):
    out, err = io.StringIO(), io.StringIO()
    call_command("verify_audit_trail", *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def two_trails(state_a, state_b, caseworker_a, caseworker_b, make_incoming, in_state):
    """A few entries in each State's trail; the connection is left on Portugal's schema."""
    in_state(state_b)
    make_incoming(caseworker_b, from_state="PT")
    in_state(state_a)
    make_incoming(caseworker_a)
    make_incoming(caseworker_a)


def test_intact_trails_of_every_state_pass(two_trails):
    out, err = _verify()
    assert "PT: the audit trail is intact." in out
    assert "NO: the audit trail is intact." in out
    assert err == ""


def test_an_edited_entry_fails_the_check_of_its_state_only(two_trails):
    entry = AuditEntry.objects.in_chain_order()[1]
    AuditEntry.objects.filter(pk=entry.pk).update(details={"event": "close"})
    with pytest.raises(CommandError) as failure:
        _verify()
    assert failure.value.returncode == 1
    assert "PT" in str(failure.value) and "NO" not in str(failure.value)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit_trail", "--state", "pt", stdout=io.StringIO(), stderr=err)
    assert f"PT: entry {entry.sequence}: altered" in err.getvalue()
    out, _err = _verify("--state", "NO")
    assert "NO: the audit trail is intact." in out


def test_a_deleted_entry_and_a_removed_tail_fail_the_check(two_trails):
    entries = list(AuditEntry.objects.in_chain_order())
    AuditEntry.objects.filter(pk=entries[2].pk).delete()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit_trail", "--state", "PT", stdout=io.StringIO(), stderr=err)
    assert f"PT: entry {entries[2].sequence}: missing" in err.getvalue()
    AuditEntry.objects.filter(pk=entries[-1].pk).delete()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit_trail", "--state", "PT", stdout=io.StringIO(), stderr=err)
    assert "the newest entries were removed" in err.getvalue()


def test_an_unknown_state_is_named_in_the_error(db):
    with pytest.raises(CommandError, match="No State with the code 'XX'"):
        _verify("--state", "xx")
