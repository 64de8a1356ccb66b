"""Exporters and importers, each a registry that also drives the CLI choices."""
