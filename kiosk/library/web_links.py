"""Web addresses: which links the kiosk shows, and reading a website as people write it (a bare
``www.site.fr`` gets ``https://``). Small on purpose: screens and forms import it alone."""

from __future__ import annotations

import re

from kiosk.store import validation

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(?!\d)")
_EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/:]+\.[A-Za-z]{2,}$")


def is_web_link(url: str | None) -> bool:
    """True for an address the gate accepts (http or https, a real host): the only links the
    kiosk shows."""
    if not url:
        return False
    return validation.web_address_problem(url.strip()) is None


def prepare_website(value: str | None) -> tuple[str | None, str | None]:
    """``(address, None)`` for a good address, ``(None, None)`` when empty, ``(None, reason)``
    when it is not a web address. A bare ``www.site.fr`` gets ``https://``; the address is then
    parsed by the gate (:func:`kiosk.store.validation.web_address_problem`)."""
    text = (value or "").strip()
    if not text:
        return None, None
    if _EMAIL.match(text) or text.lower().startswith("mailto:"):
        return None, "une adresse e-mail n'est pas un site web"
    candidate = text
    if "://" not in text and not _SCHEME.match(text):
        if any(char.isspace() for char in text) or "." not in text:
            return None, "ce n'est pas une adresse web"
        candidate = "https://" + text.lstrip("/")
    problem = validation.web_address_problem(candidate)
    if problem:
        return None, problem
    return candidate, None


def normalise_website(value: str) -> str | None:
    """An http(s) address; a bare ``www.site.fr`` gets ``https://``; None when empty;
    ValueError (its message the French reason) otherwise."""
    address, problem = prepare_website(value)
    if problem:
        raise ValueError(problem)
    return address
