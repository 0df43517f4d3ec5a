"""``python -m regimelab``: the ``regimelab`` command, with its name, options and exit statuses."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="regimelab")  # else click would name the program "python -m regimelab" in --help
