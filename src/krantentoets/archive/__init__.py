"""The tamper-evident archive of online dialogues (MW-7: record every online dialogue).

- :mod:`.canonical`: canonical JSON and the SHA-256 chain link
- :mod:`.record`: what a record holds and how input becomes one
- :mod:`.chain`: sealing and verifying the chain (pure)
- :mod:`.retention`: retention periods and expiry (pure)
- :mod:`.redaction`: redaction of personal data (for ``redact`` and the Woo export)
- :mod:`.export`, :mod:`.mdto`: export formats and MDTO-style metadata
- :mod:`.service`: the operations over a database (:class:`~.service.Archive`)

Import submodules directly; this package imports nothing heavy on its own.
"""
