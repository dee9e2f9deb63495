from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.job_list, name="job_list"),
    path("ny/", views.upload, name="upload"),
    path("<int:job_id>/", views.job_detail, name="job_detail"),
    path("<int:job_id>/bekrafta/", views.confirm, name="confirm"),
]
