"""Repeatable measurements; each writes JSON to stdout and to benchmarks/results/."""
