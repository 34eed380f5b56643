"""The yardstick for hmcareer's start-up: a bare Typer app that prints a six-row Rich table."""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def hello() -> None:
    """Print a six-row table."""
    table = Table("id", "name", "value")
    for i in range(6):
        table.add_row(str(i), f"row {i}", f"{i * 1000:,}")
    Console().print(table)


if __name__ == "__main__":
    app()
