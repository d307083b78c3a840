"""``python -m asskomm_tui``."""

from .cli import main

raise SystemExit(main())
