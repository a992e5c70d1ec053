"""krantentoets: would you also put it in the newspaper?

Checks draft social-media posts of public organisations against their
social-media code, monitors what is said about the organisation, runs the
spokesperson workflow and archives online dialogues. Dutch first, offline,
self-hosted.
"""

__version__ = "0.1.0"
