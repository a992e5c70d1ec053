"""Rules: one module per rule family, a registry with stable ids.

The registry of built-in rules is built explicitly by
:func:`krantentoets.rules.registry.builtin_registry`; importing a rule module
registers nothing.
"""
