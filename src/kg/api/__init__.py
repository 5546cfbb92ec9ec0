"""The HTTP service: a SPARQL 1.1 endpoint, dumps, health, and the routers of other modules."""
