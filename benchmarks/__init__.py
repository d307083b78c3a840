"""Reproducible performance runs for asskomm (not part of the test suite). See benchmarks/README.md."""
