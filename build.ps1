#!/usr/bin/env pwsh
# Bootstraps Cake 7 from the local tool manifest and runs build.cake (same arguments as build.sh:
# ./build.ps1 Publish --registry 127.0.0.1:5000, ./build.ps1 --target=Test, ./build.ps1 --help).
# Not run here (no PowerShell on this machine); build.sh is the tested entry point.
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'
# Output to a file or a CI log gets no ANSI escapes (Cake, dotnet and crossbuild all honour NO_COLOR).
if ([Console]::IsOutputRedirected) { $env:NO_COLOR = '1' }
dotnet tool restore | Out-Null
dotnet build src/Nuke.CrossBuild.Cake -c Release -v q -nologo | Out-Null
# Cake's script cache (tools/cache), as in build.sh: entries older than the add-in are removed first.
if (-not $env:CAKE_SETTINGS_ENABLESCRIPTCACHE) { $env:CAKE_SETTINGS_ENABLESCRIPTCACHE = 'true' }
$addin = Get-Item src/Nuke.CrossBuild.Cake/bin/Release/net10.0/Nuke.CrossBuild.Cake.dll
if (Test-Path tools/cache) { Get-ChildItem tools/cache -File | Where-Object { $_.LastWriteTime -le $addin.LastWriteTime } | Remove-Item }
$in = @($args | ForEach-Object { "$_" })
$out = New-Object System.Collections.Generic.List[string]
$i = 0
if ($in.Count -gt 0 -and -not $in[0].StartsWith('-')) { $out.Add("--target=$($in[0])"); $i = 1 }
for (; $i -lt $in.Count; $i++) {
  $arg = $in[$i]
  if ($arg -eq '--help' -or $arg -eq '-h') { dotnet cake build.cake --description; exit $LASTEXITCODE }
  # NUKE's "--name value" becomes Cake's "--name=value".
  if ($arg.StartsWith('--') -and -not $arg.Contains('=') -and $i + 1 -lt $in.Count -and -not $in[$i + 1].StartsWith('-')) {
    $out.Add("$arg=$($in[$i + 1])"); $i++
  } else {
    $out.Add($arg)
  }
}
dotnet cake build.cake @out
exit $LASTEXITCODE
