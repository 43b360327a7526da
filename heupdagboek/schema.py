"""OpenAPI description of the authentication schemes (drf-spectacular)."""

from django.db import DatabaseError
from drf_spectacular.extensions import (
    OpenApiAuthenticationExtension,
    OpenApiSerializerFieldExtension,
)


class SessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = "heupdagboek.api_auth.SessionTokenAuthentication"
    name = "sessionToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": (
                "Session token returned by POST /_allauth/app/v1/auth/login "
                "or /_allauth/app/v1/auth/signup."
            ),
        }


class SlugChoicesExtension(OpenApiSerializerFieldExtension):
    """A writable slug field lists the slugs it accepts (exercises, programmes),
    so the schema says which values are valid rather than just "a string".

    The list is read from the database when the schema is generated; the seed
    migration makes it the same on every install until an editor adds more.
    """

    target_class = "rest_framework.relations.SlugRelatedField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        schema = auto_schema._map_serializer_field(self.target, direction, bypass_extensions=True)
        queryset = getattr(self.target, "queryset", None)
        if direction == "request" and queryset is not None:
            try:
                slugs = sorted(queryset.values_list(self.target.slug_field, flat=True))
            except DatabaseError:
                # No database yet (a system check before migrate): plain string.
                return schema
            # An empty enum would promise that no value is valid; with no
            # content yet (an emptied database), say "a string" instead.
            if slugs:
                schema["enum"] = slugs
        return schema


ERROR_RESPONSES = {
    "400": "Which field or parameter is wrong and why: {name: [message, ...]}.",
    "401": "No valid session token or session.",
    "404": "No such object of yours (or no such page of results).",
    "429": "Too many requests; see the Retry-After header.",
}


def document_error_responses(result, generator, request, public):
    """Every operation can answer these; say so in the schema.

    drf-spectacular documents what a view returns on success; the errors
    every API view shares (validation, authentication, another user's object
    or a page past the end, throttling) are added here once.
    """
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in ("get", "put", "patch", "post", "delete"):
                continue
            if not path.startswith("/api/v1/"):
                continue
            responses = operation.setdefault("responses", {})
            for status, description in ERROR_RESPONSES.items():
                if status not in responses:
                    responses[status] = {
                        "description": description,
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
    return result
