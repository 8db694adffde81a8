from drf_spectacular.utils import OpenApiTypes, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import request_user
from ecg.jobs.models import ACTIVE_STATUSES
from quotas.services import quota_summary
from rendering.models import RenderJob


class MyQuotaApi(APIView):
    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        user = request_user(request)
        running = RenderJob.objects.filter(owner=user, status__in=ACTIVE_STATUSES).count()
        return Response(quota_summary(user=user, running=running))
