"""Model fields that encrypt personal data in the application, with the current State's keys.

An encrypted value is bound to its State, table, column and row (the AES-GCM associated data), so
a ciphertext copied anywhere else fails to decrypt. Models holding such fields must use a
client-generated UUID primary key: the row's identity is needed before the first INSERT.

Values are decrypted lazily, on first attribute access, and encrypted in `pre_save`, so they are
written only through `Model.save()` and `QuerySet.bulk_create()`. `QuerySet.update()` and lookups
other than `isnull` are refused: the database never sees a plaintext to compare with.
Use a `BlindIndexField` for exact search (`encryption.search`).
"""

import datetime
import functools
import hashlib
import hmac
import json
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from django import forms
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.query_utils import DeferredAttribute
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from encryption import keyring, planning
from encryption.errors import EncryptionError, UnknownKeyVersion


class Ciphertext:
    """A stored value not yet decrypted: its bytes, and the schema and row it was read from (what
    it is bound to). Never shows its bytes."""

    __slots__ = ("row", "schema_name", "token")

    def __init__(self, token: bytes, schema_name: str, row: Any = None) -> None:
        self.token = token
        self.schema_name = schema_name
        self.row = row

    def __bytes__(self) -> bytes:
        return self.token

    def __str__(self) -> str:
        return "<encrypted>"

    __repr__ = __str__


def schema_of(instance: models.Model) -> str:
    """The schema the instance's database connection is on (without the proxy's overhead; once
    per save of an EncryptedModel, which notes it for all its fields)."""
    noted = instance._state.__dict__.get("encryption_schema")
    return noted or connections[instance._state.db or DEFAULT_DB_ALIAS].schema_name


def associated_data(schema_name: str, row: Any, field: models.Field) -> bytes:
    """What a ciphertext is bound to: platform, State (schema), table, column and row."""
    if row is None:
        raise EncryptionError(
            f"{field.model.__name__} needs its primary key before its {field.name} is "
            "encrypted; give the model a client-generated UUID primary key."
        )
    return associated_data_prefix(schema_name, field) + str(row).encode()


def associated_data_prefix(schema_name: str, field: models.Field) -> bytes:
    """The associated data of a column's values in a State, without the row (which ends it)."""
    return b"|".join((b"isupport/v1", schema_name.encode(), field.table_and_column, b""))


class _EncryptedAttribute(DeferredAttribute):
    """Decrypts on first access; a data descriptor, so assignments go through it too."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        value = instance.__dict__.get(self.field.attname, self)
        if value is self:  # deferred (QuerySet.only / defer): load it first
            value = super().__get__(instance, cls)
        if isinstance(value, Ciphertext):
            value = instance.__dict__[self.field.attname] = self.field.decrypt(value)
        return value

    def __set__(self, instance, value):
        if isinstance(value, Ciphertext) and value.row is None:
            value.row = instance.pk  # loading a row: its primary key is assigned first
        instance.__dict__[self.field.attname] = value


class _ColumnBound:
    """A field whose keys and associated data name its table and column."""

    @cached_property
    def table_and_column(self) -> bytes:
        return f"{self.model._meta.db_table}|{self.column}".encode()


class EncryptedField(_ColumnBound, models.Field):
    """Base of the encrypted fields: bytea in the database, plaintext on the instance."""

    descriptor_class = _EncryptedAttribute

    def get_internal_type(self) -> str:
        return "BinaryField"

    # -- conversion between the Python value and the bytes that are encrypted ----------------
    def to_plaintext(self, value: Any) -> bytes:
        raise NotImplementedError

    def from_plaintext(self, data: bytes) -> Any:
        raise NotImplementedError

    def decrypt(self, value: Ciphertext) -> Any:
        plaintext = keyring.decrypt(
            value.schema_name, value.token, associated_data(value.schema_name, value.row, self)
        )
        return self.from_plaintext(plaintext)

    def stored_value_reader(self, schema_name: str) -> Callable[[bytes, Any], bytes]:
        """A function decrypting this column's stored values, read in the given State, to their
        plaintext bytes: ``read(token, row)``, with the row (primary key) each was read from,
        bound to it as a loaded value is. For decrypting many values of a column at once (the
        candidates of a search): the State's keys and the associated data are looked up once,
        not per value, and nothing is converted before the caller needs it."""
        keys = keyring.keyring_for(schema_name)
        prefix = associated_data_prefix(schema_name, self)

        def read(token: bytes, row: Any) -> bytes:
            if row is None:
                raise EncryptionError(f"{self.name}: a stored value is read with its row.")
            associated = prefix + str(row).encode()
            try:
                return keys.decrypt(token, associated)
            except UnknownKeyVersion:  # written under a key this process has not seen yet
                return keyring.decrypt(schema_name, token, associated)

        return read

    # -- database round trip -------------------------------------------------------------------
    def pre_save(self, model_instance, add):
        value = model_instance.__dict__.get(self.attname)
        if value is None:
            return None
        schema_name = schema_of(model_instance)
        if isinstance(value, Ciphertext):
            if value.row is None:
                raise EncryptionError(
                    f"{self.model.__name__}.{self.name} holds a stored value whose row is unknown "
                    "(it was not loaded with its row); assign its plaintext instead."
                )
            if value.schema_name != schema_name:
                raise EncryptionError(
                    f"{self.model.__name__}.{self.name} was read in another State's schema and "
                    "cannot be written in this one."
                )
            if value.row == model_instance.pk:
                return value  # unchanged since it was loaded: store the same ciphertext
            value = self.decrypt(value)  # copied into another row: bind it to the new one
        token = keyring.encrypt(
            schema_name,
            self.to_plaintext(self.to_python(value)),
            associated_data(schema_name, model_instance.pk, self),
        )
        return Ciphertext(token, schema_name, model_instance.pk)

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None:
            return None
        if not isinstance(value, Ciphertext):
            raise EncryptionError(
                f"{self.model.__name__}.{self.name} is encrypted and can only be written "
                "through save() or bulk_create(), never with update() or in a lookup."
            )
        return connection.Database.Binary(value.token)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return Ciphertext(bytes(value), connection.schema_name)

    def get_lookup(self, lookup_name):
        if lookup_name != "isnull":
            raise EncryptionError(
                f"{self.model.__name__}.{self.name} is encrypted: only isnull lookups are "
                "possible; search through its blind index."
            )
        return super().get_lookup(lookup_name)

    def value_to_string(self, obj):
        return "<encrypted>"


class EncryptedTextField(EncryptedField):
    description = _("Text, encrypted with the State's key")

    def to_python(self, value):
        if value is None or isinstance(value, str):
            return value
        return str(value)

    def to_plaintext(self, value: str) -> bytes:
        return value.encode()

    def from_plaintext(self, data: bytes) -> str:
        return data.decode()

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.CharField, **kwargs})


class EncryptedDateField(EncryptedField):
    empty_strings_allowed = False
    description = _("Date, encrypted with the State's key")

    def to_python(self, value):
        return as_date(value)

    def to_plaintext(self, value: datetime.date) -> bytes:
        return value.isoformat().encode()

    def from_plaintext(self, data: bytes) -> datetime.date:
        return datetime.date.fromisoformat(data.decode())

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.DateField, **kwargs})


class EncryptedJSONField(EncryptedField):
    empty_strings_allowed = False
    description = _("JSON, encrypted with the State's key")

    def to_python(self, value):
        return value

    def to_plaintext(self, value: Any) -> bytes:
        return json.dumps(value, cls=DjangoJSONEncoder, separators=(",", ":")).encode()

    def from_plaintext(self, data: bytes) -> Any:
        return json.loads(data)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.JSONField, **kwargs})


# --- Blind indexes ----------------------------------------------------------------------------


@functools.cache
def _combining_marks() -> dict[int, None]:
    """A str.translate table deleting the combining marks of the Basic Multilingual Plane
    (where the marks of every script used in names live); built once, in about 20 ms."""
    return {code: None for code in range(0x10000) if unicodedata.combining(chr(code))}


_NOT_WORD = re.compile(r"[\W_]+")


def normalise_name(value: str) -> str:
    """Fold case, accents and punctuation: "Müller-Lüdenscheidt " -> "muller ludenscheidt"."""
    without_marks = unicodedata.normalize("NFKD", value).translate(_combining_marks())
    return _NOT_WORD.sub(" ", without_marks.casefold()).strip()


def as_date(value: Any) -> datetime.date | None:
    """A date from a date, a datetime (its date) or an ISO string. The error never repeats the
    value: it may be a date of birth."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError(_("Enter a valid date."), code="invalid")


def normalise_date(value: datetime.date | str) -> str:
    return as_date(value).isoformat()


class BlindIndexField(_ColumnBound, models.IntegerField):
    """A keyed, truncated HMAC of another field's normalised value, for exact search.

    `bits` sets how many bits are kept: fewer bits leak less about equal values and return more
    false positives, which the search removes after decrypting the candidates. The width is never
    chosen by hand: each index declares its planning inputs next to its `bits`, `population`
    (an `encryption.planning.Population`: the rows its table is planned for, the same for every
    blind index of the table) and `value_space` (how many distinct normalised values its source
    can take; None for free text), and the system check `encryption.E003` requires `bits` to be
    what `encryption.planning.plan_indexes` gives for all the table's blind indexes together
    (CipherSweet's rule: rows sharing a row's index values by coincidence >= 2).

    The value at a width is the leading bits of the same HMAC, so a narrower index is the wider
    one shifted right (`value >> (wider - narrower)`: SQL, no key needed); a wider one needs the
    keys and the plaintext (the `rebuild_blind_indexes` command). The planning inputs are not
    part of the migrations: a new sizing shows in them through `bits`.
    """

    def __init__(
        self,
        *args,
        source: str = "",
        bits: int = 16,
        normalise: Callable[[Any], str] = normalise_name,
        population: planning.Population | None = None,
        value_space: int | None = None,
        **kwargs,
    ):
        _check_width(bits)
        if value_space is not None and value_space < 2:
            raise ValueError("A blind index's value space has at least two values.")
        self.source, self.bits, self.normalise = source, bits, normalise
        self.population, self.value_space = population, value_space
        kwargs.setdefault("editable", False)
        kwargs.setdefault("null", True)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.update(source=self.source, bits=self.bits)
        for planning_input in ("normalise", "population", "value_space"):
            kwargs.pop(planning_input, None)
        return name, path, args, kwargs

    def index_value(
        self, plaintext: Any, *, schema_name: str | None = None, bits: int | None = None
    ) -> int:
        """The index value of a plaintext, in the given State (by default the current one), at
        the field's width or at ``bits`` (rebuilding the index at another width)."""
        width = self.bits if bits is None else _check_width(bits)
        state_keys = keyring.keyring_for(schema_name) if schema_name else keyring.current_keyring()
        key = state_keys.blind_index_key(self.table_and_column)
        digest = hmac.new(key, self.normalise(plaintext).encode(), hashlib.sha256).digest()
        return int.from_bytes(digest[:4], "big") >> (32 - width)

    def pre_save(self, model_instance, add):
        if self.source not in model_instance.__dict__:  # source deferred, so unchanged
            return getattr(model_instance, self.attname)
        source_value = model_instance.__dict__[self.source]
        if isinstance(source_value, Ciphertext):  # source unchanged: so is its index
            return getattr(model_instance, self.attname)
        if source_value is None:
            value = None
        else:
            value = self.index_value(source_value, schema_name=schema_of(model_instance))
        setattr(model_instance, self.attname, value)
        return value

    # -- planning ------------------------------------------------------------------------------
    def table_indexes(self) -> list["BlindIndexField"]:
        """Every blind index of this field's table, in declaration order (planned together)."""
        return [f for f in self.model._meta.concrete_fields if isinstance(f, BlindIndexField)]

    def table_plan(self) -> planning.TablePlan:
        """What the planning rule gives for this field's table at its declared population.
        Raises ``PlanningError`` when it gives nothing, ``ValueError`` when the table's blind
        indexes do not declare one population."""
        indexes = self.table_indexes()
        populations = {index.population for index in indexes}
        if len(populations) != 1 or None in populations:
            raise ValueError(
                f"The blind indexes of {self.model._meta.db_table} do not all declare the same "
                "population: they are planned together, for the table's rows."
            )
        specs = [planning.IndexSpec(index.name, index.value_space) for index in indexes]
        return planning.plan_indexes(self.population.rows, specs)

    def check(self, **kwargs):
        return [*super().check(**kwargs), *self._check_planned_width()]

    def _check_planned_width(self) -> list[checks.Error]:
        if self.population is None:
            return [
                checks.Error(
                    "A blind index declares its planning inputs (population, value_space): its "
                    "width is the planning rule's, never chosen by hand.",
                    hint="See encryption.planning.",
                    obj=self,
                    id="encryption.E002",
                )
            ]
        try:
            plan = self.table_plan()
        except (planning.PlanningError, ValueError) as error:
            return [checks.Error(str(error), obj=self, id="encryption.E003")]
        planned = plan[self.name].bits
        if planned == self.bits:
            return []
        return [
            checks.Error(
                f"{self.name} keeps {self.bits} bits; the planning rule gives {planned} for "
                f"{self.population.rows:,} {self.population.name}.",
                hint=(
                    f"Declare bits={planned} and migrate: narrowing shifts the stored values "
                    "right in SQL (no key needed), widening needs `manage.py "
                    "rebuild_blind_indexes` in every State. The plan:\n" + planning.describe(plan)
                ),
                obj=self,
                id="encryption.E003",
            )
        ]


def _check_width(bits: int) -> int:
    if not 1 <= bits <= planning.CEILING_BITS:
        raise ValueError(f"A blind index keeps between 1 and {planning.CEILING_BITS} bits.")
    return bits


class EncryptedModel(models.Model):
    """Base of the models that hold encrypted fields with blind indexes: whenever a source
    field is saved, its index is saved with it (even when the index was deferred, or left out
    of update_fields), so that a person never drops out of search."""

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        deferred = self.get_deferred_fields()
        if update_fields is None and deferred and not self._state.adding:
            # What Django would save for a partly loaded instance: the loaded fields.
            update_fields = {f.attname for f in self._meta.concrete_fields} - deferred
        if update_fields is not None:
            update_fields = set(update_fields)
            update_fields |= {
                field.attname
                for field in self._meta.concrete_fields
                if isinstance(field, BlindIndexField) and field.source in update_fields
            }
            update_fields.discard(self._meta.pk.attname)
        self._state.encryption_schema = schema_of(self)
        try:
            super().save(*args, update_fields=update_fields, **kwargs)
        finally:
            del self._state.encryption_schema


@checks.register(checks.Tags.models)
def check_primary_key_comes_first(app_configs=None, **kwargs) -> list[checks.Error]:
    """A loaded ciphertext is bound to its row when the model is built, which assigns fields in
    order: the primary key must come before every encrypted field."""
    from django.apps import apps

    errors = []
    for model in apps.get_models():
        fields = model._meta.concrete_fields
        encrypted = [field for field in fields if isinstance(field, EncryptedField)]
        if encrypted and fields[0] is not model._meta.pk:
            errors.append(
                checks.Error(
                    "A model with encrypted fields must declare its primary key first.",
                    obj=model,
                    id="encryption.E001",
                )
            )
    return errors
