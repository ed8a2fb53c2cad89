"""The visitor UI: window, navigation, screens, touch widgets, theme."""
