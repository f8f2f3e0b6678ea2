# PolicyNews portal: build with the SDK, run on the ASP.NET runtime.
#   docker build -t policynews .
#   docker run -p 8080:8080 -v policynews-data:/data policynews
# The first start imports seeds/ into /data/policynews.db; later starts reuse it.
# tools/smoke-publish.sh runs the same publish and layout without Docker and checks the pages answer.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so the restore layer is cached until a dependency changes.
COPY src/PolicyNews.Archive/PolicyNews.Archive.csproj src/PolicyNews.Archive/
COPY src/PolicyNews.Web/PolicyNews.Web.csproj src/PolicyNews.Web/
RUN dotnet restore src/PolicyNews.Web/PolicyNews.Web.csproj
COPY src/ src/
# The web project takes its static assets from the top-level wwwroot/; publish fingerprints and
# compresses them (Brotli, gzip) into /app/wwwroot.
COPY wwwroot/ wwwroot/
RUN dotnet publish src/PolicyNews.Web/PolicyNews.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
# A CJK font for the share cards (og:image, src/PolicyNews.Web/ShareCards): without one the portal
# serves no cards and its pages name none. SkiaSharp's native library is the self-contained build,
# so no fontconfig is needed; the portal finds the font files under /usr/share/fonts itself.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app ./
# The portal reads these from its working directory (see src/PolicyNews.Web/Hosting/SiteFolders.cs);
# wwwroot/ came with the publish output.
COPY docs/ docs/
COPY seeds/ seeds/
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Archive__Database=/data/policynews.db \
    Archive__Seeds=/app/seeds/
# A named volume copies this folder's owner, so the non-root app user can write the database.
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
EXPOSE 8080
USER $APP_UID
# Readiness (/readyz: database reachable, schema current, quick_check passed at start), asked by
# the portal's own probe: the aspnet image carries no curl or wget, and a bash /dev/tcp probe would
# only show the port is open. Exit 0 on 200, else 1 with the reason (`docker inspect` shows it).
# The start period covers the first start's seed import (and a migration rebuilding the index).
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["dotnet", "PolicyNews.Web.dll", "--healthcheck", "http://127.0.0.1:8080/readyz"]
# docker stop sends SIGTERM and, 10 s later, SIGKILL: requests in flight get
# HostOptions:ShutdownTimeout (8 s) to finish first.
ENTRYPOINT ["dotnet", "PolicyNews.Web.dll"]
