"""Forms for grant proposals, one module per concern: they validate and clean; the services do the work."""
