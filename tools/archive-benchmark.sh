#!/usr/bin/env bash
# The archive benchmark (docs/performance.md): publishes the portal and the importer (Release),
# then runs tools/PolicyNews.ArchiveBenchmark, which for each archive size generates the source
# files, imports them with the importer CLI, and measures every page type with wrk against the
# portal and against nginx serving the same bytes, all on 127.0.0.1. Writes
# artifacts/archive-benchmark/report.md and latency.svg; prints the report.
#   tools/archive-benchmark.sh                                  # 1,000 and 10,000 articles
#   tools/archive-benchmark.sh --sizes 1000,10000,100000 --seconds 10
#   tools/archive-benchmark.sh --providers Sqlite,PostgreSQL --seconds 5   # both, side by side
# With PostgreSQL among --providers, a throw-away cluster (tools/lib/postgres-servers.sh) on a free
# loopback port serves the benchmark's databases, one per size, and is stopped at the end whatever
# happens. Needs wrk and nginx (Debian: apt-get install -y wrk nginx-light), and for PostgreSQL its
# server (apt-get install -y postgresql). Bounded: each wrk run is --seconds long; every process the
# benchmark starts is stopped by its id when it is done.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk > /dev/null && command -v nginx > /dev/null || { echo "needs wrk and nginx (apt-get install -y wrk nginx-light)" >&2; exit 2; }
work=$(mktemp -d)
chmod 755 "$work"   # nginx's workers (another user when started by root) read the pages kept here
postgres=()
if [[ " $* " == *PostgreSQL* ]]; then
  source tools/lib/postgres-servers.sh
  trap 'stop_cluster pg; rm -rf "$work"' EXIT
  cluster_folder pg
  pgport=$(free_port)
  start_cluster pg "$pgport"
  echo "PostgreSQL $(basename "$(dirname "$bin")") on 127.0.0.1:$pgport" >&2
  postgres=(--postgres "Host=127.0.0.1;Port=$pgport;Username=postgres")
else
  trap 'rm -rf "$work"' EXIT
fi

echo "publishing (Release) …" >&2
dotnet publish src/PolicyNews.Web/PolicyNews.Web.csproj -c Release -o "$work/portal" --nologo -v quiet > "$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
cp -r docs "$work/portal"/
dotnet publish src/PolicyNews.Importer/PolicyNews.Importer.csproj -c Release -o "$work/importer" --nologo -v quiet > "$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
dotnet build tools/PolicyNews.ArchiveBenchmark -c Release --nologo -v quiet > "$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
dotnet run --no-build -c Release --project tools/PolicyNews.ArchiveBenchmark -- \
  --portal "$work/portal" --importer "$work/importer/PolicyNews.Importer.dll" --work "$work/archives" "${postgres[@]}" "$@"
