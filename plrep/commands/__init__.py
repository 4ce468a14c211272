"""One module per ``plrep`` subcommand, each with ``register(subparsers)``.

Keeping each subcommand in its own module keeps ``cli.py`` small and lets a subcommand's
heavy imports (jax, matplotlib) happen only when it runs.
"""
