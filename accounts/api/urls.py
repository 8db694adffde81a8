from django.urls import path

from accounts.api import views

urlpatterns = [
    path("signup", views.SignupApi.as_view(), name="auth-signup"),
    path("token", views.TokenApi.as_view(), name="auth-token"),
    path("token/refresh", views.TokenRefreshApi.as_view(), name="auth-token-refresh"),
    path("logout", views.LogoutApi.as_view(), name="auth-logout"),
    path("me", views.MeApi.as_view(), name="auth-me"),
    path("google", views.GoogleLoginApi.as_view(), name="auth-google"),
]
