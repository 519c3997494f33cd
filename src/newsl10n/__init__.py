"""newsl10n: English news articles to gettext catalogs, machine drafts and back.

Importing the package is cheap: no torch, no transformers, no model. The commands
live in :mod:`newsl10n.workflow`; the CLI in :mod:`newsl10n.cli` is a thin shell.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
