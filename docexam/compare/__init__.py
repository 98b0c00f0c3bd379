"""Compare a questioned document with its reference specimen in every light (issue 6)."""
