"""Review pages → HTML: Jinja2 templates with autoescaping, inline CSS and JS, a strict CSP.

The only importer of Jinja2. Every text from a catalog, article or glossary
reaches the page through an autoescaped ``{{ }}``; the only strings inserted
unescaped are the package's own stylesheet and script, which are hashed into
the page's Content-Security-Policy (``'sha256-…'``), so the browser runs that
script and applies that stylesheet and nothing else: no other script, no
inline event handler, no ``javascript:`` URL, no request to any server
(``default-src 'none'``).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from newsl10n import __version__
from newsl10n.review.page import MT, STALE, STATE_LABELS, TM, Page

DRAFT_STATES = (MT, TM, STALE)


def _asset(name: str) -> str:
    text = resources.files("newsl10n.review").joinpath("templates", name).read_text(encoding="utf-8")
    if "</" in text:  # would end the <style>/<script> element early
        raise RuntimeError(f"review asset {name} must not contain '</'")
    return text.strip()


def csp_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(*, css: str, js: str | None) -> str:
    """A policy that allows the given inline stylesheet (and script) and nothing else."""
    script = csp_hash(js) if js is not None else "'none'"
    return (
        f"default-src 'none'; style-src {csp_hash(css)}; script-src {script}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; object-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsl10n.review", "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    from markupsafe import Markup

    css, js = _asset("review.css"), _asset("review.js")
    env.globals.update(
        css=Markup(css),  # noqa: S704 - our own asset, checked for "</", hashed into the CSP
        version=__version__,
        labels=STATE_LABELS,
        draft_states=DRAFT_STATES,
        page_csp=content_security_policy(css=css, js=js),
        index_csp=content_security_policy(css=css, js=None),
        js=Markup(js),  # noqa: S704 - as above
    )
    return env


def render_page(page: Page) -> str:
    """The HTML of one article × language review page."""
    env = _environment()
    return str(
        env.get_template("page.html.j2").render(
            page=page, html_lang=page.lang.replace("_", "-"), csp=env.globals["page_csp"]
        )
    )


def render_index(pages: Sequence[Page], *, project: str) -> str:
    """The HTML of the index: every article × language with its progress."""
    env = _environment()
    return str(
        env.get_template("index.html.j2").render(
            pages=pages, project=project, html_lang="en", csp=env.globals["index_csp"]
        )
    )
