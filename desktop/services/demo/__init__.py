"""Realistic, reproducible demo data for a desk or a whole branch network."""
