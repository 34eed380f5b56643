"""Entry point of the `hmcareer` console script and of `python -m hmcareer`."""

import contextlib
import gc
import os
import sys


def main() -> None:
    # Importing Typer, Rich and the app makes a few hundred thousand long-lived objects, and the
    # cyclic garbage collector would scan them over and over while they are made. A command runs
    # for a fraction of a second and makes almost no reference cycles, so the collector stays
    # paused until it ends (peak memory is the same either way); the explorer, which can run for
    # hours, turns it back on (cli._explore).
    gc.disable()
    try:
        from .cli import main as run_command

        run_command()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    except KeyboardInterrupt:  # Ctrl-C while starting up, or a second one while the first was being handled
        code = 130
    _leave(code)


def _leave(code: object) -> None:
    """End the process with `code` as SystemExit would, without tearing the interpreter down.

    Freeing every module and object one by one takes longer than many commands' own work (3-5 ms), and the OS takes the
    memory back anyway. Nothing is lost: the output is flushed here, files are closed where they are written, and the
    one exit handler code hmcareer runs may register, logging's (Rich 13 imports logging), is run here; tests/test_cli.py
    checks that there is no other.
    """
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # SystemExit("message"): the message on stderr, exit 1
        sys.stderr.write(f"{code}\n")
        status = 1
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away with output still buffered: not an error (cli.main)
        pass
    except (OSError, ValueError):  # stdout gone in another way: what Python's own flush at exit reports as failure
        status = status or 120
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    logging = sys.modules.get("logging")
    if logging is not None:
        logging.shutdown()  # what its exit handler would do: flush and close any log handlers (hmcareer sets none)
    os._exit(status)


if __name__ == "__main__":
    main()
