"""Views of the learning app, one module per area."""
