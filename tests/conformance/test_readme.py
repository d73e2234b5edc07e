"""The README's numbers and commands are checked, so they cannot drift from the code."""

import pkgutil
import re
from pathlib import Path

import tests.broken_backends
from conformance.catalog import load_catalog
from conformance.cli import DEFAULT_REPORT_ROOT, build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_catalog_counts_are_the_catalogs():
    catalog = load_catalog()
    rules = list(catalog.rules.values())
    found = re.search(r"(\d+) rules in (\d+) areas, (\d+) checks in all", README)
    assert found, "the README states the catalog's size as 'N rules in N areas, N checks in all'"
    stated = tuple(int(n) for n in found.groups())
    actual = (len(rules), len({r.area for r in rules}), len(catalog.checks()))
    assert stated == actual, f"README says {stated} (rules, areas, checks); the catalog has {actual}"


def test_the_broken_backend_count_is_the_directorys():
    modules = [m for m in pkgutil.iter_modules(tests.broken_backends.__path__) if not m.name.startswith("_")]
    found = re.search(r"(\d+)\s+deliberately broken backends", README)
    assert found and int(found.group(1)) == len(modules), (found and found.group(0), len(modules))


def test_every_command_is_documented_and_the_default_report_dir_is_ignored_by_git():
    commands = build_parser()._subparsers._group_actions[0].choices
    for command in commands:
        assert f"conformance {command}" in README, command
    assert f"`{DEFAULT_REPORT_ROOT}/<backend>/`" in README
    assert f"/{DEFAULT_REPORT_ROOT}/" in (ROOT / ".gitignore").read_text().splitlines()
