"""The one exception for bad input: its message is a sentence for the user."""


class ReportError(Exception):
    """A report that cannot be read or understood; str(error) says why and what to do."""
