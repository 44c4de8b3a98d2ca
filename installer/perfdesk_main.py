"""The script PyInstaller freezes (installer/perfdesk.spec): both programs run the perfdesk command."""

from perfdesk.cli import main

raise SystemExit(main())
