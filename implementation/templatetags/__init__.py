"""Template tags for implementation plans."""
