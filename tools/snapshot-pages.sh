#!/usr/bin/env bash
# Saves every page type of the seed archive into a folder, for comparing builds byte for byte
# (a restructuring must not change a page). Starts the portal on a fresh database in a temporary
# folder, asks for each page in both scripts and with pinyin on, and writes one file per URL.
#   tools/snapshot-pages.sh OUT_DIR        then   diff -r BEFORE AFTER
# Build fingerprints (?v=… on CSS/JS) and the port in absolute URLs are replaced by fixed words, so
# only real changes show.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/snapshot-pages.sh OUT_DIR}
port=${PORT:-5397}
data=$(mktemp -d)
pid=
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT
mkdir -p "$out"

dotnet build src/PolicyNews.Web -v quiet --nologo > /dev/null
ASPNETCORE_ENVIRONMENT=Production Archive__Database="$data/p.db" \
  dotnet run --no-build --project src/PolicyNews.Web -- --urls "http://127.0.0.1:$port" > "$data/log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/robots.txt" > /dev/null 2>&1 && break; sleep 0.5; done

base="http://127.0.0.1:$port"
paths=(/ /tags /about /help /search /robots.txt /feed.atom /sitemap.xml /api/articles /no-such-page /articles/no-such
  "/search?q=%E5%89%B5%E6%96%B0" "/search?q=chuangxin" "/search?q=AI&sort=newest" "/search?q=%E7%A7%91%E6%8A%80+-%E4%BA%BA%E6%89%8D"
  "/api/search?q=%E5%89%B5%E6%96%B0" "/api/search?q=zhongxin")
# Every article, section, permalink and tag the archive serves, read from its own sitemap.
while read -r loc; do paths+=("${loc#"$base"}"); done < <(curl -fs "$base/sitemap.xml" | grep -o '<loc>[^<]*</loc>' | sed 's/<[^>]*>//g')
for slug in $(curl -fs "$base/api/articles" | grep -o '"slug":"[^"]*"' | sed 's/.*:"\(.*\)"/\1/' | sort -u); do
  paths+=("/api/articles/$slug")
done
for sid in $(curl -fs "$base/sitemap.xml" | grep -o '/s/[A-Za-z0-9_-]*' | sort -u | head -3); do paths+=("$sid"); done

n=0
for p in "${paths[@]}"; do
  for variant in "" "script=hans" "pinyin=on"; do
    url="$base$p"
    [[ -n $variant ]] && { [[ $p == *\?* ]] && url="$url&$variant" || url="$url?$variant"; }
    name=$(printf '%s' "$p|$variant" | sed 's/[^A-Za-z0-9._-]/_/g' | cut -c1-150)
    curl -s -D "$out/$name.headers" "$url" | sed -E "s/\?v=[A-Za-z0-9_-]+/?v=FINGERPRINT/g; s/127\.0\.0\.1:$port/127.0.0.1:PORT/g" > "$out/$name.body"
    # Headers that differ per run (date, request ids) are dropped.
    grep -viE '^(date|content-length|etag|last-modified):' "$out/$name.headers" | tr -d '\r' > "$out/$name.h" || true
    rm "$out/$name.headers"
    n=$((n + 1))
  done
done
echo "saved $n responses to $out"
