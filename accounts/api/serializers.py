from rest_framework import serializers

from accounts.models import User


class SignupInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)
    display_name = serializers.CharField(max_length=120, required=False, allow_blank=True)


class TokenInput(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=128, write_only=True, trim_whitespace=False)


class RefreshInput(serializers.Serializer):
    refresh = serializers.CharField(max_length=2048)


class GoogleInput(serializers.Serializer):
    """Either the ID token from Google Identity Services, or an authorization code."""

    id_token = serializers.CharField(max_length=8192, required=False)
    code = serializers.CharField(max_length=2048, required=False)
    redirect_uri = serializers.URLField(max_length=2048, required=False)

    def validate(self, attrs: dict) -> dict:
        if bool(attrs.get("id_token")) == bool(attrs.get("code")):
            raise serializers.ValidationError("Send either id_token or code.")
        if attrs.get("code") and not attrs.get("redirect_uri"):
            raise serializers.ValidationError({"redirect_uri": "Required with code."})
        return attrs


class UserOutput(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ("id", "email", "display_name", "notify_by_email", "is_staff", "date_joined")
        read_only_fields = fields


class UserUpdateInput(serializers.Serializer):
    display_name = serializers.CharField(max_length=120, allow_blank=True, required=False)
    notify_by_email = serializers.BooleanField(required=False)


class TokenPairOutput(serializers.Serializer):
    access = serializers.CharField()
    refresh = serializers.CharField()


class SessionOutput(TokenPairOutput):
    user = UserOutput()


class GoogleSessionOutput(SessionOutput):
    created = serializers.BooleanField()
