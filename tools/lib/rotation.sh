# Sourced by the load tests (tools/load-test.sh, tools/two-node-demo.sh).
# rotation_paths BASE: every page the portal at BASE has (the pages of every file its sitemap index
# lists), plus searches in both scripts, the feed, the sitemap, the API and a missing page — one path
# per line, the pages tools/lib/rotation.lua requests in turn.
rotation_paths() {
  local file
  for file in $(curl -fs "$1/sitemap.xml" | sitemap_paths); do
    curl -fs "$1$file" | sitemap_paths
  done
  printf '%s\n' "/search?q=%E5%89%B5%E6%96%B0" "/search?q=chuangxin&script=hans" "/search?q=AI&sort=newest" \
    "/api/search?q=%E6%9D%AD%E5%B7%9E" "/api/articles" "/feed.atom" "/sitemap.xml" "/robots.txt" \
    "/tags?script=hans" "/help" "/no-such-page"
}

# The paths of a sitemap's (or a sitemap index's) <loc> URLs.
sitemap_paths() { grep -o '<loc>[^<]*</loc>' | sed -e 's/<[^>]*>//g' -e "s#^https\?://[^/]*##"; }
