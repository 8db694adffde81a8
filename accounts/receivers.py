"""A creator who asked for it is e-mailed when a job of theirs ends, whoever ended it (worker,
cancel, sweep): the job's completion sends job_finished once it is committed."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from accounts.services import user_job_done_email
from ecg.jobs.models import Job
from ecg.jobs.services import job_finished


@receiver(job_finished, dispatch_uid="accounts.job-done-email")
def email_job_done(sender: type, job: Job, **kwargs: Any) -> None:
    news = job.finished_news()
    if news is not None:
        user_job_done_email(user=news.user, subject=news.subject, body=news.body)
