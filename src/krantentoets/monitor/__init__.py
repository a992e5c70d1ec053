"""Monitoring: listen to what is said about the organisation, triage it and signal it.

- :mod:`krantentoets.monitor.sources`: clients for RSS/Atom, Mastodon, Bluesky
  and exports of other monitoring tools; each yields :class:`~.sources.base.Item`.
- :mod:`krantentoets.monitor.match`: does a post name the organisation?
- :mod:`krantentoets.monitor.ingest`: poll sources, dedupe, triage, store.
- :mod:`krantentoets.monitor.triage`: label, signal and advice per post.
- :mod:`krantentoets.monitor.digest`: the digest for Communications (e-mail, webhook).
"""
