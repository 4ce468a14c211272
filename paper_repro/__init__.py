"""Scripts that regenerate the figures of Gibson–Tubbenhauer–Williamson (arXiv 2408.00949)."""
