"""factdesk: claim and fact tracking for newsroom fact-checkers."""

__version__ = "0.1.0"
