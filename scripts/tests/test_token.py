"""Tests of token: PKCE, the login form, the token command."""
from __future__ import annotations

import base64
import hashlib
import unittest

from mcpm_launcher import token
from mcpm_launcher.cli import argument_parser


class TokenFlowTests(unittest.TestCase):
    def test_pkce_challenge_is_the_s256_of_the_verifier(self):
        verifier, challenge = token.pkce_pair()
        expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        self.assertEqual(challenge, expected)
        self.assertGreaterEqual(len(verifier), 43)
        self.assertNotEqual(token.pkce_pair()[0], verifier)

    def test_hidden_inputs_finds_the_csrf_token_of_the_login_form(self):
        page = ('<form method="post"><input type="text" name="username">'
                '<input type="hidden" name="_csrf" value="abc-123"></form>')
        self.assertEqual(token.hidden_inputs(page), {"_csrf": "abc-123"})

    def test_token_command_is_parsed(self):
        self.assertEqual(argument_parser().parse_args(["token", "alice"]).user, "alice")
