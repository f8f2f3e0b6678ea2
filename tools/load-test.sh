#!/usr/bin/env bash
# Load test over mixed pages (issue: production HTTP): wrk with 64 connections for 60 s against the
# published portal on 127.0.0.1, each request a page drawn in turn from every page type (home,
# articles, sections, permalinks, tags, search in both scripts, feed, sitemap, API, a missing page).
# Prints wrk's figures and the number of answers by status class; exits 1 on any answer >= 500 or
# any socket error. Bounded: one run of DURATION seconds; every process started here is stopped.
#   tools/load-test.sh                       # 64 connections, 60 s
#   DURATION=20 CONNECTIONS=32 tools/load-test.sh
# Needs wrk (Debian: apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-60}
connections=${CONNECTIONS:-64}
port=${PORT:-5395}
work=$(mktemp -d)
portal=
trap '[[ -n $portal ]] && kill "$portal" 2>/dev/null; rm -rf "$work"' EXIT
command -v wrk > /dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 2; }

dotnet publish src/PolicyNews.Web/PolicyNews.Web.csproj -c Release -o "$work/app" --nologo -v quiet > /dev/null
cp -r docs seeds "$work/app"/
(cd "$work/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
    Archive__Database="$work/policynews.db" Archive__Seeds="$work/app/seeds/" Limits__Enabled=false \
    dotnet PolicyNews.Web.dll > "$work/portal.log" 2>&1) &
portal=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do curl -fs -o /dev/null "$base/robots.txt" && break; sleep 0.5; done

# Every page the archive has, from its own sitemap, plus searches, feeds, API and a 404.
source tools/lib/rotation.sh
rotation_paths "$base" > "$work/paths.txt"

echo "load: $connections connections, ${duration}s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
ROTATION="$work/paths.txt" wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency -s tools/lib/rotation.lua "$base" \
  | tee "$work/wrk.txt"
read -r _ fivexx errors _ < <(grep '^RESULT' "$work/wrk.txt")
if (( fivexx > 0 || errors > 0 )); then
  echo "FAIL: $fivexx answers >= 500, $errors socket errors" >&2
  tail -n 30 "$work/portal.log" >&2
  exit 1
fi
echo "OK: no answer >= 500, no socket error"
