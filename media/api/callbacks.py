from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ecg.jobs.callbacks import handle_callback
from media.models import TranscriptionJob
from media.transcription.services import transcription_accept_result


@csrf_exempt
@require_POST
def transcription_callback(request: HttpRequest) -> JsonResponse:
    return handle_callback(
        request,
        model=TranscriptionJob,
        secrets=settings.REMOTE_TRANSCRIBE_SECRETS,
        on_success=transcription_accept_result,
    )
