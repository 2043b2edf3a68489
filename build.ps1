#!/usr/bin/env pwsh
# Bootstraps Cake 7 from the local tool manifest and runs build.cake (same arguments as build.sh).
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'
dotnet tool restore | Out-Null
dotnet build src/Nuke.CrossBuild.Cake -c Release -v q -nologo | Out-Null
$rest = @($args)
if ($rest.Count -gt 0 -and -not "$($rest[0])".StartsWith('-')) { $rest = @("--target=$($rest[0])") + $rest[1..($rest.Count)] }
if ($rest -contains '--help' -or $rest -contains '-h') { dotnet cake build.cake --description; exit $LASTEXITCODE }
dotnet cake build.cake @rest
exit $LASTEXITCODE
