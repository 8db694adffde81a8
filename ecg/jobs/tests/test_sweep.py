"""Jobs whose worker died are found by their stale heartbeat and re-queued or failed."""

import threading
import time
from datetime import timedelta

import dramatiq
import pytest
from django.db import connection, transaction
from django.utils import timezone

from ecg.jobs.models import JobStatus
from ecg.jobs.services import job_cancel, job_finished, job_retry, job_start, jobs_sweep_stale
from media.models import TranscriptionJob
from media.tests.factories import ready_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker():
    broker = dramatiq.get_broker()
    broker.flush_all()
    yield broker
    broker.flush_all()


@pytest.fixture
def video(user, media_root, sample_video):
    return ready_video(user, media_root, sample_video)


def running(video, *, silent_for: float, attempts: int = 1) -> TranscriptionJob:
    beat = timezone.now() - timedelta(seconds=silent_for)
    return TranscriptionJob.objects.create(
        video=video,
        status=JobStatus.RUNNING,
        attempts=attempts,
        phase="transcribing",
        started_at=beat,
        heartbeat_at=beat,
    )


def messages(broker, queue="transcribe"):
    if queue not in broker.queues:
        return []
    return [tuple(dramatiq.Message.decode(raw).args) for raw in broker.queues[queue].queue]


def test_a_stale_job_with_attempts_left_is_queued_again(
    video, broker, settings, django_capture_on_commit_callbacks
):
    job = running(video, silent_for=settings.JOB_STALE_AFTER_SECONDS + 5)
    with django_capture_on_commit_callbacks(execute=True):
        report = jobs_sweep_stale()
    job.refresh_from_db()
    assert report.requeued == [str(job.pk)]
    assert (job.status, job.phase) == (JobStatus.QUEUED, "retrying")
    assert "stopped responding" in job.error_message
    assert messages(broker) == [(str(job.pk),)]


def test_a_stale_job_out_of_attempts_fails_with_a_reason(
    video, broker, settings, django_capture_on_commit_callbacks
):
    job = running(
        video, silent_for=settings.JOB_STALE_AFTER_SECONDS + 5, attempts=settings.JOB_MAX_ATTEMPTS
    )
    finished = []
    job_finished.connect(
        lambda sender, job, **kw: finished.append(job.pk), weak=False, dispatch_uid="test-sweep"
    )
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report = jobs_sweep_stale()
    finally:
        job_finished.disconnect(dispatch_uid="test-sweep")
    job.refresh_from_db()
    assert report.failed == [str(job.pk)]
    assert (job.status, job.error_code) == (JobStatus.FAILED, "WORKER_LOST")
    assert job.finished_at is not None
    assert finished == [job.pk]
    assert messages(broker) == []


@pytest.mark.postgres
def test_a_stale_job_locked_by_another_sweeper_is_skipped_not_waited_for(
    transactional_db, video, broker, settings
):
    """Two workers sweep at once: the row one holds is passed over (SKIP LOCKED), so the other
    neither blocks nor acts on the same job twice."""
    settings.JOB_STALE_AFTER_SECONDS = 60
    job = running(video, silent_for=300)
    locked, release, done = threading.Event(), threading.Event(), threading.Event()

    def other_sweeper() -> None:
        try:
            with transaction.atomic():
                TranscriptionJob.objects.select_for_update().get(pk=job.pk)
                locked.set()
                release.wait(30)
        finally:
            connection.close()
            done.set()

    threading.Thread(target=other_sweeper).start()
    assert locked.wait(10)
    started = time.monotonic()
    report = jobs_sweep_stale()
    assert time.monotonic() - started < 5
    assert (report.requeued, report.failed) == ([], [])
    release.set()
    assert done.wait(10)
    assert jobs_sweep_stale().requeued == [str(job.pk)]


def test_a_job_with_a_fresh_heartbeat_is_left_alone(video, broker, settings):
    job = running(video, silent_for=settings.JOB_STALE_AFTER_SECONDS - 30)
    assert jobs_sweep_stale().requeued == []
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING


def test_finished_jobs_are_never_touched(video, broker, settings):
    job = running(video, silent_for=10_000)
    job_cancel(job=job)
    assert jobs_sweep_stale().failed == []
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELED


def test_a_job_starts_once_however_many_messages_arrive(video):
    job = TranscriptionJob.objects.create(video=video)
    assert job_start(job=job, phase="fetching") is True
    assert job_start(job=job, phase="fetching") is False
    job.refresh_from_db()
    assert job.attempts == 1


def test_staff_retry_puts_a_failed_job_back_in_the_queue(
    video, broker, django_capture_on_commit_callbacks
):
    job = TranscriptionJob.objects.create(
        video=video, status=JobStatus.FAILED, error_code="WORKER_LOST", attempts=3
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert job_retry(job=job) is True
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error_code) == (JobStatus.QUEUED, 0, "")
    assert messages(broker) == [(str(job.pk),)]


def test_a_job_queued_for_long_has_its_message_sent_again(
    video, broker, settings, django_capture_on_commit_callbacks
):
    old = TranscriptionJob.objects.create(video=video)
    TranscriptionJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(seconds=settings.JOB_REDISPATCH_AFTER_SECONDS + 5)
    )
    fresh = TranscriptionJob.objects.create(video=video)
    with django_capture_on_commit_callbacks(execute=True):
        report = jobs_sweep_stale()
    assert report.redispatched == [str(old.pk)]
    assert messages(broker) == [(str(old.pk),)]
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_sweep_stale().redispatched == []  # touched: not again at once
    assert fresh.pk not in report.redispatched
