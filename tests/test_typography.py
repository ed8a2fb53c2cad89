"""French spacing at display time: no "?" nor "«" left alone at a line's start or end."""

from __future__ import annotations

from kiosk.library.typography import NBSP, french_spacing


def test_spaces_before_double_marks_and_inside_guillemets_become_non_breaking() -> None:
    text = "C'est quoi l'ESS ? Un « lieu de vie connecté » : oui ; enfin !"
    assert french_spacing(text) == (
        f"C'est quoi l'ESS{NBSP}? Un «{NBSP}lieu de vie connecté{NBSP}»{NBSP}: "
        f"oui{NBSP}; enfin{NBSP}!"
    )


def test_english_and_markdown_syntax_are_left_alone() -> None:
    for text in (
        "What is the SSE? A place: yes!",
        "| Nom | Lieu |\n| :--- | ---: |\n| a | b |",
        "Le four ![le four](assets/photos/four.jpg)",
        "https://bocagenumerique.com/a:b",
        "",
    ):
        assert french_spacing(text) == text


def test_a_line_break_before_a_mark_is_kept() -> None:
    assert french_spacing("Pourquoi\n?") == "Pourquoi\n?"
