"""The transport: urllib requests with the API key, JSON bodies, and retries that honour Retry-After."""

from __future__ import annotations

import email.utils
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, Mapping, Optional, Tuple

from .errors import ProblemError, UnavailableError

Query = Mapping[str, Any]


@dataclass(frozen=True)
class Response:
    """A successful answer: status, headers (lower-case names) and body bytes."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class Transport:
    """Sends requests to one server; 429 and 503 are retried after their Retry-After, never a 400."""

    def __init__(
        self,
        url: str,
        api_key: Optional[str],
        timeout: float,
        max_retries: int,
        max_retry_wait: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_retry_wait = max_retry_wait
        self.sleep = sleep

    def url(self, path: str, query: Optional[Query] = None) -> str:
        pairs = list(_pairs(query or {}))
        return self.base + path + ("?" + urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote) if pairs else "")

    def headers(self, extra: Optional[Mapping[str, str]] = None) -> Dict[str, str]:
        headers = {"Accept": "application/json", "User-Agent": "orleanseval-python/0.1"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        headers.update(extra or {})
        return headers

    def request(
        self,
        method: str,
        path: str,
        query: Optional[Query] = None,
        body: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        retry_unreachable: bool = True,
    ) -> Response:
        """Sends one request; retries 429/503 (and, when ``retry_unreachable``, a failed connection), raises on any other failure."""
        data = None if body is None else body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        extra = dict(headers or {})
        if data is not None:
            extra.setdefault("Content-Type", "application/json")
        for attempt in range(self.max_retries + 1):
            request = urllib.request.Request(self.url(path, query), data=data, method=method, headers=self.headers(extra))
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return Response(answer.status, _lower(answer.headers.items()), answer.read())
            except urllib.error.HTTPError as error:
                status, problem, wait = error.code, _problem(error), _retry_after(error.headers.get("Retry-After"))
                error.close()
                if status not in (429, 503):
                    raise ProblemError(status, problem) from None
                if attempt == self.max_retries:
                    raise UnavailableError(f"{status} after {attempt + 1} attempts: {problem.get('detail', '')}") from None
                self.sleep(min(wait if wait is not None else 2.0**attempt, self.max_retry_wait))
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                if not retry_unreachable or attempt == self.max_retries:
                    raise UnavailableError(f"could not reach {self.base}: {error}") from error
                self.sleep(min(2.0**attempt, self.max_retry_wait))
        raise AssertionError("unreachable")

    def open_stream(self, path: str, query: Query, headers: Mapping[str, str], timeout: Optional[float]) -> Any:
        """Opens a streaming GET (Server-Sent Events); raises ProblemError for a refusal."""
        request = urllib.request.Request(self.url(path, query), method="GET", headers=self.headers(headers))
        try:
            return urllib.request.urlopen(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            problem = _problem(error)
            error.close()
            raise ProblemError(error.code, problem) from None


def _pairs(query: Query) -> Iterable[Tuple[str, str]]:
    for key, value in query.items():
        if value is None:
            continue
        for item in value if isinstance(value, (list, tuple)) else [value]:
            yield key, _format(item)


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "isoformat"):
        from ._records import timestamp

        return timestamp(value)
    return str(value)


def _lower(items: Iterable[Tuple[str, str]]) -> Dict[str, str]:
    return {name.lower(): value for name, value in items}


def _problem(error: urllib.error.HTTPError) -> Dict[str, Any]:
    try:
        document = json.loads(error.read() or b"{}")
    except ValueError:
        document = None
    if isinstance(document, dict):
        return document
    return {"title": error.reason, "detail": f"the server answered {error.code} without a problem document"}


def _retry_after(value: Optional[str]) -> Optional[float]:
    """Retry-After in seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
