"""Data package: the named SPARQL queries (.rq files), shipped in the wheel."""
