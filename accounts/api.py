"""The signed-in user's own profile: GET and PATCH /api/v1/me/."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated

from accounts.serializers import MeSerializer


class MeView(generics.RetrieveUpdateAPIView):
    serializer_class = MeSerializer
    permission_classes = [IsAuthenticated]
    http_method_names = ["get", "patch", "head", "options"]

    def get_object(self):
        return self.request.user

    @extend_schema(summary="Your profile")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
