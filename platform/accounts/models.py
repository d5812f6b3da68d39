import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountManager(BaseUserManager):
    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        return self._create(
            email, password, **{**extra_fields, "is_staff": True, "is_superuser": True}
        )

    def get_by_natural_key(self, email):
        """Sign-in by e-mail address, whatever its capitals."""
        return self.alias(email_lower=Lower("email")).get(email_lower=email.lower())

    def _create(self, email, password, **extra_fields):
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: a State's official, or Permanent Bureau staff in the public schema."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    email = models.EmailField(
        verbose_name=_("e-mail address"),
        unique=True,
    )
    full_name = models.CharField(
        verbose_name=_("full name"),
        max_length=200,
        blank=True,
    )
    preferred_language = models.CharField(
        verbose_name=_("preferred language"),
        max_length=8,
        blank=True,
        help_text=_("The interface language; the State's first language when empty."),
    )
    is_active = models.BooleanField(
        verbose_name=_("active"),
        default=True,
    )
    is_staff = models.BooleanField(
        verbose_name=_("may use the administration console"),
        default=False,
    )
    password_change_required = models.BooleanField(
        verbose_name=_("must change password"),
        default=False,
        help_text=_("Set for one-time passwords; the user chooses a new one at first sign-in."),
    )
    date_joined = models.DateTimeField(
        verbose_name=_("date joined"),
        default=timezone.now,
    )

    objects = AccountManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_whatever_the_case"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def role_labels(self) -> list[str]:
        """The user's roles in the current schema, in the interface language."""
        from accounts.roles import StateRole

        names = self.groups.values_list("name", flat=True)
        return [str(StateRole(name).label) for name in names if name in StateRole.values]
