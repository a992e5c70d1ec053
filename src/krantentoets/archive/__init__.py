"""The tamper-evident archive of online dialogues (MW-7: record every online dialogue).

- :mod:`.canonical`: canonical JSON and the SHA-256 chain link
- :mod:`.record`: what a record holds and how input becomes one
- :mod:`.chain`: sealing and verifying the chain (pure)
- :mod:`.retention`: retention periods and expiry (pure)
- :mod:`.redaction`: redaction of personal data (for ``redact`` and the Woo export)
- :mod:`.grounds`, :mod:`.review`: the Woo's grounds; proposals and decisions per record
- :mod:`.export`: JSONL, CSV and HTML exports
- :mod:`.woo`, :mod:`.mdto`, :mod:`.pdf`: the Woo package (BagIt), its MDTO metadata, its PDFs
- :mod:`.anchor`: signed anchors of the chain head outside the database
- :mod:`.service`: the operations over a database (:class:`~.service.Archive`)
- :mod:`.requests`: Woo requests and the records officer's stored decisions

Import submodules directly; this package imports nothing heavy on its own.
"""
