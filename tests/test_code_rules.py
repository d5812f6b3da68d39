"""Rules about where code may do what, checked on the source (STYLE.md)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TENANT_APP_MODULES = ["cases", "api"]
# Reading or writing a State's records happens in selectors, services and models only, where
# access is checked; views, forms and commands call those.
ALLOWED = {"selectors.py", "services.py", "models.py"}
DIRECT_QUERY = re.compile(r"\b[A-Z]\w*\.(objects|_base_manager|_default_manager)\.\w+\(")
# A case's related records read through its related managers or reverse one-to-ones are queries
# too: a page, the engine or the Convention forms take them from a selector (CaseRecords).
_RELATED = r"(parties|documents|notes|tasks|deadlines|timeline|translations)"
_QUERYSET_METHODS = (
    r"(all|filter|exclude|select_related|prefetch_related|order_by|values|values_list|count"
    r"|exists|first|last|create|update|delete|aggregate|annotate|iterator|in_bulk)"
)
RELATED_QUERY = re.compile(
    rf"\.{_RELATED}\.{_QUERYSET_METHODS}\(|\bcase\.{_RELATED}\.get\(|\bcase\.(decision|particulars)\b"
)


def _may_query(path: Path) -> bool:
    """Selectors, services and models, whether a module or a package of modules."""
    if "migrations" in path.parts:
        return True
    return path.name in ALLOWED or f"{path.parent.name}.py" in ALLOWED


def test_tenant_records_are_queried_only_in_selectors_and_services():
    assert DIRECT_QUERY.search("person = Person.objects.get(pk=person_id)")
    assert DIRECT_QUERY.search("found = Person.objects.search(family_name=name)")
    assert DIRECT_QUERY.search("rows = Person._base_manager.only('pk')")
    assert RELATED_QUERY.search("notes = list(case.notes.select_related('author'))")
    assert RELATED_QUERY.search("[d for d in case.documents.all() if not d.generated_form]")
    assert RELATED_QUERY.search("decision = case.decision")
    assert not RELATED_QUERY.search("records.decision")
    offenders = []
    for app in TENANT_APP_MODULES:
        for path in (ROOT / app).rglob("*.py"):
            if _may_query(path):
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if DIRECT_QUERY.search(line) or RELATED_QUERY.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_no_print_or_logging_of_personal_fields():
    """Personal values never reach logs or standard output: no log call or print names a
    personal field."""
    personal = r"(family_name|given_names|date_of_birth|address|email|phone)"
    pattern = re.compile(rf"(logger\.\w+|logging\.\w+|print)\(.*\.{personal}\b")
    assert pattern.search("logger.info('saved %s', person.family_name)")
    assert pattern.search("print(person.email)")
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for base in ("cases", "tenants", "platform")
        for path in (ROOT / base).rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []
