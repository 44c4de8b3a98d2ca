@echo off
rem Set up (first time) and start perfdesk on Windows. Usage: scripts\start.cmd [WS.perfdesk]
setlocal
cd /d "%~dp0.."
if not exist .venv\Scripts\python.exe py -3.11 -m venv .venv || python -m venv .venv
.venv\Scripts\python.exe -m pip install -q -c constraints.txt -e . || exit /b 1
if "%~1"=="" (.venv\Scripts\perfdesk.exe --demo) else (.venv\Scripts\perfdesk.exe %*)
