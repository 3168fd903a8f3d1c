"""The pipeline: documents → entities and facts → RDF with provenance → on-disk store and dumps."""
