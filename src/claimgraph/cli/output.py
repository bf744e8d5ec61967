"""How the CLI speaks: JSON Lines for machines (with --json or when stdout is not a
terminal), Rich tables for people, and one line on stderr for every error."""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from claimgraph.errors import ClaimgraphError

P = ParamSpec("P")
R = TypeVar("R")

EXIT_FAILED = 1
EXIT_PARTIAL = 3


@dataclass(frozen=True, slots=True)
class Out:
    json: bool
    console: Console
    errors: Console

    @classmethod
    def create(cls, want_json: bool) -> Out:
        return cls(
            json=want_json or not sys.stdout.isatty(),
            console=Console(),
            errors=Console(stderr=True, highlight=False, soft_wrap=True),
        )

    def record(self, obj: dict[str, Any]) -> None:
        """One JSON object per line, flushed at once so a pipe sees progress."""
        try:
            sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")
            sys.stdout.flush()
        except BrokenPipeError:
            reader_left()

    def rows(self, rows: Iterable[dict[str, Any]], columns: Sequence[str], title: str = "") -> None:
        if self.json:
            for r in rows:
                self.record(r)
            return
        table = Table(title=title or None)
        for c in columns:
            table.add_column(c)
        for r in rows:
            table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in columns))
        self.console.print(table)

    def line(self, text: str) -> None:
        if self.json:
            return
        self.console.print(text, markup=False, highlight=False)

    def error(self, text: str) -> None:
        self.errors.print(f"claimgraph: {text}", markup=False)


def reader_left() -> None:
    """The reader (`| head`) has all it wanted: stop quietly, as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise typer.Exit(0)


def mapped_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn the error tree into one line on stderr and exit 1 — never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except ClaimgraphError as exc:
            Console(stderr=True, soft_wrap=True).print(f"claimgraph: error: {exc}", markup=False)
            raise typer.Exit(EXIT_FAILED) from None

    return wrapper
