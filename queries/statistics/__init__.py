"""Named SPARQL queries (.rq files); see safeguarding_kg.queries."""
