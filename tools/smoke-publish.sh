#!/usr/bin/env bash
# Does what the Dockerfile does, without Docker (no engine runs here): publish the web project,
# lay out /app the same way (publish output, which holds wwwroot/ with its compressed copies, +
# docs + seeds), start it with the same environment on a loopback port, and check that the pages
# and the fingerprinted static assets answer. Exit code 0 when they do.
set -euo pipefail
cd "$(dirname "$0")/.."
app=$(mktemp -d)
data=$(mktemp -d)
port=${PORT:-5391}
pid=   # set once the portal starts; the trap reads it (under set -u) even if publishing fails first
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$app" "$data"' EXIT

dotnet publish src/PolicyNews.Web/PolicyNews.Web.csproj -c Release -o "$app" --nologo -v quiet
cp -r docs seeds "$app"/   # wwwroot/ comes from the publish: the static web assets, fingerprinted and compressed

cd "$app"
ASPNETCORE_URLS="http://127.0.0.1:$port" ASPNETCORE_ENVIRONMENT=Production \
  Archive__Database="$data/policynews.db" Archive__Seeds="$app/seeds/" \
  dotnet PolicyNews.Web.dll > "$data/portal.log" 2>&1 &
pid=$!

for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$port/" > /dev/null 2>&1 && break
  sleep 0.5
done

status=0
for path in / /tags /about /search?q=chuangxin /css/site.css /feed.atom /sitemap.xml /api/articles; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port$path")
  echo "$code $path"
  [[ $code == 200 ]] || status=1
done
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/no-such-page")
echo "$code /no-such-page (want 404)"
[[ $code == 404 ]] || status=1
# The layout links the fingerprinted copies; publish compressed them with Brotli and gzip.
for asset in $(curl -s "http://127.0.0.1:$port/" | grep -oE '/(css|js)/site\.[a-z0-9]+\.(css|js)'); do
  headers=$(curl -s -o /dev/null -D - -H 'Accept-Encoding: br' "http://127.0.0.1:$port$asset" | tr -d '\r')
  echo "$(head -1 <<< "$headers" | cut -d' ' -f2) $asset ($(grep -i '^content-encoding:' <<< "$headers" | cut -d' ' -f2); $(grep -i '^cache-control:' <<< "$headers" | cut -d' ' -f2-))"
  grep -q '^HTTP/1.1 200' <<< "$headers" && grep -qi '^content-encoding: br' <<< "$headers" && grep -qi '^cache-control:.*immutable' <<< "$headers" || status=1
done
# A share card: SkiaSharp's native library came with the publish, and draws when a CJK font is
# installed (the image installs fonts-noto-cjk); without one the card is 404 by design.
card=/articles/deepseek-style-innovation-can-be-replicated/card-hant.png
want=404
compgen -G '/usr/share/fonts/*/*/*CJK*' > /dev/null && want=200
code=$(curl -s -o /dev/null -w '%{http_code} %{content_type}' "http://127.0.0.1:$port$card")
echo "$code $card (want $want)"
[[ ${code%% *} == "$want" ]] || status=1
# The container's HEALTHCHECK command, run the same way from /app.
dotnet PolicyNews.Web.dll --healthcheck "http://127.0.0.1:$port/readyz" || status=1
articles=$(curl -s "http://127.0.0.1:$port/feed.atom" | grep -c "<entry>")
echo "articles imported on first start: $articles"
[[ $articles -ge 2 ]] || status=1
[[ $status == 0 ]] || cat "$data/portal.log"
exit $status
