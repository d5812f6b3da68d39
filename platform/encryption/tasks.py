"""Background work of the encryption layer. Tasks run in the schema of the State that queued
them (tenant-schemas-celery carries it in a message header); each also receives the schema it
was meant for and refuses to run anywhere else."""

from celery import shared_task
from django.db import connection

from encryption.rotation import reencrypt_current_schema


class WrongStateError(RuntimeError):
    safe_to_log = True  # names schemas only


@shared_task(acks_late=True, ignore_result=False)  # operators look up its counts
def reencrypt_state_data(expected_schema: str) -> dict[str, int | str]:
    """Rewrite the State's values under its newest data key (after rotate_state_keys)."""
    if connection.schema_name != expected_schema:
        raise WrongStateError(
            f"Task for {expected_schema} received in schema {connection.schema_name}; refused."
        )
    result = reencrypt_current_schema()
    return {
        "schema": connection.schema_name,
        "examined": result.examined,
        "rewritten": result.rewritten,
    }
