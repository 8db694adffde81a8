from django.urls import path

from pages import views

urlpatterns = [
    path("", views.home, name="home"),
    path("upload", views.upload, name="upload"),
    path("videos/<uuid:video_id>/edit", views.editor, name="editor"),
    path("exports", views.exports, name="exports"),
    path("vocabulary", views.vocabulary, name="vocabulary"),
]
