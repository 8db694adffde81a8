"""The database connection of a running job is cut: the job goes back to the queue with a
reason instead of staying `running`, and nothing already stored is lost (PostgreSQL only)."""

import pytest
from django.db import connection, connections

from ecg.jobs.models import JobStatus
from ecg.jobs.outcome import TransientJobError
from media.models import TranscriptRevision
from media.tests.factories import ready_video
from media.transcription import services as transcription
from media.transcription.kind import transcription_run

pytestmark = pytest.mark.django_db(transaction=True)


class CutTheDatabaseMidway:
    """An engine during whose work the database drops this worker's connection."""

    def transcribe(self, audio_path, options, on_progress):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        other = connections.create_connection("default")
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        other.close()
        on_progress("transcribing", 0.5)  # the write fails on the dead connection
        raise AssertionError("unreachable")


def test_a_dropped_connection_requeues_the_job(user, media_root, sample_video):
    if connection.vendor != "postgresql":
        pytest.skip("terminating a backend is a PostgreSQL feature")
    video = ready_video(user, media_root, sample_video)
    existing = TranscriptRevision.objects.create(video=video, source="machine", data={"kept": True})
    job = transcription.transcription_request(video=video)
    with pytest.raises(TransientJobError):
        transcription_run(job_id=str(job.pk), engine=CutTheDatabaseMidway())
    job.refresh_from_db()
    assert (job.status, job.phase) == (JobStatus.QUEUED, "retrying")
    assert "OperationalError" in job.error_message or "InterfaceError" in job.error_message
    assert TranscriptRevision.objects.filter(pk=existing.pk).exists()
