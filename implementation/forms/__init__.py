"""Forms for implementation plans, one module per concern."""
