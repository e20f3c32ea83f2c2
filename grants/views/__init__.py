"""Views for grant proposals, one module per concern; each module lists its own `urlpatterns`."""
