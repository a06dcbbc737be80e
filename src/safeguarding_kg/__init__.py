"""safeguarding-kg: inspection reports about English children's services as a knowledge graph."""

__version__ = "0.1.0"
