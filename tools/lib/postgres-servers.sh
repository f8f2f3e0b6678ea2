# Sourced by the PostgreSQL demonstrations (tools/two-node-demo.sh, tools/replica-demo.sh): Debian's
# server programs, throw-away clusters on free loopback ports, and the portal and importer published
# for Release. Needs `work` (the demo's temporary folder) set before use. As root, the server
# programs run as the postgres user: initdb refuses root.
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -x $bin/initdb ]] || { echo "needs PostgreSQL (apt-get install -y postgresql)" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
as_server() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# publish_apps: the portal (with docs/, which its /about and /help pages read) into $work/portal, the
# importer into $work/importer.
publish_apps() {
  echo "publishing (Release) …" >&2
  dotnet publish src/PolicyNews.Web/PolicyNews.Web.csproj -c Release -o "$work/portal" --nologo -v quiet > "$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
  cp -r docs "$work/portal"/
  dotnet publish src/PolicyNews.Importer/PolicyNews.Importer.csproj -c Release -o "$work/importer" --nologo -v quiet > "$work/build.log" || { cat "$work/build.log" >&2; exit 1; }
}

# cluster_folder NAME: $work/NAME, owned by the user the server runs as.
cluster_folder() { mkdir -p "$work/$1"; [[ $(id -u) -eq 0 ]] && chown postgres "$work/$1"; return 0; }

# start_cluster NAME PORT: the data folder $work/NAME/data (made by initdb unless it exists, e.g. from
# pg_basebackup) started on 127.0.0.1:PORT, its socket and log in $work/NAME.
start_cluster() {
  [[ -d $work/$1/data ]] || as_server "$bin/initdb" -D "$work/$1/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync > /dev/null
  as_server "$bin/pg_ctl" -D "$work/$1/data" -l "$work/$1/server.log" -w -o "-p $2 -k $work/$1 -c listen_addresses=127.0.0.1" start > /dev/null
}

# stop_cluster NAME: stops it if it runs (for the demos' cleanup).
stop_cluster() {
  [[ -f $work/$1/data/postmaster.pid ]] && as_server "$bin/pg_ctl" -D "$work/$1/data" -m fast -w stop > /dev/null 2>&1 || true
}
