"""A guard against runaway work on pathological input; not a speed test.

Speed is measured by the scripts under ``bench/``, never by a test. What a test may check is
that an input built to trigger quadratic or exponential work (50,000 quotes, a word repeated
thousands of times) still ends within a budget that is many times what the code needs. The
budget is this process's CPU time, not wall-clock time: other processes on a loaded machine
do not count against it, so the guard fails on runaway work, not on a busy machine.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

#: Each guarded input needs well under 0.5 CPU-seconds; runaway work needs far more.
DEFAULT_CPU_SECONDS = 5.0


@contextmanager
def cpu_budget(seconds: float = DEFAULT_CPU_SECONDS, what: str = "") -> Iterator[None]:
    """Fail when the block uses more than ``seconds`` of this process's CPU time."""
    start = time.process_time()
    yield
    used = time.process_time() - start
    assert used < seconds, f"{used:.1f} CPU-seconds (budget {seconds}) {what}".strip()
