"""Fixtures around the Box sandbox server (owned by the sandbox work)."""
