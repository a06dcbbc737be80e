"""The named SPARQL queries (.rq files, shipped in the wheel) and, for notebooks,
the functions that list and run them (implemented in safeguarding_kg.sparql):

    from safeguarding_kg.queries import run
    rows = run(store, "grades/overall-history", authority="Essex")
    rows.to_pandas()
"""
from safeguarding_kg.sparql import (  # noqa: F401
    Endpoint, Param, Query, QueryError, Rows, Triples, catalogue, find, run,
)
