<#
.SYNOPSIS
  Build perfdesk on a Windows PC: tests, the one-folder bundle, its smoke test, a .zip and the
  per-user installer.

.DESCRIPTION
  Needs Python 3.11 (the py launcher or python on PATH) and, for the installer, Inno Setup 6.3 or
  later (ISCC.exe; its per-user install needs no administrator rights either). From the
  repository's root or anywhere:

      powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 [-SkipTests] [-Iscc PATH]

  1. .venv with the pinned packages (constraints.txt), the test and build extras included;
  2. the whole test suite (scripts\test.cmd) unless -SkipTests;
  3. PyInstaller: installer\perfdesk.spec into installer\dist-windows\perfdesk\;
  4. the smoke test of the frozen programs, in a folder whose name has Chinese and spaces:
     --version, import of both samples, export .docx and .json, check, a missing file, and the
     GUI (perfdesk --smoke-test) offscreen and on this desktop, with a screenshot;
  5. installer\dist-windows\perfdesk-VERSION-windows-x64.zip of the bundle;
  6. installer\dist-windows\perfdesk-VERSION-setup.exe from installer\perfdesk.iss (skipped with a
     message when ISCC.exe is not found).
  Stops at the first step that fails.
#>
param(
  [switch]$SkipTests,
  [string]$Iscc = ""
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$root = (Get-Location).Path

function Step([string]$text) { Write-Host "== $text" }
function Check([string]$what) { if ($LASTEXITCODE -ne 0) { throw "$what failed (exit status $LASTEXITCODE)" } }
function Seconds($watch) { [math]::Round($watch.Elapsed.TotalSeconds) }
function MB([string]$path) {
  [math]::Round((Get-ChildItem $path -Recurse -File | Measure-Object Length -Sum).Sum / 1MB)
}

# --- 1. Python environment ---------------------------------------------------------------------
Step "Python environment (.venv, constraints.txt)"
$py = Join-Path $root ".venv\Scripts\python.exe"
if (-not (Test-Path $py)) {
  & py -3.11 -m venv .venv
  if ($LASTEXITCODE -ne 0) { & python -m venv .venv; Check "creating .venv" }
}
& $py -m pip install -q --disable-pip-version-check --upgrade pip; Check "updating pip"
& $py -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test,build]"; Check "installing the pinned packages"
# The version and names, as ASCII JSON (a Chinese console code page cannot garble it)
$meta = & $py -c "import json, perfdesk; print(json.dumps({'version': perfdesk.__version__, 'publisher': perfdesk.APP_PUBLISHER}))" | ConvertFrom-Json
Check "reading the version"
$version = $meta.version
$numbers = @([regex]::Matches($version, "\d+") | ForEach-Object { $_.Value } | Select-Object -First 4)
while ($numbers.Count -lt 4) { $numbers += "0" }
$numeric = $numbers -join "."

# --- 2. tests ----------------------------------------------------------------------------------
if (-not $SkipTests) {
  Step "tests (scripts\test.cmd)"
  & cmd /c "scripts\test.cmd -p no:cacheprovider -q"; Check "the tests"
}

# --- 3. the bundle -----------------------------------------------------------------------------
Step "PyInstaller: installer\perfdesk.spec"
$dist = Join-Path $root "installer\dist-windows"
$bundle = Join-Path $dist "perfdesk"
$watch = [Diagnostics.Stopwatch]::StartNew()
& (Join-Path $root ".venv\Scripts\pyinstaller.exe") --noconfirm --clean --log-level WARN `
  --distpath $dist --workpath (Join-Path $root "installer\build-windows") installer\perfdesk.spec
Check "PyInstaller"
Write-Host ("   built in {0} s: {1} MB, {2} files" -f (Seconds $watch), (MB $bundle), (Get-ChildItem $bundle -Recurse -File).Count)

# --- 4. smoke test -----------------------------------------------------------------------------
Step "smoke test of the frozen programs"
$cli = Join-Path $bundle "perfdesk-cli.exe"
$gui = Join-Path $bundle "perfdesk.exe"
$work = Join-Path $env:TEMP ("perfdesk 冒烟 " + [guid]::NewGuid().ToString("N").Substring(0, 8))
$folder = Join-Path $work "绩效 文本\测试 2024"
New-Item -ItemType Directory -Force $folder | Out-Null
Copy-Item (Join-Path $bundle "_internal\perfdesk\data\samples\*.json") $folder
$ws = Join-Path $folder "两个 部门.perfdesk"
$smoke = [Diagnostics.Stopwatch]::StartNew()
function Run([string]$what, [int[]]$ok, [string[]]$arguments) {
  # Windows PowerShell turns a native program's stderr into errors, which "Stop" would throw
  $ErrorActionPreference = "Continue"
  $out = & $cli @arguments 2>&1 | Out-String
  $status = $LASTEXITCODE
  $ErrorActionPreference = "Stop"
  Write-Host ("   {0}: exit {1}" -f $what, $status)
  ($out -split "`r?`n" | Select-Object -First 4) | ForEach-Object { if ($_) { Write-Host "      $_" } }
  if ($ok -notcontains $status) { throw "smoke test: $what (exit status $status)" }
  return $out
}
$out = Run "--version" @(0) @("--version")
if ($out.Trim() -ne "perfdesk $version") { throw "smoke test: --version said '$($out.Trim())'" }
Run "import" @(0) @("import", (Join-Path $folder "chengde-2021.json"), (Join-Path $folder "julu-2024.json"), "--into", $ws) | Out-Null
$docx = Join-Path $folder "导出 文本.docx"
Run "export .docx" @(0) @("export", $ws, $docx, "--department", "巨鹿县司法局", "--year", "2024") | Out-Null
if ((Get-Item $docx).Length -lt 10000) { throw "smoke test: the .docx is too small" }
$json = Join-Path $folder "导出 数据.json"
Run "export .json" @(0) @("export", $ws, $json) | Out-Null
Run "check (findings expected)" @(0, 1) @("check", $ws) | Out-Null
Run "check the exported .json" @(0, 1) @("check", $json, "--format", "json") | Out-Null
$out = Run "a missing file" @(2) @("check", (Join-Path $folder "没有 这个.perfdesk"))
if ($out -match "Traceback") { throw "smoke test: a traceback for a missing file" }
# The GUI: the console program shows the report; the windowed one (what the clerk starts) must
# pass too, on the real desktop, where it also takes the screenshot.
Run "GUI offscreen" @(0) @("-platform", "offscreen", "--smoke-test", $ws) | Out-Null
$shot = Join-Path $dist "perfdesk-windows.png"
$watch = [Diagnostics.Stopwatch]::StartNew()
$process = Start-Process -FilePath $gui -ArgumentList @("--smoke-test", "`"$ws`"", "--screenshot", "`"$shot`"") -Wait -PassThru
Write-Host ("   GUI on this desktop (perfdesk.exe): exit {0} in {1} s, screenshot {2}" -f $process.ExitCode, (Seconds $watch), $shot)
if ($process.ExitCode -ne 0) { throw "smoke test: perfdesk.exe --smoke-test (exit status $($process.ExitCode))" }
Remove-Item -Recurse -Force $work
Write-Host ("   smoke test passed in {0} s" -f (Seconds $smoke))

# --- 5. zip ------------------------------------------------------------------------------------
$zip = Join-Path $dist "perfdesk-$version-windows-x64.zip"
Step "zip: $zip"
if (Test-Path $zip) { Remove-Item $zip }
Compress-Archive -Path $bundle -DestinationPath $zip
Write-Host ("   {0} MB" -f [math]::Round((Get-Item $zip).Length / 1MB))

# --- 6. the installer --------------------------------------------------------------------------
if (-not $Iscc) {
  $Iscc = @(
    "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe",
    "$env:ProgramFiles\Inno Setup 6\ISCC.exe",
    "$env:LOCALAPPDATA\Programs\Inno Setup 6\ISCC.exe"
  ) | Where-Object { Test-Path $_ } | Select-Object -First 1
}
if (-not $Iscc) {
  Write-Warning "ISCC.exe (Inno Setup 6.3+) not found: no installer built. Install Inno Setup or pass -Iscc PATH."
  exit 0
}
Step "installer: $Iscc installer\perfdesk.iss"
& $Iscc /Qp "/DAppVersion=$version" "/DNumericVersion=$numeric" "/DAppPublisher=$($meta.publisher)" "/DBundle=$bundle" installer\perfdesk.iss
Check "Inno Setup"
$setup = Join-Path $dist "perfdesk-$version-setup.exe"
Write-Host ("   {0}: {1} MB" -f $setup, [math]::Round((Get-Item $setup).Length / 1MB))
