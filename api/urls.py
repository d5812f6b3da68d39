"""Routes of /api/v1/ on a State's host."""

app_name = "api"

urlpatterns: list = []
