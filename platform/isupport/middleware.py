"""Response headers the whole platform sets in one place."""

from django.conf import settings


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every response but the static assets: the pages and API
    responses of a State hold personal data, the console's hold officials' accounts, and none
    may be kept by a browser's or an intermediary's cache (ASVS 14.2). Set here once, so that a
    page added tomorrow is covered without thinking of it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(self.static_prefix):
            response["Cache-Control"] = "no-store"
        return response
