@echo off
rem Set up (first time) and run the whole test suite on Windows. Usage: scripts\test.cmd [pytest args]
rem As scripts/test.sh: ruff, lint-imports, the tests not marked gui without Qt (scripts\no-qt first
rem on PYTHONPATH, pytest-qt disabled), then every test with Qt.
setlocal
cd /d "%~dp0.."
if not exist .venv\Scripts\python.exe py -3.11 -m venv .venv || python -m venv .venv
.venv\Scripts\python.exe -m pip install -q -c constraints.txt -e ".[test]" || exit /b 1
set QT_QPA_PLATFORM=offscreen
.venv\Scripts\ruff.exe check . || exit /b 1
.venv\Scripts\ruff.exe format --check . || exit /b 1
.venv\Scripts\lint-imports.exe --no-cache --no-logo || exit /b 1
.venv\Scripts\mypy.exe || exit /b 1
echo == core run: the tests not marked gui, without Qt
set "SAVED_PYTHONPATH=%PYTHONPATH%"
if defined PYTHONPATH (set "PYTHONPATH=%CD%\scripts\no-qt;%PYTHONPATH%") else set "PYTHONPATH=%CD%\scripts\no-qt"
.venv\Scripts\python.exe -m pytest -p no:pytest-qt -m "not gui" %*
set CORE_STATUS=%ERRORLEVEL%
set "PYTHONPATH=%SAVED_PYTHONPATH%"
if not %CORE_STATUS%==0 if not %CORE_STATUS%==5 exit /b %CORE_STATUS%
echo == all tests, with Qt
.venv\Scripts\python.exe -m pytest %*
