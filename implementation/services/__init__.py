"""Writes on implementation plans, split by concern. Each checks permission itself and bumps the plan's revision."""
