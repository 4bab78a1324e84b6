#!/usr/bin/env bash
# Starts N silo processes and one gateway on this machine against one Azurite, as a cluster of several hosts runs:
# Azure Table membership, each silo on its own ports, the gateway an Orleans client serving the API.
#
#   infra/local-cluster.sh [N]      N silos (3 when not given), then the API on http://127.0.0.1:5080, gRPC on 5081
#
# Ctrl+C (or SIGTERM) stops the gateway and the silos gracefully, then Azurite. Logs, Azurite's data and the process
# ids (processes: a name and an id a line) are in .local-cluster/ (LOCAL_CLUSTER_DIR). Ports: GATEWAY_HTTP_PORT (5080),
# GATEWAY_GRPC_PORT (5081), silo i on SILO_PORT_BASE+i (22120+i, silo-to-silo), SILO_GATEWAY_PORT_BASE+i (32010+i,
# Orleans clients) and SILO_HTTP_PORT_BASE+i (5090+i, its /healthz); Azurite on AZURITE_BLOB_PORT (10100) and the two
# ports after it. CONFIGURATION (Release) is the build configuration of the server; CLUSTER_ID (local-<seconds>) the
# Orleans cluster id.
# The gateway requires an API key (it runs as Production): ORLEANSEVAL_API_KEY when set, else a new random admin key
# written to .local-cluster/api-key, e.g. for the load generator's --key "$(cat .local-cluster/api-key)".
set -euo pipefail

silos="${1:-3}"
if ! [[ "$silos" =~ ^[1-9]$ ]]; then
    echo "usage: $0 [N]   (N: the number of silos, 1 to 9)" >&2
    exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${LOCAL_CLUSTER_DIR:-$root/.local-cluster}"
http_port="${GATEWAY_HTTP_PORT:-5080}"
grpc_port="${GATEWAY_GRPC_PORT:-5081}"
blob_port="${AZURITE_BLOB_PORT:-10100}"
queue_port=$((blob_port + 1))
table_port=$((blob_port + 2))
silo_port="${SILO_PORT_BASE:-22120}"
silo_gateway_port="${SILO_GATEWAY_PORT_BASE:-32010}"
silo_http_port="${SILO_HTTP_PORT_BASE:-5090}"
cluster_id="${CLUSTER_ID:-local-$(date +%s)}"
account_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$account_key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"

configuration="${CONFIGURATION:-Release}"
echo "building the server ($configuration)"
dotnet build "$root/src/OrleansEval.Server" --configuration "$configuration" --nologo --verbosity quiet
dll="$root/src/OrleansEval.Server/bin/$configuration/net10.0/OrleansEval.Server.dll"
if [ ! -d "$root/azurite/node_modules/azurite" ]; then
    npm ci --prefix "$root/azurite" --no-audit --no-fund
fi

mkdir -p "$work/azurite"
api_key="${ORLEANSEVAL_API_KEY:-}"
if [ -z "$api_key" ]; then
    api_key="$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
fi
if [ "${#api_key}" -lt 32 ]; then
    echo "ORLEANSEVAL_API_KEY must be at least 32 characters (Auth:Keys:<name>:Secret)" >&2
    exit 2
fi
(umask 077 && printf '%s' "$api_key" >"$work/api-key")
pids=()
stop() {
    trap - EXIT INT TERM
    echo "stopping the gateway and the silos"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    # Azurite stops gracefully, saving its databases, when its standard input closes.
    exec 3>&-
    wait 2>/dev/null || true
}
trap stop EXIT
trap 'exit 130' INT TERM

# Azurite's standard input is a pipe this script alone writes to: however the script ends, it closes.
fifo="$work/azurite.stdin"
rm -f "$fifo" && mkfifo "$fifo"
node "$root/azurite/run-azurite.js" "$root/azurite/node_modules/azurite/dist/src/azurite.js" \
    --silent --disableTelemetry --skipApiVersionCheck --loose --location "$work/azurite" \
    --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" \
    --tableHost 127.0.0.1 --tablePort "$table_port" <"$fifo" >"$work/azurite.log" 2>&1 &
exec 3>"$fifo"
# One line per process, its name and id, for tools that measure the cluster (bench/scale-out.sh reads its CPU time).
echo "azurite $!" >"$work/processes"

# A silo whose membership table cannot be reached gives up after a few retries: start none before Azurite listens.
echo "waiting for Azurite on 127.0.0.1:$blob_port-$table_port"
for port in "$blob_port" "$queue_port" "$table_port"; do
    for _ in $(seq 1 60); do
        curl --silent --max-time 2 --output /dev/null "http://127.0.0.1:$port/" && break
        sleep 1
    done
    curl --silent --max-time 2 --output /dev/null "http://127.0.0.1:$port/" || { echo "Azurite did not listen on $port; see $work/azurite.log" >&2; exit 1; }
done

common=(
    "--Cluster:Membership=AzureTable" "--Cluster:ClusterId=$cluster_id" "--Cluster:ServiceId=orleans-eval"
    "--Storage:ConnectionString=$storage" "--Demo:Replay=false"
)
export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
# Every process here shares the same cores, so each runs the workstation collector, non-concurrent: server collection
# gives each process a heap and a spinning collector thread per core and large young generations whose fresh pages are
# faulted in and zeroed, all of it multiplied by the processes on the same two cores. Set DOTNET_gcServer=1 to
# override; silos on hosts of their own keep the runtime's default (docs/architecture.md, "Processes that share cores").
export DOTNET_gcServer="${DOTNET_gcServer:-0}" DOTNET_gcConcurrent="${DOTNET_gcConcurrent:-0}"
for i in $(seq 1 "$silos"); do
    dotnet "$dll" --Role=silo "${common[@]}" --Cluster:AdvertisedIP=127.0.0.1 \
        "--Cluster:SiloPort=$((silo_port + i))" "--Cluster:GatewayPort=$((silo_gateway_port + i))" \
        "--Urls=http://127.0.0.1:$((silo_http_port + i))" --Grpc:Port=0 >"$work/silo-$i.log" 2>&1 3>&- &
    pids+=("$!")
    echo "silo-$i $!" >>"$work/processes"
done
Auth__Keys__local__Secret="$api_key" Auth__Keys__local__Scopes=admin dotnet "$dll" --Role=gateway "${common[@]}" "--Urls=http://127.0.0.1:$http_port" \
    "--Grpc:Port=$grpc_port" --Grpc:Host=127.0.0.1 >"$work/gateway.log" 2>&1 3>&- &
pids+=("$!")
echo "gateway $!" >>"$work/processes"

# Ready when every silo and the gateway answer /healthz; a process that exits before is reported with its log.
healthy() { curl --fail --silent --max-time 6 --output /dev/null "http://127.0.0.1:$1/healthz"; }
echo "waiting for $silos silo(s) and the gateway (cluster $cluster_id; logs in $work)"
ports=()
for i in $(seq 1 "$silos"); do ports+=("$((silo_http_port + i))"); done
ports+=("$http_port")
names=()
for i in $(seq 1 "$silos"); do names+=("silo-$i"); done
names+=("gateway")
for _ in $(seq 1 120); do
    waiting=0
    for k in "${!ports[@]}"; do
        if ! kill -0 "${pids[$k]}" 2>/dev/null; then
            echo "${names[$k]} exited before it was healthy; the end of $work/${names[$k]}.log:" >&2
            grep -v '^ *at ' "$work/${names[$k]}.log" | tail -n 15 >&2
            exit 1
        fi
        healthy "${ports[$k]}" || waiting=1
    done
    if [ "$waiting" = 0 ]; then
        echo "ready: the API on http://127.0.0.1:$http_port, gRPC on 127.0.0.1:$grpc_port; Ctrl+C stops the cluster"
        echo "its admin API key is in $work/api-key (send it as Authorization: Bearer <key>)"
        wait "${pids[@]}"
        exit 0
    fi
    sleep 1
done
echo "the cluster was not healthy after 120 s; see $work/*.log" >&2
exit 1
