#!/usr/bin/env bash
# Scale-out on this machine: for each silo count (1 2 3 unless given), starts infra/local-cluster.sh with that many silo
# processes behind one gateway, runs the load generator's ingest mode flat out over MODELS models (8) for DURATION
# seconds (60) with a timed performance query every 500 ms, reads GET /v1/cluster for the activations per silo, and
# stops the cluster. Each run's output is in $OUT (.scale-out/); the last lines print one summary line per silo count.
# Run it alone: on two cores anything beside it takes from the figures.
#
#   bench/scale-out.sh [N ...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/.scale-out}"
duration="${DURATION:-60}"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2 3)
mkdir -p "$out"

dotnet build "$root/bench/OrleansEval.LoadGenerator" --configuration Release --nologo --verbosity quiet
generator="$root/bench/OrleansEval.LoadGenerator/bin/Release/net10.0/OrleansEval.LoadGenerator.dll"

for n in "${counts[@]}"; do
    echo "== $n silo(s)"
    LOCAL_CLUSTER_DIR="$out/cluster-$n" "$root/infra/local-cluster.sh" "$n" >"$out/cluster-$n.log" 2>&1 &
    cluster=$!
    for _ in $(seq 1 180); do
        grep -q '^ready:' "$out/cluster-$n.log" && break
        kill -0 "$cluster" 2>/dev/null || { cat "$out/cluster-$n.log" >&2; exit 1; }
        sleep 1
    done
    grep -q '^ready:' "$out/cluster-$n.log" || { echo "the cluster of $n did not start; see $out" >&2; kill -TERM "$cluster"; exit 1; }
    key="$(cat "$out/cluster-$n/api-key")"
    dotnet "$generator" --url http://127.0.0.1:5080 --grpc http://127.0.0.1:5081 --key "$key" --protocol http --models "${MODELS:-8}" \
        --batch 1000 --concurrency 4 --duration "$duration" --query-every 500 | tee "$out/load-$n.txt"
    curl --fail --silent --max-time 30 --header "Authorization: Bearer $key" http://127.0.0.1:5080/v1/cluster >"$out/activations-$n.json"
    kill -TERM "$cluster"
    wait "$cluster" || true
done

echo "== summary (records/s; query latency; store activations per active silo and their spread (max - min) / mean)"
for n in "${counts[@]}"; do
    rate=$(sed -n 's/^records\/s *//p' "$out/load-$n.txt")
    query=$(sed -n 's/^query latency *//p' "$out/load-$n.txt")
    spread=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); a=[s["activations"] for s in c["silos"] if s["status"]=="Active"]; print(a, c["spread"]["relative"])' "$out/activations-$n.json")
    echo "$n silo(s): $rate records/s; $query; activations $spread"
done
