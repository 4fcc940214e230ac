"""Provides the screens of the review session, one per module with a sibling .tcss."""
