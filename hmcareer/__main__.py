"""Entry point of the `hmcareer` console script and of `python -m hmcareer`."""

import gc


def main() -> None:
    # Importing Typer, Rich and the app makes a few hundred thousand long-lived objects, and the
    # cyclic garbage collector would scan them over and over while they are made. Pausing it for
    # the imports and then freezing what they made out of its reach starts a command about 10%
    # sooner; everything created afterwards is collected as usual.
    gc.disable()
    try:
        from .cli import main as run_command
    except KeyboardInterrupt:  # Ctrl-C while still starting up
        raise SystemExit(130) from None

    gc.freeze()
    gc.enable()
    try:
        run_command()
    finally:
        # Python runs one more full collection at exit. After the command it could only free
        # memory the OS takes back anyway, so freezing everything first makes it a no-op.
        gc.freeze()


if __name__ == "__main__":
    main()
