"""Who may write (import, undo, targets, units): the analyst role.

Configured in `.streamlit/secrets.toml`, one of:

- A password. `python -m analytics hash-password` prints the lines to paste:

      [analyst]
      password_hash = "scrypt$16384$8$1$...$..."

  or named analysts, each with a password of their own (`hash-password --name lan.nguyen`), so every import
  and edit names its author; the sign-in form then asks for the name as well:

      [analyst.users]
      "lan.nguyen" = "scrypt$16384$8$1$...$..."

- Single sign-on through `st.login` (OIDC), when an `[auth]` section is configured (see Streamlit's
  authentication docs). Analysts are the signed-in people listed in `[analyst] emails`; an entry that starts
  with "@" admits a whole domain (emails = ["lan.nguyen@pvn.vn", "@congdoandaukhi.vn"]). With no list, every
  signed-in person is an analyst.

- Neither: the app is for one person on their own computer, so writing is open, and the Data page says so.

Viewers never see write controls, and every write in ui/ calls `require_analyst()` first, so a forged
request (a widget value sent without the control on screen) is refused on the server as well. Every check
of the role also tells ui.gate whether this session holds it, so only analysts' sessions may upload files.

Wrong passwords are counted for the whole process, per address (the one the server trusts, ui.gate) and per
account name: five in a minute lock that address, and that account from every address, for 60 s. The
failure is counted before the password is checked, in the same step as the lock's check (and given back
when the password was right), so guesses sent at once cannot pass the check together. Sign-ins, right and
wrong, go to the audit log with the address.
"""

from __future__ import annotations

import contextlib
import threading
import time
from dataclasses import dataclass

import streamlit as st

from analytics import audit
from analytics.auth import dummy_hash, is_hash, verify_password
from analytics.store import READ_ONLY_DAMAGED
from ui import gate
from ui.context import Context

_ROLE_KEY = "_analyst_ok"  # session: (account, hash) the person proved they know
MAX_FAILS = 5
LOCK_SECONDS = 60
SINGLE_ACCOUNT = "analyst"  # the account name of the one password (`[analyst] password_hash`)
_SSO_LOGGED = "_analyst_sso_logged"  # session: the e-mail whose single sign-on is in the audit log


class NotAnalyst(PermissionError):
    """A write was attempted without the analyst role."""


@dataclass(frozen=True)
class AuthConfig:
    mode: str  # "open" | "password" | "oidc"
    password_hash: str | None = None
    emails: tuple[str, ...] = ()
    problem: str | None = None  # a catalogue key when the configuration cannot work as written
    users: tuple[tuple[str, str], ...] = ()  # named analysts: (name, hash)

    @property
    def named(self) -> bool:
        """Whether the sign-in asks for a name (named analysts are configured)."""
        return bool(self.users)

    def hash_for(self, account: str) -> str | None:
        """The hash of an account: a named analyst's (names compared without regard to case), or the one
        password's under SINGLE_ACCOUNT when no names are configured."""
        if self.users:
            wanted = account.strip().casefold()
            return next((h for name, h in self.users if name.casefold() == wanted), None)
        return self.password_hash if account == SINGLE_ACCOUNT else None

    def account_name(self, account: str) -> str:
        """The name as configured (how the history records the person)."""
        wanted = account.strip().casefold()
        return next((name for name, _ in self.users if name.casefold() == wanted), account.strip())


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
    raw_users = dict(analyst.get("users") or {})
    if raw_users:
        users = tuple(
            (str(name).strip(), str(value).strip()) for name, value in raw_users.items() if str(name).strip()
        )
        good = tuple((name, value) for name, value in users if is_hash(value))
        # A plain password pasted for someone is never accepted as a hash: that person cannot sign in.
        return AuthConfig(
            "password", None, users=good, problem=None if len(good) == len(users) else "auth.bad_hash"
        )
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


def has_role() -> bool:
    """True when this session holds the analyst role (whatever the state of the store); ui.gate is told."""
    cfg = config()
    if cfg.mode == "open":
        analyst = True
    elif cfg.mode == "password":
        proved = st.session_state.get(_ROLE_KEY)
        analyst = (
            isinstance(proved, tuple)
            and len(proved) == 2
            and cfg.hash_for(proved[0]) is not None
            and cfg.hash_for(proved[0]) == proved[1]
        )
    else:
        analyst = _email_allowed(_signed_in_email(), cfg.emails)
        if analyst and st.session_state.get(_SSO_LOGGED) != _signed_in_email():
            st.session_state[_SSO_LOGGED] = _signed_in_email()  # once per session and person
            _log_sign_in("sign_in", _signed_in_email())
    gate.note_role(gate.current_session_id(), analyst)
    return analyst


def can_write() -> bool:
    """True when this session may write (an analyst, and a store that can be written)."""
    from ui.context import current_or_none

    analyst = has_role()
    ctx = current_or_none()
    if ctx is not None and ctx.store.read_only:  # read-only disk, or another process holds the store
        return False
    return analyst


def require_analyst() -> None:
    """Raise NotAnalyst unless this session may write. Call it first in every function that writes."""
    if not can_write():
        raise NotAnalyst("analyst role required")


def require_role() -> None:
    """Raise NotAnalyst unless this session holds the analyst role (restoring a damaged store, whose stand-in
    is read-only, needs the role and not a writable store)."""
    if not has_role():
        raise NotAnalyst("analyst role required")


def actor() -> str | None:
    """Who the audit log names for what this session does: `who()` for an analyst, nobody for a viewer (the
    address then says where it came from)."""
    return who() if has_role() else None


def who() -> str:
    """The name recorded as `imported_by` / `changed_by`: the named analyst who signed in, the signed-in
    e-mail (single sign-on), "analyst" for the one shared password, "local" when writing is open."""
    cfg = config()
    if cfg.mode == "oidc":
        return _signed_in_email() or "oidc"
    if cfg.mode == "password":
        proved = st.session_state.get(_ROLE_KEY)
        return proved[0] if isinstance(proved, tuple) and proved else SINGLE_ACCOUNT
    return "local"


# Wrong passwords per key ("addr:<address>", "name:<account>"), for the whole process: a guesser who opens a
# new session (a reload, a new websocket) meets the same lock, and so does one who changes address to guess
# one account. Behind a reverse proxy that is not listed in SANGKIEN_TRUSTED_PROXIES every client has the
# proxy's address, so the lock then holds for everyone: slower sign-in for a minute rather than unlimited
# guessing.
_FAILS: dict[str, list[float]] = {}
_FAILS_LOCK = threading.Lock()


def client_address() -> str:
    """The address the server trusts for this session (ui.gate): "local" for this machine."""
    try:
        address = st.context.ip_address  # None for localhost
        return str(address) if isinstance(address, str) and address else "local"
    except Exception:  # no script run context (tests calling helpers directly)
        return "local"


def _keys(account: str | None) -> list[str]:
    keys = [f"addr:{client_address()}"]
    if account:
        keys.append(f"name:{account.strip().casefold()}")
    return keys


def _recent(key: str, now: float) -> list[float]:
    """The key's failures in the last LOCK_SECONDS (call with _FAILS_LOCK held)."""
    recent = [f for f in _FAILS.get(key, []) if now - f < LOCK_SECONDS]
    if recent:
        _FAILS[key] = recent
    else:
        _FAILS.pop(key, None)
    return recent


def _locked_for(account: str | None = None) -> int:
    """Seconds until sign-in is open again for this address (and this account), 0 when it is open."""
    now = time.time()
    with _FAILS_LOCK:
        waits = [
            int(LOCK_SECONDS - (now - recent[-MAX_FAILS])) + 1
            for recent in (_recent(key, now) for key in _keys(account))
            if len(recent) >= MAX_FAILS
        ]
    return max(waits, default=0)


def _reserve(account: str | None) -> float | None:
    """Check the lock and count a failure in one step: the attempt's mark (given back if the password is
    right), or None when locked. Guesses sent at once cannot all pass the check before one is counted."""
    now = time.time()
    with _FAILS_LOCK:
        keys = _keys(account)
        if any(len(_recent(key, now)) >= MAX_FAILS for key in keys):
            return None
        for key in keys:
            _FAILS.setdefault(key, []).append(now)
    return now


def _give_back(account: str | None, mark: float) -> None:
    with _FAILS_LOCK:
        for key in _keys(account):
            with contextlib.suppress(ValueError):
                _FAILS.get(key, []).remove(mark)
            if not _FAILS.get(key):
                _FAILS.pop(key, None)


SIGNED_IN, WRONG, LOCKED = "signed_in", "wrong", "locked"  # what a sign-in attempt came to


def _try_password(password: str, account: str | None = None) -> str:
    """One sign-in attempt (the lock checked and the failure counted first, see `_reserve`): SIGNED_IN,
    WRONG (checked, and wrong) or LOCKED (not checked)."""
    cfg = config()
    if cfg.mode != "password" or not (cfg.users or cfg.password_hash):
        return LOCKED
    account = (account or "").strip() if cfg.named else SINGLE_ACCOUNT
    mark = _reserve(account or None)
    if mark is None:
        return LOCKED
    known = cfg.hash_for(account) if account else None
    if verify_password(password, known or dummy_hash()) and known is not None:
        _give_back(account, mark)
        name = cfg.account_name(account) if cfg.named else SINGLE_ACCOUNT
        st.session_state[_ROLE_KEY] = (name, known)
        _log_sign_in("sign_in", name)
        has_role()
        return SIGNED_IN
    _log_sign_in("sign_in_failed", account or None)
    time.sleep(0.5)  # slows guessing down further than scrypt alone
    return WRONG


def _log_sign_in(kind: str, account: str | None) -> None:
    from ui.context import current_or_none

    ctx = current_or_none()
    if ctx is not None:
        audit.record(ctx.store, kind, account, client_address(), detail={"account": account or ""})


def sign_out() -> None:
    st.session_state.pop(_ROLE_KEY, None)
    gate.note_role(gate.current_session_id(), False)


def panel(ctx: Context) -> bool:
    """The role line at the top of the Data page: the open-writing notice, the sign-in form, or who is
    signed in (with sign-out). Returns can_write()."""
    cfg = config()
    if cfg.problem:
        st.error(ctx.t(cfg.problem), icon=":material/key_off:")
    if ctx.store.read_only and ctx.store.read_only_reason != READ_ONLY_DAMAGED:
        return False  # the page header already says why nothing can be written (a damaged store needs the
        # sign-in: an analyst restores its snapshot)
    if cfg.mode == "open":
        st.warning(ctx.t("auth.open_notice"), icon=":material/lock_open:")
        return can_write()
    if has_role():
        left, right = st.columns([4, 1], vertical_alignment="center")
        with left:
            name = _signed_in_email() or (who() if cfg.named else None)
            st.caption(ctx.t("auth.signed_in_as", who=name) if name else ctx.t("auth.signed_in"))
        with right:
            if cfg.mode == "oidc":
                st.button(ctx.t("auth.sign_out"), on_click=st.logout, key="auth_logout", width="stretch")
            else:
                st.button(ctx.t("auth.sign_out"), on_click=sign_out, key="auth_logout", width="stretch")
        return can_write()
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
            account = st.text_input(ctx.t("auth.account"), key="auth_account") if cfg.named else None
            password = st.text_input(ctx.t("auth.password"), type="password", key="auth_password")
            submitted = st.form_submit_button(ctx.t("auth.sign_in"), type="primary", disabled=bool(locked))
        if submitted and not locked:
            outcome = _try_password(password or "", account)
            if outcome == SIGNED_IN:
                st.rerun()
            if outcome == WRONG:
                st.error(ctx.t("auth.wrong_account" if cfg.named else "auth.wrong"), icon=":material/error:")
            wait = _locked_for(account)
            if wait:
                st.error(ctx.t("auth.locked", seconds=wait), icon=":material/timer:")
    return False
