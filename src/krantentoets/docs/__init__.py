"""Documentation generated from code metadata (``docs/rules.md``)."""
