"""The visitor screens."""
