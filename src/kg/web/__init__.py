"""The web face of the graph: resource pages, the question and SPARQL pages, their strings."""
