"""Fixtures around the real Secret Service keyring (owned by the token-store work)."""
