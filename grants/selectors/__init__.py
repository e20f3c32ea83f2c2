"""Reads for grant support, one module per concern. Each returns only what the given user may see."""
