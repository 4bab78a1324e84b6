"""Answers as pandas DataFrames (pandas is optional: only these functions import it)."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as error:
        raise ImportError("as_frame=True needs pandas: pip install 'orleanseval[pandas]'") from error
    return pandas


def _flat(prefix: str, value: Any, into: Dict[str, Any]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            _flat(f"{prefix}.{key}" if prefix else key, item, into)
    elif not isinstance(value, list):
        into[prefix] = value


def drift(answer: Mapping[str, Any]) -> Any:
    """One row per column (features, then the prediction's and the actual's columns), scalar measures flattened."""
    rows: List[Dict[str, Any]] = []
    for feature in answer.get("features", []):
        rows.append(_row({"column": feature.get("name"), "role": "feature"}, feature))
    for role in ("prediction", "actual"):
        for name, column in (answer.get(role) or {}).items():
            if isinstance(column, Mapping):
                rows.append(_row({"column": f"{role}.{name}", "role": role}, column))
    return _pandas().DataFrame(rows)


def performance(answer: Mapping[str, Any]) -> Any:
    """One row per step of the series (or one for the window when there is no series), metrics flattened."""
    steps = answer.get("series") or [answer]
    rows = []
    for step in steps:
        row: Dict[str, Any] = {"from": step["window"]["from"], "to": step["window"]["to"]}
        for key in ("slice", "predictions", "labelled", "labelledShare"):
            if key in step:
                row[key] = step[key]
        _flat("realised", step.get("realised"), row)
        _flat("estimated", step.get("estimated"), row)
        rows.append(row)
    return _pandas().DataFrame(rows)


def worst_slices(answer: Mapping[str, Any]) -> Any:
    """One row per slice found, best score first; ``conditions`` joined with `` and ``."""
    rows = []
    for item in answer.get("slices", []):
        row = {key: value for key, value in item.items() if key != "conditions"}
        row["conditions"] = " and ".join(item.get("conditions", []))
        rows.append(row)
    return _pandas().DataFrame(rows)


def examples(rows: List[Mapping[str, Any]]) -> Any:
    """One row per kept record, nested fields as ``features.temp_max``, ``prediction.score``, ``actual.label``."""
    flat = []
    for record in rows:
        row: Dict[str, Any] = {}
        _flat("", record, row)
        flat.append(row)
    return _pandas().DataFrame(flat)


def _row(row: Dict[str, Any], column: Mapping[str, Any]) -> Dict[str, Any]:
    for key, value in column.items():
        if key not in ("name", "bins"):
            _flat(key, value, row)
    return row
