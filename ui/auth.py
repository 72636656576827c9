"""Who may write (import, undo, targets, units): the analyst role.

Configured in `.streamlit/secrets.toml`, one of:

- A password. `python -m analytics hash-password` prints the lines to paste:

      [analyst]
      password_hash = "scrypt$16384$8$1$...$..."

- Single sign-on through `st.login` (OIDC), when an `[auth]` section is configured (see Streamlit's
  authentication docs). Analysts are the signed-in people listed in `[analyst] emails`; an entry that starts
  with "@" admits a whole domain (emails = ["lan.nguyen@pvn.vn", "@congdoandaukhi.vn"]). With no list, every
  signed-in person is an analyst.

- Neither: the app is for one person on their own computer, so writing is open, and the Data page says so.

Viewers never see write controls, and every write in ui/ calls `require_analyst()` first, so a forged
request (a widget value sent without the control on screen) is refused on the server as well.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import streamlit as st

from analytics.auth import is_hash, verify_password
from ui.context import Context

_ROLE_KEY = "_analyst_ok"  # session: the hash the person proved they know
MAX_FAILS = 5
LOCK_SECONDS = 60


class NotAnalyst(PermissionError):
    """A write was attempted without the analyst role."""


@dataclass(frozen=True)
class AuthConfig:
    mode: str  # "open" | "password" | "oidc"
    password_hash: str | None = None
    emails: tuple[str, ...] = ()
    problem: str | None = None  # a catalogue key when the configuration cannot work as written


def _secrets() -> dict:
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except Exception:  # no secrets file at all: Streamlit raises its own error types
        return {}


def config() -> AuthConfig:
    """The role configuration from st.secrets (read on every call: secrets can change while running)."""
    secrets = _secrets()
    analyst = dict(secrets.get("analyst") or {})
    emails = tuple(str(e).strip().lower() for e in (analyst.get("emails") or []) if str(e).strip())
    if secrets.get("auth"):
        return AuthConfig("oidc", emails=emails)
    raw_hash = analyst.get("password_hash")
    if raw_hash:
        if not is_hash(raw_hash):
            # A plain password pasted by mistake is never accepted as a hash: writing stays closed.
            return AuthConfig("password", None, problem="auth.bad_hash")
        return AuthConfig("password", str(raw_hash).strip())
    return AuthConfig("open")


def _signed_in_email() -> str | None:
    try:
        if st.user.get("is_logged_in"):
            email = st.user.get("email")
            return str(email).strip().lower() if email else None
    except Exception:  # st.user is unavailable outside a configured app
        return None
    return None


def _email_allowed(email: str | None, emails: tuple[str, ...]) -> bool:
    if not email:
        return False
    if not emails:
        return True
    return any(email == e or (e.startswith("@") and email.endswith(e)) for e in emails)


def can_write() -> bool:
    """True when this session may write (an analyst, and a store that can be written)."""
    from ui.context import current_or_none

    ctx = current_or_none()
    if ctx is not None and ctx.store.read_only:  # read-only disk, or another process holds the store
        return False
    cfg = config()
    if cfg.mode == "open":
        return True
    if cfg.mode == "password":
        return bool(cfg.password_hash) and st.session_state.get(_ROLE_KEY) == cfg.password_hash
    return _email_allowed(_signed_in_email(), cfg.emails)


def require_analyst() -> None:
    """Raise NotAnalyst unless this session may write. Call it first in every function that writes."""
    if not can_write():
        raise NotAnalyst("analyst role required")


def who() -> str:
    """The name recorded as `imported_by` / `changed_by`."""
    cfg = config()
    if cfg.mode == "oidc":
        return _signed_in_email() or "oidc"
    return "analyst" if cfg.mode == "password" else "local"


# Wrong passwords per client address, for the whole process: a guesser who opens a new session (a reload,
# a new websocket) meets the same lock. Behind a reverse proxy every client shares the proxy's address, so
# the lock then holds for everyone: slower sign-in for a minute rather than unlimited guessing.
_FAILS: dict[str, list[float]] = {}
_FAILS_LOCK = threading.Lock()


def _client() -> str:
    try:
        return st.context.ip_address or "local"  # None for localhost
    except Exception:  # no script run context (tests calling helpers directly)
        return "local"


def _recent_fails(client: str) -> list[float]:
    now = time.time()
    with _FAILS_LOCK:
        recent = [f for f in _FAILS.get(client, []) if now - f < LOCK_SECONDS]
        if recent:
            _FAILS[client] = recent
        else:
            _FAILS.pop(client, None)
        return recent


def _locked_for() -> int:
    recent = _recent_fails(_client())
    if len(recent) >= MAX_FAILS:
        return int(LOCK_SECONDS - (time.time() - recent[-MAX_FAILS])) + 1
    return 0


def _try_password(password: str) -> bool:
    cfg = config()
    if cfg.mode != "password" or not cfg.password_hash or _locked_for():
        return False
    if verify_password(password, cfg.password_hash):
        st.session_state[_ROLE_KEY] = cfg.password_hash
        with _FAILS_LOCK:
            _FAILS.pop(_client(), None)
        return True
    with _FAILS_LOCK:
        _FAILS.setdefault(_client(), []).append(time.time())
    time.sleep(0.5)  # slows guessing down further than scrypt alone
    return False


def sign_out() -> None:
    st.session_state.pop(_ROLE_KEY, None)


def panel(ctx: Context) -> bool:
    """The role line at the top of the Data page: the open-writing notice, the sign-in form, or who is
    signed in (with sign-out). Returns can_write()."""
    cfg = config()
    if cfg.problem:
        st.error(ctx.t(cfg.problem), icon=":material/key_off:")
    if ctx.store.read_only:  # the page header already says why nothing can be written
        return False
    if cfg.mode == "open":
        st.warning(ctx.t("auth.open_notice"), icon=":material/lock_open:")
        return True
    if can_write():
        left, right = st.columns([4, 1], vertical_alignment="center")
        with left:
            email = _signed_in_email()
            st.caption(ctx.t("auth.signed_in_as", who=email) if email else ctx.t("auth.signed_in"))
        with right:
            if cfg.mode == "oidc":
                st.button(ctx.t("auth.sign_out"), on_click=st.logout, key="auth_logout", width="stretch")
            else:
                st.button(ctx.t("auth.sign_out"), on_click=sign_out, key="auth_logout", width="stretch")
        return True
    with st.container(border=True):
        st.markdown("**" + ctx.t("auth.viewer_title") + "**")
        st.caption(ctx.t("auth.viewer_help"))
        if cfg.mode == "oidc":
            if _signed_in_email():
                st.warning(ctx.t("auth.not_listed", who=_signed_in_email()), icon=":material/person_off:")
                st.button(ctx.t("auth.sign_out"), on_click=st.logout, key="auth_logout")
            else:
                st.button(ctx.t("auth.sign_in_sso"), on_click=st.login, key="auth_login", type="primary")
            return False
        locked = _locked_for()
        if locked:
            st.error(ctx.t("auth.locked", seconds=locked), icon=":material/timer:")
        with st.form("auth_form", clear_on_submit=True, border=False):
            password = st.text_input(ctx.t("auth.password"), type="password", key="auth_password")
            submitted = st.form_submit_button(ctx.t("auth.sign_in"), type="primary", disabled=bool(locked))
        if submitted and not locked:
            if _try_password(password or ""):
                st.rerun()
            else:
                st.error(ctx.t("auth.wrong"), icon=":material/error:")
    return False
