"""The rule book: every rule with its example run on torch, the article's claims with torch's verdict,
graph pictures and engine results, as one offline HTML page and as Markdown.

    conformance rulebook [--out reports/rulebook] [--backend minigrad]

writes OUT/index.html, OUT/rulebook.md and OUT/graphs/ (DOT, and SVG where Graphviz is installed).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

from conformance.explain import DEFAULT_TIMEOUT

DEFAULT_OUT = os.path.join("reports", "rulebook")
DEFAULT_SCOREBOARD = os.path.join("reports", "scoreboard", "scoreboard.json")


def write_book(book, out: str) -> list[str]:
    """Write the HTML page, the Markdown file and the graph files; returns the paths written."""
    from conformance.rulebook import html, markdown
    from conformance.rulebook.text import GRAPHS_DIR, graph_path

    graphs_dir = os.path.join(out, GRAPHS_DIR)
    shutil.rmtree(graphs_dir, ignore_errors=True)  # pictures of rules that are gone must not linger
    os.makedirs(graphs_dir, exist_ok=True)
    written = []
    for entry in book.entries:
        for graph in entry.graphs:
            for extension, text in (("dot", graph.dot), ("svg", graph.svg)):
                if text:
                    written.append(
                        _write(os.path.join(out, graph_path(entry.rule.id, graph.engine, extension)), text)
                    )
    written.append(_write(os.path.join(out, html.FILENAME), html.render(book)))
    written.append(_write(os.path.join(out, markdown.FILENAME), markdown.render(book)))
    return written


def _write(path: str, text: str) -> str:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def add_arguments(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """The options of `conformance rulebook` (cli.py adds them to its subcommand)."""
    parser.add_argument("--out", default=DEFAULT_OUT, metavar="DIR", help=f"default {DEFAULT_OUT}")
    parser.add_argument("--backend", default="minigrad", help="engine shown next to torch (default minigrad)")
    parser.add_argument("--results", metavar="FILE", help="its results.json (default reports/BACKEND/...)")
    parser.add_argument("--scoreboard", default=DEFAULT_SCOREBOARD, metavar="FILE", help="used if it exists")
    parser.add_argument("--timeout", default=DEFAULT_TIMEOUT, metavar="SECONDS", help="per example")
    return parser


def rulebook_main(argv: list[str] | None = None) -> int:
    """`conformance rulebook [--out DIR] [--backend NAME]`."""
    parser = argparse.ArgumentParser(prog="conformance rulebook", description="Generate the rule book.")
    try:
        args = add_arguments(parser).parse_args(argv)
    except SystemExit as e:
        return 0 if e.code == 0 else 2
    return run_rulebook(args)


def run_rulebook(args) -> int:
    """Build the book from the catalog (examples run now) and write it to ``args.out``."""
    from conformance.explain import catalog_rules
    from conformance.report.atomic import ReportDirError, check_writable_dir
    from conformance.rulebook.book import build_book
    from conformance.runner import ConfigError, check_timeout

    try:
        check_writable_dir(args.out)
        args.timeout = check_timeout(args.timeout)
        # the written rules: the op checks generated from torch's database are not told in the book
        rules = [r for r in catalog_rules() if not r.generated]
    except ReportDirError as e:
        print(f"conformance: error: {e}; pass another --out", file=sys.stderr)
        return 2
    except ConfigError as e:
        print(f"conformance: error: {e}", file=sys.stderr)
        return 2
    results = args.results or os.path.join("reports", args.backend, "results.json")
    book = build_book(rules, args.backend, results, args.scoreboard, args.timeout)
    paths = write_book(book, args.out)
    unavailable = [e.rule.id for e in book.entries if e.torch_run.status in ("unavailable", "crashed")]
    print(
        f"rule book: {len(book.entries)} rules, {len(paths)} files in {args.out}/ (index.html, rulebook.md)"
    )
    if not book.graphviz:
        print(
            "Graphviz is not installed: graphs were written as DOT; render one with "
            "`dot -Tsvg graph.dot -o graph.svg` (apt-get install graphviz)"
        )
    if unavailable:
        print(f"torch could not run the examples of {', '.join(unavailable)}", file=sys.stderr)
        return 1
    return 0


__all__ = ["DEFAULT_OUT", "add_arguments", "rulebook_main", "run_rulebook", "write_book"]
