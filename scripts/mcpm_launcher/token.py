"""`./mcpm token <user>`: an access token for a local-stack user, through the real authorization-code + PKCE flow.

It does what a browser and the web frontend do: open the authorize endpoint, log in on the form (with its CSRF
token), answer the second-factor page with `--otp CODE` when the account has one, take the code from the redirect
to the frontend's callback, and exchange it with the PKCE verifier.
"""
from __future__ import annotations

import base64
import hashlib
import html.parser
import http.cookiejar
import json
import secrets
import urllib.error
import urllib.parse
import urllib.request

from .config import GATEWAY_URL

CLIENT_ID = "web-frontend"
# The web frontend's callback at the gateway; auth-server's default redirect URIs (AuthProperties) include it.
REDIRECT_URI = f"{GATEWAY_URL}/callback"
SCOPE = "openid profile"


class TokenError(Exception):
    pass


def pkce_pair() -> tuple[str, str]:
    verifier = base64.urlsafe_b64encode(secrets.token_bytes(32)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


class _HiddenInputs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.values[attributes["name"]] = attributes.get("value") or ""


def hidden_inputs(page: str) -> dict[str, str]:
    parser = _HiddenInputs()
    parser.feed(page)
    return parser.values


class _StopAtCallback(urllib.request.HTTPRedirectHandler):
    """Follows the server's redirects, but stops at the frontend's callback (no frontend runs here)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if newurl.startswith(REDIRECT_URI):
            raise _Callback(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _Callback(Exception):
    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


SECOND_FACTOR_PATH = "/login/second-factor"


def access_token(issuer: str, username: str, password: str, otp: str | None = None) -> str:
    """Signs in like a browser; when the account has a second factor, `otp` (a TOTP or recovery code) answers it."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _StopAtCallback())
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(16)
    authorize = f"{issuer}/oauth2/authorize?" + urllib.parse.urlencode({
        "response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT_URI, "scope": SCOPE,
        "state": state, "code_challenge": challenge, "code_challenge_method": "S256"})
    try:
        login_page = opener.open(authorize, timeout=10)
        after_password = _submit(opener, login_page, {"username": username, "password": password})
        if urllib.parse.urlparse(after_password.geturl()).path == SECOND_FACTOR_PATH:
            page = after_password.read().decode()
            if 'name="code"' not in page or "/enrol" in page:
                raise TokenError(f"{username} must set up a second factor first: sign in once with a browser at "
                                 f"{issuer}/login")
            if not otp:
                raise TokenError(f"{username} has a second factor: pass --otp CODE (authenticator or recovery code)")
            _submit(opener, after_password, {"code": otp}, page)
            raise TokenError("the second factor was refused: the code is wrong, expired or already used, "
                             "or too many wrong codes locked it for 15 minutes")
    except _Callback as callback:
        query = urllib.parse.parse_qs(urllib.parse.urlparse(callback.url).query)
        if query.get("state") != [state]:
            raise TokenError("the authorization server answered with a different state") from None
        if "code" not in query:
            raise TokenError(f"authorization failed: {query.get('error', ['unknown'])[0]}") from None
        return exchange(issuer, query["code"][0], verifier)
    except urllib.error.URLError as error:
        raise TokenError(f"cannot reach the auth-server at {issuer}: {error}") from None
    raise TokenError("login failed: wrong user or password, or the account is locked (./mcpm logs auth-server)")


def _submit(opener, page, fields: dict[str, str], body: str | None = None):
    """Posts a form of `page` (its hidden inputs, the CSRF token among them, plus `fields`) back to its URL."""
    form = hidden_inputs(page.read().decode() if body is None else body)
    data = urllib.parse.urlencode({**form, **fields}).encode()
    return opener.open(urllib.request.Request(page.geturl(), data=data), timeout=10)


def exchange(issuer: str, code: str, verifier: str) -> str:
    body = urllib.parse.urlencode({"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI,
                                   "client_id": CLIENT_ID, "code_verifier": verifier}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(f"{issuer}/oauth2/token", data=body), timeout=10) as answer:
            return json.loads(answer.read())["access_token"]
    except urllib.error.HTTPError as error:
        raise TokenError(f"the code exchange failed: HTTP {error.code} {error.read()[:200]!r}") from None
