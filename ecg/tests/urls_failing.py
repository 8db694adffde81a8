"""A URLconf with a view that crashes, to show what an unexpected error looks like."""

from django.urls import include, path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class CrashApi(APIView):
    permission_classes = ()

    def get(self, request: Request) -> Response:
        raise RuntimeError("boom")


urlpatterns = [path("api/v1/crash", CrashApi.as_view()), path("", include("ecg.urls"))]
