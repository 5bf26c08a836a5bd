"""Slow password guessing down without ever locking the real editor out.

Failed logins are counted in the store (:mod:`geodata.store.guard`), so every worker of
every server sees the same count, and a restart does not reset it. They are counted
per address (whatever the names tried) and per password (a keyed hash, across names
and addresses: one password sprayed over many accounts). After :data:`FREE_FAILURES`
failures within :data:`WINDOW` seconds, each further attempt must wait a delay that
doubles with every failure (2 s, 4 s, 8 s… up to :data:`MAX_DELAY`); an attempt made
sooner is answered « réessayez dans N s » without checking anything. There is no lock:
once the delay has passed the right password is accepted, and an attacker's failures
from another address never delay the editor's own address.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from geodata.store.guard import GuardRecords

#: Failures allowed in the window before delays start.
FREE_FAILURES = 5
#: Seconds over which failures are counted.
WINDOW = 15 * 60.0
#: First delay, doubled at each further failure, and the longest delay (seconds).
BASE_DELAY, MAX_DELAY = 2.0, 300.0
ADDRESS_BUCKET, PASSWORD_BUCKET = "login-address", "login-password"


@dataclass(frozen=True)
class LoginThrottle:
    """Failed-login counts of one server, kept in ``store``; ``key`` hashes passwords."""

    store: GuardRecords
    key: bytes

    def _subjects(self, address: str, password: str) -> tuple[tuple[str, str], ...]:
        digest = hmac.new(self.key, password.encode("utf-8"), hashlib.sha256).hexdigest()
        return ((ADDRESS_BUCKET, address or "?"), (PASSWORD_BUCKET, digest[:32]))

    def wait(self, address: str, password: str, now: float | None = None) -> int:
        """Seconds to wait before this attempt may be checked (0: check it now)."""
        now = time.time() if now is None else now
        longest = 0.0
        for bucket, subject in self._subjects(address, password):
            count, last = self.store.recent_events(bucket, subject, now - WINDOW)
            if count >= FREE_FAILURES and last is not None:
                delay = min(BASE_DELAY * 2 ** (count - FREE_FAILURES), MAX_DELAY)
                longest = max(longest, last + delay - now)
        return math.ceil(longest) if longest > 0 else 0

    def failed(self, address: str, password: str, now: float | None = None) -> None:
        """Count a failed attempt."""
        for bucket, subject in self._subjects(address, password):
            self.store.record_event(bucket, subject, at=now)

    def succeeded(self, address: str) -> None:
        """Forget the address's failures (the password's stay: it was someone's guess)."""
        self.store.forget_events(ADDRESS_BUCKET, address or "?")
