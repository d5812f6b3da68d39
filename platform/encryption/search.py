"""Exact search over encrypted fields, through their blind indexes.

A search narrows the rows in the database by the blind index values of the searched values, then
confirms each candidate in Python: it decrypts only the searched columns, each value bound to its
State, table, column and row as a loaded field's is, and compares it, normalised as its index
normalises, with the searched value. An index value is shared by several values by design, so
the confirmation is what makes the result exact. A value moved to another row does not decrypt
there: the search raises ``DecryptionError``, as loading that row would, and never returns it
(with ``distinct``, a row whose values were found already in another row is not decrypted).

- ``search_values(queryset, *fields, through=..., **searched)``: the given columns of the
  matching rows, from one query, without building model instances (a common family name has a
  thousand candidates). The encrypted fields may be on a related model: the parties of the
  persons with a family name are ``search_values(Party.objects, "case_id", through="person",
  family_name=...)``.
- ``EncryptedQuerySet.search(**searched)``: the matching instances themselves, in one query.

A searched value of ``None`` or ``""`` does not narrow. What a search decrypts is kept for that
search only (and, by ``search``, on the instances it returns, as an attribute access would).
"""

from typing import Any

from django.db import connections, models
from django.db.models import BinaryField, ExpressionWrapper, F, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import Exact

from encryption.fields import BlindIndexField, Ciphertext, EncryptedField


class _Criterion:
    """One searched value: its blind index value, and whether a stored value equals it."""

    __slots__ = (
        "from_plaintext",
        "index_lookup",
        "index_value",
        "normalise",
        "read",
        "source",
        "stored",
        "verdicts",
        "wanted",
    )

    def __init__(
        self, model: type[models.Model], name: str, value: Any, *, prefix: str, schema_name: str
    ) -> None:
        self.source = model._meta.get_field(name)
        indexes = [
            field
            for field in model._meta.concrete_fields
            if isinstance(field, BlindIndexField) and field.source == name
        ]
        if not isinstance(self.source, EncryptedField) or not indexes:
            raise ValueError(f"{model.__name__}.{name} is not encrypted with a blind index.")
        index = indexes[0]
        self.index_lookup = f"{prefix}{index.name}"
        self.index_value = index.index_value(value, schema_name=schema_name)
        # The stored bytes as they are, decrypted right away rather than wrapped in a
        # Ciphertext each (the field's own conversion on load).
        self.stored = ExpressionWrapper(F(f"{prefix}{name}"), output_field=BinaryField())
        self.read = self.source.stored_value_reader(schema_name)
        self.from_plaintext = self.source.from_plaintext
        self.normalise = index.normalise
        self.wanted = index.normalise(value)
        # The verdict on each distinct plaintext, for this search only: the candidates of a
        # common name mostly decrypt to the same few spellings, each converted and normalised
        # once (a date of birth's ISO bytes likewise).
        self.verdicts: dict[bytes, bool] = {}

    def matches(self, token: bytes | None, row: Any) -> bool:
        """Whether the value stored (``token``) in the row (its primary key) is the searched
        one."""
        return token is not None and self.plaintext_matches(self.read(token, row))

    def plaintext_matches(self, plaintext: bytes) -> bool:
        verdict = self.verdicts.get(plaintext)
        if verdict is None:
            value = self.from_plaintext(plaintext)
            verdict = self.verdicts[plaintext] = self.normalise(value) == self.wanted
        return verdict


class _Search:
    """The criteria of one search, in the State of the queryset's connection, on the model
    holding the encrypted fields (the queryset's, or the one ``through`` leads to)."""

    def __init__(
        self, queryset: models.QuerySet, searched: dict[str, Any], *, through: str = ""
    ) -> None:
        model, prefix = queryset.model, ""
        for step in through.split("__") if through else ():
            model = model._meta.get_field(step).related_model
            prefix += f"{step}__"
        given = {name: value for name, value in searched.items() if value not in (None, "")}
        if not given:
            wanted = " or a ".join(name.replace("_", " ") for name in searched) or "value"
            raise ValueError(f"Search needs a {wanted}.")
        self.schema_name = schema_name = connections[queryset.db].schema_name
        # The row's primary key as PostgreSQL writes it, which is its str() for a UUID (the
        # associated data's form), rather than a UUID object made and written out again.
        pk = model._meta.pk
        row_path = f"{prefix}pk"
        self.row = Cast(row_path, TextField()) if isinstance(pk, models.UUIDField) else row_path
        self.criteria = [
            _Criterion(model, name, value, prefix=prefix, schema_name=schema_name)
            for name, value in given.items()
        ]

    def candidates(self, queryset: models.QuerySet) -> models.QuerySet:
        """The rows whose blind index values are the searched values' (a superset), read only
        from the schema whose keys and associated data the search decrypts them with."""
        return queryset.filter(
            Exact(_CurrentSchema(), self.schema_name),
            **{criterion.index_lookup: criterion.index_value for criterion in self.criteria},
        )


class _CurrentSchema(models.Func):
    """PostgreSQL's ``current_schema()``, the schema a query reads (a one-time filter).

    It is also PARALLEL UNSAFE, so a query naming it is planned without parallel workers. A
    search's candidates are a few thousand rows at most, found through an index: a worker costs
    more than it saves, yet the planner chose one at 100,000 cases for the most common family
    name (its 1,076 candidates: 6 to 13 ms in PostgreSQL with a worker, 2.7 to 4 ms without).
    Unlike ``SET max_parallel_workers_per_gather``, this costs no round trip and changes no
    setting of the connection."""

    template = "current_schema()"
    output_field = TextField()


def search_values(
    queryset: models.QuerySet,
    *fields: str,
    through: str = "",
    flat: bool = False,
    distinct: bool = False,
    **searched,
) -> list:
    """The values of ``fields`` (as ``QuerySet.values_list`` names them) of the rows of
    ``queryset`` whose encrypted fields equal the ``searched`` values (field name: value), case
    and accents folded as their blind indexes fold them; one tuple per matching row, in the
    queryset's order, or one value per row with ``flat``. ``through`` names the relation (a
    ``values_list`` path such as ``"person"``) to the model holding the encrypted fields, when
    that is not the queryset's own. With ``distinct``, each value (tuple) once, and a candidate
    whose values were found already is not decrypted (the cases of a family name: a parent and a
    child in one case are decrypted once).

    One query, planned without parallel workers: the candidates narrowed by their blind indexes,
    with the requested values, the encrypted model's primary key and only the searched encrypted
    columns. ``through``,
    ``flat`` and ``distinct`` cannot be searched field names."""
    if not fields or (flat and len(fields) != 1):
        raise TypeError("search_values() needs one field or more (exactly one with flat=True).")
    search = _Search(queryset, searched, through=through)
    first, *others = search.criteria
    width = len(fields)
    rows = search.candidates(queryset).values_list(
        *fields, search.row, *(criterion.stored for criterion in search.criteria)
    )
    # This loop runs once a candidate (a thousand for a common name): the first criterion (most
    # searches have one) is confirmed inline, without a call a row for each step.
    read, verdicts, judge = first.read, first.verdicts, first.plaintext_matches
    found, seen = [], set()
    for row in rows:
        values = row[0] if flat else row[:width]
        if distinct and values in seen:
            continue
        row_id, token = row[width], row[width + 1]
        if token is None:
            continue
        plaintext = read(token, row_id)
        verdict = verdicts.get(plaintext)
        if not (judge(plaintext) if verdict is None else verdict):
            continue
        if others and not all(
            criterion.matches(stored, row_id)
            for criterion, stored in zip(others, row[width + 2 :], strict=True)
        ):
            continue
        if distinct:
            seen.add(values)
        found.append(values)
    return found


class EncryptedQuerySet(models.QuerySet):
    """A queryset of a model with encrypted fields and blind indexes, searchable by value."""

    def search(self, **searched) -> list[models.Model]:
        """The instances whose encrypted fields equal the ``searched`` values (field name: value),
        case and accents folded as their blind indexes fold them; in the queryset's order. The
        searched values are decrypted to confirm each candidate, and stay decrypted on the
        instances found; their other fields are decrypted on access, as usual."""
        search = _Search(self, searched)
        found = []
        for instance in search.candidates(self):
            if all(self._matches(criterion, instance) for criterion in search.criteria):
                found.append(instance)
        return found

    @staticmethod
    def _matches(criterion: _Criterion, instance: models.Model) -> bool:
        attname = criterion.source.attname
        stored = instance.__dict__.get(attname)
        if not isinstance(stored, Ciphertext):  # deferred (loaded now), or assigned since
            value = getattr(instance, attname)
            return value is not None and criterion.normalise(value) == criterion.wanted
        plaintext = criterion.read(stored.token, stored.row)  # bound to its row on load
        if not criterion.plaintext_matches(plaintext):
            return False
        # Decrypted already: keep the value, as a first attribute access would have.
        instance.__dict__[attname] = criterion.from_plaintext(plaintext)
        return True
