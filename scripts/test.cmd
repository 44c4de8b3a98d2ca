@echo off
rem Set up (first time) and run the whole test suite on Windows. Usage: scripts\test.cmd [pytest args]
setlocal
cd /d "%~dp0.."
if not exist .venv\Scripts\python.exe py -3.11 -m venv .venv || python -m venv .venv
.venv\Scripts\python.exe -m pip install -q -c constraints.txt -e ".[test]" || exit /b 1
set QT_QPA_PLATFORM=offscreen
.venv\Scripts\ruff.exe check . || exit /b 1
.venv\Scripts\mypy.exe || exit /b 1
.venv\Scripts\python.exe -m pytest %*
