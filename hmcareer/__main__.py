"""Entry point of the `hmcareer` console script and of `python -m hmcareer`."""

import gc


def main() -> None:
    # Importing Typer, Rich and the app makes a few hundred thousand long-lived objects, and the
    # cyclic garbage collector would scan them over and over while they are made. A command runs
    # for a fraction of a second and makes almost no reference cycles, so the collector stays
    # paused until it ends (peak memory is the same either way); the explorer, which can run for
    # hours, turns it back on (cli._explore).
    gc.disable()
    try:
        from .cli import main as run_command
    except KeyboardInterrupt:  # Ctrl-C while still starting up
        raise SystemExit(130) from None

    try:
        run_command()
    except KeyboardInterrupt:  # a second Ctrl-C while the first was being handled
        raise SystemExit(130) from None
    finally:
        # Python runs one more full collection at exit. After the command it could only free
        # memory the OS takes back anyway, so freezing everything first makes it a no-op.
        gc.freeze()


if __name__ == "__main__":
    main()
