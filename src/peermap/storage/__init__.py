"""Every byte of the data file: lock, codec, cache, atomic writes, backups, git."""
