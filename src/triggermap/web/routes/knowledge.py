"""The knowledge-base browser: the `triggermap kb show` pages and search, at stable addresses
(the CDS Hooks cards link to `/kb/conditions/{id}` and `/kb/triage-rules/{id}`).

    GET /kb                       every kind, with a search box
    GET /kb/search?q=WORDS        entries whose text mentions every word
    GET /kb/{kind}                the entries of one kind (ids as `kb list` writes them)
    GET /kb/{kind}/{id}           one entry as a page (`kb show`), with its picture
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from triggermap.errors import InputError, NotFoundError, show_text
from triggermap.services.knowledge import entry_json, entry_kinds, list_entries, search
from triggermap.web.deps import ApplicationDep
from triggermap.web.templating import render

router = APIRouter()
MAX_QUERY_CHARACTERS = 200
TEST = re.compile(r"test <code>([a-z0-9_]+)</code>")
COMMAND = re.compile(r"<code>triggermap kb show ([a-z-]+) ([a-z0-9_]+)</code>")


@router.get("/kb")
async def kinds_page(request: Request, app: ApplicationDep) -> Response:
    counts = app.kb.counts()
    kinds = [(k, counts.get(k.replace("-", "_"))) for k in entry_kinds()]
    context = {"title": "Knowledge base", "kinds": kinds, "version": app.kb.version, "q": ""}
    return render(request, "pages/kb_index.html", context)


@router.get("/kb/search")
async def search_page(request: Request, app: ApplicationDep, q: str = "") -> Response:
    if len(q) > MAX_QUERY_CHARACTERS:
        raise InputError(f"q: {len(q)} characters is longer than {MAX_QUERY_CHARACTERS}")
    hits = search(app, text=q) if q.strip() else []
    context = {"title": f"Search: {q}" if q else "Search", "q": q, "hits": hits}
    return render(request, "pages/kb_search.html", context)


@router.get("/kb/{kind}")
async def kind_page(request: Request, kind: str, app: ApplicationDep) -> Response:
    entries = list_entries(app.kb, _known(kind))
    context: dict[str, Any] = {"title": kind.replace("-", " ").capitalize(), "kind": kind}
    context["entries"] = entries
    context["pages"] = kind.replace("-", "_") in {k.replace("-", "_") for k in _page_kinds()}
    return render(request, "pages/kb_kind.html", context)


@router.get("/kb/{kind}/{entry_id}")
async def entry_page(request: Request, kind: str, entry_id: str, app: ApplicationDep) -> Response:
    from triggermap.render.kb_pages import render_page

    if _known(kind) not in _page_kinds():
        raise NotFoundError(f"address: {kind} is a list of ids, not pages (see /kb/{kind})")
    entry_json(app.kb, kind, entry_id)  # NotFoundError naming the nearest ids
    text = render_page(app.kb, kind.replace("-", "_"), entry_id)
    illustration = app.kb.illustrations.get(entry_id) if kind == "treatments" else None
    title = text.splitlines()[0].lstrip("# ").strip() or entry_id
    page = markdown_html(text, sources=frozenset(app.kb.sources), tests=frozenset(app.kb.tests))
    context: dict[str, Any] = {"title": title, "kind": kind, "page": page}
    context["illustration"] = illustration
    return render(request, "pages/kb_entry.html", context)


def markdown_html(
    text: str, sources: frozenset[str] = frozenset(), tests: frozenset[str] = frozenset()
) -> Markup:
    """A `kb show` page (Markdown) as HTML: raw HTML in it is shown as text, never run; the
    commands it names (`triggermap kb show KIND ID`) and the tests (`test ID`) become links to
    those pages, and every citation key in the text a link to its full reference (Sources)."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark", {"html": False}).render(text)
    linked = COMMAND.sub(lambda m: f'<a href="/kb/{m[1]}/{m[2]}">{m[1]}: {m[2]}</a>', html)
    linked = TEST.sub(lambda m: _test_link(m, tests), linked)
    return Markup(_cite(linked, sources))  # markdown-it escapes every text it renders


def _test_link(found: re.Match[str], tests: frozenset[str]) -> str:
    test_id = found[1]
    return (
        f'test <a href="/kb/tests/{test_id}">{found[0][5:]}</a>' if test_id in tests else found[0]
    )


def _cite(html: str, sources: frozenset[str]) -> str:
    """The Sources list's items get an id (`source-KEY`); a key anywhere else in the text (in
    its brackets or parentheses) links to it. Keys are plain ids: never inside a tag."""
    if not sources:
        return html
    keys = "|".join(sorted((re.escape(k) for k in sources), key=len, reverse=True))
    item = re.compile(rf"<li><strong>({keys})</strong>")
    html = item.sub(lambda m: f'<li id="source-{m[1]}"><strong>{m[1]}</strong>', html)
    cited = re.compile(rf"(?<![\w\-\"/>])({keys})(?![\w\-\"<])")
    return cited.sub(lambda m: f'<a class="cite" href="#source-{m[1]}">{m[1]}</a>', html)


def _known(kind: str) -> str:
    if kind not in entry_kinds():
        raise NotFoundError(f"address: no kind {show_text(kind)} in the knowledge base (see /kb)")
    return kind


def _page_kinds() -> tuple[str, ...]:
    from triggermap.services.knowledge import VOCABULARIES

    vocabularies = {v.replace("_", "-") for v in VOCABULARIES}
    return tuple(k for k in entry_kinds() if k not in vocabularies)
