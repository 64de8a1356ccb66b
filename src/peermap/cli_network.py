"""Commands registered by a feature module (being built in this session)."""


def register(app) -> None:
    pass
