"""Allow ``python -m perfdesk``."""

from perfdesk.cli import main

raise SystemExit(main())
