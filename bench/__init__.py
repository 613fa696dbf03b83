"""``make bench``: speed figures named by the issues (median of several runs)."""
