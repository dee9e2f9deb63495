from django.urls import path

from . import views, views_extra

app_name = "followup"
urlpatterns = [
    path("", views.round_list, name="round_list"),
    path("prognossakerhet/", views_extra.accuracy, name="accuracy"),
    path("<int:round_id>/", views.round_detail, name="round_detail"),
    path("<int:round_id>/stang/", views.round_close, name="round_close"),
    path("<int:round_id>/oppna/", views.round_reopen, name="round_reopen"),
    path("<int:round_id>/nod/<int:node_id>/", views.grid, name="grid"),
    path("<int:round_id>/nod/<int:root_id>/status/", views.status_action, name="status_action"),
    path("<int:round_id>/nod/<int:root_id>/prognos/<int:node_id>/", views.forecast_cell, name="forecast_cell"),
    path("<int:round_id>/nod/<int:root_id>/kommentar/<int:node_id>/", views.comment_cell, name="comment_cell"),
    path("<int:round_id>/nod/<int:root_id>/excel/", views_extra.excel_download, name="excel_download"),
    path("<int:round_id>/nod/<int:root_id>/excel/ladda-upp/", views_extra.excel_upload, name="excel_upload"),
    path("<int:round_id>/nod/<int:root_id>/investeringar/", views_extra.investments, name="investments"),
    path("<int:round_id>/nod/<int:root_id>/mal/", views_extra.goals, name="goals"),
    path("<int:round_id>/historik/<int:node_id>/", views.history, name="history"),
]
