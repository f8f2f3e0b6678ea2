#!/usr/bin/env bash
# ConnectionStrings:ArchiveRead on a real streaming replica (issue 16; docs/operations.md): a
# throw-away primary, a replica made from it with pg_basebackup -R (streaming), the seeds imported
# into the primary, a portal that reads from the replica. Then, with the replica's replay paused, the
# importer adds an article: the primary has committed it, the replica has not replayed it — what does
# a reader of the portal see? Then replay resumes. Prints each step; exits 1 when a step does not
# behave as docs/operations.md says.
#   tools/replica-demo.sh
# Needs Debian's postgresql (apt-get install -y postgresql). As root, the servers run as the postgres
# user. Bounded: every process started here is stopped by its id; the clusters' folder is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/lib/postgres-servers.sh

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_cluster replica
  stop_cluster primary
  rm -rf "$work"
}
trap cleanup EXIT

publish_apps

cluster_folder primary
cluster_folder replica
primary_port=$(free_port)
replica_port=$(free_port)
start_cluster primary "$primary_port"
as_server "$bin/createdb" -h 127.0.0.1 -p "$primary_port" -U postgres policynews
# The replica: a base backup that streams the WAL and writes its own standby settings (-R).
as_server "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres -D "$work/replica/data" -R -X stream
start_cluster replica "$replica_port"
primary="Host=127.0.0.1;Port=$primary_port;Username=postgres;Database=policynews"
replica="Host=127.0.0.1;Port=$replica_port;Username=postgres;Database=policynews"
sql() { as_server "$bin/psql" -h 127.0.0.1 -p "$1" -U postgres -d policynews -Atqc "$2"; }
echo "primary on 127.0.0.1:$primary_port; streaming replica on 127.0.0.1:$replica_port (in recovery: $(sql "$replica_port" 'SELECT pg_is_in_recovery()'))"

import() { dotnet "$work/importer/PolicyNews.Importer.dll" --provider PostgreSQL --connection "$primary" "$@"; }
import seeds/ > "$work/import-seeds.log"

port=$(free_port)
(cd "$work/portal" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
    Archive__Provider=PostgreSQL ConnectionStrings__Archive="$primary" ConnectionStrings__ArchiveRead="$replica" \
    Limits__Enabled=false dotnet PolicyNews.Web.dll > "$work/portal.log" 2>&1) &
pids+=($!)
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fs -o /dev/null "$base/readyz" && break; sleep 0.5; done
curl -fs -o /dev/null "$base/readyz" || { echo "portal not ready" >&2; cat "$work/portal.log" >&2; exit 1; }
status() { curl -s -o /dev/null -w '%{http_code}' "$base$1"; }
echo "portal on $base, reading from the replica; home lists $(curl -fs "$base/" | grep -c 'class="article-card"') articles"

failed=0
expect() { if [[ $2 == "$3" ]]; then echo "  ok: $1: $2"; else echo "  NOT AS EXPECTED: $1: $2 (expected $3)"; failed=1; fi; }

echo "1. replay paused on the replica; the importer adds an article to the primary"
sql "$replica_port" 'SELECT pg_wal_replay_pause()' > /dev/null
mkdir -p "$work/new"
printf '%s\n' "複本示範文章。" "這篇文章在複本暫停重放時導入。" > "$work/new/replica-demo.txt"
import "$work/new/" > "$work/import-new.log"
sleep 3   # longer than Caching:GenerationCheckSeconds: whatever the portal would notice, it has
expect "articles on the primary" "$(sql "$primary_port" 'SELECT COUNT(*) FROM articles')" 3
expect "articles on the replica" "$(sql "$replica_port" 'SELECT COUNT(*) FROM articles')" 2
expect "import generation primary/replica" \
  "$(sql "$primary_port" 'SELECT generation FROM import_generation')/$(sql "$replica_port" 'SELECT generation FROM import_generation')" 2/1
expect "the new article on the portal" "$(status /articles/replica-demo)" 404
expect "an old article on the portal" "$(status /articles/deepseek-style-innovation-can-be-replicated)" 200
expect "/readyz" "$(status /readyz)" 200

echo "2. replay resumes"
sql "$replica_port" 'SELECT pg_wal_replay_resume()' > /dev/null
resumed=$(date +%s%N)
served=
for _ in $(seq 1 500); do
  [[ $(status /articles/replica-demo) == 200 ]] && { served=$(date +%s%N); break; }
  sleep 0.02
done
if [[ -n $served ]]; then
  echo "  ok: the portal served the new article $(( (served - resumed) / 1000000 )) ms after replay resumed"
else
  echo "  NOT AS EXPECTED: the portal did not serve the new article within 10 s of replay resuming"; failed=1
fi
expect "import generation on the replica" "$(sql "$replica_port" 'SELECT generation FROM import_generation')" 2

if (( failed )); then tail -n 30 "$work/portal.log" >&2; echo FAIL >&2; exit 1; fi
echo "OK"
