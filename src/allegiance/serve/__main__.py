"""``python -m allegiance.serve``: the same as ``allegiance serve``."""

from allegiance.cli.serve import serve_command

if __name__ == "__main__":
    serve_command(prog_name="allegiance serve")
