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
paths=$(curl -fs "$base/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed -e 's/<[^>]*>//g' -e "s#^https\?://[^/]*##")
paths+=$'\n'"/search?q=%E5%89%B5%E6%96%B0"$'\n'"/search?q=chuangxin&script=hans"$'\n'"/search?q=AI&sort=newest"
paths+=$'\n'"/api/search?q=%E6%9D%AD%E5%B7%9E"$'\n'"/api/articles"$'\n'"/feed.atom"$'\n'"/sitemap.xml"$'\n'"/robots.txt"
paths+=$'\n'"/tags?script=hans"$'\n'"/help"$'\n'"/no-such-page"
{
  echo 'paths = {'
  while read -r p; do [[ -n $p ]] && printf '  "%s",\n' "$p"; done <<< "$paths"
  echo '}'
  cat <<'LUA'
local counter = 0
statuses = {}   -- global: done() reads it from each thread
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = { s2 = 0, s3 = 0, s4 = 0, s5 = 0 } end
function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
function response(status, headers, body)
  local class = "s" .. math.floor(status / 100)
  statuses[class] = (statuses[class] or 0) + 1
end
function done(summary, latency, requests)
  local total = { s2 = 0, s3 = 0, s4 = 0, s5 = 0 }
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do total[k] = (total[k] or 0) + v end
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("pages in rotation: %d\n", #paths))
  io.write(string.format("answers: 2xx %d, 3xx %d, 4xx %d, 5xx %d; socket errors %d\n", total.s2, total.s3, total.s4, total.s5, errors))
  io.write(string.format("RESULT %d %d\n", total.s5, errors))
end
LUA
} > "$work/mixed.lua"

echo "load: $connections connections, ${duration}s, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s --latency -s "$work/mixed.lua" "$base" | tee "$work/wrk.txt"
read -r _ fivexx errors < <(grep '^RESULT' "$work/wrk.txt")
if (( fivexx > 0 || errors > 0 )); then
  echo "FAIL: $fivexx answers >= 500, $errors socket errors" >&2
  tail -n 30 "$work/portal.log" >&2
  exit 1
fi
echo "OK: no answer >= 500, no socket error"
