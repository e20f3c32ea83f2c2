"""Views for implementation plans, one module per concern; each lists its own `urlpatterns`."""
