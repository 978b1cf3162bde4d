#!/bin/sh
# azd postprovision hook (azure.yaml): prints the webhook URL to paste into each provider's movie JSON, and how to
# rotate the token. The tokens are read from Key Vault with your azd sign-in (azd auth token); they are printed to
# this terminal only, and never outside a terminal session of yours (in CI the URLs are printed with <token>).
# Uses the azd environment: RENDERHOOKS_WEBHOOK_BASE_URL, AZURE_KEY_VAULT_NAME, AZURE_KEY_VAULT_ENDPOINT (Bicep
# outputs) and RENDERHOOKS_WEBHOOK_TOKEN_NEXT (set while a rotation is under way).
set -u

base="${RENDERHOOKS_WEBHOOK_BASE_URL:-}"
vault_name="${AZURE_KEY_VAULT_NAME:-}"
vault_uri="${AZURE_KEY_VAULT_ENDPOINT:-}"
if [ -z "$base" ] || [ -z "$vault_uri" ]; then
  echo "RenderHooks: RENDERHOOKS_WEBHOOK_BASE_URL or AZURE_KEY_VAULT_ENDPOINT is missing from the azd environment; run 'azd provision'." >&2
  exit 0
fi

rotating=false
if [ -n "${RENDERHOOKS_WEBHOOK_TOKEN_NEXT:-}" ]; then
  rotating=true
fi

in_ci=false
if [ -n "${CI:-}${TF_BUILD:-}${GITHUB_ACTIONS:-}" ]; then
  in_ci=true
fi

# The value of a Key Vault secret, or nothing when it cannot be read (no curl, not signed in, or the Key Vault
# Secrets Officer role given to you by this deployment has not reached Key Vault yet: that takes up to a few minutes).
read_secret() {
  command -v curl >/dev/null 2>&1 || return 0
  access=$(azd auth token --output json --scope https://vault.azure.net/.default 2>/dev/null |
    sed -n 's/.*"token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
  [ -n "$access" ] || return 0
  # The access token goes to curl on stdin, not on its command line.
  printf 'Authorization: Bearer %s\n' "$access" |
    curl --silent --fail --max-time 20 --header @- "${vault_uri%/}/secrets/$1?api-version=7.4" 2>/dev/null |
    sed -n 's/.*"value"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p'
}

# Tries for about a minute, while a new role assignment propagates.
read_secret_patiently() {
  attempt=1
  while [ "$attempt" -le 6 ]; do
    value=$(read_secret "$1")
    if [ -n "$value" ]; then
      printf '%s' "$value"
      return 0
    fi
    [ "$attempt" -lt 6 ] && sleep 10
    attempt=$((attempt + 1))
  done
}

token_for() {
  if [ "$in_ci" = true ]; then
    printf '<token>'
    return 0
  fi
  value=$(read_secret_patiently "$1")
  if [ -n "$value" ]; then
    printf '%s' "$value"
  else
    printf '<token>'
  fi
}

print_urls() {
  echo "  PhantomFlow  \"webhook_uri\": \"$base/phantomflow/$1\""
  echo "  JSON2Video   \"endpoint\":    \"$base/json2video/$1\"  (in exports[].destinations[], \"type\": \"webhook\")"
}

token0=$(token_for webhook-token-0)
echo
echo "RenderHooks webhook URLs. They hold the secret token: keep them out of logs, tickets and chats."
print_urls "$token0"

if [ "$rotating" = true ]; then
  token1=$(token_for webhook-token-1)
  echo
  echo "Rotation under way: both tokens are accepted. Switch your movie JSON templates to these URLs:"
  print_urls "$token1"
  echo
  echo "When the renders submitted with the old token have finished (and PhantomFlow's retries, about 13 minutes"
  echo "after its last render ended), make the new token the only one:"
  echo "  azd env set RENDERHOOKS_WEBHOOK_TOKEN \"\$(azd env get-value RENDERHOOKS_WEBHOOK_TOKEN_NEXT)\""
  echo "  azd env set RENDERHOOKS_WEBHOOK_TOKEN_NEXT \"\""
  echo "  azd provision"
else
  echo
  echo "To rotate the token (two are accepted at once while you switch):"
  echo "  azd env set RENDERHOOKS_WEBHOOK_TOKEN_NEXT \"\$(openssl rand -hex 24)\"   (or: azd env set-secret RENDERHOOKS_WEBHOOK_TOKEN_NEXT)"
  echo "  azd provision   (prints the new URLs, and the step that retires the old token)"
fi

case "$token0" in
  "<token>")
    echo
    if [ "$in_ci" = true ]; then
      echo "Tokens are not printed in CI. Read one with:"
    else
      echo "The token could not be read from Key Vault yet (your Key Vault Secrets Officer role can take a few minutes)."
      echo "Print these URLs again with 'azd hooks run postprovision', or read the token with:"
    fi
    echo "  az keyvault secret show --vault-name $vault_name --name webhook-token-0 --query value --output tsv"
    ;;
esac
echo
