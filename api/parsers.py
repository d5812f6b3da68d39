"""The JSON parser of the API: DRF's, refusing a body nested deeper than any request of the API
needs (400 ``json_too_deep``). Python's ``json`` raises ``RecursionError`` on a few thousand
nested arrays, and a depth it does parse would still reach the recursive code after it (DRF's
nested fields, the idempotency fingerprint, error messages)."""

from rest_framework import parsers

from api.problems import JSONTooDeep

# The deepest request is two levels (an object holding an object or a list of codes).
MAX_JSON_DEPTH = 32


def _deeper_than(data, limit: int) -> bool:
    """Whether the parsed JSON nests objects and arrays more than ``limit`` deep (iteratively:
    the walk itself must not recurse)."""
    stack = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise JSONTooDeep(MAX_JSON_DEPTH) from None
        if _deeper_than(data, MAX_JSON_DEPTH):
            raise JSONTooDeep(MAX_JSON_DEPTH)
        return data
