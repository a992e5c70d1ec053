"""The organisation's policy file (TOML), as a validated model.

Every section forbids unknown keys: a typo is an error that names the file, the
key and the allowed values, never a silently ignored setting. ``krantentoets
init`` writes a commented starter file (see :mod:`krantentoets.policy.starter`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from krantentoets.post import Platform
from krantentoets.report import Severity

PROFILE_IDS = ("medewerkers", "mandatarissen")


class Section(BaseModel):
    """Base of every policy section: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Organisation(Section):
    name: str = "de gemeente"
    website: str | None = None
    communications: str = "de afdeling Communicatie"
    aliases: list[str] = Field(default_factory=list)
    handles: list[str] = Field(default_factory=list)
    hashtags: list[str] = Field(default_factory=list)


class Allowlist(Section):
    """The organisation's own public contact details: never personal data."""

    phones: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)


class Confidential(Section):
    """Dossier terms that are confidential until Communications says otherwise."""

    terms: list[str] = Field(default_factory=list)


class Spokesperson(Section):
    """Topics that need alignment before anyone responds, and with whom."""

    topics: list[str] = Field(default_factory=list)
    align_with: str = "je leidinggevende en de afdeling Communicatie"


class PolicySettings(Section):
    """The whole policy file."""

    profile: Literal["medewerkers", "mandatarissen"] = "medewerkers"
    language: Literal["nl", "en"] = "nl"
    default_platform: Platform | None = Field(default=None, strict=False)
    organisation: Organisation = Field(default_factory=Organisation)
    #: Rule id, name or category -> on (true) / off (false).
    rules: dict[str, bool] = Field(default_factory=dict)
    #: Rule id, name or category -> severity.
    severity: dict[str, Annotated[Severity, Field(strict=False)]] = Field(default_factory=dict)
    allowlist: Allowlist = Field(default_factory=Allowlist)
    confidential: Confidential = Field(default_factory=Confidential)
    spokesperson: Spokesperson = Field(default_factory=Spokesperson)
