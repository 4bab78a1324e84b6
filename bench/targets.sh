#!/usr/bin/env bash
# The throughput targets of docs/benchmarks.md ("The targets at a glance"), measured one after the other on this machine:
# builds Release, then runs each measurement alone against a Release server started fresh for it (an empty Azurite data
# directory, http://127.0.0.1:$PORT (5080) and gRPC on $GRPC_PORT (5081)), and stops that server before the next one:
#
#   a  parsing a 1,000-record batch of 20 features (BenchmarkDotNet, BatchParsingBenchmarks): time and bytes
#   b  HTTP JSON ingest, 1,000 × 20, flat out for DURATION seconds after a WARMUP-second run   + CPU profile
#   c  gRPC ingest, the same                                                                     + CPU profile
#   d  acknowledgement latency p50 / p99 at half the rate b reached (or RATE)                    + perf profile
#   e  drift answer, one week of hourly buckets, 5 features: the replay's scenario, then REQUESTS answers of its last week
#                                                                             + perf profile of the answers after ingest
#   f  drift report, 100 features over 30 days (report mode)          + perf profile of the first answer and the rest
#   g  replay end to end: 20,000 + 60,000 records, 5 features, 20 weekly answers (replay mode)
#                                                                              + perf profile of the production phase
#
# A profile is a thread-time sample of the server (dotnet-trace, profile dotnet-sampled-thread-time: on Linux,
# dotnet-trace's cpu-sampling needs collect-linux and root) taken for PROFILE seconds in the middle of the ingest of b
# and c, and summarised as the frames most often on top of a stack (`dotnet-trace report
# … topN`); the .nettrace stays beside it for a viewer. The perf profiles of d, e, f and g are CPU samples of the server with
# call stacks (`perf record -g`, the server started with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0 so
# JIT-compiled frames have names — with W^X on they are all one anonymous mapping; needs
# perf_event_paranoid ≤ 2), summarised as `perf report --no-children --sort dso,sym` over the phase named; server.perf
# stays beside it for `perf report -i`. Each run's output is in $OUT/<UTC time>/ (.targets/, ignored by
# git); the table printed last is also in summary.txt there. Run it alone: on two cores anything beside it takes from
# the figures. With the defaults it takes about 15 minutes; no step may run past its own time limit.
#
#   bench/targets.sh [a b c d e f g]        (all by default, in that order)
#   DURATION=60 WARMUP=20 PROFILE=15 REQUESTS=30 PORT=5080 GRPC_PORT=5081 BDN_ARGS='' bench/targets.sh
#   RATE=17000 SERVER_ARGS='--Azurite:BlobPort=10240 …' bench/targets.sh d     (d's offered rate; more server options)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/.targets}/$(date -u +%Y%m%dT%H%M%SZ)"
duration="${DURATION:-60}"
warmup="${WARMUP:-20}"
profile="${PROFILE:-15}"
requests="${REQUESTS:-30}"
port="${PORT:-5080}"
grpc_port="${GRPC_PORT:-5081}"
url="http://127.0.0.1:$port"
steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(a b c d e f g)
trace_tool="$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")"
server_dll="$root/src/OrleansEval.Server/bin/Release/net10.0/OrleansEval.Server.dll"
generator_dll="$root/bench/OrleansEval.LoadGenerator/bin/Release/net10.0/OrleansEval.LoadGenerator.dll"
benchmarks_dll="$root/bench/OrleansEval.Benchmarks/bin/Release/net10.0/OrleansEval.Benchmarks.dll"
mkdir -p "$out"
summary="$out/summary.txt"
: >"$summary"

server_pid=""
trace_pid=""
perf_pid=""

generator_pid=""
profile_note=""

# A profile ends by itself after $profile seconds: waited for normally, stopped on the way out.
stop_trace() {
    if [ -n "$trace_pid" ]; then
        [ "${1:-}" = wait ] || kill -TERM "$trace_pid" 2>/dev/null || true
        wait "$trace_pid" 2>/dev/null || true
        trace_pid=""
    fi
}

# SIGTERM stops the server and the Azurite it started; a server that has not gone after 30 s is killed.
stop_server() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 30); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 1
        done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}

trap '[ -z "$generator_pid" ] || kill -TERM "$generator_pid" 2>/dev/null; stop_trace; perf_stop; stop_server' EXIT
trap 'exit 130' INT TERM

row() { printf '%s\n' "$*" | tee -a "$summary" >/dev/null; }

start_server() {
    local dir="$out/$1"
    mkdir -p "$dir/azurite"
    # Something already answering on the port would be measured instead of the fresh server.
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || (exec 3<>"/dev/tcp/127.0.0.1/$grpc_port") 2>/dev/null; then
        echo "$url or gRPC port $grpc_port is already in use; stop what listens there or set PORT and GRPC_PORT" >&2
        return 1
    fi

    dotnet "$server_dll" --environment Development --urls "$url" --Grpc:Port="$grpc_port" --Demo:Replay=false --Azurite:DataDirectory="$dir/azurite" \
        ${SERVER_ARGS:-} >"$dir/server.log" 2>&1 &
    server_pid=$!
    # A first start installs Azurite with npm (azurite/) before it answers.
    for _ in $(seq 1 300); do
        curl --silent --fail --max-time 2 "$url/healthz" >/dev/null 2>&1 && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 1
    done
    echo "the server for $1 did not start; see $dir/server.log" >&2
    return 1
}

# generator <step> <file> <seconds allowed> <arguments…>: the load generator against the running server, its output in <file>.
generator() {
    local step="$1" file="$2" limit="$3"
    shift 3
    timeout --signal=INT --kill-after=10 "$limit" dotnet "$generator_dll" --url "$url" --grpc "http://127.0.0.1:$grpc_port" "$@" \
        >"$out/$step/$file" 2>&1 || echo "(the load generator ended with exit code $?)" >>"$out/$step/$file"
}

# profile_after <step> <seconds>: a thread-time sample of the server for $profile seconds, <seconds> from now, in the background.
profile_after() {
    local step="$1" delay="$2" pid="$server_pid"
    (
        sleep "$delay"
        exec "$trace_tool" collect --process-id "$pid" --profile dotnet-sampled-thread-time --duration "00:00:00:$(printf '%02d' "$profile")" \
            --output "$out/$step/server.nettrace" >"$out/$step/trace.log" 2>&1
    ) &
    trace_pid=$!
}

# Sets profile_note to where the profile's summary is.
profile_summary() {
    local step="$1"
    stop_trace wait
    if [ -s "$out/$step/server.nettrace" ]; then
        timeout 300 "$trace_tool" report "$out/$step/server.nettrace" topN --number 40 >"$out/$step/profile-top.txt" 2>&1 || true
        profile_note="profile: $step/profile-top.txt"
    else
        profile_note="profile: none (see $step/trace.log)"
    fi
}

# perf_start <step>: a perf CPU profile of the server, stamped with the wall clock so that a phase can be cut out of it,
# until perf_stop.
perf_start() {
    perf record -g -F 499 -k realtime -p "$server_pid" -o "$out/$1/server.perf" >"$out/$1/perf.log" 2>&1 &
    perf_pid=$!
}

perf_stop() {
    if [ -n "$perf_pid" ]; then
        [ "${1:-}" = wait ] || kill -INT "$perf_pid" 2>/dev/null || true
        wait "$perf_pid" 2>/dev/null || true
        perf_pid=""
    fi
}

# perf_summary <step> [from to]: sets profile_note to where the frames on top of the stack are, over the wall-clock
# window from..to (seconds since the epoch) when given.
perf_summary() {
    local step="$1" window="${2:+--time $2,$3}"
    perf_stop "${4:-}"
    if [ -s "$out/$step/server.perf" ]; then
        # shellcheck disable=SC2086
        {
            timeout 300 perf report -i "$out/$step/server.perf" --no-children --sort dso --stdio -g none $window
            timeout 300 perf report -i "$out/$step/server.perf" --no-children --sort dso,sym --stdio -g none --percent-limit 0.3 $window
        } >"$out/$step/profile-top.txt" 2>&1 || true
        profile_note="perf profile: $step/profile-top.txt"
    else
        profile_note="perf profile: none (see $step/perf.log)"
    fi
}

# when_line <file> <pattern>: the wall-clock time (seconds since the epoch) at which a line matching <pattern> is seen in
# <file>, polled every 50 ms for at most 300 s or until the load generator has ended.
when_line() {
    for _ in $(seq 1 6000); do
        grep -q "$2" "$1" 2>/dev/null && break
        kill -0 "$generator_pid" 2>/dev/null || break
        sleep 0.05
    done
    date +%s.%N
}

# replay_profiled <step> <pattern from> <pattern to>: the replay mode under a perf profile of the server, summarised from
# the replay's line matching <pattern from> to its line matching <pattern to>.
replay_profiled() {
    local step="$1" file="$out/$1/replay.txt" from to
    perf_start "$step"
    generator "$step" replay.txt 300 --mode replay &
    generator_pid=$!
    from=$(when_line "$file" "$2")
    to=$(when_line "$file" "$3")
    wait "$generator_pid" || true
    generator_pid=""
    perf_summary "$step" "$from" "$to"
}

line() { sed -n "s/^$2 *//p" "$1" | head -n 1; }

step_a() {
    mkdir -p "$out/a"
    (cd "$out/a" && timeout --kill-after=10 900 dotnet "$benchmarks_dll" --filter '*BatchParsing*' --buildTimeout 600 ${BDN_ARGS:-}) >"$out/a/benchmark.txt" 2>&1 || true
    # The summary table's rows: per batch of 1,000 records, so µs a batch / 1,000 = µs a record is ms a batch.
    local table
    table=$(awk -F'|' '/^\| *Method/ { for (i = 1; i <= NF; i++) { gsub(/ /, "", $i); col[$i] = i }; next }
        /^\| *(Http|Grpc)_/ && col["Mean"] { gsub(/^ +| +$/, "", $2); gsub(/^ +| +$/, "", $col["Mean"]); gsub(/^ +| +$/, "", $col["Allocated"]);
            printf "%s: %s a batch of 1,000, %s allocated; ", $2, $col["Mean"], $col["Allocated"] }' "$out/a/benchmark.txt")
    row "a parsing, 1,000 × 20 (≤ 2 µs, ≤ 200 B a record) | ${table:-no result, see a/benchmark.txt}"
}

ingest() {
    local step="$1" protocol="$2" target="$3"
    start_server "$step"
    generator "$step" warmup.txt $((warmup + 120)) --protocol "$protocol" --models 1 --batch 1000 --concurrency 4 --duration "$warmup" --rate 0
    profile_after "$step" $(((duration - profile) / 2))
    generator "$step" load.txt $((duration + 120)) --protocol "$protocol" --models 1 --batch 1000 --concurrency 4 --duration "$duration" --rate 0
    profile_summary "$step"
    stop_server
    row "$target | $(line "$out/$step/load.txt" 'records\/s') records/s; $(line "$out/$step/load.txt" 'ack latency'); $(end_check "$out/$step/load.txt"); $profile_note"
}

end_check() { sed -n 's/^END CHECK: \([A-Z]*\).*/end check \1/p' "$1"; }

step_b() { ingest b http "b HTTP JSON ingest, flat out $duration s (≥ 150,000 records/s)"; }

step_c() { ingest c grpc "c gRPC ingest, flat out $duration s (≥ 1.5 × HTTP)"; }

step_d() {
    local http rate
    http=$( (line "$out/b/load.txt" 'records\/s' 2>/dev/null || true) | tr -d ',')
    rate=$(( ${RATE:-${http:-0} / 2} ))
    [ "$rate" -gt 0 ] || rate=30000
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 start_server d
    generator d warmup.txt $((warmup + 120)) --protocol http --models 1 --batch 1000 --concurrency 4 --duration "$warmup" --rate "$rate"
    # $profile seconds in the middle of the timed phase.
    (sleep $(((duration - profile) / 2)) && exec perf record -g -F 499 -p "$server_pid" -o "$out/d/server.perf" -- sleep "$profile" >"$out/d/perf.log" 2>&1) &
    perf_pid=$!
    generator d load.txt $((duration + 120)) --protocol http --models 1 --batch 1000 --concurrency 4 --duration "$duration" --rate "$rate"
    perf_summary d "" "" wait
    stop_server
    row "d ack latency at half rate ($rate records/s offered; p99 ≤ 100 ms) | $(line "$out/d/load.txt" 'ack latency'); $(line "$out/d/load.txt" 'records\/s') records/s; $(end_check "$out/d/load.txt"); $profile_note"
}

# Times the answer for the replay's last week, one request at a time, from sending it to its last byte.
week_answers() {
    local model="$1" from="$2" to="$3" file="$4"
    for _ in $(seq 1 "$requests"); do
        curl --silent --fail --max-time 10 --output /dev/null --write-out '%{time_total}\n' \
            "$url/v1/models/$model/drift?baseline=reference&version=v1&environment=production&from=${from}T00:00:00Z&to=${to}T00:00:00Z" || echo fail
    done >"$file"
    sort -n "$file" | awk '/fail/ { failed++; next } { t[n++] = $1 * 1000 }
        END { if (n == 0) { print "no answer"; exit } printf "p50 %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms (%d answers, %d failed)", t[int(n * 0.5)], t[int(n * 0.9)], t[0], t[n - 1], n, failed + 0 }'
}

step_e() {
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 start_server e
    replay_profiled e '^production sent' '^drift answers'
    local model end from settled
    model=$(sed -n 's/^replay: model \([^,]*\),.*/\1/p' "$out/e/replay.txt")
    end=$(sed -n 's/.* weeks \[[0-9-]*, \([0-9-]*\)).*/\1/p' "$out/e/replay.txt")
    from=$(date -u -d "$end -7 days" +%Y-%m-%d)
    settled=$(week_answers "$model" "$from" "$end" "$out/e/week-answers.txt")
    stop_server
    row "e drift answer, one week, 5 features (≤ 5 ms) | right after ingest: $(sed -n 's/^drift answers.*one at a time: \(p50 [^;]*\);.*/\1/p' "$out/e/replay.txt"); settled, last week: $settled; $profile_note (the answers after ingest)"
}

step_f() {
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 start_server f
    mkdir -p "$out/f"
    generator f report.txt 600 --mode report --features 100 --days 30 --reference-days 7 --end-offset 3 --per-hour 100 --requests "$requests" &
    generator_pid=$!
    # The CPU profile covers what follows the end check: the window's first answer (its warm-up), then the timed
    # requests, which the column grains answer from what they kept, so the first answer is most of its samples.
    for _ in $(seq 1 600); do
        grep -q '^END CHECK' "$out/f/report.txt" 2>/dev/null && break
        kill -0 "$generator_pid" 2>/dev/null || break
        sleep 0.05
    done
    perf_start f
    wait "$generator_pid" || true
    generator_pid=""
    perf_summary f
    stop_server
    row "f drift report, 100 features × 30 days (≤ 50 ms) | aligned: $(grep -A3 '^drift, aligned' "$out/f/report.txt" | sed -n 's/^ *latency *//p'); warm-up (first answer first): $(grep -A3 '^drift, aligned' "$out/f/report.txt" | sed -n 's/^ *warm-up *//p'); $(line "$out/f/report.txt" 'baseline frozen'); $(end_check "$out/f/report.txt"); $profile_note"
}

step_g() {
    DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 start_server g
    replay_profiled g '^baseline frozen' '^production sent'
    stop_server
    row "g replay end to end (≤ 1.6 s) | $(line "$out/g/replay.txt" total); $(sed -n 's/^\(reference sent\|production sent\|drift answers\) *//p' "$out/g/replay.txt" | tr '\n' ';'); counts $(sed -n 's/^counts.*: \(PASS\|FAIL\)$/\1/p' "$out/g/replay.txt"), $(end_check "$out/g/replay.txt"); $profile_note (the production phase)"
}

echo "== build (Release)"
dotnet build "$root/src/OrleansEval.Server" --configuration Release --nologo --verbosity quiet
dotnet build "$root/bench/OrleansEval.LoadGenerator" --configuration Release --nologo --verbosity quiet
dotnet build "$root/bench/OrleansEval.Benchmarks" --configuration Release --nologo --verbosity quiet
{
    echo "targets run $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$root" rev-parse --short HEAD), nproc $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "DURATION=$duration WARMUP=$warmup PROFILE=$profile REQUESTS=$requests"
} | tee -a "$summary" >/dev/null

for step in "${steps[@]}"; do
    echo "== $step ($(date -u +%H:%M:%S))"
    "step_$step"
done

echo "== targets ($out)"
cat "$summary"
