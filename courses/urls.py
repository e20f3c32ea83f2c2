from django.urls import path

from courses.views import certificates, cpd, dashboard, learning

app_name = "courses"

urlpatterns = [
    # Learning (course, lesson and knowledge-check pages are Wagtail pages).
    path("learn/enrol/<int:course_id>/", learning.enrol, name="enrol"),
    path("learn/lessons/<int:lesson_id>/complete/", learning.lesson_complete, name="lesson_complete"),
    # The learner's dashboard, CPD log and reflections.
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/cpd/", cpd.cpd_log, name="cpd_log"),
    path("dashboard/cpd/add/", cpd.cpd_entry_edit, name="cpd_add"),
    path("dashboard/cpd/<int:entry_id>/", cpd.cpd_entry_edit, name="cpd_edit"),
    path("dashboard/cpd/<int:entry_id>/delete/", cpd.cpd_entry_delete, name="cpd_delete"),
    path("dashboard/cpd/target/", cpd.cpd_target, name="cpd_target"),
    path("dashboard/cpd/export.csv", cpd.cpd_export_csv, name="cpd_export_csv"),
    path("dashboard/cpd/export.pdf", cpd.cpd_export_pdf, name="cpd_export_pdf"),
    path("dashboard/cpd/exports/<int:export_id>/", cpd.cpd_export, name="cpd_export"),
    path("dashboard/reflections/<int:course_id>/", cpd.reflection_edit, name="reflection_edit"),
    # Certificates: the member's download and the public verification page.
    path("certificates/<str:code>/download/", certificates.download, name="certificate_download"),
    path("certificates/verify/<str:code>/", certificates.verify, name="certificate_verify"),
    path("certificates/verify/", certificates.verify_lookup, name="certificate_verify_lookup"),
]
