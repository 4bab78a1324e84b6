"""Reading Server-Sent Events from a byte stream."""

from __future__ import annotations

from typing import BinaryIO, Iterator, NamedTuple, Optional


class Event(NamedTuple):
    """One event: its id (``Last-Event-ID`` to resume after it), name and data."""

    id: Optional[str]
    event: str
    data: str


def events(stream: BinaryIO) -> Iterator[Event]:
    """The events of a text/event-stream, as they arrive; comments and ``retry:`` lines are skipped."""
    event_id: Optional[str] = None
    name = "message"
    data: list = []
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line:
            if data:
                yield Event(event_id, name, "\n".join(data))
            name, data = "message", []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "id":
            event_id = value
        elif field == "event":
            name = value
        elif field == "data":
            data.append(value)
