"""The kit both UIs build on (the visitor screens in ``kiosk.ui``, the staff area in
``kiosk.staff``): theme and palette, icons, touch widgets and overlays, the gesture
recogniser, safe Markdown, the appearance modes, translations and the UI context."""
