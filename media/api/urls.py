from django.urls import path

from media.api import transfer, views

urlpatterns = [
    path("videos", views.VideoListCreateApi.as_view(), name="video-list"),
    path("videos/<uuid:video_id>", views.VideoDetailApi.as_view(), name="video-detail"),
    path(
        "videos/<uuid:video_id>/complete", views.VideoCompleteApi.as_view(), name="video-complete"
    ),
    path("uploads/<str:token>", transfer.upload_receive, name="upload-receive"),
    path("files/<str:token>", transfer.file_download, name="file-download"),
]
