"""Turning rows into the records and actuals the API takes."""

from __future__ import annotations

import datetime as _dt
import math
import uuid
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

Record = Dict[str, Any]


def timestamp(value: Any) -> str:
    """RFC 3339 in UTC (``2014-06-01T00:00:00Z``); a time without a zone is taken as UTC."""
    if isinstance(value, str):
        return value
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        return value.astimezone(_dt.timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, _dt.date):
        return f"{value.isoformat()}T00:00:00Z"
    raise TypeError(f"not a timestamp: {value!r}")


def is_missing(value: Any) -> bool:
    """None, NaN and pandas' NA/NaT are missing values."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas

        return bool(pandas.isna(value)) if not isinstance(value, (list, tuple, dict)) else False
    except ImportError:
        return False


def plain(value: Any) -> Any:
    """A JSON value from numpy and pandas scalars."""
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict)):
        return value.item()
    return value


def label(value: Any) -> str:
    """A label as the API takes it: integers without a fraction (``1.0`` → ``"1"``), booleans as ``true``/``false``."""
    value = plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def frame_records(
    rows: Iterable[Mapping[str, Any]],
    regression: bool,
    features: Sequence[str],
    tags: Sequence[str],
    prediction_col: Optional[str],
    score_col: Optional[str],
    actual_col: Optional[str],
    timestamp_col: str,
    id_col: Optional[str],
    version: Optional[str],
    environment: Optional[str],
) -> List[Record]:
    """One record per row: features and tags by column, the prediction, the actual when known."""
    records = []
    for row in rows:
        record: Record = {
            "predictionId": str(plain(row[id_col])) if id_col else str(uuid.uuid4()),
            "timestamp": timestamp(row[timestamp_col]),
            "features": {name: plain(row[name]) for name in features if not is_missing(row[name])},
        }
        if tags:
            record["tags"] = {name: label(row[name]) for name in tags if not is_missing(row[name])}
        if version is not None:
            record["version"] = version
        if environment is not None:
            record["environment"] = environment
        record["prediction"] = _prediction(row, regression, prediction_col, score_col)
        if actual_col and not is_missing(row[actual_col]):
            record["actual"] = {"value": float(plain(row[actual_col]))} if regression else {"label": label(row[actual_col])}
        records.append(record)
    return records


def _prediction(row: Mapping[str, Any], regression: bool, prediction_col: Optional[str], score_col: Optional[str]) -> Dict[str, Any]:
    if regression:
        if not prediction_col:
            raise ValueError("prediction_col is required for a regression model")
        return {"value": float(plain(row[prediction_col]))}
    prediction: Dict[str, Any] = {}
    if prediction_col and not is_missing(row[prediction_col]):
        prediction["label"] = label(row[prediction_col])
    if score_col and not is_missing(row[score_col]):
        prediction["score"] = float(plain(row[score_col]))
    if not prediction:
        raise ValueError("a classifier's row needs prediction_col or score_col")
    return prediction
