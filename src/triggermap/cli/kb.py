"""`triggermap kb`: check, list, show, source and search the knowledge base."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from triggermap.cli.options import FORCE_HELP
from triggermap.services.knowledge import entry_kinds

app = typer.Typer(help="Browse and check the knowledge base.", no_args_is_help=True)

KINDS = entry_kinds()
DEFAULT_VOCABULARY = Path("../shared/spec/vocabulary.yaml")


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
    from triggermap.services.knowledge import load_knowledge_base, vocabulary_problems

    try:
        kb = load_knowledge_base(None if path is None else str(path), validate=True)
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
        problems = vocabulary_problems(kb, str(vocab))
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
    """List the entries of one kind, or one of the examination's vocabularies."""
    from triggermap.services.knowledge import list_entries, load_knowledge_base

    entries = list_entries(load_knowledge_base(), kind)
    if as_json:
        typer.echo(json.dumps([data for _, _, data in entries], indent=2, ensure_ascii=False))
        return
    width = max((len(i) for i, _, _ in entries), default=0)
    for entry_id, title, _ in entries:
        typer.echo(f"{entry_id:<{width}}  {title}")


@app.command("show")
def show(
    kind: str = typer.Argument(..., help=f"One of: {', '.join(KINDS)}"),
    entry_id: str = typer.Argument(..., metavar="ID"),
    as_json: bool = typer.Option(False, "--json", help="Print the entry as JSON."),
) -> None:
    """Show one entry as a readable page."""
    from triggermap.render.kb_pages import render_page
    from triggermap.services.knowledge import entry_json, load_knowledge_base

    kb = load_knowledge_base()
    data = entry_json(kb, kind, entry_id)
    if as_json:
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    _print_markdown(render_page(kb, kind.replace("-", "_"), entry_id))


@app.command("illustration")
def illustration(
    entry_id: str = typer.Argument(..., metavar="ID", help="A treatment id with a picture."),
    output: Path = typer.Option(..., "--output", "-o", help="File to write: .svg or .png"),
    side: str = typer.Option("right", "--side", help="left or right: the side worked."),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
) -> None:
    """Draw a self-care item's picture to an SVG or PNG file."""
    from triggermap.errors import InputError, NotFoundError, show_path, show_text
    from triggermap.private_files import check_new_file, write_private_file
    from triggermap.render.pictures import picture_for
    from triggermap.render.pictures.svg import picture_svg

    suffix = output.suffix.lower()
    if suffix not in (".svg", ".png"):
        raise InputError(f"--output: {show_path(output)} must end in .svg or .png")
    if side not in ("left", "right"):
        raise InputError(f"--side: {show_text(side)} is not left or right")
    check_new_file(output, force=force)
    from triggermap.services.knowledge import load_knowledge_base

    kb = load_knowledge_base()
    picture = picture_for(kb, entry_id, "left" if side == "left" else "right")
    if picture is None:
        raise NotFoundError(
            f"ID: no picture for {show_text(entry_id)} (try `triggermap kb list illustrations`)"
        )
    svg = picture_svg(picture)
    if suffix == ".svg":
        write_private_file(output, svg, force=force)
    else:
        from triggermap.render.pictures.png import svg_to_png

        write_private_file(output, svg_to_png(svg), force=force)
    typer.echo(f"wrote {output}: {picture.title}")


@app.command("source")
def source(key: str = typer.Argument(..., help="A citation key, e.g. travell_simons_1992")) -> None:
    """Print the full reference behind a citation key."""
    from triggermap.render.kb_pages import render_source
    from triggermap.services.knowledge import load_knowledge_base, source_of

    kb = load_knowledge_base()
    typer.echo(render_source(kb, source_of(kb, key)))


@app.command("search")
def search(
    words: list[str] = typer.Argument(..., metavar="TEXT...", help="Words; all must match."),
    as_json: bool = typer.Option(False, "--json", help="Print the hits as JSON."),
) -> None:
    """Find entries of any kind whose text mentions every word."""
    from triggermap.cli.options import application
    from triggermap.services.knowledge import search as search_knowledge

    text = " ".join(words)
    hits = search_knowledge(application(None), text=text)
    if as_json:
        typer.echo(json.dumps([h._asdict() for h in hits], indent=2, ensure_ascii=False))
        return
    if not hits:
        from triggermap.errors import show_text

        typer.echo(f"nothing matches {show_text(text)}")
        return
    for hit in hits:
        typer.echo(f"{hit.kind:<13} {hit.id:<34} {hit.title}")
        typer.echo(f"{'':<13} … {hit.snippet}")


def _print_markdown(text: str) -> None:
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(text))


def schema_command(
    name: str = typer.Argument(
        ..., metavar="FORMAT", help="case (what triggermap reads), assessment or plan."
    ),
) -> None:
    """Print a format as JSON Schema: the case to write, or an assessment or plan to read."""
    from triggermap.cli.options import application
    from triggermap.services.knowledge import format_schema

    schema = format_schema(application(None), name=name)
    typer.echo(json.dumps(schema, indent=2, ensure_ascii=False))
