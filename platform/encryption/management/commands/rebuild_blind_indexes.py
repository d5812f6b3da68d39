"""Recompute a blind index from its source's plaintext, at its declared width or at another one.

When to run it (docs/architecture.md, "Blind-index widths"):

- after a release that widens an index (the planning rule gives more bits because the sizing
  grew): widening needs the keys and the plaintext, so each State's index is recomputed here;
  until a State's run ends, its searches miss the persons not yet recomputed;
- after any release that changes a width, to put right the rows that processes of the previous
  release wrote during the deploy (rows already right are read, not written);
- with ``--bits`` and ``--force``, at a width the code does not declare: only to prepare a
  change of the declaration (or to go back to an earlier one), since searches compute the
  declared width;
- with ``--plan``, to see each State's rows and the widths the planning rule gives for them,
  which tells when a State has grown past the sizing the widths were planned for.

Rows are read in batches by primary key; a row whose index value differs is rewritten by one
UPDATE, its own transaction, which applies only if the row still holds the ciphertext the value
was computed from (an edit meanwhile makes it read the row again): an edit is never lost, nor
blocked. The source is decrypted with the State's keys, bound to its row, and normalised as the
field normalises. Safe to run again.
"""

import logging
import time
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import BinaryField, ExpressionWrapper, F
from django_tenants.utils import get_tenant_model, get_tenant_types, tenant_context

from encryption import planning
from encryption.fields import BlindIndexField

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


@dataclass(frozen=True)
class Rebuilt:
    examined: int
    rewritten: int


def rebuild_index(
    index: BlindIndexField, *, bits: int, batch_size: int = BATCH_SIZE, dry_run: bool = False
) -> Rebuilt:
    """Recompute ``index`` at ``bits`` in the State whose schema the connection is on; with
    ``dry_run``, only count the rows that would be rewritten.

    Each differing row is written by one UPDATE (its own transaction) that applies only if the
    row still holds the ciphertext the value was computed from; an edit meanwhile makes it read
    the row again, so an edit is never overwritten with an index of the value it replaced."""
    schema_name = connection.schema_name
    model = index.model
    source = model._meta.get_field(index.source)
    manager = model._base_manager
    # The stored bytes as they are (not wrapped in a Ciphertext each), as the search reads them.
    stored = ExpressionWrapper(F(source.attname), output_field=BinaryField())
    read = source.stored_value_reader(schema_name)
    table, pk, column, index_column = map(
        connection.ops.quote_name,
        (model._meta.db_table, model._meta.pk.column, source.column, index.column),
    )
    update = (
        f"UPDATE {table} SET {index_column} = %s "  # noqa: S608 - quoted model names only
        f"WHERE {pk} = %s AND {column} IS NOT DISTINCT FROM %s"
    )

    def recomputed(token: bytes | None, row: Any) -> int | None:
        if token is None:
            return None
        value = source.from_plaintext(read(bytes(token), row))
        return index.index_value(value, schema_name=schema_name, bits=bits)

    def write(row: Any, token: bytes | None, value: int | None) -> bool:
        while True:
            with connection.cursor() as cursor:
                cursor.execute(update, [value, row, token])
                if cursor.rowcount:
                    return True
            fresh = manager.filter(pk=row).values_list(stored, index.attname).first()
            if fresh is None:  # deleted meanwhile
                return False
            token, current = fresh
            value = recomputed(token, row)
            if value == current:  # edited meanwhile, by a process that wrote the same width
                return False

    examined = rewritten = 0
    last = None
    while True:
        batch = manager.order_by("pk")
        if last is not None:
            batch = batch.filter(pk__gt=last)
        rows = list(batch.values_list("pk", stored, index.attname)[:batch_size])
        if not rows:
            break
        last = rows[-1][0]
        for row, token, current in rows:
            examined += 1
            value = recomputed(token, row)
            if value != current and (dry_run or write(row, token, value)):
                rewritten += 1
    return Rebuilt(examined=examined, rewritten=rewritten)


def _states(code: str | None) -> list:
    """The active States (tenants of kind "state"), by code, or the one with this code. The
    tenant model is Django's setting, so the platform layer names no app above it."""
    states = get_tenant_model().objects.filter(kind="state").order_by("code")
    if code:
        code = code.strip().upper()
        states = list(states.filter(code=code))
        if not states:
            raise CommandError(f"No State with the code {code!r}.")
        if states[0].status == "offboarded":
            raise CommandError(f"{code} was offboarded: its keys are destroyed.")
        return states
    return list(states.exclude(status="offboarded"))


def _blind_indexes(state) -> list[BlindIndexField]:
    """The blind indexes of the models in the State's schema, by table and declaration."""
    schema_apps = get_tenant_types()[state.get_tenant_type()]["APPS"]
    return [
        field
        for model in sorted(apps.get_models(), key=lambda model: model._meta.db_table)
        if apps.get_app_config(model._meta.app_label).name in schema_apps
        for field in model._meta.concrete_fields
        if isinstance(field, BlindIndexField)
    ]


def _names(index: BlindIndexField) -> set[str]:
    """How --field may name an index: person.family_name, person.family_name_index, with or
    without the app label."""
    meta = index.model._meta
    short = {f"{meta.model_name}.{index.source}", f"{meta.model_name}.{index.name}"}
    return short | {f"{meta.app_label}.{name}" for name in short}


def _label(index: BlindIndexField) -> str:
    return f"{index.model._meta.model_name}.{index.source}"


class Command(BaseCommand):
    help = (
        "Recompute blind indexes from their sources' plaintext, in a State (--state PT) or in "
        "every active State: every index at its declared width, or one index (--field "
        "person.family_name) at --bits. Rows already right are not written. --plan reports the "
        "widths the planning rule gives for each State's rows instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--state", help="The State's code, e.g. PT; every State if omitted.")
        parser.add_argument(
            "--field",
            help="One index, by model and source field (person.family_name); all if omitted.",
        )
        parser.add_argument(
            "--bits",
            type=int,
            help="The width to recompute --field at; its declared width if omitted.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Recompute at a width the code does not declare (searches will miss the "
            "State's rows until the declaration says the same).",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--dry-run", action="store_true", help="Count the rows to rewrite; write nothing."
        )
        parser.add_argument(
            "--plan",
            action="store_true",
            help="Report each State's rows and the widths the planning rule gives for them.",
        )

    def handle(self, *args, state=None, field=None, bits=None, force=False, **options):
        if bits is not None and not field:
            raise CommandError("--bits needs --field: each index has a width of its own.")
        if bits is not None and not 1 <= bits <= planning.CEILING_BITS:
            raise CommandError(f"A blind index keeps between 1 and {planning.CEILING_BITS} bits.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size is at least 1.")
        for each in _states(state):
            indexes = _blind_indexes(each)
            if field:
                indexes = [index for index in indexes if field.strip().lower() in _names(index)]
                if not indexes:
                    known = ", ".join(_label(index) for index in _blind_indexes(each))
                    raise CommandError(f"No blind index {field!r}; there are: {known}.")
            with tenant_context(each):
                if options["plan"]:
                    self._report_plan(each, indexes)
                    continue
                for index in indexes:
                    width = index.bits if bits is None else bits
                    if width != index.bits and not force:
                        raise CommandError(
                            f"{_label(index)} is declared at {index.bits} bits: searches compute "
                            f"that width, and would miss {each.code}'s rows at {width}. Change "
                            "the declaration (the planning rule decides it), or add --force to "
                            "prepare such a change."
                        )
                    self._rebuild(each, index, width, options)

    def _rebuild(self, state, index: BlindIndexField, bits: int, options) -> None:
        started = time.monotonic()
        done = rebuild_index(
            index,
            bits=bits,
            batch_size=options["batch_size"],
            dry_run=options["dry_run"],
        )
        seconds = time.monotonic() - started
        written = "would be rewritten" if options["dry_run"] else "rewritten"
        logger.info(
            "blind index rebuilt",
            extra={
                "state": state.code,
                "index": f"{index.model._meta.db_table}.{index.column}",
                "bits": bits,
                "examined": done.examined,
                "rewritten": done.rewritten,
                "dry_run": options["dry_run"],
            },
        )
        self.stdout.write(
            f"{state.code} {_label(index)} at {bits} bits: {done.examined:,} rows read, "
            f"{done.rewritten:,} {written} ({seconds:.1f} s)."
        )

    def _report_plan(self, state, indexes: list[BlindIndexField]) -> None:
        """The plan of each table with one of the indexes, for the rows it holds in the State
        (all the table's indexes: they are planned together)."""
        for model in dict.fromkeys(index.model for index in indexes):
            table = next(index for index in indexes if index.model is model).table_indexes()
            rows = model._base_manager.count()
            declared = ", ".join(f"{index.name} {index.bits}" for index in table)
            specs = [planning.IndexSpec(index.name, index.value_space) for index in table]
            try:
                plan = planning.plan_indexes(rows, specs)
            except planning.PlanningError as error:
                self.stdout.write(
                    f"{state.code} {model._meta.db_table} (declared: {declared}): {error}"
                )
                continue
            self.stdout.write(
                f"{state.code} {model._meta.db_table} (declared: {declared} bits), the rule for "
                f"{planning.describe(plan)}"
            )
