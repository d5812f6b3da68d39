"""``Authorization: Bearer <token>`` for the State's integration clients. The client is looked
up in the schema of the host the request came to, so a token of another State is unknown here
(401)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from api.selectors import api_client_for_token
from api.services import api_client_touch


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("The Authorization header is malformed."))
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        client = api_client_for_token(token=token)
        if client is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid."))
        api_client_touch(client=client)
        return client.user, client

    def authenticate_header(self, request):
        return 'Bearer realm="api"'
