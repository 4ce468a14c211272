"""Side-by-side measurements: each ``bench_<name>.py`` exposes ``run() -> list[dict]``."""
