"""Writes on grant proposals, split by concern: every change checks permission, records activity and notifies."""
