"""Errors raised by the client."""

from __future__ import annotations

from typing import Any, Mapping, Optional


class OrleansEvalError(Exception):
    """Base class of every error the client raises."""


class ProblemError(OrleansEvalError):
    """The server refused a request with an RFC 7807 problem.

    ``field`` names what was wrong (``url``, ``features[0].name``, ``body``…) and ``detail`` says which rule it broke,
    as ``field: rule``. ``status`` is the HTTP status; ``problem`` the whole problem document.
    """

    def __init__(self, status: int, problem: Mapping[str, Any]) -> None:
        self.status = status
        self.problem = dict(problem)
        self.title: Optional[str] = _text(problem.get("title"))
        self.field: Optional[str] = _text(problem.get("field"))
        self.detail: Optional[str] = _text(problem.get("detail"))
        super().__init__(f"{status} {self.title or 'error'}: {self.detail or 'no detail given'}")


class UnavailableError(OrleansEvalError):
    """The server stayed busy (429) or unavailable (503), or could not be reached, after every retry."""


def _text(value: Any) -> Optional[str]:
    return value if isinstance(value, str) else None
