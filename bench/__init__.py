"""Benchmark of the handbook build and site: run `python -m bench` (see __main__.py)."""
