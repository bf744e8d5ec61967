"""The one error tree. Each layer maps it once: a one-line message in the CLI,
a JSON error shape in the API. Messages name the input and the reason."""

from __future__ import annotations


class ClaimgraphError(Exception):
    """Base of every error claimgraph raises on purpose."""

    def __init__(self, message: str, *, subject: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.subject = subject

    def __str__(self) -> str:
        return f"{self.subject}: {self.message}" if self.subject else self.message


class InvalidInput(ClaimgraphError):
    """The input cannot be read as what it claims to be (empty, corrupt, wrong type)."""


class Refused(ClaimgraphError):
    """The input is readable but not allowed: private address, outside allowed roots, too big."""


class NotFound(ClaimgraphError):
    """No record with that id (or name) exists."""


class Conflict(ClaimgraphError):
    """The request contradicts what the store already holds."""


class Unavailable(ClaimgraphError):
    """Something the command needs cannot be reached (a server, a database)."""


class IntegrityFailure(ClaimgraphError):
    """Stored evidence does not match its recorded hash or chain."""


class Unauthenticated(ClaimgraphError):
    """No valid session or API token came with the request."""


class Forbidden(Refused):
    """The person is known but their role does not allow this (a viewer writing)."""
