"""`./mcpm token USER --otp CODE` against a small stand-in for auth-server's login pages."""
from __future__ import annotations

import http.server
import threading
import unittest
import urllib.parse

from mcpm_launcher import token

CSRF = '<input type="hidden" name="_csrf" value="t0k3n">'


class _AuthServer(http.server.BaseHTTPRequestHandler):
    """authorize → /login → /login/second-factor → the frontend's callback, then the token endpoint."""

    state = ""
    enrolled_page = False

    def log_message(self, *args):
        pass

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.end_headers()

    def _page(self, body: str) -> None:
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _form(self) -> dict[str, str]:
        length = int(self.headers.get("Content-Length", 0))
        return dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/oauth2/authorize":
            type(self).state = urllib.parse.parse_qs(url.query)["state"][0]
            self._redirect("/login")
        elif url.path == "/login":
            self._page(f'<form method="post">{CSRF}<input name="username"><input name="password"></form>')
        elif url.path == "/login/second-factor":
            action = "/login/second-factor/enrol" if self.enrolled_page else "/login/second-factor"
            self._page(f'<form method="post" action="{action}">{CSRF}<input name="code"></form>')

    def do_POST(self):
        form = self._form()
        if self.path == "/login" and form == {"_csrf": "t0k3n", "username": "alice", "password": "pw"}:
            self._redirect("/login/second-factor")
        elif self.path == "/login/second-factor" and form == {"_csrf": "t0k3n", "code": "123456"}:
            self._redirect(f"{token.REDIRECT_URI}?code=the-code&state={self.state}")
        elif self.path == "/login/second-factor":
            self._redirect("/login/second-factor?error")
        elif self.path == "/oauth2/token" and form.get("code") == "the-code":
            self._page('{"access_token": "signed-in-with-otp"}')
        else:
            self._redirect("/login?error")


class SecondFactorTokenTests(unittest.TestCase):
    def setUp(self):
        _AuthServer.enrolled_page = False
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _AuthServer)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.issuer = f"http://127.0.0.1:{self.server.server_address[1]}"

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def test_signs_in_with_the_code(self):
        self.assertEqual(token.access_token(self.issuer, "alice", "pw", "123456"), "signed-in-with-otp")

    def test_asks_for_the_code_when_the_account_has_a_second_factor(self):
        with self.assertRaisesRegex(token.TokenError, "--otp"):
            token.access_token(self.issuer, "alice", "pw")

    def test_says_so_when_the_code_is_refused(self):
        with self.assertRaisesRegex(token.TokenError, "second factor was refused"):
            token.access_token(self.issuer, "alice", "pw", "000000")

    def test_sends_an_account_that_must_enrol_to_the_browser(self):
        _AuthServer.enrolled_page = True
        with self.assertRaisesRegex(token.TokenError, "set up a second factor"):
            token.access_token(self.issuer, "alice", "pw", "123456")
