from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from accounts import middleware  # noqa: F401 - connects the login signal
        from accounts.user_management import accounts_close_all
        from isupport.signals import state_offboarding

        state_offboarding.connect(accounts_close_all, dispatch_uid="accounts_close_all")
