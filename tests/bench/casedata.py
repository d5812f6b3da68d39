"""Bench data: a State's cases, parties, persons, deadlines and timelines, in bulk.

``fill(cases=...)`` fills the current State's schema. Every case is walked through the Convention
engine's workflow (``next_state``) from its creation to today, so its state, timeline and
deadlines (computed by ``compute_deadline``, opened and met as the transitions say) are the ones
the services would have written; some cases stall, which leaves deadlines overdue. Each case has
a creditor (usually the applicant), a debtor and usually one child (none in one case in ten, two
in one in ten): three persons a case on average, named in the language of where they live (and
sometimes another), with the frequencies of a register: a few names very common, most rare.

Rows are written with ``bulk_create``, which calls every field's ``pre_save``: the encrypted
fields are encrypted and the blind indexes computed exactly as ``save()`` would. Only the
timestamps are set by the generator rather than by ``auto_now``.

``prepare(...)`` (used by bench_cases.py) creates the bench database, migrates it, onboards the
bench State and fills it once; later runs find the data and reuse it.
"""

import contextlib
import dataclasses
import datetime
import functools
import random
import time
import uuid
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

import names
from baseline import BaselinePerson, baseline_person_of, baseline_table_create
from django.db import connection, models, transaction

from convention.deadlines import DeadlineSettings, NoPeriodError, compute_deadline
from convention.states import default_registry, governing_instrument
from convention.vocabulary import ApplicationType, Direction, LegalBasis, SpecificMeasure
from convention.workflow import (
    CaseEvent,
    CaseState,
    TransitionNotAllowed,
    allowed_events,
    can_happen,
)
from convention.workflow import next_state as workflow_next_state

SEED = 2007
CASES = 100_000
BATCH = 1_000
CASEWORKERS = 8
PASSWORD = "bench bench bench"
FIRST_DAY = datetime.date(2020, 1, 1)

# Where the partner Authorities of a German register are (weights); only States the shipped
# reference data know, so that every page can name them.
PARTNER_WEIGHTS = {
    "AT": 14, "NL": 8, "FR": 9, "PT": 6, "CZ": 7, "HU": 5, "GR": 4, "SE": 3, "DK": 2, "FI": 2,
    "SK": 4, "EE": 1, "NO": 4, "GB": 8, "US": 12, "BR": 3, "CH": 8,
}  # fmt: skip
# The languages of names of persons living in the bench State, beyond its own.
RESIDENT_LANGUAGES = {
    "de": 62, "tr": 10, "pl": 8, "ro": 3, "hr": 3, "it": 3, "el": 2, "uk": 2,
    "es": 2, "pt": 1, "en": 2, "hu": 1, "cs": 1,
}  # fmt: skip
APPLICATION_WEIGHTS = {
    ApplicationType.CREDITOR_RECOGNITION: 30,
    ApplicationType.CREDITOR_ENFORCEMENT: 14,
    ApplicationType.CREDITOR_ESTABLISHMENT: 24,
    ApplicationType.CREDITOR_ESTABLISHMENT_AFTER_REFUSAL: 2,
}
EVENT_WEIGHTS = {
    CaseEvent.REFUSE: 0.03,
    CaseEvent.STOP: 0.1,
    CaseEvent.REQUEST_DOCUMENTS: 0.25,
    CaseEvent.REFUSE_RECOGNITION: 0.08,
    CaseEvent.CHALLENGE: 0.1,
    CaseEvent.REFUSE_ON_CHALLENGE: 0.2,
    CaseEvent.CLOSE: 0.05,
}
MAX_EVENTS = 3  # workflow events after creation, per case, before it is closed
STALL = 0.03  # chance, at each step, that a case waits for something that never comes


@dataclasses.dataclass
class Generated:
    cases: int = 0
    persons: int = 0
    parties: int = 0
    deadlines: int = 0
    timeline_events: int = 0
    seconds: float = 0.0


@contextlib.contextmanager
def explicit_timestamps() -> Iterator[None]:
    """Let the generator set created_at/updated_at/recorded_at: auto_now and auto_now_add would
    give 100,000 cases the same second. Restored on exit."""
    from django.apps import apps

    changed = []
    for model in apps.get_app_config("cases").get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
                changed.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in changed:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Namer:
    """Names of persons: a language by residence, then a family name by a Zipf-like law over
    that language's names (the first names of a language's list are its common ones)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.family = names.family_names()
        self.cumulative = {}
        for language, listed in self.family.items():
            weights = [1 / (rank + 40) for rank in range(len(listed))]
            self.cumulative[language] = list(_accumulate(weights))

    def language(self, residence: str, own: str) -> str:
        rng = self.rng
        if residence == own:
            return _weighted(rng, {k: v for k, v in RESIDENT_LANGUAGES.items() if v})
        home = names.LANGUAGE_OF_STATE.get(residence, "en")
        return home if rng.random() < 0.8 else rng.choice(list(self.family))

    def family_name(self, language: str) -> str:
        return self.rng.choices(self.family[language], cum_weights=self.cumulative[language])[0]

    def given_names(self, language: str) -> str:
        listed = names.GIVEN_NAMES[language]
        first = self.rng.choice(listed)
        return first if self.rng.random() < 0.7 else f"{first} {self.rng.choice(listed)}"


def _accumulate(weights):
    total = 0.0
    for weight in weights:
        total += weight
        yield total


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _moment(rng: random.Random, day: datetime.date, zone: ZoneInfo) -> datetime.datetime:
    """A working-hours instant of the day, in the zone."""
    minutes = rng.randint(8 * 60, 18 * 60)
    return datetime.datetime.combine(day, datetime.time(minutes // 60, minutes % 60), zone)


class CaseFactory:
    """Builds unsaved cases with their parties, persons, deadlines and timeline events."""

    def __init__(
        self,
        *,
        own: str,
        time_zone: str,
        caseworkers: list,
        today: datetime.date,
        rng: random.Random,
    ):
        self.own, self.zone, self.today, self.rng = own, ZoneInfo(time_zone), today, rng
        self.caseworkers = caseworkers
        self.namer = Namer(rng)
        registry = default_registry()
        self.partners = {
            code: weight
            for code, weight in PARTNER_WEIGHTS.items()
            if code in registry and code != own
        }
        self.partner_zones = {code: registry[code].time_zone for code in self.partners}
        self.counters: dict[int, int] = {}
        self.bases: dict[tuple[str, str, int], LegalBasis] = {}

    @functools.cache  # noqa: B019 - a handful of zones, for the factory's life
    def deadline_settings(self, time_zone: str) -> DeadlineSettings:
        return DeadlineSettings(time_zone=time_zone)

    def legal_basis(self, requesting: str, requested: str, year: int) -> LegalBasis:
        key = (requesting, requested, year)
        if key not in self.bases:
            found = governing_instrument(requesting, requested, on=datetime.date(year, 7, 1))
            basis = found.legal_basis or next(
                iter(found.other_instruments), LegalBasis.BILATERAL_OR_RECIPROCITY
            )
            self.bases[key] = basis
        return self.bases[key]

    def build(self, models_):
        Case, Party, Person, Deadline, TimelineEvent = models_
        rng = self.rng
        span = (self.today - FIRST_DAY).days
        # More cases lately than years ago: the register grows.
        created_on = FIRST_DAY + datetime.timedelta(days=int(span * rng.random() ** 0.7))
        created_at = _moment(rng, created_on, self.zone)
        direction = Direction.INCOMING if rng.random() < 0.55 else Direction.OUTGOING
        partner = _weighted(rng, self.partners)
        requesting, requested = (
            (partner, self.own) if direction is Direction.INCOMING else (self.own, partner)
        )
        basis = self.legal_basis(requesting, requested, created_on.year)
        application_type, measures = None, []
        if rng.random() < 0.06:
            measures = [rng.choice(list(SpecificMeasure)).value]
        else:
            application_type = _weighted(rng, APPLICATION_WEIGHTS)
        year = created_on.year
        self.counters[year] = self.counters.get(year, 0) + 1
        responsible = rng.choice(self.caseworkers) if rng.random() < 0.96 else None
        case = Case(
            id=_uuid(rng),
            reference=f"{self.own}-{year}-{self.counters[year]:06d}",
            partner_reference=(
                f"{partner}/{rng.randint(1, 99):02d}/{rng.randint(1000, 99999)}"
                if direction is Direction.INCOMING or rng.random() < 0.6
                else ""
            ),
            direction=direction.value,
            legal_basis=basis.value,
            application_type=application_type.value if application_type else "",
            specific_measures=measures,
            requesting_state=requesting,
            requested_state=requested,
            responsible=responsible,
            state=CaseState.NEW.value,
            applicant_consent=direction is Direction.OUTGOING,
            created_at=created_at,
            updated_at=created_at,
        )
        actor = responsible or rng.choice(self.caseworkers)
        timeline = [
            TimelineEvent(
                id=_uuid(rng),
                case=case,
                kind=TimelineEvent.Kind.CREATED,
                details={},
                occurred_at=created_at,
                actor=actor,
                recorded_at=created_at,
            )
        ]
        deadlines = self._walk(case, application_type, basis, timeline, Deadline, TimelineEvent)
        persons, parties = self._parties(case, direction, partner, Party, Person)
        return case, persons, parties, deadlines, timeline

    def _walk(self, case, application_type, basis, timeline, Deadline, TimelineEvent) -> list:
        """Apply workflow events from creation to today; returns the case's deadlines."""
        rng = self.rng
        direction = Direction(case.direction)
        state = CaseState.NEW
        at = case.created_at
        settings = self.deadline_settings(
            self.partner_zones[case.requested_state]
            if direction is Direction.OUTGOING
            else str(self.zone)
        )
        now = datetime.datetime.combine(self.today, datetime.time(23, 59), self.zone)
        deadlines, open_ = [], {}
        first = CaseEvent.RECEIVE if direction is Direction.INCOMING else CaseEvent.TRANSMIT
        for step in range(MAX_EVENTS + 2):
            if step == MAX_EVENTS + 1:
                # A case quiet for half a year is usually closed by now.
                quiet = (now - at).days > 180
                if (
                    not quiet
                    or rng.random() < 0.04
                    or not can_happen(
                        direction, state, CaseEvent.CLOSE, application_type=application_type
                    )
                ):
                    break
                event = CaseEvent.CLOSE
                gap = datetime.timedelta(days=rng.randint(30, 180))
            elif step == 0:
                if direction is Direction.OUTGOING and rng.random() < 0.04:
                    break  # a draft, never transmitted
                event, gap = first, datetime.timedelta(minutes=rng.randint(0, 3 * 24 * 60))
            else:
                if rng.random() < STALL:
                    break
                age = (at.date() - case.created_at.date()).days
                choices = {
                    event: EVENT_WEIGHTS.get(event, 1.0)
                    * (25 if event is CaseEvent.CLOSE and age > 300 else 1)
                    for event in allowed_events(direction, state, application_type=application_type)
                    if event not in (CaseEvent.TRANSMIT, CaseEvent.RECEIVE)
                }
                if not choices:
                    break
                event = _weighted(rng, choices)
                gap = datetime.timedelta(days=rng.randint(4, 70), minutes=rng.randint(0, 600))
            try:
                transition = workflow_next_state(
                    direction, state, event, application_type=application_type
                )
            except TransitionNotAllowed:
                break
            if at + gap > now:
                break
            at = at + gap
            if transition.requires_expired is not None:
                waiting = open_.get(transition.requires_expired)
                if waiting is None or waiting.due >= at.date():
                    break
            for rule in transition.closes:
                if rule in open_:
                    open_.pop(rule).met_at = at
            for rule in transition.starts:
                try:
                    computed = compute_deadline(
                        rule, legal_basis=basis, start=at, settings=settings
                    )
                except NoPeriodError:
                    computed = None
                if computed is None:
                    continue
                deadline = Deadline(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    case=case,
                    rule=rule.value,
                    legal_basis=computed.legal_basis.value,
                    article=computed.article,
                    anchor=computed.start,
                    due=computed.due,
                    time_zone=settings.time_zone,
                    watched=direction is Direction.OUTGOING,
                    unconfirmed=computed.unconfirmed,
                    created_at=at,
                )
                if rule in open_:  # a rule restarted: the earlier one is met by the new start
                    open_[rule].met_at = at
                open_[rule] = deadline
                deadlines.append(deadline)
            state = transition.target
            stamp = {
                CaseEvent.TRANSMIT: "transmitted_at",
                CaseEvent.RECEIVE: "received_at",
                CaseEvent.ACKNOWLEDGE: "acknowledged_at",
                CaseEvent.CLOSE: "closed_at",
            }.get(event)
            if stamp:
                setattr(case, stamp, at)
            if event is CaseEvent.TRANSMIT:
                case.transmission_method = rng.choice(["post", "email", "ecodex", "ecodex"])
            details = {}
            if event is CaseEvent.ACKNOWLEDGE:
                details = {"outcome": "complete"}
            elif event is CaseEvent.REQUEST_DOCUMENTS:
                details = {"documents": ["proof of enforceability"]}
            timeline.append(
                TimelineEvent(
                    id=_uuid(rng),
                    case=case,
                    kind=TimelineEvent.Kind.WORKFLOW,
                    workflow_event=event.value,
                    state_after=state.value,
                    article=transition.article or "",
                    method=case.transmission_method if event is CaseEvent.TRANSMIT else "",
                    details=details,
                    occurred_at=at,
                    actor=case.responsible or timeline[0].actor,
                    recorded_at=at,
                )
            )
            if state is CaseState.CLOSED:
                break
        case.state = state.value
        case.updated_at = at
        case.version = len(timeline)
        return deadlines

    def _parties(self, case, direction, partner, Party, Person):
        rng, namer = self.rng, self.namer
        creditor_home = partner if direction is Direction.INCOMING else self.own
        debtor_home = self.own if direction is Direction.INCOMING else partner
        if rng.random() < 0.12:  # debtor moved on: lives in a third place, or still abroad
            debtor_home = rng.choice([*self.partners, self.own])
        created = case.created_at
        persons, parties = [], []

        def person(home: str, born: tuple[int, int], family_name: str | None = None, adult=True):
            language = namer.language(home, self.own)
            if language not in namer.family:
                language = "en"
            born_on = datetime.date(rng.randint(*born), rng.randint(1, 12), rng.randint(1, 28))
            values = {
                "id": _uuid(rng),
                "family_name": family_name or namer.family_name(language),
                "given_names": namer.given_names(language),
                "date_of_birth": born_on if rng.random() < 0.97 else None,
                "address": (
                    f"{namer.family_name(language)}str. {rng.randint(1, 180)}, "
                    f"{rng.randint(10000, 99999)} {home}"
                    if adult and rng.random() < 0.9
                    else ""
                ),
                "email": f"p{rng.getrandbits(40):x}@example.org"
                if adult and rng.random() < 0.5
                else "",
                "phone": f"+49 {rng.randint(100, 999)} {rng.randint(100000, 9999999)}"
                if adult and rng.random() < 0.6
                else "",
                "created_at": created,
                "updated_at": created,
            }
            made = Person(**values)
            persons.append(made)
            return made

        def party(made, roles, *, applicant=False, home="", **extra):
            parties.append(
                Party(
                    id=_uuid(rng),
                    case=case,
                    person=made,
                    roles=roles,
                    is_applicant=applicant,
                    habitual_residence=home,
                    non_disclosure=rng.random() < 0.02,
                    created_at=created,
                    **extra,
                )
            )

        public_body = rng.random() < 0.05
        creditor = person(creditor_home, (1965, 2000))
        debtor = person(debtor_home, (1958, 1998))
        party(creditor, ["creditor"], applicant=not public_body, home=creditor_home)
        party(debtor, ["debtor"], home=debtor_home)
        children = 0 if case.pk.int % 10 == 0 else 2 if case.pk.int % 10 == 1 else 1
        for _ in range(children):
            family = rng.choice([creditor.family_name, debtor.family_name])
            child = person(creditor_home, (2006, 2024), family_name=family, adult=False)
            party(child, ["person_for_whom_maintenance_is_sought"], home=creditor_home)
        if public_body:
            parties.append(
                Party(
                    id=_uuid(rng),
                    case=case,
                    organisation_name="Jugendamt",
                    roles=["public_body"],
                    is_applicant=True,
                    habitual_residence=creditor_home,
                    created_at=created,
                )
            )
        return persons, parties


def fill(
    *,
    cases: int,
    own: str,
    time_zone: str,
    caseworkers: list,
    today: datetime.date,
    seed: int = SEED,
    batch: int = BATCH,
    progress: Callable[[str], None] = lambda line: None,
) -> Generated:
    """Fill the current State's schema with ``cases`` cases and their records, and the baseline
    table with the same persons in plaintext. Assumes the schema holds no case yet."""
    from cases.models import Case, CaseReferenceCounter, Deadline, Party, Person, TimelineEvent

    started = time.perf_counter()
    factory = CaseFactory(
        own=own, time_zone=time_zone, caseworkers=caseworkers, today=today, rng=random.Random(seed)
    )
    classes = (Case, Party, Person, Deadline, TimelineEvent)
    generated = Generated()
    baseline_table_create()
    with explicit_timestamps():
        for start in range(0, cases, batch):
            built = [factory.build(classes) for _ in range(min(batch, cases - start))]
            with transaction.atomic():
                Case.objects.bulk_create([row[0] for row in built])
                persons = [person for row in built for person in row[1]]
                Person.objects.bulk_create(persons)
                Party.objects.bulk_create([party for row in built for party in row[2]])
                Deadline.objects.bulk_create([d for row in built for d in row[3]])
                TimelineEvent.objects.bulk_create([e for row in built for e in row[4]])
                BaselinePerson.objects.bulk_create([baseline_person_of(p) for p in persons])
            generated.cases += len(built)
            generated.persons += len(persons)
            generated.parties += sum(len(row[2]) for row in built)
            generated.deadlines += sum(len(row[3]) for row in built)
            generated.timeline_events += sum(len(row[4]) for row in built)
            if (start // batch) % 10 == 9:
                progress(
                    f"  {generated.cases:,} cases, {generated.persons:,} persons "
                    f"({time.perf_counter() - started:.0f} s)"
                )
    for year, number in factory.counters.items():
        CaseReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": number})
    # VACUUM as well, as autovacuum would have (servers for tests often run without it): an
    # index-only scan reads the table wherever the visibility map is not set. Not possible
    # inside a transaction (the smoke test's), where ANALYZE alone is what matters.
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    with connection.cursor() as cursor:
        for table in [*case_tables(), BaselinePerson._meta.db_table]:
            cursor.execute(f"{command} {connection.ops.quote_name(table)}")
    generated.seconds = time.perf_counter() - started
    return generated


# --- The bench database and State ----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class BenchState:
    code: str = "DE"
    name: str = "Germany"
    domain: str = "de.localhost"
    time_zone: str = "Europe/Berlin"


BENCH_STATE = BenchState()


def case_tables() -> list[str]:
    from django.apps import apps

    return [model._meta.db_table for model in apps.get_app_config("cases").get_models()]


def data_clear() -> None:
    """Remove every case record of the current schema (and the baseline table)."""
    tables = [t for t in case_tables() if t in connection.introspection.table_names()]
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(tables) + " CASCADE")
        cursor.execute("DROP TABLE IF EXISTS bench_baseline_person")


def caseworkers_ensure(count: int = CASEWORKERS) -> list:
    """The bench State's caseworkers (and one supervisor), created once."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from accounts.roles import StateRole

    users = []
    for number in range(1, count + 2):
        role = StateRole.SUPERVISOR if number > count else StateRole.CASEWORKER
        email = f"{'supervisor' if number > count else f'caseworker{number}'}@bench.example.org"
        user = get_user_model().objects.filter(email=email).first()
        if user is None:
            user = get_user_model().objects.create_user(email=email, password=PASSWORD)
            user.groups.add(Group.objects.get(name=role))
        users.append(user)
    return users


def data_size() -> tuple[int, int, int]:
    """(cases, persons, baseline persons) in the current schema."""
    from cases.models import Case, Person

    baseline = 0
    if "bench_baseline_person" in connection.introspection.table_names():
        baseline = BaselinePerson.objects.count()
    return Case.objects.count(), Person.objects.count(), baseline


def data_readable() -> bool:
    """Whether a stored person decrypts and is found by its family name (the keys, or the
    master key under .local/, may have changed since the data were made)."""
    from cases.models import Person
    from encryption.errors import EncryptionError

    person = Person.objects.order_by("id").first()
    if person is None:
        return False
    try:
        found = Person.objects.search(family_name=person.family_name)
    except EncryptionError:
        return False
    return any(candidate.pk == person.pk for candidate in found)


def prepare(*, cases: int = CASES, rebuild: bool = False, progress=print):
    """The bench State, filled with ``cases`` cases: reused when they are there, generated
    otherwise (or when ``rebuild``). Returns (state, caseworkers, Generated or None)."""
    from django.core.management import call_command

    from tenants.models import State
    from tenants.services import state_onboard

    connection.set_schema_to_public()
    call_command("migrate_schemas", "--shared", verbosity=0)
    call_command("migrate_schemas", "--tenant", verbosity=0)
    state = State.objects.filter(code=BENCH_STATE.code).first()
    if state is None:
        state = state_onboard(
            code=BENCH_STATE.code,
            name=BENCH_STATE.name,
            domain=BENCH_STATE.domain,
            time_zone=BENCH_STATE.time_zone,
            languages=["de", "en"],
            admin_email="admin@bench.example.org",
            admin_password=PASSWORD,
        ).state
    connection.set_tenant(state)
    workers = caseworkers_ensure()
    size = data_size()
    wanted_persons_at_least = cases * 2
    if not rebuild and size[0] == cases and size[1] == size[2] >= wanted_persons_at_least:
        if data_readable():
            progress(f"Reusing {size[0]:,} cases and {size[1]:,} persons in {state.schema_name}.")
            return state, workers, None
        progress("The stored persons no longer decrypt (keys changed): generating again.")
    progress(f"Generating {cases:,} cases in {state.schema_name} (a few minutes)...")
    data_clear()
    generated = fill(
        cases=cases,
        own=state.code,
        time_zone=state.time_zone,
        caseworkers=workers[:-1],
        today=datetime.date.today(),
        progress=progress,
    )
    return state, workers, generated
