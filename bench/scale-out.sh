#!/usr/bin/env bash
# Scale-out on this machine: for each silo count (1 2 3 unless given), starts infra/local-cluster.sh with that many silo
# processes behind one gateway, runs the load generator's ingest mode flat out over MODELS models (8) for DURATION
# seconds (60) with a timed performance query every 500 ms, reads GET /v1/cluster for the activations per silo, and
# stops the cluster. It reads each process's CPU time (utime + stime in /proc) just before the load, at the progress
# line STEADY_FROM seconds into it (half the run unless set; a multiple of 10) and just after it, and divides by the
# records accepted: CPU microseconds per record per process over the whole run (cpu-N.txt, warm-up included: every
# process compiles its own code) and over the steady part after STEADY_FROM (cpu-late-N.txt), which a shared machine
# changes far less than records/s. Each run's output is in $OUT (.scale-out/; each cluster's storage is emptied before
# it starts); the last lines print one summary line per silo count and, with two counts or more, the throughput the
# last count loses against the first, over the run and over the steady part. The scale-out figure of
# docs/benchmarks.md is the steady part of `DURATION=120 STEADY_FROM=60 bench/scale-out.sh 1 3`.
# Run it alone: on two cores anything beside it takes from the figures. The ports are local-cluster.sh's (its variables
# pass through: GATEWAY_HTTP_PORT, GATEWAY_GRPC_PORT, AZURITE_BLOB_PORT, SILO_*_PORT_BASE).
#
#   bench/scale-out.sh [N ...]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/.scale-out}"
duration="${DURATION:-60}"
steady_from="${STEADY_FROM:-$((duration / 20 * 10))}"
if (( steady_from % 10 != 0 || steady_from <= 0 || steady_from >= duration )); then
    echo "STEADY_FROM must be a multiple of 10 seconds within the run (DURATION $duration)" >&2
    exit 2
fi
http_port="${GATEWAY_HTTP_PORT:-5080}"
grpc_port="${GATEWAY_GRPC_PORT:-5081}"
counts=("$@")
[ ${#counts[@]} -gt 0 ] || counts=(1 2 3)
mkdir -p "$out"

dotnet build "$root/bench/OrleansEval.LoadGenerator" --configuration Release --nologo --verbosity quiet
# The server is built here, so that local-cluster.sh's own build is quick and the wait for a ready cluster below times
# only its start (a build on a busy machine can take longer than that wait).
dotnet build "$root/src/OrleansEval.Server" --configuration "${CONFIGURATION:-Release}" --nologo --verbosity quiet
generator="$root/bench/OrleansEval.LoadGenerator/bin/Release/net10.0/OrleansEval.LoadGenerator.dll"

# The CPU time of every process of the cluster, in clock ticks: "name ticks" a line. The command name in /proc/<pid>/stat
# is cut off first, as it may hold spaces; utime and stime are then the 12th and 13th fields.
cpu_ticks() {
    while read -r name pid; do
        echo "$name $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')"
    done <"$1/processes"
}

# The records accepted by the end of the run, or by its progress line at $2 seconds (0 without that line).
records_by() {
    if [ -z "${2:-}" ]; then
        sed -n 's/^records accepted *\([0-9,]*\).*/\1/p' "$1" | tr -d ,
    else
        sed -n "s/^ *$2 s: *\([0-9,]*\) records.*/\1/p" "$1" | tr -d , | grep . || echo 0
    fi
}

# CPU microseconds per record of each process between two readings ($1, $2) over $3 records, then of the silos and
# gateway together.
cpu_per_record() {
    python3 - "$1" "$2" "$3" "$(getconf CLK_TCK)" <<'PY'
import sys
before, after, records, tick = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
read = lambda path: {n: int(t) for n, t in (line.split() for line in open(path))}
b, a = read(before), read(after)
us = {n: (a[n] - b[n]) * 1e6 / tick / records for n in a}
for n, v in us.items():
    print(f"{n:10} {(a[n] - b[n]) / tick:8.1f} s CPU {v:8.1f} us/record")
server = sum(v for n, v in us.items() if n != "azurite")
print(f"{'server':10} {sum(a[n] - b[n] for n in a if n != 'azurite') / tick:8.1f} s CPU {server:8.1f} us/record (silos and gateway, {records:,} records)")
PY
}

for n in "${counts[@]}"; do
    echo "== $n silo(s)"
    # Every cluster starts on empty storage: an earlier run's models would be activated and replayed beside the load.
    rm -rf "$out/cluster-$n"
    LOCAL_CLUSTER_DIR="$out/cluster-$n" "$root/infra/local-cluster.sh" "$n" >"$out/cluster-$n.log" 2>&1 &
    cluster=$!
    for _ in $(seq 1 300); do
        grep -q '^ready:' "$out/cluster-$n.log" && break
        kill -0 "$cluster" 2>/dev/null || { cat "$out/cluster-$n.log" >&2; exit 1; }
        sleep 1
    done
    grep -q '^ready:' "$out/cluster-$n.log" || { echo "the cluster of $n did not start; see $out" >&2; kill -TERM "$cluster"; exit 1; }
    key="$(cat "$out/cluster-$n/api-key")"
    cpu_ticks "$out/cluster-$n" >"$out/cpu-before-$n.txt"
    rm -f "$out/cpu-mid-$n.txt" "$out/load-$n.txt"
    mid=$steady_from
    # The reading at STEADY_FROM is taken when the load generator prints that progress line (every 10 s).
    (
        for _ in $(seq 1 $((duration * 20))); do
            if grep -q "^ *$mid s:" "$out/load-$n.txt" 2>/dev/null; then
                cpu_ticks "$out/cluster-$n" >"$out/cpu-mid-$n.txt"
                break
            fi
            sleep 0.1
        done
    ) &
    watcher=$!
    dotnet "$generator" --url "http://127.0.0.1:$http_port" --grpc "http://127.0.0.1:$grpc_port" --key "$key" --protocol http --models "${MODELS:-8}" \
        --batch 1000 --concurrency 4 --duration "$duration" --query-every 500 | tee "$out/load-$n.txt"
    cpu_ticks "$out/cluster-$n" >"$out/cpu-after-$n.txt"
    wait "$watcher" || true
    total=$(records_by "$out/load-$n.txt")
    cpu_per_record "$out/cpu-before-$n.txt" "$out/cpu-after-$n.txt" "$total" | tee "$out/cpu-$n.txt"
    if [ -s "$out/cpu-mid-$n.txt" ]; then
        echo "steady part of the run, from ${mid} s:"
        cpu_per_record "$out/cpu-mid-$n.txt" "$out/cpu-after-$n.txt" $((total - $(records_by "$out/load-$n.txt" "$mid"))) | tee "$out/cpu-late-$n.txt"
    fi
    curl --fail --silent --max-time 30 --header "Authorization: Bearer $key" "http://127.0.0.1:$http_port/v1/cluster" >"$out/activations-$n.json"
    kill -TERM "$cluster"
    wait "$cluster" || true
done

# "total (process value, ...)" of a cpu file, or "-" without one.
cpu_summary() {
    [ -s "$1" ] || { echo "-"; return; }
    awk '$1 == "server" {print $5} $1 != "server" {each = each sep $1 " " $5; sep = ", "} END {print "(" each ")"}' "$1" | paste -sd ' '
}

echo "== summary (records/s, and over the steady part of the run from $steady_from s; query latency; store activations per active silo and"
echo "   their spread (max - min) / mean; CPU us per record of the silos and gateway together, then of each process, over the run and the steady part)"
declare -A rates late_rates
for n in "${counts[@]}"; do
    rate=$(sed -n 's/^records\/s *//p' "$out/load-$n.txt")
    mid=$steady_from
    late_rate=$(( ($(records_by "$out/load-$n.txt") - $(records_by "$out/load-$n.txt" "$mid")) / (duration - mid) ))
    rates[$n]=$(echo "$rate" | awk '{gsub(",", "", $1); print $1}')
    late_rates[$n]=$late_rate
    query=$(sed -n 's/^query latency *//p' "$out/load-$n.txt")
    spread=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); a=[s["activations"] for s in c["silos"] if s["status"]=="Active"]; print(a, c["spread"]["relative"])' "$out/activations-$n.json")
    cpu=$(cpu_summary "$out/cpu-$n.txt")
    late=$(cpu_summary "$out/cpu-late-$n.txt")
    echo "$n silo(s): $rate records/s ($late_rate from $steady_from s); $query; activations $spread; CPU $cpu us/record, from $steady_from s $late"
done
if [ ${#counts[@]} -gt 1 ]; then
    first=${counts[0]} last=${counts[-1]}
    python3 -c 'import sys; r1, r3, s1, s3 = map(float, sys.argv[3:]); print(f"overhead of {sys.argv[2]} silo(s) against {sys.argv[1]}: {100 * (1 - r3 / r1):.1f} % of the records/s over the run, {100 * (1 - s3 / s1):.1f} % over the steady part")' \
        "$first" "$last" "${rates[$first]}" "${rates[$last]}" "${late_rates[$first]}" "${late_rates[$last]}"
fi
