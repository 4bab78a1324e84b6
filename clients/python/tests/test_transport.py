"""Retries, refusals and headers, against a scripted local server."""

from __future__ import annotations

import time
import unittest

from orleanseval import Client, ProblemError
from tests.stub_server import StubServer

PROBLEM = {"type": "about:blank", "title": "Invalid request", "status": 400, "detail": "features[0].type: must be numeric or categorical", "field": "features[0].type"}


class TransportTests(unittest.TestCase):
    def test_400_raises_with_field_and_detail_and_is_not_retried(self) -> None:
        with StubServer([(400, {}, PROBLEM)]) as stub:
            with self.assertRaises(ProblemError) as raised:
                Client(stub.url).put_model("m", {"task": "regression", "features": [{"name": "x", "type": "float"}]})
        self.assertEqual(400, raised.exception.status)
        self.assertEqual("features[0].type", raised.exception.field)
        self.assertEqual("features[0].type: must be numeric or categorical", raised.exception.detail)
        self.assertEqual(1, len(stub.requests))

    def test_503_with_retry_after_is_retried_after_the_wait_under_the_same_idempotency_key(self) -> None:
        unavailable = {"title": "Service unavailable", "status": 503, "detail": "storage: unavailable", "field": "storage"}
        with StubServer([(503, {"Retry-After": "1"}, unavailable), (200, {}, {"accepted": 2, "rejected": []})]) as stub:
            started = time.monotonic()
            answer = Client(stub.url).log("m", [{"predictionId": "a"}, {"predictionId": "b"}], idempotency_key="job-7")
            waited = time.monotonic() - started
        self.assertEqual(2, answer["accepted"])
        self.assertEqual(2, len(stub.requests))
        self.assertGreaterEqual(waited, 0.9)
        self.assertEqual(["job-7-0", "job-7-0"], [r["idempotency"] for r in stub.requests])

    def test_429_retries_stop_after_max_retries(self) -> None:
        busy = {"title": "Too many requests", "status": 429, "detail": "body: at capacity", "field": "body"}
        with StubServer([(429, {"Retry-After": "0"}, busy)]) as stub:
            with self.assertRaises(Exception) as raised:
                Client(stub.url, max_retries=2).log("m", [{"predictionId": "a"}])
        self.assertIn("429 after 3 attempts", str(raised.exception))
        self.assertEqual(3, len(stub.requests))

    def test_api_key_is_sent_as_bearer_token_only_when_given(self) -> None:
        with StubServer([(200, {}, {"models": []})]) as stub:
            Client(stub.url, api_key="k-123").get_model("m")
            Client(stub.url).get_model("m")
        self.assertEqual(["Bearer k-123", None], [r["authorization"] for r in stub.requests])

    def test_log_batches_records_and_offsets_rejection_indexes(self) -> None:
        answer = {"accepted": 1, "rejected": [{"index": 1, "error": "timestamp: required"}]}
        with StubServer([(200, {}, answer)]) as stub:
            total = Client(stub.url).log("m", [{"predictionId": str(i)} for i in range(5)], batch_size=2, idempotency_key="k")
        self.assertEqual(3, len(stub.requests))
        self.assertEqual(["k-0", "k-1", "k-2"], [r["idempotency"] for r in stub.requests])
        self.assertEqual([1, 3, 5], [r["index"] for r in total["rejected"]])
        self.assertEqual(3, total["accepted"])


if __name__ == "__main__":
    unittest.main()
