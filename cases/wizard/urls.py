"""Routes of the outgoing application wizard (included by ``cases.urls``)."""

urlpatterns: list = []
