#!/usr/bin/env bash
# Two web nodes over one PostgreSQL (issue 16; docs/operations.md, "Several web nodes"): a
# throw-away cluster on a loopback port, the seeds imported with the importer CLI, two published
# portals on two loopback ports, wrk across both (every page of the archive in turn, as
# tools/load-test.sh) while the importer adds a new article. Prints wrk's figures per node, how long
# after the importer's commit each node served the new article, and exits 1 on any answer >= 500,
# any socket error, or a node that did not serve the new article within 10 s.
#   tools/two-node-demo.sh                       # 8 connections per node, 30 s
#   DURATION=60 CONNECTIONS=64 tools/two-node-demo.sh
# Needs wrk and Debian's postgresql (apt-get install -y wrk postgresql). As root, the server runs as
# the postgres user (initdb refuses root). Bounded: wrk runs DURATION seconds; every process started
# here is stopped by its id, and the cluster and its folder are removed.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-30}
connections=${CONNECTIONS:-8}
# The time limits (Limits:SearchTimeout 5 s, PageTimeout 15 s) are for hostile queries; on a shared,
# overloaded machine ordinary pages pass them, which says nothing about the provider. TIME_LIMIT=default keeps them.
time_limit=${TIME_LIMIT:-00:01:00}
limits=(Limits__SearchTimeout="$time_limit" Limits__PageTimeout="$time_limit")
[[ $time_limit == default ]] && limits=()
command -v wrk > /dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 2; }
source tools/lib/postgres-servers.sh

work=$(mktemp -d)
chmod 755 "$work"
pids=()
keep=artifacts/two-node-demo   # the nodes' logs and wrk's output, kept for a look afterwards
cleanup() {
  mkdir -p "$keep" && cp "$work"/node*.log "$work"/wrk*.txt "$work"/import-*.log "$keep"/ 2>/dev/null || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_cluster pg
  rm -rf "$work"
}
trap cleanup EXIT

publish_apps

# The throw-away cluster: one database, the portals' and the importer's.
cluster_folder pg
pgport=$(free_port)
start_cluster pg "$pgport"
as_server "$bin/createdb" -h 127.0.0.1 -p "$pgport" -U postgres policynews
cs="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=policynews"
import() { dotnet "$work/importer/PolicyNews.Importer.dll" --provider PostgreSQL --connection "$cs" "$@"; }
import seeds/ > "$work/import-seeds.log"
echo "PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$pgport; seeds imported"

# Two nodes, nothing shared but the database.
ports=()
for node in 1 2; do
  port=$(free_port)
  ports+=("$port")
  (cd "$work/portal" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
      Archive__Provider=PostgreSQL ConnectionStrings__Archive="$cs" Limits__Enabled=false \
      "${limits[@]}" \
      dotnet PolicyNews.Web.dll > "$work/node$node.log" 2>&1) &
  pids+=($!)
done
for port in "${ports[@]}"; do
  for _ in $(seq 1 120); do curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" && break; sleep 0.5; done
  curl -fs -o /dev/null "http://127.0.0.1:$port/readyz" || { echo "node on $port not ready" >&2; cat "$work"/node*.log >&2; exit 1; }
done
echo "nodes ready on 127.0.0.1:${ports[0]} and 127.0.0.1:${ports[1]}"

# Every page the archive has (from the sitemap), plus searches, API, feed: tools/load-test.sh's rotation.
source tools/lib/rotation.sh
rotation_paths "http://127.0.0.1:${ports[0]}" > "$work/paths.txt"

echo "load: $connections connections per node, ${duration}s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for node in 1 2; do
  ROTATION="$work/paths.txt" wrk -t1 -c"$connections" -d"${duration}s" --timeout 60s --latency -s tools/lib/rotation.lua \
    "http://127.0.0.1:${ports[$((node - 1))]}" > "$work/wrk$node.txt" &
  pids+=($!)
  wrk_pids+=($!)
done

# A third of the way in, the importer adds an article while both nodes are under load.
sleep $((duration / 3))
mkdir -p "$work/new"
printf '%s\n' "兩個節點的示範文章。" "這篇文章在負載測試進行時導入，兩個節點都應立即提供它。" > "$work/new/two-node-demo.txt"
import "$work/new/" > "$work/import-new.log"
committed=$(date +%s%N)
grep -E '^(added|time:)' "$work/import-new.log" | sed 's/^/importer: /'
failed=0
for node in 1 2; do
  url="http://127.0.0.1:${ports[$((node - 1))]}/articles/two-node-demo"
  served=
  for _ in $(seq 1 1000); do
    if [[ $(curl -s -o /dev/null -w '%{http_code}' "$url") == 200 ]]; then served=$(date +%s%N); break; fi
    sleep 0.01
  done
  if [[ -z $served ]]; then echo "node $node: did not serve the new article within 10 s" >&2; failed=1; continue; fi
  home=$(curl -fs "http://127.0.0.1:${ports[$((node - 1))]}/" | grep -c 'two-node-demo' || true)
  echo "node $node: served the new article $(( (served - committed) / 1000000 )) ms after the importer exited; its home page links it: $([[ $home -gt 0 ]] && echo yes || echo no)"
done

for pid in "${wrk_pids[@]}"; do wait "$pid"; done
for node in 1 2; do
  echo "--- node $node (wrk)"
  grep -E 'Latency|Requests/sec|answers:|requests in' "$work/wrk$node.txt"
  read -r _ fivexx errors rps p99 < <(grep '^RESULT' "$work/wrk$node.txt")
  echo "node $node: $rps requests/s, p99 $p99 ms, answers >= 500: $fivexx, socket errors: $errors"
  (( fivexx > 0 || errors > 0 )) && failed=1
done
if (( failed )); then
  tail -n 30 "$work"/node*.log >&2
  echo "FAIL" >&2
  exit 1
fi
echo "OK: both nodes answered every request without an error >= 500 or a socket error, and served the new article after the commit"
