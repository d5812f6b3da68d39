"""Who may do what in a State. Every role and permission check of every State app (cases, the
API, and those to come) lives here, in the platform layer, so that each app asks the same
functions without reaching into another; views, API views and services ask these and nothing else.

- caseworkers work cases (create, change, move them through the workflow);
- supervisors do the same, reassign cases and see the team's workload;
- auditors read everything and change nothing;
- State administrators manage the State's users and API clients, and read cases.
Restricted information (Art 40) needs the ``cases.view_restricted_information`` permission, which
supervisors hold by default and a State administrator may grant to individual caseworkers.

An API client acts with the role it was given; it is a ``user`` here like any other.
"""

from django.contrib.auth import get_user_model

from accounts.roles import StateRole

_READERS = frozenset(role.value for role in StateRole)
_WORKERS = frozenset({StateRole.CASEWORKER.value, StateRole.SUPERVISOR.value})
RESTRICTED_INFORMATION_PERMISSION = "cases.view_restricted_information"


def _roles(user) -> frozenset[str]:
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_state_roles", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._state_roles = cached
    return cached


def can_view_persons(user) -> bool:
    """Every role of a State reads persons (auditors included); nobody else."""
    return bool(_roles(user) & _READERS)


def can_view_cases(user) -> bool:
    return bool(_roles(user) & _READERS)


def can_work_cases(user) -> bool:
    """Create cases, add parties, documents, notes and tasks, and move cases on."""
    return bool(_roles(user) & _WORKERS)


def can_be_given_cases(user) -> bool:
    """Whether cases and tasks may be given to ``user``: an active caseworker or supervisor
    account of the current State. Read from this schema's tables, never from roles cached on
    the instance, so that an account of another State (which has no row here) is refused."""
    if getattr(user, "pk", None) is None:
        return False
    return (
        get_user_model()
        .objects.filter(pk=user.pk, is_active=True, groups__name__in=_WORKERS)
        .exists()
    )


def can_reassign_cases(user) -> bool:
    return StateRole.SUPERVISOR.value in _roles(user)


def can_see_team_workload(user) -> bool:
    return bool(_roles(user) & {StateRole.SUPERVISOR.value, StateRole.STATE_ADMINISTRATOR.value})


def can_view_restricted_information(user) -> bool:
    """Art 40: addresses and contact details of a party under a non-disclosure determination."""
    if not can_view_cases(user):
        return False
    if StateRole.SUPERVISOR.value in _roles(user):
        return True
    return user.has_perm(RESTRICTED_INFORMATION_PERMISSION)


def can_manage_users(user) -> bool:
    return StateRole.STATE_ADMINISTRATOR.value in _roles(user)


def can_manage_api_clients(user) -> bool:
    return StateRole.STATE_ADMINISTRATOR.value in _roles(user)
