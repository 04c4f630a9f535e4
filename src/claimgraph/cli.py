"""Command line: `claimgraph analyze`, `claimgraph report`.

Exit codes: 0 every input processed; 3 some inputs skipped (each named on stderr with the reason);
1 failure.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from . import __version__

EXIT_OK, EXIT_FAILURE, EXIT_SKIPPED = 0, 1, 3
DEFAULT_DB = "claimgraph.db"
DEFAULT_OUT = "claimgraph-out"

app = typer.Typer(
    help="Turn a folder of articles into actors, events, figures, quotes and claims, each tied to its "
         "sentence, and cross-check them across independent sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
state = {"quiet": False}

DbOption = Annotated[str, typer.Option("--db", help="SQLite file, or a database URL (postgresql://…).")]
OutOption = Annotated[Path, typer.Option("--out", help="Folder for report.json and report.html.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Show the version and exit.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only errors and skipped inputs on stderr.")] = False,
) -> None:
    state["quiet"] = quiet


@app.command()
def analyze(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (searched recursively).")],
    db: DbOption = DEFAULT_DB,
    out: OutOption = Path(DEFAULT_OUT),
    max_file_mb: Annotated[float, typer.Option(help="Skip input files larger than this.")] = 50.0,
    metadata: Annotated[Optional[Path], typer.Option(
        "--metadata", help="CSV or JSON file giving title, outlet, published and url per input file "
                           "(columns: file,title,outlet,published,url); it wins over the files' own.")] = None,
) -> None:
    """Run the whole pipeline on PATHS and write OUT/report.json and OUT/report.html."""
    from .ingest import InputError, MetadataManifest
    from .pipeline import run  # heavy imports (spaCy) only when there is work to do

    try:
        manifest = MetadataManifest.load(metadata) if metadata is not None else None
    except InputError as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_FAILURE) from exc

    def on_skip(skip) -> None:
        err.print(f"skipped {skip}", markup=False)

    try:
        with _progress() as progress:
            summary = run(paths, db, out, max_bytes=int(max_file_mb * 1024 * 1024), on_skip=on_skip,
                          progress=progress, metadata=manifest)
    except Exception as exc:  # a failure of the run itself (database, model): say what, exit 1
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_FAILURE) from exc
    if not state["quiet"]:
        err.print(
            f"{summary.documents_new} new, {summary.documents_unchanged} unchanged, "
            f"{summary.duplicates} duplicate, {len(summary.skipped)} skipped; "
            f"reports in {out / 'report.json'} and {out / 'report.html'}", markup=False)
    raise typer.Exit(EXIT_SKIPPED if summary.skipped else EXIT_OK)


@app.command()
def report(db: DbOption = DEFAULT_DB, out: OutOption = Path(DEFAULT_OUT)) -> None:
    """Rewrite OUT/report.json and OUT/report.html from the database alone."""
    from .report import write_reports
    from .store import Store

    if "://" not in db and not Path(db).exists():
        err.print(f"error: no database at {db} (run `claimgraph analyze` first)", markup=False)
        raise typer.Exit(EXIT_FAILURE)
    try:
        store = Store(db)
        json_path, html_path = write_reports(store, out)
        store.close()
    except Exception as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_FAILURE) from exc
    if not state["quiet"]:
        err.print(f"reports in {json_path} and {html_path}", markup=False)


class _progress:
    """A rich progress bar on stderr (silent with --quiet or when stderr is not a terminal)."""

    def __enter__(self):
        enabled = not state["quiet"] and err.is_terminal
        self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True,
                            disable=not enabled)
        self.bar.__enter__()
        self.tasks: dict[str, int] = {}
        return self

    def __call__(self, stage: str, advance: int, total: int | None) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(
                "reading and analysing files" if stage == "documents" else "cross-checking sources",
                total=total)
        self.bar.update(self.tasks[stage], advance=advance)

    def __exit__(self, *exc):
        return self.bar.__exit__(*exc)


if __name__ == "__main__":  # python -m claimgraph.cli
    sys.exit(app())
