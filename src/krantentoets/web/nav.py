"""The main navigation, in one place.

Each item names the permission (see :data:`krantentoets.auth.PERMISSIONS`) a
user's role needs to see it; the page behind it checks the same permission, so
the menu never shows a page that would refuse the user. A later page (the
approval queue, the archive) adds one ``NavItem`` here and one permission in
``auth.PERMISSIONS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from krantentoets.auth import allowed


@dataclass(frozen=True, slots=True)
class NavItem:
    key: str
    label: str
    path: str
    permission: str


#: In menu order.
NAV: tuple[NavItem, ...] = (
    NavItem("check", "Bericht controleren", "/controleren", "check"),
    NavItem("inbox", "Inbox", "/inbox", "inbox"),
    NavItem("workflow", "Afstemming", "/afstemming", "workflow"),
    NavItem("signal", "Signaleren", "/signaleren", "signal"),
    NavItem("archive", "Archief", "/archief", "archive"),
    NavItem("settings", "Instellingen", "/beheer/instellingen", "settings"),
    NavItem("users", "Gebruikers", "/beheer/gebruikers", "users"),
    NavItem("accounts", "Accounts", "/beheer/accounts", "users"),
)


def nav_for(role: str | None) -> list[NavItem]:
    """The menu items a user with ``role`` may open (none when not logged in)."""
    if role is None:
        return []
    return [item for item in NAV if allowed(role, item.permission)]


#: Roles whose work starts elsewhere than the first menu item: a manager's day starts at
#: the requests waiting for a decision, not at the check page.
HOME: dict[str, str] = {"leidinggevende": "/afstemming"}


def home_for(role: str | None) -> str:
    """Where a user lands after logging in: their role's home, else the first menu item."""
    if role in HOME:
        return HOME[role]
    items = nav_for(role)
    return items[0].path if items else "/controleren"
