"""Every stored model, imported in one place so ``Base.metadata`` is the whole schema.

Alembic's ``env.py`` and the schema tests import this module. A model module
that does not exist yet (built in parallel) is skipped; one that exists but
fails to import is an error.
"""

from __future__ import annotations

import importlib
import importlib.util

from krantentoets.store.base import Base

#: Model modules in migration order: monitor (0001), users (0002), archive and workflow (0003),
#: login throttle (0004), Woo requests and decisions (0005), settings and signals (0006),
#: publishing (0007), platform sessions and mention details (0008).
MODEL_MODULES: tuple[str, ...] = (
    "krantentoets.store.monitor",
    "krantentoets.store.users",
    "krantentoets.store.archive",
    "krantentoets.store.workflow",
    "krantentoets.store.throttle",
    "krantentoets.store.woo",
    "krantentoets.store.settings",
    "krantentoets.store.publish",
    "krantentoets.store.platforms",
)


def load_models() -> tuple[str, ...]:
    """Import every model module that exists; return the names imported."""
    loaded = []
    for name in MODEL_MODULES:
        if importlib.util.find_spec(name) is None:
            continue
        importlib.import_module(name)
        loaded.append(name)
    return tuple(loaded)


LOADED = load_models()

__all__ = ["LOADED", "MODEL_MODULES", "Base", "load_models"]
