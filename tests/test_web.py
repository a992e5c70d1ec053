"""The web pages: first run, login/logout, cookies, CSRF, roles page by page, the check page."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest

from krantentoets.auth import Role
from web_fixtures import PASSWORD, client_for, csrf_of, make_app

# The expected access per page, written out by hand (not derived from auth.PERMISSIONS,
# so that a wrong permission table makes these tests fail).
PAGE_ACCESS: dict[str, set[Role]] = {
    "/controleren": set(Role),
    "/inbox": {Role.COMMUNICATIE, Role.BEHEERDER, Role.MANDATARIS},  # mandataris: own (MA-9)
    "/beheer/gebruikers": {Role.BEHEERDER},
}

LONG_FOR_X = (
    "Beste inwoners, de werkzaamheden aan de Harlingerstraatweg duren langer dan gepland. "
    "De aannemer heeft meer tijd nodig omdat er onder de weg oude leidingen zijn gevonden die "
    "eerst vervangen moeten worden. Fietsers kunnen via de Spanjaardslaan omrijden; voor "
    "auto's staan er gele borden. We verwachten dat de weg half december weer open is."
)

pytest_plugins = ["web_fixtures"]


# -- first run ---------------------------------------------------------------------------------


def test_first_run_creates_the_first_beheerder_and_then_closes(app: Any, engine: Any) -> None:
    client = client_for(app)
    assert client.get("/").headers["location"] == "/eerste-gebruik"
    assert client.get("/controleren").headers["location"] == "/eerste-gebruik"
    page = client.get("/eerste-gebruik")
    assert page.status_code == 200
    token = csrf_of(page.text)
    mismatch = client.post(
        "/eerste-gebruik",
        data={"csrf_token": token, "name": "beheer", "password": PASSWORD, "password2": "x"},
    )
    assert mismatch.status_code == 422
    done = client.post(
        "/eerste-gebruik",
        data={"csrf_token": token, "name": "beheer", "password": PASSWORD, "password2": PASSWORD},
    )
    assert done.status_code == 303
    assert done.headers["location"].startswith("/beheer/gebruikers")
    # Logged in as the new administrator.
    assert client.get("/beheer/gebruikers").status_code == 200
    # The page is closed now, for everyone.
    stranger = client_for(app)
    assert stranger.get("/eerste-gebruik").headers["location"] == "/inloggen"
    again = stranger.post(
        "/eerste-gebruik",
        data={
            "csrf_token": csrf_of(stranger.get("/inloggen").text),
            "name": "indringer",
            "password": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert again.status_code == 303
    from krantentoets.store import session_scope
    from krantentoets.store.users import list_users

    with session_scope(engine) as session:
        assert [(u.name, u.role) for u in list_users(session)] == [("beheer", "beheerder")]


def test_first_run_rejects_a_weak_password(app: Any) -> None:
    client = client_for(app)
    token = csrf_of(client.get("/eerste-gebruik").text)
    r = client.post(
        "/eerste-gebruik",
        data={"csrf_token": token, "name": "beheer", "password": "kort", "password2": "kort"},
    )
    assert r.status_code == 422
    assert "te kort" in r.text


# -- login, logout, cookies -----------------------------------------------------------------


def _cookie_header(response: Any, name: str) -> str:
    headers = response.headers.get_list("set-cookie")
    return next(h for h in headers if h.startswith(name + "="))


def test_login_sets_a_hardened_session_cookie(app: Any, users: None) -> None:
    client = client_for(app)
    page = client.get("/inloggen")
    r = client.post(
        "/inloggen",
        data={"csrf_token": csrf_of(page.text), "name": "medewerker", "password": PASSWORD},
    )
    assert r.status_code == 303
    assert r.headers["location"] == "/controleren"
    cookie = _cookie_header(r, "kt_sessie").lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie  # plain http in this test, "auto" mode


def test_cookie_is_secure_over_https_and_when_forced(engine: Any, users: None) -> None:
    https = client_for(make_app(engine), base_url="https://testserver")
    page = https.get("/inloggen")
    assert "secure" in _cookie_header(page, "kt_anon").lower()
    forced = client_for(make_app(engine, secure_cookies="always"))
    page = forced.get("/inloggen")
    assert "secure" in _cookie_header(page, "kt_anon").lower()


def test_wrong_password_and_unknown_user_look_the_same(app: Any, users: None) -> None:
    client = client_for(app)
    token = csrf_of(client.get("/inloggen").text)
    wrong = client.post(
        "/inloggen", data={"csrf_token": token, "name": "medewerker", "password": "fout-fout-fout"}
    )
    unknown = client.post(
        "/inloggen", data={"csrf_token": token, "name": "niemand", "password": PASSWORD}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert "klopt niet" in wrong.text and "klopt niet" in unknown.text
    assert "kt_sessie" not in wrong.headers.get("set-cookie", "")


def test_login_never_redirects_to_another_site(app: Any, users: None) -> None:
    client = client_for(app)
    token = csrf_of(client.get("/inloggen").text)
    for target in ("//evil.example/x", "https://evil.example/", "/\\evil.example"):
        fresh = client_for(app)
        token = csrf_of(fresh.get("/inloggen").text)
        r = fresh.post(
            "/inloggen",
            data={"csrf_token": token, "name": "medewerker", "password": PASSWORD, "next": target},
        )
        assert r.headers["location"] == "/controleren", target
    ok = client_for(app)
    token = csrf_of(ok.get("/inloggen").text)
    r = ok.post(
        "/inloggen",
        data={"csrf_token": token, "name": "communicatie", "password": PASSWORD, "next": "/inbox"},
    )
    assert r.headers["location"] == "/inbox"


def test_logout_ends_the_session_on_the_server(app: Any, users: None) -> None:
    client = client_for(app, Role.MEDEWERKER)
    stolen = client.cookies.get("kt_sessie")
    page = client.get("/controleren")
    r = client.post("/uitloggen", data={"csrf_token": csrf_of(page.text)})
    assert r.status_code == 303
    replay = client_for(app)
    replay.cookies.set("kt_sessie", stolen)
    assert replay.get("/controleren").headers["location"].startswith("/inloggen")


def test_a_forged_session_cookie_is_ignored(app: Any, users: None) -> None:
    client = client_for(app)
    client.cookies.set("kt_sessie", "verzonnen.handtekening")
    assert client.get("/controleren").status_code == 303


def test_visitor_is_sent_to_login_with_the_page_to_return_to(app: Any, users: None) -> None:
    r = client_for(app).get("/inbox?label=criticism")
    assert r.status_code == 303
    assert r.headers["location"] == "/inloggen?volgende=/inbox%3Flabel%3Dcriticism"


# -- CSRF ------------------------------------------------------------------------------------


def test_every_form_needs_its_csrf_token(app: Any, users: None) -> None:
    anonymous = client_for(app)
    anonymous.get("/inloggen")
    r = anonymous.post("/inloggen", data={"name": "medewerker", "password": PASSWORD})
    assert r.status_code == 400
    assert "verlopen" in r.text

    mallory = client_for(app, Role.COMMUNICATIE)
    foreign_token = csrf_of(mallory.get("/controleren").text)
    victim = client_for(app, Role.BEHEERDER)
    forms = [
        ("/controleren", {"text": "Hallo"}),
        ("/inbox/acties", {"actie": "afhandelen", "ids": "1"}),
        ("/beheer/gebruikers", {"name": "x1", "role": "medewerker"}),
        ("/beheer/tokens", {"name": "koppeling", "role": "medewerker"}),
        ("/uitloggen", {}),
    ]
    for path, data in forms:
        assert victim.post(path, data=data).status_code == 400, path
        forged = victim.post(path, data={**data, "csrf_token": foreign_token})
        assert forged.status_code == 400, path
    # Still logged in: the forged logout did nothing.
    assert victim.get("/beheer/gebruikers").status_code == 200


def test_login_rotates_the_csrf_binding(app: Any, users: None) -> None:
    client = client_for(app)
    before = csrf_of(client.get("/inloggen").text)
    r = client.post(
        "/inloggen", data={"csrf_token": before, "name": "medewerker", "password": PASSWORD}
    )
    assert r.status_code == 303
    after = csrf_of(client.get("/controleren").text)
    assert after != before
    r = client.post("/uitloggen", data={"csrf_token": before})
    assert r.status_code == 400


# -- roles, page by page --------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_each_role_sees_only_its_pages(app: Any, users: None, role: Role) -> None:
    client = client_for(app, role)
    for path, allowed_roles in PAGE_ACCESS.items():
        r = client.get(path)
        expected = 200 if role in allowed_roles else 403
        assert r.status_code == expected, (role, path)
        if expected == 403:
            assert "Geen toegang" in r.text
    nav = re.findall(r'class="main-nav__link"[^>]*>([^<]+)<', client.get("/controleren").text)
    assert ("Inbox" in nav) == (role in PAGE_ACCESS["/inbox"])
    assert ("Gebruikers" in nav) == (role in PAGE_ACCESS["/beheer/gebruikers"])


@pytest.mark.parametrize("role", list(Role), ids=[r.value for r in Role])
def test_inbox_and_admin_actions_refuse_other_roles(app: Any, users: None, role: Role) -> None:
    client = client_for(app, role)
    token = csrf_of(client.get("/controleren").text)
    actions = {
        "/inbox/acties": (
            {"actie": "afhandelen", "ids": "1", "csrf_token": token},
            PAGE_ACCESS["/inbox"],
        ),
        "/beheer/gebruikers": (
            {"name": "nieuw", "role": "medewerker", "csrf_token": token},
            PAGE_ACCESS["/beheer/gebruikers"],
        ),
        "/beheer/tokens": (
            {"name": "k", "role": "medewerker", "csrf_token": token},
            PAGE_ACCESS["/beheer/gebruikers"],
        ),
    }
    for path, (data, allowed_roles) in actions.items():
        r = client.post(path, data=data)
        if role in allowed_roles:
            assert r.status_code != 403, path
        else:
            assert r.status_code == 403, (role, path)


def test_deactivated_user_is_logged_out_at_once(app: Any, engine: Any, users: None) -> None:
    from krantentoets.store import session_scope
    from krantentoets.store.users import get_user, set_active

    client = client_for(app, Role.MEDEWERKER)
    assert client.get("/controleren").status_code == 200
    with session_scope(engine) as session:
        set_active(session, get_user(session, "medewerker"), False)
    assert client.get("/controleren").status_code == 303


# -- the check page ------------------------------------------------------------------------


def _check(client: Any, **fields: Any) -> Any:
    token = csrf_of(client.get("/controleren").text)
    files = fields.pop("files", None)
    return client.post("/controleren", data={"csrf_token": token, **fields}, files=files)


def test_check_page_marks_the_overflow_and_quotes_the_guideline(app: Any, users: None) -> None:
    client = client_for(app, Role.MEDEWERKER)
    r = _check(client, text=LONG_FOR_X, platform="x", profile="medewerkers")
    assert r.status_code == 200
    html = r.text
    assert 'class="verdict verdict--doubt"' in html
    assert "Twijfel" in html
    marks = re.findall(r'<mark class="hl hl--warn"[^>]*>(.*?)</mark>', html, re.S)
    assert len(marks) == 1
    assert "Begin bevinding 1" in marks[0]
    marked = re.sub(r"<span class=\"visually-hidden\">.*?</span>", "", marks[0])
    assert LONG_FOR_X.endswith(marked)
    assert 'id="bevinding-1"' in html and "LE01" in html
    assert "MW-8" in html and "maak dan een link naar een online ruimte" in html
    assert 'href="#bevinding-1"' in html
    # The server's own count is shown (the JS counter only mirrors it).
    from krantentoets.post import Platform
    from krantentoets.rules.length import count

    assert f"{count(LONG_FOR_X, Platform.X)} van 280 gewogen tekens op X" in html


def test_check_page_says_plaatsen_for_a_fine_post(app: Any, users: None) -> None:
    client = client_for(app, Role.MEDEWERKER)
    r = _check(client, text="Het grofvuil wordt op dinsdag opgehaald.", platform="facebook")
    assert 'class="verdict verdict--post"' in r.text
    assert "<mark" not in r.text


def test_check_page_counts_a_browser_line_break_once(app: Any, users: None) -> None:
    client = client_for(app, Role.MEDEWERKER)
    text = "a" * 279 + "\r\n"
    r = _check(client, text=text, platform="x")
    assert "280 van 280" in r.text
    assert 'verdict--post"' in r.text


def test_check_page_highlights_personal_data(app: Any, users: None) -> None:
    from krantentoets.check import check
    from krantentoets.post import Post

    draft = "Heb je nog vragen over het grofvuil? Bel me op 06-12345678."
    if not any(f.category.value == "personal-data" for f in check(Post(draft)).findings):
        pytest.skip("the personal-data rule does not detect a mobile number yet")
    client = client_for(app, Role.MEDEWERKER)
    r = _check(client, text=draft, platform="facebook")
    marks = re.findall(r"<mark[^>]*>(.*?)</mark>", r.text, re.S)
    assert any("06-12345678" in m for m in marks)
    assert "Niet plaatsen" in r.text or "Twijfel" in r.text


def test_check_page_reports_an_empty_draft(app: Any, users: None) -> None:
    client = client_for(app, Role.MEDEWERKER)
    r = _check(client, text="   ")
    assert r.status_code == 422
    assert "error-summary" in r.text and 'aria-invalid="true"' in r.text


def test_mandataris_gets_the_mandatarissen_profile_by_default(app: Any, users: None) -> None:
    page = client_for(app, Role.MANDATARIS).get("/controleren").text
    assert re.search(r'<option value="mandatarissen" selected>', page)
    page = client_for(app, Role.MEDEWERKER).get("/controleren").text
    assert re.search(r'<option value="medewerkers" selected>', page)


PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201f5a1d3ff0000000049454e44ae426082"
)


def test_check_page_accepts_an_image_and_refuses_other_files(app: Any, users: None) -> None:
    client = client_for(app, Role.MEDEWERKER)
    ok = _check(
        client, text="Foto van de opening.", files={"images": ("foto.png", PNG_1PX, "image/png")}
    )
    assert ok.status_code == 200
    assert "foto.png" in ok.text
    bad = _check(
        client,
        text="Foto van de opening.",
        files={"images": ("foto.png", b"%PDF-1.4", "image/png")},
    )
    assert bad.status_code == 422
    assert "geen JPEG-, PNG-, GIF- of WebP-afbeelding" in bad.text


# -- accessibility and outside resources ------------------------------------------------------


class _Audit(HTMLParser):
    """Collects what the accessibility checks need from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.labels: set[str] = set()
        self.fields: list[dict[str, str | None]] = []
        self.urls: list[str] = []
        self.skip_link = False
        self.in_label = 0
        self.wrapped: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "label" and a.get("for"):
            self.labels.add(str(a["for"]))
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.fields.append(a)
        for key in ("src", "href", "action"):
            if a.get(key):
                self.urls.append(str(a[key]))
        if tag == "a" and a.get("class") == "skip-link" and a.get("href") == "#inhoud":
            self.skip_link = True


def _audit(html: str) -> _Audit:
    audit = _Audit()
    audit.feed(html)
    return audit


def _pages(client: Any) -> dict[str, str]:
    return {
        "check": client.get("/controleren").text,
        "check-result": _check(client, text=LONG_FOR_X, platform="x").text,
        "inbox": client.get("/inbox").text,
        "users": client.get("/beheer/gebruikers").text,
    }


def test_pages_are_dutch_labelled_and_load_nothing_from_elsewhere(app: Any, users: None) -> None:
    client = client_for(app, Role.BEHEERDER)
    pages = _pages(client)
    pages["login"] = client_for(app).get("/inloggen").text
    for name, html in pages.items():
        audit = _audit(html)
        assert audit.lang == "nl", name
        assert audit.skip_link, name
        assert 'id="inhoud"' in html, name
        for field in audit.fields:
            labelled = field.get("id") in audit.labels or field.get("aria-label")
            assert labelled, (name, field)
        outside = [u for u in audit.urls if re.match(r"(https?:)?//", u)]
        assert outside == [], (name, outside)


def test_security_headers_forbid_outside_scripts(app: Any, users: None) -> None:
    r = client_for(app).get("/inloggen")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"


def test_static_files_are_served_by_the_app(app: Any) -> None:
    client = client_for(app)
    for name in ("app.css", "check.js", "favicon.svg"):
        assert client.get(f"/static/{name}").status_code == 200, name


def test_api_docs_are_served_offline(app: Any) -> None:
    client = client_for(app)
    page = client.get("/api/docs")
    assert page.status_code == 200
    audit = _audit(page.text)
    assert audit.lang == "nl"
    assert all(u.startswith("/") for u in audit.urls), audit.urls
    js = client.get("/api/docs/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert client.get("/api/docs/../../etc/passwd").status_code == 404
    spec = client.get("/api/openapi.json").json()
    assert {"/api/v1/check", "/api/v1/triage"} <= set(spec["paths"])
    body = spec["paths"]["/api/v1/check"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)


def test_unknown_page_is_a_dutch_404(app: Any) -> None:
    r = client_for(app).get("/bestaat-niet")
    assert r.status_code == 404
    assert "Deze pagina bestaat niet" in r.text


def test_password_guessing_is_slowed_down(app: Any, users: None) -> None:
    client = client_for(app)
    token = csrf_of(client.get("/inloggen").text)
    for _ in range(5):
        r = client.post(
            "/inloggen", data={"csrf_token": token, "name": "beheerder", "password": "gok-gok-gok"}
        )
        assert r.status_code == 401
    r = client.post(
        "/inloggen", data={"csrf_token": token, "name": "Beheerder", "password": PASSWORD}
    )
    assert r.status_code == 429
    assert "Te veel mislukte pogingen" in r.text
    # Another account from the same address is not affected.
    r = client.post(
        "/inloggen", data={"csrf_token": token, "name": "medewerker", "password": PASSWORD}
    )
    assert r.status_code == 303
