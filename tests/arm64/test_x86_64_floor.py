"""The x86_64 bundle (make dist) built in the Debian 11 root: its glibc floor is 2.28 and it carries no
system library a desktop has; it runs in that root (glibc 2.31, a desktop's libraries only)."""

import pytest

from .conftest import ELF, ROOT, SYSTEM_LIBS

pytestmark = pytest.mark.frozen


def test_glibc_floor_is_2_28(x86_64_bundle):
    infos = ELF["elf_files"](x86_64_bundle)
    assert {i.machine for i in infos} == {"x86_64"}
    version, path = ELF["newest"](infos, "GLIBC_")
    assert version <= (2, 28), f"{path} needs GLIBC_{ELF['dotted'](version)}"
    assert ELF["newest"](infos, "GLIBCXX_")[0] <= (3, 4, 24)
    assert ELF["newest"](infos, "CXXABI_")[0] <= (1, 3, 11)


def test_no_system_library_a_desktop_has(x86_64_bundle):
    internal = x86_64_bundle / "_internal"
    top = sorted(p.name for p in internal.iterdir() if p.is_file() and not p.is_symlink() and ".so" in p.name)
    assert [n for n in top if not SYSTEM_LIBS["is_bundled_system_library"](n)] == []
    for gone in ("libstdc++", "libgcc_s", "libglib-2.0", "libfontconfig", "libfreetype", "libexpat", "libz.so"):
        assert not [n for n in top if n.startswith(gone)], gone


@pytest.mark.slow
def test_runs_on_glibc_2_31(x86_64_in_bullseye, tmp_path):
    out = x86_64_in_bullseye.run("xxgk-gui", "--self-test", timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "自检通过" in out.stdout
    sample = x86_64_in_bullseye.put(ROOT / "resources" / "samples" / "sample-2021.json", "s.json")
    out = x86_64_in_bullseye.run("xxgk", "render", sample, "-o", "s.docx")
    assert out.returncode == 0, out.stdout + out.stderr
    assert x86_64_in_bullseye.path("s.docx").stat().st_size > 10_000
