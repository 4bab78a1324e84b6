#!/usr/bin/env bash
# The server's memory along a run, one line a minute until the server exits (at most SAMPLES lines, 240): its resident
# set (VmRSS in /proc), and from its /metrics the last collection's large object heap (size and free space), gen 2
# (size and free space), committed GC memory, the join's index (orleanseval_grains_join_index_bytes, all shards) and the
# count of gen-2 collections. Read the records sent so far from the load generator's progress lines at the same times.
#
#   bench/memory-sample.sh <server pid> [url]  >> memory.txt
set -euo pipefail

pid="$1"
url="${2:-http://127.0.0.1:5080}"
megabytes() { grep "^$1" | grep -F "$2" | awk '{ printf "%.1f", $2 / 1e6 }'; }
for _ in $(seq 1 "${SAMPLES:-240}"); do
    [ -d "/proc/$pid" ] || exit 0
    metrics="$(curl --silent --max-time 20 "$url/metrics" || true)"
    rss="$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")"
    echo "$(date -u +%H:%M:%S) rss_MB=$rss" \
        "loh_MB=$(megabytes dotnet_gc_last_collection_heap_size_bytes loh <<<"$metrics")" \
        "loh_free_MB=$(megabytes dotnet_gc_last_collection_heap_fragmentation_size_bytes loh <<<"$metrics")" \
        "gen2_MB=$(megabytes dotnet_gc_last_collection_heap_size_bytes gen2 <<<"$metrics")" \
        "gen2_free_MB=$(megabytes dotnet_gc_last_collection_heap_fragmentation_size_bytes gen2 <<<"$metrics")" \
        "committed_MB=$(megabytes dotnet_gc_last_collection_memory_committed_size_bytes '' <<<"$metrics")" \
        "index_MB=$(megabytes orleanseval_grains_join_index_bytes '' <<<"$metrics")" \
        "gen2_collections=$(grep '^dotnet_gc_collections_total' <<<"$metrics" | grep gen2 | awk '{ print $2 }')"
    sleep 60
done
