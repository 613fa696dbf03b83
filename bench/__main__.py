"""Run every benchmark module and print its figures."""

import importlib
import sys

#: Each module defines ``run() -> list[tuple[str, str]]`` (name, figure).
MODULES = (
    "bench.core",
    "bench.dist",
    "bench.render",
    "bench.gui",
    "bench.outputs",
    "bench.review",
    "bench.drills",
    "bench.importer",
)


def main() -> int:
    only = set(sys.argv[1:])
    for name in MODULES:
        if only and name.split(".")[-1] not in only:
            continue
        module = importlib.import_module(name)
        for label, figure in module.run():
            print(f"{label:<58} {figure}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
