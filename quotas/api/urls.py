from django.urls import path

from quotas.api import views

urlpatterns = [path("quotas/me", views.MyQuotaApi.as_view(), name="quota-me")]
