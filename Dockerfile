# DtHub's API with its web assets, for docker-compose.yml. Three stages: web assets (node), publish (sdk), run (aspnet).

# --- web assets: the map (web/dist) and GraphiQL (web/graphiql/dist); empty folders when there is nothing to build ---
FROM node:20-bookworm-slim AS web
WORKDIR /src
COPY . .
RUN set -e; mkdir -p api/DtHub.Api/wwwroot web/dist web/graphiql/dist; \
    for dir in web/graphiql web; do \
      if [ -f "$dir/package.json" ]; then \
        (cd "$dir" && if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi \
          && npm run build --if-present); \
      fi; \
    done

# --- the API, published once; restore is its own layer so source edits do not re-download packages ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS api
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY api/DtHub.Api/DtHub.Api.csproj api/DtHub.Api/
RUN dotnet restore api/DtHub.Api/DtHub.Api.csproj
COPY api/ api/
COPY db/ db/
COPY --from=web /src/api/DtHub.Api/wwwroot/ api/DtHub.Api/wwwroot/
RUN dotnet publish api/DtHub.Api/DtHub.Api.csproj -c Release -o /app --no-restore

# --- runtime: ICU stays on (vi-VN number formats), the app runs as the image's non-root user ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=api /app .
# The API looks for web/… upward from its folder, as it does in a checkout.
COPY --from=web /src/web/dist/ web/dist/
COPY --from=web /src/web/graphiql/dist/ web/graphiql/dist/
ENV ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "DtHub.Api.dll"]
