"""Provides the review session, a Textual app over the claim store.

Importing this package is cheap: `factdesk.tui.app.make_app` builds the app, and nothing
here imports spaCy (only the ingest worker does, in its own thread).
"""
