from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views, views_admin

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    # A State administrator's management of the State's users (State hosts only).
    path("users/", views_admin.user_list, name="user_list"),
    path("users/new/", views_admin.user_new, name="user_new"),
    path(
        "users/<uuid:user_id>/deactivate/",
        views_admin.user_deactivate_view,
        name="user_deactivate",
    ),
]
