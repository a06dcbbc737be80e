"""The store's own bookkeeping terms (its manifest graph): they never appear in a report graph.

Kept apart from store.py, which imports the whole build, so that readers of the
manifest (network_table.py, for the network commands) stay quick to import.
"""
import pyoxigraph as ox

from .vocab import DEF

STORE_NS = DEF + "store/"
CONTENT_HASH = ox.NamedNode(STORE_NS + "contentHash")  # a graph's sha256 of its sorted N-Triples
SOURCE_FILE = ox.NamedNode(STORE_NS + "sourceFile")  # the file a report graph was loaded from
# a new random value in the manifest at every change the store makes: what the store
# derives from its graphs can be cached per generation (inline.py's organisation names)
GENERATION = ox.NamedNode(STORE_NS + "generation")
# in the manifest while the summary of latest judgements and the dataset description's count
# are right; taken out before a change and put back by the describe after it, so a process
# stopped between the two leaves the next one to find them again from the whole store
DESCRIBED = ox.NamedNode(STORE_NS + "described")
