"""Multi-site data collection: measure sets for a campaign, sites and their monthly returns."""
