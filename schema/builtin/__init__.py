"""Built-in ontologies, importable by name through ``eventset.schema.load_ontology``."""
