"""The only Rich importer: renders data; user text is escaped here."""
