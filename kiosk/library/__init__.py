"""Qt-free work on the content: storing and probing media, demo content."""
