"""Key providers: the local master key and AWS KMS (against moto's KMS)."""

import base64
import os
import stat

import boto3
import pytest
from moto import mock_aws

from encryption.errors import EncryptionError, StateKeysUnavailable
from encryption.providers import AwsKmsKeyProvider, LocalKeyProvider, _master_key_from_file

CONTEXT = {"platform": "isupport", "state": "state_pt", "purpose": "data", "version": "1"}


def test_local_master_key_file_is_created_once_owner_only(tmp_path):
    path = tmp_path / "keys" / "master.key"
    first = _master_key_from_file(path)
    assert len(first) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert _master_key_from_file(path) == first


def test_local_provider_wraps_and_unwraps_with_context():
    provider = LocalKeyProvider(os.urandom(32))
    wrapped = provider.generate_wrapped_key(key_id="local:state_pt", context=CONTEXT)
    plaintext = provider.unwrap(wrapped, key_id="local:state_pt", context=CONTEXT)
    assert len(plaintext) == 32 and plaintext not in wrapped
    other = provider.generate_wrapped_key(key_id="local:state_pt", context=CONTEXT)
    assert provider.unwrap(other, key_id="local:state_pt", context=CONTEXT) != plaintext


@pytest.mark.parametrize(
    ("key_id", "context"),
    [
        ("local:state_no", CONTEXT),
        ("local:state_pt", {**CONTEXT, "state": "state_no"}),
        ("local:state_pt", {**CONTEXT, "version": "2"}),
    ],
)
def test_local_wrapped_key_does_not_unwrap_for_another_state(key_id, context):
    provider = LocalKeyProvider(os.urandom(32))
    wrapped = provider.generate_wrapped_key(key_id="local:state_pt", context=CONTEXT)
    with pytest.raises(StateKeysUnavailable):
        provider.unwrap(wrapped, key_id=key_id, context=context)


def test_local_provider_refuses_a_short_master_key():
    with pytest.raises(EncryptionError, match="32 bytes"):
        LocalKeyProvider(base64.b64decode("c2hvcnQ="))


@pytest.fixture
def kms():
    with mock_aws():
        yield boto3.client("kms", region_name="eu-west-1")


def test_kms_provider_creates_one_key_per_state_with_alias(kms):
    provider = AwsKmsKeyProvider(kms)
    key_id = provider.create_key_encryption_key(schema_name="state_pt")
    aliases = {
        alias["AliasName"]: alias.get("TargetKeyId") for alias in kms.list_aliases()["Aliases"]
    }
    assert "alias/isupport/state_pt" in aliases
    assert provider.create_key_encryption_key(schema_name="state_no") != key_id


def test_kms_provider_wraps_and_unwraps_bound_to_context(kms):
    provider = AwsKmsKeyProvider(kms)
    key_id = provider.create_key_encryption_key(schema_name="state_pt")
    wrapped = provider.generate_wrapped_key(key_id=key_id, context=CONTEXT)
    assert len(provider.unwrap(wrapped, key_id=key_id, context=CONTEXT)) == 32
    with pytest.raises(StateKeysUnavailable, match="state_no"):
        provider.unwrap(wrapped, key_id=key_id, context={**CONTEXT, "state": "state_no"})


def test_kms_destroyed_key_is_disabled_and_scheduled_for_deletion(kms):
    # AWS refuses Decrypt with a disabled or pending-deletion key; moto does not enforce key
    # states, so this checks what the provider asks of KMS.
    provider = AwsKmsKeyProvider(kms, deletion_window_days=7)
    key_id = provider.create_key_encryption_key(schema_name="state_pt")
    provider.destroy_key_encryption_key(key_id=key_id)
    provider.destroy_key_encryption_key(key_id=key_id)  # a retried offboarding is harmless
    metadata = kms.describe_key(KeyId=key_id)["KeyMetadata"]
    assert metadata["KeyState"] == "PendingDeletion"
    assert metadata["Enabled"] is False
    assert kms.list_aliases(KeyId=key_id)["Aliases"] == []


def test_kms_refusal_is_a_clear_error(kms):
    provider = AwsKmsKeyProvider(kms)
    key_id = provider.create_key_encryption_key(schema_name="state_pt")
    with pytest.raises(StateKeysUnavailable, match="AWS KMS refused to unwrap a key of state_pt"):
        provider.unwrap(b"not a blob", key_id=key_id, context=CONTEXT)


def test_kms_shared_key_names_the_state_in_the_context(kms):
    shared = kms.create_key()["KeyMetadata"]["Arn"]
    provider = AwsKmsKeyProvider(kms, shared_key_id=shared)
    assert provider.create_key_encryption_key(schema_name="state_pt") == shared
    wrapped = provider.generate_wrapped_key(key_id=shared, context=CONTEXT)
    with pytest.raises(StateKeysUnavailable):
        provider.unwrap(wrapped, key_id=shared, context={**CONTEXT, "state": "state_no"})
    provider.destroy_key_encryption_key(key_id=shared)  # other States still use it
    assert kms.describe_key(KeyId=shared)["KeyMetadata"]["KeyState"] == "Enabled"


def test_state_onboarded_and_offboarded_with_kms(
    kms, settings, db, django_capture_on_commit_callbacks
):
    """The whole lifecycle through the configured provider: onboarding wraps with the State's
    own KMS key; offboarding schedules its deletion."""
    from django_tenants.utils import schema_context

    from cases.models import Person
    from encryption.providers import reset_providers
    from tenants.services import state_offboard, state_onboard

    settings.ISUPPORT_KEY_PROVIDER = "aws-kms"
    reset_providers()
    try:
        state = state_onboard(
            code="SE",
            name="Sweden",
            domain="se.localhost",
            time_zone="Europe/Stockholm",
            languages=["sv", "en"],
            admin_email="admin@se.test",
            admin_password="x" * 12,
        ).state
        key = state.keys.get(purpose="data")
        assert key.provider == "aws-kms" and key.provider_key_id.startswith("arn:aws:kms:")
        with schema_context(state.schema_name):
            person = Person(family_name="Andersson")
            person.save()
            assert Person.objects.get(pk=person.pk).family_name == "Andersson"
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            state_offboard(code="SE", operator="test")
        assert len(callbacks) == 1  # the KMS key is destroyed once the database has committed
        metadata = kms.describe_key(KeyId=key.provider_key_id)["KeyMetadata"]
        assert metadata["KeyState"] == "PendingDeletion"
    finally:
        reset_providers()
