#!/usr/bin/env bash
# What output caching buys on the article page: wrk against the published portal with the output
# cache on and off, with the import generation read on every request, and against nginx serving
# the very same bytes, all on 127.0.0.1 (docs/operations.md#caching-and-compression). Prints one line per run.
#   tools/measure-caching.sh            # 10 s per run, 32 connections
#   SECONDS_PER_RUN=30 CONNECTIONS=64 tools/measure-caching.sh
# Needs wrk and nginx (Debian: apt-get install -y wrk nginx-light). Bounded: each run is
# SECONDS_PER_RUN long, and every process started here is stopped by its pid on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${SECONDS_PER_RUN:-10}
connections=${CONNECTIONS:-32}
port=${PORT:-5393}
nginx_port=$((port + 1))
work=$(mktemp -d)
portal=   # pid of the running portal, if any
nginx_pid=
stop_portal() { if [[ -n $portal ]]; then kill "$portal" 2>/dev/null || true; wait "$portal" 2>/dev/null || true; portal=; fi; }
trap 'stop_portal; [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null; rm -rf "$work"' EXIT

command -v wrk > /dev/null && command -v nginx > /dev/null || { echo "needs wrk and nginx (apt-get install -y wrk nginx-light)" >&2; exit 2; }

echo "publishing (Release) …"
dotnet publish src/PolicyNews.Web/PolicyNews.Web.csproj -c Release -o "$work/app" --nologo -v quiet > /dev/null
cp -r docs seeds "$work/app"/
article=/articles/deepseek-style-innovation-can-be-replicated

# start_portal KEY=VALUE… : the published app with the container's environment plus the given settings.
start_portal() {
  (cd "$work/app" && exec env ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
      Archive__Database="$work/policynews.db" Archive__Seeds="$work/app/seeds/" "$@" \
      dotnet PolicyNews.Web.dll >> "$work/portal.log" 2>&1) &
  portal=$!
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "http://127.0.0.1:$port$article" && return
    sleep 0.5
  done
  echo "the portal did not start:" >&2; cat "$work/portal.log" >&2; exit 1
}

# run LABEL URL [wrk options…]: warm up, then one bounded wrk run; prints req/s, latency, transfer.
run() {
  local label=$1 url=$2; shift 2
  wrk -t2 -c"$connections" -d2s "$@" "$url" > /dev/null   # warm-up (JIT, caches)
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" "$url" > "$work/wrk.txt"
  awk -v label="$label" '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Transfer\/sec/ { tps = $2 }
    /Non-2xx/ { errors = $NF }
    END { printf "%-44s %10s req/s   p50 %8s   p99 %8s   %9s/s%s\n", label, rps, p50, p99, tps, errors ? "   non-2xx " errors : "" }' "$work/wrk.txt"
}

start_portal
curl -fs "http://127.0.0.1:$port$article" -o "$work/article.html"
size() { curl -fs -H "Accept-Encoding: $1" "http://127.0.0.1:$port$article" | wc -c; }
echo "article page: $(wc -c < "$work/article.html") bytes, Brotli $(size br), gzip $(size gzip); ${duration}s per run, $connections connections, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

# nginx: the same bytes as a static file.
mkdir -p "$work/nginx/www" "$work/nginx/logs"
cp "$work/article.html" "$work/nginx/www/article.html"
chmod -R a+rX "$work"   # nginx's workers run as another user when started by root
cat > "$work/nginx/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type "text/html; charset=utf-8";
  server { listen 127.0.0.1:$nginx_port; root $work/nginx/www; location / { try_files /article.html =404; } }
}
EOF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
sleep 1

run "nginx, same bytes" "http://127.0.0.1:$nginx_port$article"
run "portal, output cache (generation every 1 s)" "http://127.0.0.1:$port$article"
run "portal, output cache, Brotli" "http://127.0.0.1:$port$article" -H "Accept-Encoding: br"
run "portal, 304 to If-None-Match" "http://127.0.0.1:$port$article" \
    -H "If-None-Match: $(curl -fsI "http://127.0.0.1:$port$article" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" { print $2 }')"
run "portal robots.txt, output cache" "http://127.0.0.1:$port/robots.txt"
stop_portal

start_portal Caching__GenerationCheckSeconds=0
run "portal, output cache (generation every request)" "http://127.0.0.1:$port$article"
stop_portal

start_portal Caching__OutputCache=false
run "portal, no output cache" "http://127.0.0.1:$port$article"
run "portal robots.txt, no output cache" "http://127.0.0.1:$port/robots.txt"
stop_portal
