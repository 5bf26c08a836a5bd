"""Editor login, sessions and CSRF protection for the state-changing parts of the app.

Viewing needs no account. Importing, editing and rolling back zonings need an editor
session (Flask-Login); every such request is checked on the server twice:

1. before any callback code runs, a ``before_request`` hook refuses (HTTP 403) a Dash
   update whose outputs include a protected component (:func:`protect`), unless it comes
   from a logged-in editor, carries the CSRF token and, when the browser says where it
   comes from, comes from this site (``Origin``, else ``Referer``);
2. each edit callback starts with :func:`require_editor`, which does the same checks
   (so that a callback called some other way is still refused).

CSRF: the token is kept in the signed session and copied into the ``_csrf_token``
cookie, which dash-renderer sends back in the ``X-CSRFToken`` header of every callback
request (double submit); another site can neither read the cookie nor add the header.
The login and logout forms are plain POSTs carrying the same token in a hidden field.

Sessions live in a signed cookie, so a copy of it outlives a logout unless the server
says otherwise: each session carries the editor's *session generation*, kept in the
store and shared by every worker, which logout increments, and a fingerprint of the
password hash; every request of an editor checks both (:func:`_revoked`). Failed
logins are slowed down by :mod:`dashboard.editing.throttle`, also through the store.

Environment
-----------
``CARTOCOORD_SECRET_KEY``
    Key signing the session cookie; when absent, one is generated once into
    ``$CARTOCOORD_DATA_DIR/secret_key`` (mode 0600, git-ignored), shared by the workers.
``CARTOCOORD_SESSION_LIFETIME``
    Lifetime of an editor session in seconds, or with a unit (``8h``, ``30min``);
    default 8 hours. Counted from the login, whatever the activity.
``CARTOCOORD_SECURE_COOKIES``
    ``1`` behind HTTPS: cookies are then sent over HTTPS only.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import flask
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from werkzeug.exceptions import Forbidden

from dashboard.editing import uploads
from dashboard.editing.editors import EditorRegistry
from dashboard.editing.throttle import LoginThrottle
from geodata import catalog
from geodata.config import PROJECT_DIR

LOGIN_PATH = "/auth/login"
LOGOUT_PATH = "/auth/logout"
#: Where the login and logout forms send the user back.
DATA_PAGE_PATH = "/donnees"
#: Cookie and header names dash-renderer uses by default for its CSRF header.
CSRF_COOKIE = "_csrf_token"
CSRF_HEADER = "X-CSRFToken"
#: Hidden field of the login and logout forms.
CSRF_FIELD = "csrf_token"
SESSION_TOKEN = "csrf_token"
SESSION_LOGIN_TIME = "login_time"
#: The editor's session generation at login, and a fingerprint of the password hash:
#: a session is valid while both are still current (see :func:`_revoked`).
SESSION_GENERATION, SESSION_CREDENTIAL = "generation", "credential"
SESSION_MESSAGE = "auth_message"
DEFAULT_LIFETIME = timedelta(hours=8)
SECRET_KEY_FILE = "secret_key"
DASH_UPDATE_SUFFIX = "/_dash-update-component"

MESSAGES = {
    "bad_credentials": "Identifiant ou mot de passe incorrect.",
    "throttled": "Trop d'essais depuis cette adresse : réessayez dans {seconds} s.",
    "expired": "Votre session a expiré : reconnectez-vous.",
    "revoked": "Votre session a été fermée (déconnexion, mot de passe changé ou compte "
               "supprimé) : reconnectez-vous.",
    "logged_out": "Vous êtes déconnecté.",
    "refused_login": "Action réservée aux éditeurs connectés.",
    "refused_csrf": "Requête refusée : jeton de sécurité absent ou invalide. Rechargez la page.",
    "refused_origin": "Requête refusée : elle ne vient pas de ce site.",
}

#: Component ids whose updates only editors may request.
_PROTECTED: set[str] = set()


class EditRefused(Forbidden):
    """HTTP 403 for an edit request that is not allowed; the description is French."""


@dataclass(frozen=True)
class AuthConfig:
    """Security settings, read from the environment."""

    secret_key: str | None = None
    session_lifetime: timedelta = DEFAULT_LIFETIME
    secure_cookies: bool = False
    data_dir: Path = PROJECT_DIR / ".data"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> AuthConfig:
        """Read ``CARTOCOORD_SECRET_KEY``, ``…_SESSION_LIFETIME``, ``…_SECURE_COOKIES``."""
        env = os.environ if environ is None else environ
        return cls(
            secret_key=env.get("CARTOCOORD_SECRET_KEY") or None,
            session_lifetime=parse_lifetime(env.get("CARTOCOORD_SESSION_LIFETIME", "")),
            secure_cookies=env.get("CARTOCOORD_SECURE_COOKIES", "").strip().lower()
            in {"1", "true", "yes", "on"},
            data_dir=Path(env.get("CARTOCOORD_DATA_DIR") or PROJECT_DIR / ".data"),
        )


def parse_lifetime(raw: str) -> timedelta:
    """``28800``, ``8h``, ``45min`` or ``30s`` as a duration; the default when empty.

    Raises
    ------
    ValueError
        For anything else, or a duration that is not positive.
    """
    text = raw.strip().lower()
    if not text:
        return DEFAULT_LIFETIME
    found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(h|min|m|s)?", text)
    if not found or float(found[1]) <= 0:
        raise ValueError(f"CARTOCOORD_SESSION_LIFETIME must be a positive duration "
                         f"(28800, 8h, 45min), got {raw!r}")
    factor = {"h": 3600, "min": 60, "m": 60, "s": 1, None: 1}[found[2]]
    return timedelta(seconds=float(found[1]) * factor)


def secret_key(config: AuthConfig) -> str:
    """Return the session key: from the environment, else from (or first into) the data dir.

    Several workers may start at once: the file is created exclusively, the losers read it.
    """
    if config.secret_key:
        if len(config.secret_key) < 32:
            raise ValueError("CARTOCOORD_SECRET_KEY must be at least 32 characters long")
        return config.secret_key
    path = config.data_dir / SECRET_KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        for _ in range(50):  # the creator may not have written it yet
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key
            time.sleep(0.02)
        raise RuntimeError(f"{path} is empty: delete it to generate a new key") from None
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(key + "\n")
    return key


class Editor(UserMixin):
    """A logged-in editor; the id is the account name."""

    def __init__(self, name: str) -> None:
        self.id = name

    @property
    def name(self) -> str:
        """Name of the account."""
        return self.id


def protect(*component_ids: str) -> None:
    """Declare components that only editors may update (checked before any callback runs)."""
    _PROTECTED.update(component_ids)


def init_auth(app, config: AuthConfig | None = None,
              registry: EditorRegistry | None = None) -> LoginManager:
    """Set up sessions, login/logout routes, CSRF and the edit checks on ``app`` (Dash or Flask).

    Also sets ``MAX_CONTENT_LENGTH`` from the upload size limit, and a few protective
    response headers.
    """
    server: flask.Flask = getattr(app, "server", app)
    config = config or AuthConfig.from_env()
    registry = registry or EditorRegistry()
    server.secret_key = secret_key(config)
    server.config.update(
        PERMANENT_SESSION_LIFETIME=config.session_lifetime,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=config.secure_cookies,
        SESSION_COOKIE_NAME="cartocoord_session",
        MAX_CONTENT_LENGTH=uploads.request_size_limit(),
    )
    server.extensions["cartocoord_auth"] = {"config": config, "registry": registry}
    manager = LoginManager()
    manager.session_protection = "strong"
    manager.init_app(server)

    @manager.user_loader
    def load_editor(name: str) -> Editor | None:
        return Editor(name) if registry.exists(name) else None

    server.before_request(_expire_session)
    server.before_request(_end_revoked_session)
    server.before_request(_guard_dash_updates)
    server.after_request(_security_headers)
    server.add_url_rule(LOGIN_PATH, "cartocoord_login", _login, methods=["POST"])
    server.add_url_rule(LOGOUT_PATH, "cartocoord_logout", _logout, methods=["POST"])
    return manager


def _state() -> dict:
    return flask.current_app.extensions["cartocoord_auth"]


def csrf_token() -> str:
    """Return the session's CSRF token, created on first use."""
    token = flask.session.get(SESSION_TOKEN)
    if not token:
        token = flask.session[SESSION_TOKEN] = secrets.token_urlsafe(32)
    return token


def current_editor() -> str | None:
    """Name of the logged-in editor of this request, or None."""
    if flask.has_request_context() and current_user.is_authenticated:
        return current_user.name
    return None


def pop_message() -> str | None:
    """Take the message the last login or logout left for the page (shown once)."""
    return flask.session.pop(SESSION_MESSAGE, None) if flask.has_request_context() else None


def edit_refusal() -> str | None:
    """Why this request may not change anything, in French; None when it may.

    The request must come from a logged-in editor, carry the session's CSRF token in
    the ``X-CSRFToken`` header and, if the browser names its origin, come from this site.
    """
    if not flask.has_request_context() or not current_user.is_authenticated:
        return MESSAGES["refused_login"]
    if not _same_origin():
        return MESSAGES["refused_origin"]
    if not _token_matches(flask.request.headers.get(CSRF_HEADER)):
        return MESSAGES["refused_csrf"]
    return None


def require_editor() -> str:
    """Return the editor's name if this request may change data, else refuse (HTTP 403).

    Call it first in every callback that imports, edits or rolls back.
    """
    refusal = edit_refusal()
    if refusal:
        raise EditRefused(refusal)
    return current_user.name


def _token_matches(given: str | None) -> bool:
    expected = flask.session.get(SESSION_TOKEN)
    return bool(expected and given) and hmac.compare_digest(str(expected), str(given))


def _same_origin() -> bool:
    """Tell whether the request comes from this site, as far as the browser says."""
    request = flask.request
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if not claimed:
        return True  # non-browser client or privacy setting: the CSRF token decides
    return urlsplit(claimed).netloc == request.host


def _guard_dash_updates():
    """Refuse, before Dash parses anything, a callback request touching protected outputs."""
    request = flask.request
    if request.method != "POST" or not request.path.endswith(DASH_UPDATE_SUFFIX):
        return None
    if not _PROTECTED:
        return None
    body = request.get_json(silent=True) or {}
    output = str(body.get("output", ""))
    if any(f"{component}." in output for component in _PROTECTED):
        refusal = edit_refusal()
        if refusal:
            raise EditRefused(refusal)
    return None


def _expire_session():
    """Log out an editor whose session is older than its lifetime (counted from the login)."""
    if "_user_id" not in flask.session:
        return None
    logged_in = flask.session.get(SESSION_LOGIN_TIME, 0)
    lifetime = _state()["config"].session_lifetime.total_seconds()
    if time.time() - float(logged_in) > lifetime:
        logout_user()
        flask.session.pop(SESSION_LOGIN_TIME, None)
        flask.session[SESSION_MESSAGE] = MESSAGES["expired"]
    return None


def _throttle() -> LoginThrottle:
    """Failed logins counted in the store, shared by every worker."""
    key = hashlib.sha256(flask.current_app.secret_key.encode("utf-8")).digest()
    return LoginThrottle(catalog.zoning_store(), key)


def _credential(registry: EditorRegistry, name: str) -> str:
    """Fingerprint of the editor's password hash: changes when the password does."""
    stored = registry.hashes().get(name, "")
    return hashlib.sha256(stored.encode("utf-8")).hexdigest()[:16]


def _revoked(name: str) -> bool:
    """Tell whether this editor session was ended elsewhere.

    A Flask session lives in its signed cookie: logging out in one browser cannot
    delete a copy of that cookie. The session therefore carries the editor's session
    generation (in the store, shared by every worker; logout increments it) and a
    fingerprint of the password hash (changed by ``editors add --remplacer``); an
    account removed from the file is refused by the user loader.
    """
    registry: EditorRegistry = _state()["registry"]
    if flask.session.get(SESSION_CREDENTIAL) != _credential(registry, name):
        return True
    generation = catalog.zoning_store().session_generation(name)
    return flask.session.get(SESSION_GENERATION) != generation


def _end_revoked_session():
    """Log out, before anything runs, a session that was revoked since it was opened."""
    name = flask.session.get("_user_id")
    if name is None or not _revoked(str(name)):
        return None
    logout_user()
    for key in (SESSION_LOGIN_TIME, SESSION_GENERATION, SESSION_CREDENTIAL, SESSION_TOKEN):
        flask.session.pop(key, None)
    flask.session[SESSION_MESSAGE] = MESSAGES["revoked"]
    return None


def _security_headers(response: flask.Response) -> flask.Response:
    """Give the browser the CSRF cookie, and ask it not to sniff types nor frame the app."""
    token = csrf_token()
    if flask.request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=False, samesite="Strict",
                            secure=_state()["config"].secure_cookies, path="/")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "SAMEORIGIN")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def _back_to_page() -> flask.Response:
    return flask.redirect(DATA_PAGE_PATH, code=303)


def _check_form() -> None:
    if not _same_origin():
        raise EditRefused(MESSAGES["refused_origin"])
    if not _token_matches(flask.request.form.get(CSRF_FIELD)):
        raise EditRefused(MESSAGES["refused_csrf"])


def _login() -> flask.Response:
    """POST /auth/login: name, password and CSRF token from the data page's form."""
    _check_form()
    form = flask.request.form
    name, password = form.get("username", "").strip(), form.get("password", "")
    registry: EditorRegistry = _state()["registry"]
    throttle = _throttle()
    address = flask.request.remote_addr or ""
    wait = throttle.wait(address, password)
    if wait:
        flask.session[SESSION_MESSAGE] = MESSAGES["throttled"].format(seconds=wait)
        return _back_to_page()
    if not registry.verify(name, password):
        throttle.failed(address, password)
        flask.session[SESSION_MESSAGE] = MESSAGES["bad_credentials"]
        return _back_to_page()
    throttle.succeeded(address)
    flask.session.clear()
    login_user(Editor(name))
    flask.session.permanent = True
    flask.session[SESSION_LOGIN_TIME] = time.time()
    flask.session[SESSION_GENERATION] = catalog.zoning_store().session_generation(name)
    flask.session[SESSION_CREDENTIAL] = _credential(registry, name)
    flask.session[SESSION_TOKEN] = secrets.token_urlsafe(32)  # a new token for the new rights
    return _back_to_page()


def _logout() -> flask.Response:
    """POST /auth/logout, with the CSRF token."""
    _check_form()
    name = current_editor()
    if name:  # every copy of this session's cookie stops working, on every worker
        catalog.zoning_store().revoke_sessions(name)
    logout_user()
    flask.session.clear()
    flask.session[SESSION_MESSAGE] = MESSAGES["logged_out"]
    return _back_to_page()
