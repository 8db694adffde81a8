from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import User
from rendering.models import RenderJob
from rendering.services import render_download_url


@login_required
def exports(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)
    jobs = RenderJob.objects.filter(owner=request.user).select_related("video")[:100]
    rows = [{"job": job, "download": render_download_url(job=job)} for job in jobs]
    return render(request, "rendering/exports.html", {"rows": rows})
