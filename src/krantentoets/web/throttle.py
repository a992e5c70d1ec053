"""Slowing down password guessing: a few failed logins per name and address, then a pause.

Kept in memory per worker process (no shared state): with N workers an attacker gets at
most N times the allowance, which still turns a dictionary attack into years of work.
"""

from __future__ import annotations

import time
from collections import deque
from threading import Lock

#: Failed attempts allowed per (address, user name) within WINDOW seconds.
MAX_FAILURES = 5
WINDOW = 15 * 60
#: Keys remembered at most (oldest are forgotten first), so memory stays bounded.
MAX_KEYS = 10_000


class LoginThrottle:
    def __init__(
        self, max_failures: int = MAX_FAILURES, window: float = WINDOW, clock=time.monotonic
    ) -> None:
        self._max = max_failures
        self._window = window
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = Lock()

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        now = self._clock()
        times = self._failures.get(key, deque())
        while times and now - times[0] > self._window:
            times.popleft()
        return times

    def blocked(self, address: str, name: str) -> bool:
        with self._lock:
            return len(self._recent((address, name.strip().lower()))) >= self._max

    def failed(self, address: str, name: str) -> None:
        key = (address, name.strip().lower())
        with self._lock:
            times = self._recent(key)
            times.append(self._clock())
            self._failures[key] = times
            if len(self._failures) > MAX_KEYS:
                self._failures.pop(next(iter(self._failures)))

    def succeeded(self, address: str, name: str) -> None:
        with self._lock:
            self._failures.pop((address, name.strip().lower()), None)
