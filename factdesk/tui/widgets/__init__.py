"""Provides the widgets the review screens are built from; they post messages, never call storage."""
