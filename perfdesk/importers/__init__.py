"""Readers that turn outside files (JSON, later Word and Excel) into the domain model."""
