"""safeguarding-kg: inspection reports about English children's services as a knowledge graph."""

__version__ = "0.1.0"


def __getattr__(name):
    # Lazy, so `import safeguarding_kg` (and `skg --help`) stays fast: pyoxigraph loads on first use.
    if name == "open_store":
        from .store import open_store

        return open_store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
