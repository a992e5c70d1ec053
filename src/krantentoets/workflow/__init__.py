"""Alignment before responding (MW-4, MA-10): requests, decisions and who responds.

- :mod:`.rules`: who may do what, as pure functions
- :mod:`.service`: the steps over the database (each recorded with who and when)
- :mod:`.notify`: notices over the monitoring digest's e-mail/webhook channels
"""
