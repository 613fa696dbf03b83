"""Which system libraries a Linux bundle carries (issue 14): build.spec prunes by it, tests check by it.

PyInstaller collects every shared library the interpreter, the extension modules and Qt link, down to
glib and libstdc++. A library copied from the build machine brings the build machine's glibc floor with
it, and it shadows the desktop's own copy: an older bundled libstdc++ breaks the desktop's Mesa drivers,
an older fontconfig misreads the desktop's /etc/fonts. So a bundle carries a system library only when a
target desktop (Kylin V10/V11, UOS V20/V25, openEuler, Debian 11+, Ubuntu 20.04+) may lack it or has it
under another soname; everything else is the desktop's.

Decided by the symbol versions the Qt wheels need (packaging/elfinfo.py): PySide6-Essentials 6.9.3 on
x86_64 needs libstdc++ GLIBCXX_3.4.21 / CXXABI_1.3.11 and libgcc_s GCC_3.4, i.e. GCC 7 or newer, which every
x86_64 target has (Kylin V10 and openEuler 20.03: GCC 7.3; UOS V20: GCC 8.3). 6.8.0.2 on aarch64 needs
GLIBCXX_3.4.28 (GCC 10), which every arm64 system at its glibc floor has (Ubuntu 20.04 and the Kylin V10
releases built on it, Debian 11, openEuler 22.03: GCC 10); a bundled libstdc++ older than a newer desktop's
would break the desktop's own C++ libraries loaded into the process (Mesa, input methods).

Loaded with ``runpy.run_path`` (the folder name ``packaging`` must not shadow the PyPI package).
"""

import os
import re

#: System libraries the bundle carries, with the reason.
BUNDLED = {
    "libpython3": "the interpreter itself",
    "libffi": "ctypes; libffi.so.7 here, libffi.so.6 or .8 on the targets",
    "libbz2": "bz2; Debian's soname libbz2.so.1.0, Red Hat-based targets have libbz2.so.1",
    "libmpdec": "decimal, when the interpreter links the system libmpdec (Debian's own python3)",
    "libxcb-cursor": "Qt ≥ 6.5's xcb plugin; missing on many desktops (Ubuntu 22.04, Qt 5-only systems)",
    "libxcb-icccm": "xcb-util family: Qt's xcb plugin, separate small packages not every desktop installs",
    "libxcb-image": "xcb-util family",
    "libxcb-keysyms": "xcb-util family",
    "libxcb-render-util": "xcb-util family",
    "libxcb-util": "xcb-util family (libxcb-util.so.1; older systems have .so.0)",
}

_BUNDLED = re.compile(r"^({})[.-]".format("|".join(re.escape(k) for k in sorted(BUNDLED, key=len, reverse=True))))
#: Where system libraries live; libraries from the wheels (site-packages) and the interpreter's own
#: prefix are never pruned.
SYSTEM_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")


def is_bundled_system_library(name: str) -> bool:
    """Whether a top-level shared library of ``_internal`` may be a system library copied in."""
    return bool(_BUNDLED.match(name))


def prune_system_libraries(binaries):
    """Drop the system libraries a target desktop has from a PyInstaller TOC (dest, src, typecode)."""
    kept = []
    for entry in binaries:
        dest, src = entry[0], entry[1]
        top_level = "/" not in dest.replace("\\", "/")
        real = os.path.realpath(src) if src else ""
        system = real.startswith(SYSTEM_DIRS) and "-packages/" not in real
        if top_level and system and ".so" in dest and not is_bundled_system_library(dest):
            continue
        kept.append(entry)
    return kept
