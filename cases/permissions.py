"""Who may do what with a State's cases and persons. Every check lives here."""

from accounts.roles import StateRole

_READERS = {role.value for role in StateRole}


def can_view_persons(user) -> bool:
    """Every role of a State reads persons (auditors included); nobody else."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.groups.filter(name__in=_READERS).exists()
