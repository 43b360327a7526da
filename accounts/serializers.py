from rest_framework import serializers

from accounts.models import User


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["email", "display_name", "time_zone"]
        read_only_fields = ["email"]
