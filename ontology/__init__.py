"""Data package: the ontology, SKOS schemes, SHACL shapes and JSON-LD context, shipped in the wheel."""
