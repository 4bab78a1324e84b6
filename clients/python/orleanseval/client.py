"""The OrleansEval client: register models, log predictions and actuals, read drift, performance, slices and examples, watch alerts."""

from __future__ import annotations

import json
import uuid
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence

from . import _frames
from ._http import Transport
from ._records import Record, frame_records, timestamp
from ._sse import events
from .errors import UnavailableError

Json = Dict[str, Any]


class Client:
    """A client of one OrleansEval server.

    ``Client("http://127.0.0.1:5080", api_key=None)``. With an ``api_key`` every request carries
    ``Authorization: Bearer <api_key>``. A ``429`` or ``503`` is retried after its ``Retry-After`` (at most
    ``max_retries`` times, each wait at most ``max_retry_wait`` seconds); any other refusal raises
    :class:`~orleanseval.ProblemError` with the problem's ``field`` and ``detail``, and is never retried.
    """

    def __init__(
        self,
        url: str,
        api_key: Optional[str] = None,
        *,
        timeout: float = 60.0,
        max_retries: int = 5,
        max_retry_wait: float = 30.0,
    ) -> None:
        self._http = Transport(url, api_key, timeout, max_retries, max_retry_wait)

    # Models

    def put_model(self, model: str, definition: Mapping[str, Any]) -> Json:
        """Registers or changes a model: ``{"task", "features": [{"name", "type"}], "positiveLabel"?, …}``."""
        return self._http.request("PUT", f"/v1/models/{_path(model)}", body=dict(definition)).json()

    def get_model(self, model: str) -> Json:
        """The model's definition, baselines, versions and record counts."""
        return self._http.request("GET", f"/v1/models/{_path(model)}").json()

    def freeze_baseline(self, model: str, name: str, version: str, environment: str, **options: Any) -> Json:
        """Freezes a baseline from a series (``bins``, ``edges``, ``from_``, ``to`` as the API takes them)."""
        body: Json = {"version": version, "environment": environment}
        body.update({("from" if key == "from_" else key): (timestamp(value) if key in ("from_", "to") else value) for key, value in options.items()})
        return self._http.request("PUT", f"/v1/models/{_path(model)}/baselines/{_path(name)}", body=body).json()

    # Ingest

    def log(self, model: str, records: Iterable[Mapping[str, Any]], *, batch_size: int = 500, idempotency_key: Optional[str] = None) -> Json:
        """Sends records in batches of ``batch_size``; answers ``{"accepted": n, "rejected": [{"index", "error"}]}``.

        Batch ``n`` carries the ``Idempotency-Key`` ``{idempotency_key}-{n}`` (a random prefix when none is given), so
        a batch retried after a ``429``/``503`` or a lost answer is counted once. Indexes of rejections count from the
        first record sent.
        """
        return self._send(f"/v1/models/{_path(model)}/records", records, batch_size, idempotency_key)

    def send_actuals(self, model: str, actuals: Iterable[Mapping[str, Any]], *, batch_size: int = 500, idempotency_key: Optional[str] = None) -> Json:
        """Sends late actuals ``{"predictionId", "actual", "timestamp"?}`` in batches; answers accepted, rejected and unmatched."""
        return self._send(f"/v1/models/{_path(model)}/actuals", actuals, batch_size, idempotency_key)

    def log_dataframe(
        self,
        df: Any,
        model: str,
        *,
        prediction_col: Optional[str] = None,
        score_col: Optional[str] = None,
        actual_col: Optional[str] = None,
        timestamp_col: str = "timestamp",
        id_col: Optional[str] = None,
        feature_cols: Optional[Sequence[str]] = None,
        tag_cols: Sequence[str] = (),
        version: Optional[str] = None,
        environment: Optional[str] = None,
        batch_size: int = 500,
        idempotency_key: Optional[str] = None,
    ) -> Json:
        """Logs a pandas DataFrame, one record per row.

        Features are ``feature_cols``, or every column not named otherwise; NaN is a missing value. A classifier's
        prediction is ``prediction_col`` (a label) and/or ``score_col``; a regressor's is ``prediction_col`` (its
        value). ``id_col`` gives the prediction ids (random otherwise), which late actuals are joined by.
        """
        regression = self.get_model(model).get("task") == "regression"
        named = {prediction_col, score_col, actual_col, timestamp_col, id_col, *tag_cols}
        features = list(feature_cols) if feature_cols is not None else [c for c in df.columns if c not in named]
        records = frame_records(
            df.to_dict("records"), regression, features, list(tag_cols), prediction_col, score_col, actual_col, timestamp_col, id_col, version, environment
        )
        return self.log(model, records, batch_size=batch_size, idempotency_key=idempotency_key)

    # Reads

    def drift(self, model: str, *, baseline: str, version: Optional[str] = None, environment: Optional[str] = None, from_: Any = None, to: Any = None, slice: Optional[str] = None, as_frame: bool = False) -> Any:
        """Drift of every column against a baseline: the answer, or with ``as_frame`` one DataFrame row per column."""
        answer = self._get(model, "drift", {"baseline": baseline, "version": version, "environment": environment, "from": from_, "to": to, "slice": slice})
        return _frames.drift(answer) if as_frame else answer

    def performance(self, model: str, *, version: Optional[str] = None, environment: Optional[str] = None, from_: Any = None, to: Any = None, slice: Optional[str] = None, granularity: Optional[str] = None, as_frame: bool = False) -> Any:
        """Realised and estimated metrics: the answer, or with ``as_frame`` one row per step of the series."""
        answer = self._get(model, "performance", {"version": version, "environment": environment, "from": from_, "to": to, "slice": slice, "granularity": granularity})
        return _frames.performance(answer) if as_frame else answer

    def worst_slices(self, model: str, *, version: Optional[str] = None, environment: Optional[str] = None, from_: Any = None, to: Any = None, baseline: Optional[str] = None, metric: Optional[str] = None, min_size: Optional[int] = None, max_conditions: Optional[int] = None, alpha: Optional[float] = None, limit: Optional[int] = None, as_frame: bool = False) -> Any:
        """The slices where the model does worst: the answer, or with ``as_frame`` one row per slice."""
        query = {"version": version, "environment": environment, "from": from_, "to": to, "baseline": baseline, "metric": metric, "minSize": min_size, "maxConditions": max_conditions, "alpha": alpha, "limit": limit}
        answer = self._get(model, "worst-slices", query)
        return _frames.worst_slices(answer) if as_frame else answer

    def examples(self, model: str, *, version: Optional[str] = None, environment: Optional[str] = None, from_: Any = None, to: Any = None, slice: Optional[str] = None, where: Optional[Sequence[str]] = None, labelled: Optional[bool] = None, misclassified: Optional[bool] = None, min_error: Optional[float] = None, limit: Optional[int] = None, as_frame: bool = False) -> Any:
        """The kept rows of a slice and window, newest first: a list of records, or with ``as_frame`` a DataFrame."""
        query = {"version": version, "environment": environment, "from": from_, "to": to, "slice": slice, "where": list(where or []), "labelled": labelled, "misclassified": misclassified, "minError": min_error, "limit": limit, "format": "ndjson"}
        body = self._http.request("GET", f"/v1/models/{_path(model)}/examples", query, headers={"Accept": "application/x-ndjson"}).body
        lines = [json.loads(line) for line in body.decode("utf-8").splitlines() if line.strip()]
        rows = [line for line in lines if "predictionId" in line]
        return _frames.examples(rows) if as_frame else rows

    # Alerts

    def watch_alerts(self, model: Optional[str] = None, *, after: int = 0, timeout: Optional[float] = None) -> Iterator[Json]:
        """Alerts as they are raised (Server-Sent Events), after sequence number ``after``; resumes by itself.

        A generator: it reconnects with ``Last-Event-ID`` when the connection drops or the server says this watcher
        fell behind, so no alert is skipped. ``timeout`` bounds each wait for data (None: wait for ever).
        """
        last = after
        failures = 0
        while True:
            try:
                with self._http.open_stream("/v1/alerts/stream", {"model": model}, {"Accept": "text/event-stream", "Last-Event-ID": str(last)}, timeout) as stream:
                    for event in events(stream):
                        failures = 0
                        if event.event == "alert":
                            alert = json.loads(event.data)
                            last = int(alert["sequence"])
                            yield alert
                        elif event.event == "lagged":
                            break
            except OSError as error:
                if isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError):
                    raise
                failures += 1
                if failures > self._http.max_retries:
                    raise UnavailableError(f"the alert stream failed {failures} times: {error}") from error
                self._http.sleep(min(2.0**failures, self._http.max_retry_wait))

    def _get(self, model: str, what: str, query: Mapping[str, Any]) -> Json:
        return self._http.request("GET", f"/v1/models/{_path(model)}/{what}", query).json()

    def _send(self, path: str, items: Iterable[Mapping[str, Any]], batch_size: int, idempotency_key: Optional[str]) -> Json:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        prefix = idempotency_key or uuid.uuid4().hex
        total: Json = {"accepted": 0, "rejected": []}
        batch: List[Record] = []
        offset = number = 0
        for item in items:
            batch.append(dict(item))
            if len(batch) == batch_size:
                self._send_batch(path, batch, f"{prefix}-{number}", offset, total)
                offset, number, batch = offset + len(batch), number + 1, []
        if batch:
            self._send_batch(path, batch, f"{prefix}-{number}", offset, total)
        return total

    def _send_batch(self, path: str, batch: List[Record], key: str, offset: int, total: Json) -> None:
        answer = self._http.request("POST", path, body=batch, headers={"Idempotency-Key": key}).json()
        total["accepted"] += answer.get("accepted", 0)
        total["rejected"].extend({**rejection, "index": rejection["index"] + offset} for rejection in answer.get("rejected", []))
        if "unmatched" in answer:
            total.setdefault("unmatched", []).extend({**item, "index": item["index"] + offset} for item in answer["unmatched"])


def _path(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
