#!/usr/bin/env bash
# Scale-out on this machine: for each silo count (1 2 3 unless given), starts infra/local-cluster.sh with that many silo
# processes behind one gateway, runs the load generator's ingest mode flat out over MODELS models (8) for DURATION
# seconds (60) with a timed performance query every 500 ms, reads GET /v1/cluster for the activations per silo, and
# stops the cluster. It reads each process's CPU time (utime + stime in /proc) just before and just after the load and
# divides it by the records accepted: CPU microseconds per record per process (cpu-N.txt), which a shared machine
# changes far less than records/s. Each run's output is in $OUT (.scale-out/); the last lines print one summary line
# per silo count.
# Run it alone: on two cores anything beside it takes from the figures. The ports are local-cluster.sh's (its variables
# pass through: GATEWAY_HTTP_PORT, GATEWAY_GRPC_PORT, AZURITE_BLOB_PORT, SILO_*_PORT_BASE).
#
#   bench/scale-out.sh [N ...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/.scale-out}"
duration="${DURATION:-60}"
http_port="${GATEWAY_HTTP_PORT:-5080}"
grpc_port="${GATEWAY_GRPC_PORT:-5081}"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2 3)
mkdir -p "$out"

dotnet build "$root/bench/OrleansEval.LoadGenerator" --configuration Release --nologo --verbosity quiet
generator="$root/bench/OrleansEval.LoadGenerator/bin/Release/net10.0/OrleansEval.LoadGenerator.dll"

# The CPU time of every process of the cluster, in clock ticks: "name ticks" a line. The command name in /proc/<pid>/stat
# is cut off first, as it may hold spaces; utime and stime are then the 12th and 13th fields.
cpu_ticks() {
    while read -r name pid; do
        echo "$name $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')"
    done <"$1/processes"
}

# CPU microseconds per record of each process between two readings, then of the silos and gateway together.
cpu_per_record() {
    python3 - "$1" "$2" "$3" "$(getconf CLK_TCK)" <<'PY'
import re, sys
before, after, load, tick = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
read = lambda path: {n: int(t) for n, t in (line.split() for line in open(path))}
b, a = read(before), read(after)
records = int(re.search(r"^records accepted +([\d,]+)", open(load).read(), re.M).group(1).replace(",", ""))
us = {n: (a[n] - b[n]) * 1e6 / tick / records for n in a}
for n, v in us.items():
    print(f"{n:10} {(a[n] - b[n]) / tick:8.1f} s CPU {v:8.1f} us/record")
server = sum(v for n, v in us.items() if n != "azurite")
print(f"{'server':10} {sum(a[n] - b[n] for n in a if n != 'azurite') / tick:8.1f} s CPU {server:8.1f} us/record (silos and gateway, {records:,} records)")
PY
}

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
    cpu_ticks "$out/cluster-$n" >"$out/cpu-before-$n.txt"
    dotnet "$generator" --url "http://127.0.0.1:$http_port" --grpc "http://127.0.0.1:$grpc_port" --key "$key" --protocol http --models "${MODELS:-8}" \
        --batch 1000 --concurrency 4 --duration "$duration" --query-every 500 | tee "$out/load-$n.txt"
    cpu_ticks "$out/cluster-$n" >"$out/cpu-after-$n.txt"
    cpu_per_record "$out/cpu-before-$n.txt" "$out/cpu-after-$n.txt" "$out/load-$n.txt" | tee "$out/cpu-$n.txt"
    curl --fail --silent --max-time 30 --header "Authorization: Bearer $key" "http://127.0.0.1:$http_port/v1/cluster" >"$out/activations-$n.json"
    kill -TERM "$cluster"
    wait "$cluster" || true
done

echo "== summary (records/s; query latency; store activations per active silo and their spread (max - min) / mean;"
echo "   CPU us per record of the silos and gateway together, then of each process)"
for n in "${counts[@]}"; do
    rate=$(sed -n 's/^records\/s *//p' "$out/load-$n.txt")
    query=$(sed -n 's/^query latency *//p' "$out/load-$n.txt")
    spread=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); a=[s["activations"] for s in c["silos"] if s["status"]=="Active"]; print(a, c["spread"]["relative"])' "$out/activations-$n.json")
    cpu=$(awk '$1 == "server" {print $5} $1 != "server" {each = each sep $1 " " $5; sep = ", "} END {print "(" each ")"}' "$out/cpu-$n.txt" | paste -sd ' ')
    echo "$n silo(s): $rate records/s; $query; activations $spread; CPU $cpu us/record"
done
