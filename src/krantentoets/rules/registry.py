"""The rule registry: stable ids, readable names, redirects for renamed rules."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

from krantentoets.report import Category
from krantentoets.rules.base import Rule

#: The built-in rule families, in the order their findings are listed when
#: they tie. Each module exposes ``RULES``: a tuple of Rule subclasses.
BUILTIN_FAMILIES: tuple[str, ...] = (
    "krantentoets.rules.personal_data",
    "krantentoets.rules.length",
    "krantentoets.rules.confidential",
    "krantentoets.rules.offensive",
    "krantentoets.rules.role",
    "krantentoets.rules.spokesperson",
    "krantentoets.rules.stance",
    "krantentoets.rules.certainty",
    "krantentoets.rules.copyright",
    "krantentoets.rules.portrait",
    "krantentoets.rules.reply_criticism",
)

#: Old rule id or name -> current id. Policy files that use an old id keep working.
REDIRECTS: Mapping[str, str] = {}


class UnknownRuleError(KeyError):
    """No rule has this id or name."""


class Registry:
    """An ordered set of rule instances, looked up by id, name or redirect."""

    def __init__(self, rules: Iterable[Rule], redirects: Mapping[str, str] | None = None):
        self._rules: dict[str, Rule] = {}
        self._names: dict[str, str] = {}
        for rule in rules:
            self.register(rule)
        self._redirects = dict(redirects or {})
        for old, new in self._redirects.items():
            if new not in self._rules:
                raise ValueError(f"redirect {old} -> {new}: no rule {new}")

    def register(self, rule: Rule) -> None:
        meta = rule.meta
        if meta.id in self._rules:
            raise ValueError(f"duplicate rule id {meta.id}")
        if meta.name in self._names:
            raise ValueError(f"duplicate rule name {meta.name}")
        self._rules[meta.id] = rule
        self._names[meta.name] = meta.id

    def resolve(self, key: str) -> str:
        """The current id for an id, a name or a redirected old id/name."""
        key = self._redirects.get(key, key)
        if key in self._rules:
            return key
        if key in self._names:
            return self._names[key]
        raise UnknownRuleError(key)

    def get(self, key: str) -> Rule:
        return self._rules[self.resolve(key)]

    def __iter__(self) -> Iterator[Rule]:
        return iter(self._rules.values())

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, key: object) -> bool:
        try:
            self.resolve(str(key))
        except UnknownRuleError:
            return False
        return True

    def by_category(self, category: Category) -> list[Rule]:
        return [r for r in self if r.meta.category is category]

    def keys(self) -> list[str]:
        """Every accepted key: ids, names and redirects (for error messages)."""
        return [*self._rules, *self._names, *self._redirects]


def rule_classes(families: Iterable[str] = BUILTIN_FAMILIES) -> list[type[Rule]]:
    classes: list[type[Rule]] = []
    for module_name in families:
        module = importlib.import_module(module_name)
        classes.extend(module.RULES)
    return classes


@cache
def builtin_registry() -> Registry:
    """The registry of all built-in rules (built once per process)."""
    return Registry((cls() for cls in rule_classes()), REDIRECTS)
