# The pipeline host (WebJobs triggers + HTTP endpoints) as one container.
#   docker build -t customer-value .
#   docker run -p 8080:8080 -e AzureWebJobsStorage="<connection string>" customer-value
# Settings come from environment variables ("__" for ":"); see infra/README.md.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so that the package layer is reused while only code changes.
COPY Directory.Build.props Directory.Packages.props host.json ./
COPY shared/Core/CustomerValue.Core.csproj shared/Core/
COPY shared/Storage/CustomerValue.Storage.csproj shared/Storage/
COPY functions/CustomerValue.Functions.csproj functions/
RUN dotnet restore functions/CustomerValue.Functions.csproj
COPY shared/ shared/
COPY functions/ functions/
RUN dotnet publish functions/CustomerValue.Functions.csproj -c Release --no-restore -o /app/publish /p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app/publish .
# Listen on every interface inside the container; the host reads Host__Urls (ASPNETCORE_URLS for anything else).
ENV Host__Urls=http://0.0.0.0:8080 \
    ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# The image's built-in unprivileged user (uid 1654): the process needs no write access to /app.
USER $APP_UID
# Liveness/readiness: GET /api/health answers 200 {"status":"ok"} once the host is up. The aspnet image has no
# curl, so the orchestrator probes it (Container Apps probes in infra/modules/app.bicep), not a HEALTHCHECK here.
ENTRYPOINT ["dotnet", "CustomerValue.Functions.dll"]
