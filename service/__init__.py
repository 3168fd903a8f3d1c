"""The Flask application: SPARQL endpoint, saved-query API, web viewer and linked-data views."""
