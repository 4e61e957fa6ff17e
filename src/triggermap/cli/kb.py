"""`triggermap kb`: check, list, show, source and search the knowledge base."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from triggermap.kb.schema import KIND_MODELS

if TYPE_CHECKING:
    from triggermap.kb.loader import KnowledgeBase

app = typer.Typer(help="Browse and check the knowledge base.", no_args_is_help=True)

KINDS = tuple(k.replace("_", "-") for k in KIND_MODELS)
DEFAULT_VOCABULARY = Path("../shared/spec/vocabulary.yaml")


def _load(path: Path | None = None, *, use_cache: bool = True) -> KnowledgeBase:
    from triggermap.kb.loader import load_knowledge

    return load_knowledge(path, use_cache=use_cache and path is None)


def _kind(kind: str) -> str:
    from triggermap.errors import InputError

    if kind.replace("_", "-") not in KINDS:
        raise InputError(f"KIND: unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    return kind.replace("-", "_")


@app.command("check")
def check(
    path: Path | None = typer.Option(None, "--path", help="Check this knowledge directory."),
    vocabulary: Path | None = typer.Option(
        None,
        "--vocabulary",
        help="Also require every id of this vocabulary.yaml "
        "(default: ../shared/spec/vocabulary.yaml when it exists).",
    ),
) -> None:
    """Validate the knowledge base; print its version and the count of each kind."""
    from triggermap.errors import KnowledgeError
    from triggermap.kb.coverage import vocabulary_problems

    try:
        kb = _load(path, use_cache=False)  # a check always validates afresh
    except KnowledgeError as exc:
        for line in exc.problems:
            typer.echo(line, err=True)
        typer.echo(f"knowledge base invalid: {len(exc.problems)} problem(s)", err=True)
        raise typer.Exit(1) from None
    from triggermap.render.pictures.check import picture_problems

    pictures = picture_problems(kb)
    if pictures:
        for line in pictures:
            typer.echo(line, err=True)
        typer.echo(f"knowledge base pictures: {len(pictures)} problem(s)", err=True)
        raise typer.Exit(1)
    vocab = vocabulary or (DEFAULT_VOCABULARY if DEFAULT_VOCABULARY.exists() else None)
    if vocab is not None:
        problems = vocabulary_problems(kb, vocab)
        if problems:
            for line in problems:
                typer.echo(line, err=True)
            typer.echo(f"knowledge base incomplete: {len(problems)} problem(s)", err=True)
            raise typer.Exit(1)
    typer.echo(f"knowledge base ok: {kb.manifest.name} {kb.version}")
    for name, count in kb.counts().items():
        typer.echo(f"  {name.replace('_', '-'):<14} {count:>4}")
    typer.echo("  every self-care item has a picture that draws")
    if vocab is not None:
        typer.echo(f"  every id of {vocab} is present")


@app.command("list")
def list_(
    kind: str = typer.Argument(..., help=f"One of: {', '.join(KINDS)}"),
    as_json: bool = typer.Option(False, "--json", help="Print a JSON list of objects."),
) -> None:
    """List the entries of one kind."""
    from triggermap.kb.schema import dump, entry_title

    kb = _load()
    entries = kb.kind(_kind(kind))
    if as_json:
        typer.echo(json.dumps([dump(e) for e in entries.values()], indent=2, ensure_ascii=False))
        return
    width = max((len(i) for i in entries), default=0)
    for entry_id, entry in entries.items():
        typer.echo(f"{entry_id:<{width}}  {entry_title(entry)}")


@app.command("show")
def show(
    kind: str = typer.Argument(..., help=f"One of: {', '.join(KINDS)}"),
    entry_id: str = typer.Argument(..., metavar="ID"),
    as_json: bool = typer.Option(False, "--json", help="Print the entry as JSON."),
) -> None:
    """Show one entry as a readable page."""
    from triggermap.errors import NotFoundError
    from triggermap.kb.schema import dump
    from triggermap.render.kb_pages import render_page

    kb = _load()
    entries = kb.kind(_kind(kind))
    if entry_id not in entries:
        raise NotFoundError(f"ID: no {kind} entry {entry_id!r} (try `triggermap kb list {kind}`)")
    if as_json:
        typer.echo(json.dumps(dump(entries[entry_id]), indent=2, ensure_ascii=False))
        return
    _print_markdown(render_page(kb, _kind(kind), entry_id))


@app.command("illustration")
def illustration(
    entry_id: str = typer.Argument(..., metavar="ID", help="A treatment id with a picture."),
    output: Path = typer.Option(..., "--output", "-o", help="File to write: .svg or .png"),
    side: str = typer.Option("right", "--side", help="left or right: the side worked."),
) -> None:
    """Draw a self-care item's picture to an SVG or PNG file."""
    from triggermap.cli.options import check_writable, write_output
    from triggermap.errors import InputError, NotFoundError
    from triggermap.render.pictures import picture_for
    from triggermap.render.pictures.svg import picture_svg

    suffix = output.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise InputError(f"--output: {str(output)!r} must end in .svg or .png")
    if side not in ("left", "right"):
        raise InputError(f"--side: {side!r} is not left or right")
    check_writable(output)
    kb = _load()
    picture = picture_for(kb, entry_id, "left" if side == "left" else "right")
    if picture is None:
        raise NotFoundError(
            f"ID: no picture for {entry_id!r} (try `triggermap kb list illustrations`)"
        )
    svg = picture_svg(picture)
    if suffix == ".svg":
        write_output(output, svg)
    else:
        from triggermap.render.pictures.png import svg_to_png

        write_output(output, svg_to_png(svg))
    typer.echo(f"wrote {output}: {picture.title}")


@app.command("source")
def source(key: str = typer.Argument(..., help="A citation key, e.g. travell_simons_1992")) -> None:
    """Print the full reference behind a citation key."""
    from triggermap.errors import NotFoundError
    from triggermap.render.kb_pages import render_source

    kb = _load()
    if key not in kb.sources:
        raise NotFoundError(f"KEY: no source {key!r} (try `triggermap kb list sources`)")
    typer.echo(render_source(kb, key))


@app.command("search")
def search(
    words: list[str] = typer.Argument(..., metavar="TEXT...", help="Words; all must match."),
    as_json: bool = typer.Option(False, "--json", help="Print the hits as JSON."),
) -> None:
    """Find entries of any kind whose text mentions every word."""
    from triggermap.kb.search import search_knowledge

    kb = _load()
    text = " ".join(words)
    hits = search_knowledge(kb, text)
    if as_json:
        typer.echo(json.dumps([h._asdict() for h in hits], indent=2, ensure_ascii=False))
        return
    if not hits:
        typer.echo(f"nothing matches {text!r}")
        return
    for hit in hits:
        typer.echo(f"{hit.kind:<13} {hit.id:<34} {hit.title}")
        typer.echo(f"{'':<13} … {hit.snippet}")


def _print_markdown(text: str) -> None:
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(text))
