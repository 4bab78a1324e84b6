#!/usr/bin/env bash
# The server's memory along a run, one line a minute until the server exits (at most SAMPLES lines, 240): its resident
# set (VmRSS in /proc) and its two parts, anonymous (RssAnon: the collector's committed memory, glibc's arenas, thread
# stacks) and file-backed (RssFile + RssShmem: the assemblies' images and the JIT's double-mapped code), its threads,
# and from its /metrics the last collection's large object heap (size and free space), gen 2 (size and free space),
# committed GC memory, the join's index (orleanseval_grains_join_index_bytes, all shards), the count of gen-2
# collections and the resident bytes the heap governor's trims of the C library's heap gave back. Read the records sent
# so far from the load generator's progress lines at the same times.
#
#   bench/memory-sample.sh <server pid> [url]  >> memory.txt
set -euo pipefail

pid="$1"
url="${2:-http://127.0.0.1:5080}"
megabytes() { grep "^$1" | grep -F "$2" | awk '{ printf "%.1f", $2 / 1e6 }'; }
for _ in $(seq 1 "${SAMPLES:-240}"); do
    [ -d "/proc/$pid" ] || exit 0
    metrics="$(curl --silent --max-time 20 "$url/metrics" || true)"
    status="$(cat "/proc/$pid/status")"
    rss="$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' <<<"$status")"
    echo "$(date -u +%H:%M:%S) rss_MB=$rss" \
        "anon_MB=$(awk '/^RssAnon/ { printf "%.0f", $2 / 1024 }' <<<"$status")" \
        "file_MB=$(awk '/^RssFile|^RssShmem/ { kb += $2 } END { printf "%.0f", kb / 1024 }' <<<"$status")" \
        "threads=$(awk '/^Threads/ { print $2 }' <<<"$status")" \
        "loh_MB=$(megabytes dotnet_gc_last_collection_heap_size_bytes loh <<<"$metrics")" \
        "loh_free_MB=$(megabytes dotnet_gc_last_collection_heap_fragmentation_size_bytes loh <<<"$metrics")" \
        "gen2_MB=$(megabytes dotnet_gc_last_collection_heap_size_bytes gen2 <<<"$metrics")" \
        "gen2_free_MB=$(megabytes dotnet_gc_last_collection_heap_fragmentation_size_bytes gen2 <<<"$metrics")" \
        "committed_MB=$(megabytes dotnet_gc_last_collection_memory_committed_size_bytes '' <<<"$metrics")" \
        "index_MB=$(megabytes orleanseval_grains_join_index_bytes '' <<<"$metrics")" \
        "gen2_collections=$(grep '^dotnet_gc_collections_total' <<<"$metrics" | grep gen2 | awk '{ print $2 }')" \
        "native_released_MB=$(megabytes orleanseval_server_heap_governor_native_released_bytes_total '' <<<"$metrics")"
    sleep 60
done
