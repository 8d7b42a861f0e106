"""The post-purchase world: tables, status vocabulary, store queries and the demo store."""
