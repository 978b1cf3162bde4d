# azd postprovision hook (azure.yaml), the Windows twin of postprovision.sh: prints the webhook URL to paste into
# each provider's movie JSON, and how to rotate the token. The tokens are read from Key Vault with your azd sign-in
# (azd auth token) and printed to this terminal only; in CI the URLs are printed with <token>.
$ErrorActionPreference = 'Continue'

$base = $env:RENDERHOOKS_WEBHOOK_BASE_URL
$vaultName = $env:AZURE_KEY_VAULT_NAME
$vaultUri = $env:AZURE_KEY_VAULT_ENDPOINT
if ([string]::IsNullOrEmpty($base) -or [string]::IsNullOrEmpty($vaultUri)) {
    Write-Warning "RenderHooks: RENDERHOOKS_WEBHOOK_BASE_URL or AZURE_KEY_VAULT_ENDPOINT is missing from the azd environment; run 'azd provision'."
    exit 0
}

$rotating = -not [string]::IsNullOrEmpty($env:RENDERHOOKS_WEBHOOK_TOKEN_NEXT)
$inCi = -not [string]::IsNullOrEmpty("$($env:CI)$($env:TF_BUILD)$($env:GITHUB_ACTIONS)")

# The value of a Key Vault secret, or $null when it cannot be read (not signed in, or the Key Vault Secrets Officer
# role given to you by this deployment has not reached Key Vault yet: that takes up to a few minutes).
function Read-Secret([string] $name) {
    try {
        $access = (azd auth token --output json --scope https://vault.azure.net/.default 2>$null | ConvertFrom-Json).token
        if ([string]::IsNullOrEmpty($access)) { return $null }
        $uri = "$($vaultUri.TrimEnd('/'))/secrets/$($name)?api-version=7.4"
        return (Invoke-RestMethod -Uri $uri -Headers @{ Authorization = "Bearer $access" } -TimeoutSec 20).value
    }
    catch {
        return $null
    }
}

# Tries for about a minute, while a new role assignment propagates.
function Get-Token([string] $name) {
    if ($inCi) { return '<token>' }
    for ($attempt = 1; $attempt -le 6; $attempt++) {
        $value = Read-Secret $name
        if (-not [string]::IsNullOrEmpty($value)) { return $value }
        if ($attempt -lt 6) { Start-Sleep -Seconds 10 }
    }
    return '<token>'
}

function Write-Urls([string] $token) {
    Write-Host "  PhantomFlow  `"webhook_uri`": `"$base/phantomflow/$token`""
    Write-Host "  JSON2Video   `"endpoint`":    `"$base/json2video/$token`"  (in exports[].destinations[], `"type`": `"webhook`")"
}

$token0 = Get-Token 'webhook-token-0'
Write-Host ''
Write-Host 'RenderHooks webhook URLs. They hold the secret token: keep them out of logs, tickets and chats.'
Write-Urls $token0

if ($rotating) {
    $token1 = Get-Token 'webhook-token-1'
    Write-Host ''
    Write-Host 'Rotation under way: both tokens are accepted. Switch your movie JSON templates to these URLs:'
    Write-Urls $token1
    Write-Host ''
    Write-Host "When the renders submitted with the old token have finished (and PhantomFlow's retries, about 13 minutes"
    Write-Host 'after its last render ended), make the new token the only one:'
    Write-Host '  azd env set RENDERHOOKS_WEBHOOK_TOKEN "$(azd env get-value RENDERHOOKS_WEBHOOK_TOKEN_NEXT)"'
    Write-Host '  azd env set RENDERHOOKS_WEBHOOK_TOKEN_NEXT ""'
    Write-Host '  azd provision'
}
else {
    Write-Host ''
    Write-Host 'To rotate the token (two are accepted at once while you switch):'
    Write-Host '  azd env set RENDERHOOKS_WEBHOOK_TOKEN_NEXT ([Convert]::ToHexString([Security.Cryptography.RandomNumberGenerator]::GetBytes(24)))'
    Write-Host '      (or: azd env set-secret RENDERHOOKS_WEBHOOK_TOKEN_NEXT)'
    Write-Host '  azd provision   (prints the new URLs, and the step that retires the old token)'
}

if ($token0 -eq '<token>') {
    Write-Host ''
    if ($inCi) {
        Write-Host 'Tokens are not printed in CI. Read one with:'
    }
    else {
        Write-Host 'The token could not be read from Key Vault yet (your Key Vault Secrets Officer role can take a few minutes).'
        Write-Host "Print these URLs again with 'azd hooks run postprovision', or read the token with:"
    }
    Write-Host "  az keyvault secret show --vault-name $vaultName --name webhook-token-0 --query value --output tsv"
}
Write-Host ''
