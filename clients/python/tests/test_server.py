"""The client against a real server: ORLEANSEVAL_URL is its address, ORLEANSEVAL_SCENARIO the folder of the weather
scenario's files. The server's store clock stands at 2014-07-01, so a 30-day monitor watches June 2014."""

from __future__ import annotations

import json
import os
import unittest
import urllib.request
import uuid
from typing import Any

import pandas

from orleanseval import Client, ProblemError

JUNE = ("2014-06-01T00:00:00Z", "2014-07-01T00:00:00Z")
WEATHER = {
    "task": "binary_classification",
    "positiveLabel": "1",
    "negativeLabel": "0",
    "threshold": 0.5,
    "features": [{"name": "location", "type": "categorical"}] + [{"name": n, "type": "numeric"} for n in ("temp_max", "temp_min", "temp_range", "wind")],
}


def weather_frame(file: str) -> Any:
    """The scenario's JSON lines as a flat DataFrame: prediction_id, timestamp, the features, prediction, score, actual."""
    rows = pandas.read_json(os.path.join(os.environ["ORLEANSEVAL_SCENARIO"], file), lines=True)
    features = pandas.json_normalize(rows["features"].tolist())
    return pandas.concat([rows[["prediction_id", "timestamp", "prediction", "score", "actual"]], features], axis=1)


class ServerTests(unittest.TestCase):
    client: Client
    model: str
    june: Any

    @classmethod
    def setUpClass(cls) -> None:
        url = os.environ.get("ORLEANSEVAL_URL")
        if not url or not os.environ.get("ORLEANSEVAL_SCENARIO"):
            raise RuntimeError("ORLEANSEVAL_URL and ORLEANSEVAL_SCENARIO must be set: these tests run against a real server")
        cls.client = Client(url)
        cls.model = f"py-{uuid.uuid4().hex[:12]}"
        cls.client.put_model(cls.model, WEATHER)
        columns = dict(prediction_col="prediction", score_col="score", actual_col="actual", id_col="prediction_id", version="v1")
        training = cls.client.log_dataframe(weather_frame("scenario-weather-reference.jsonl"), cls.model, environment="training", **columns)
        assert training["accepted"] == 732 and not training["rejected"], training
        cls.client.freeze_baseline(cls.model, "training", "v1", "training", bins=10)
        production = weather_frame("scenario-weather-production.jsonl")
        cls.june = production[(production["timestamp"] >= JUNE[0]) & (production["timestamp"] < JUNE[1])]
        logged = cls.client.log_dataframe(cls.june, cls.model, environment="production", batch_size=25, **columns)
        assert logged["accepted"] == len(cls.june) == 60 and not logged["rejected"], logged

    def test_drift_as_frame_has_a_row_per_column_with_the_window_count(self) -> None:
        frame = self.client.drift(self.model, baseline="training", version="v1", environment="production", from_=JUNE[0], to=JUNE[1], as_frame=True)
        features = frame[frame["role"] == "feature"]
        self.assertEqual(["location", "temp_max", "temp_min", "temp_range", "wind"], list(features["column"]))
        self.assertEqual([60] * 5, list(features["count"]))
        self.assertIn("prediction.score", list(frame["column"]))
        self.assertTrue(bool(features.set_index("column").loc["temp_max", "drifted"]))

    def test_performance_as_frame_has_a_row_per_day_summing_to_the_window(self) -> None:
        frame = self.client.performance(self.model, version="v1", environment="production", from_=JUNE[0], to=JUNE[1], granularity="1d", as_frame=True)
        self.assertEqual(30, len(frame))
        self.assertEqual(60, int(frame["predictions"].sum()))
        self.assertEqual(60, int(frame["labelled"].sum()))
        self.assertIn("realised.accuracy", frame.columns)

    def test_worst_slices_as_frame_matches_the_answer(self) -> None:
        answer = self.client.worst_slices(self.model, environment="production", from_=JUNE[0], to=JUNE[1], min_size=5)
        frame = self.client.worst_slices(self.model, environment="production", from_=JUNE[0], to=JUNE[1], min_size=5, as_frame=True)
        self.assertEqual(60, answer["rows"])
        self.assertEqual(len(answer["slices"]), len(frame))
        self.assertTrue(all(size >= 5 for size in frame.get("size", [])))
        self.assertEqual([" and ".join(s["conditions"]) for s in answer["slices"]], list(frame.get("conditions", [])))

    def test_examples_as_frame_has_the_kept_rows_of_the_slice(self) -> None:
        every = self.client.examples(self.model, environment="production", from_=JUNE[0], to=JUNE[1], as_frame=True)
        seattle = self.client.examples(self.model, environment="production", from_=JUNE[0], to=JUNE[1], where=["location = Seattle"], as_frame=True)
        self.assertEqual(60, len(every))
        self.assertEqual(30, len(seattle))
        self.assertEqual({"Seattle"}, set(seattle["features.location"]))
        self.assertEqual(set(self.june["prediction_id"]), set(every["predictionId"]))

    def test_bad_definition_raises_with_the_field_and_detail(self) -> None:
        with self.assertRaises(ProblemError) as raised:
            self.client.put_model(f"bad-{uuid.uuid4().hex[:8]}", {"task": "regression", "features": [{"name": "x", "type": "float"}]})
        self.assertEqual(400, raised.exception.status)
        self.assertEqual("features[0].type", raised.exception.field)
        self.assertTrue((raised.exception.detail or "").startswith("features[0].type: "))

    def test_watch_alerts_yields_the_alert_a_monitor_raises(self) -> None:
        monitor = {"kind": "drift", "target": "temp_max", "measure": "psi", "threshold": 0.2, "baseline": "training", "version": "v1", "window": "30d", "minCount": 10}
        self._call("PUT", f"/v1/models/{self.model}/monitors/temp-max", monitor)
        raised = self._call("POST", f"/v1/models/{self.model}/monitors:evaluate", None)["alerts"]
        self.assertEqual(1, len(raised))
        alert = next(self.client.watch_alerts(self.model, timeout=30))
        self.assertEqual(raised[0]["sequence"], alert["sequence"])
        self.assertEqual(("firing", "temp_max"), (alert["state"], alert["target"]))

    def _call(self, method: str, path: str, body: Any) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(os.environ["ORLEANSEVAL_URL"].rstrip("/") + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.loads(answer.read())


if __name__ == "__main__":
    unittest.main()
