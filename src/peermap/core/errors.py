"""The one exception family peermap raises for things a user can cause."""

OK = 0
ERROR = 1
USAGE = 2
INTERRUPTED = 130


class PeermapError(Exception):
    """A clear, user-facing error: printed as one or two sentences, never a traceback."""

    exit_code = ERROR

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class DataFileError(PeermapError):
    """The data file cannot be read, parsed or validated; it is left untouched."""


class BusyError(PeermapError):
    """Another peermap process holds the lock."""


class WriteError(PeermapError):
    """A write failed; the old file is still in place."""


class PeerNotFound(PeermapError):
    """A peer reference matched nobody or more than one peer."""


class EndOfInput(Exception):
    """No more answers (stdin closed or Ctrl-D): stop cleanly, keeping what was saved."""
