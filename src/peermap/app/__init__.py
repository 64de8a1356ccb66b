"""Typer only: options and one module per command group; bodies of a few lines."""
