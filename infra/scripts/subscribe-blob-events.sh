#!/bin/sh
# Subscribes the app's upload blob trigger to the storage account's Event Grid system topic, after the code is
# deployed. azd runs it as the postdeploy hook (its environment holds the values below); by hand:
#   AZURE_RESOURCE_GROUP=rg-custval-dev AZURE_FUNCTION_APP_NAME=func-... BLOB_EVENTS_TOPIC_NAME=evgt-... \
#     infra/scripts/subscribe-blob-events.sh
# Event Grid validates the webhook when the subscription is created, so the Functions host must already run the
# Event Grid blob trigger; its blobs_extension key appears then. The script waits for that key (up to about
# 5 minutes), then deploys infra/blob-subscription.bicep, which reads the key itself.
set -eu

: "${AZURE_RESOURCE_GROUP:?set AZURE_RESOURCE_GROUP (the resource group of the deployment)}"
: "${AZURE_FUNCTION_APP_NAME:?set AZURE_FUNCTION_APP_NAME (output of infra/main.bicep)}"
: "${BLOB_EVENTS_TOPIC_NAME:?set BLOB_EVENTS_TOPIC_NAME (output of infra/main.bicep)}"
command -v az >/dev/null 2>&1 || { echo "The Azure CLI (az) is needed: https://aka.ms/azure-cli" >&2; exit 1; }

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
attempts=${BLOB_KEY_ATTEMPTS:-30}
attempt=1
while :; do
  key=$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_APP_NAME" \
    --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  if [ "$attempt" -ge "$attempts" ]; then
    echo "No blobs_extension key on $AZURE_FUNCTION_APP_NAME after $attempts attempts: is the code deployed and does" >&2
    echo "UploadBlobFunction use the Event Grid source? Check the app's log stream, then run this script again." >&2
    exit 1
  fi
  echo "Waiting for the host to create the blobs_extension key ($attempt/$attempts)..."
  attempt=$((attempt + 1))
  sleep 10
done
unset key

az deployment group create -g "$AZURE_RESOURCE_GROUP" -n blob-subscription \
  -f "$here/../blob-subscription.bicep" \
  -p functionAppName="$AZURE_FUNCTION_APP_NAME" systemTopicName="$BLOB_EVENTS_TOPIC_NAME" \
  --query "properties.outputs.subscriptionName.value" -o tsv
echo "Uploads to the uploads container now reach UploadBlobFunction through Event Grid."
