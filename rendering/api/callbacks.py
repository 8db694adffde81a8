from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ecg.jobs.callbacks import handle_callback
from rendering.models import RenderJob
from rendering.services import render_accept_result


@csrf_exempt
@require_POST
def render_callback(request: HttpRequest) -> JsonResponse:
    return handle_callback(
        request,
        model=RenderJob,
        secrets=settings.REMOTE_RENDER_SECRETS,
        on_success=render_accept_result,
    )
