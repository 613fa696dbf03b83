"""The arm64 (aarch64) bundle, unpacked from its tarball and run inside the Debian 11 arm64 root
(glibc 2.31, only the system libraries a desktop has) under qemu-user: what a Kylin/UOS arm64 desktop does.

Every .docx it writes equals, part by part, the one the x86_64 source writes; every draft it imports
equals the x86_64 import byte for byte.
"""


import pytest

from .conftest import ELF, ROOT, SYSTEM_LIBS, tarball

pytestmark = [pytest.mark.arm64, pytest.mark.slow]

SAMPLES = ROOT / "resources" / "samples"
FIXTURES = ROOT / "tests" / "importer" / "fixtures"
#: The five real reports (text copies) and the web-page, traditional-script and broken-PDF-text variants.
IMPORTS = sorted(p for p in FIXTURES.iterdir() if p.is_file() and p.suffix in (".txt", ".html"))


def host_cli(tmp_path, *args) -> None:
    """The same command with the x86_64 source (this test run's interpreter)."""
    from report.cli import main

    assert main(list(args)) == 0


def test_tarball_holds_the_bundle(arm64_bundle):
    import tarfile

    with tarfile.open(tarball("aarch64")) as tf:
        names = set(tf.getnames())
    assert {"xxgk-report/xxgk", "xxgk-report/xxgk-gui"} <= names


def test_every_elf_file_is_aarch64_and_64k_aligned(arm64_bundle):
    infos = ELF["elf_files"](arm64_bundle)
    assert len(infos) > 50
    assert {i.machine for i in infos} == {"aarch64"}
    # Kylin V10 and openEuler on Kunpeng/Phytium run 64 KiB-page kernels: a segment aligned to 4 KiB fails to map.
    assert ELF["misaligned"](infos, 65536) == []


def test_glibc_floor_is_2_31(arm64_bundle):
    infos = ELF["elf_files"](arm64_bundle)
    version, path = ELF["newest"](infos, "GLIBC_")
    assert version <= (2, 31), f"{path} needs GLIBC_{ELF['dotted'](version)}"
    # What the desktop's libstdc++ must offer: Qt 6.8.0.2's aarch64 build needs GCC 10's (GLIBCXX_3.4.28),
    # which every arm64 system with glibc 2.31 or newer has (Ubuntu 20.04, Debian 11, openEuler 22.03 …).
    assert ELF["newest"](infos, "GLIBCXX_")[0] <= (3, 4, 28)
    assert ELF["newest"](infos, "CXXABI_")[0] <= (1, 3, 12)


def test_bundle_contents(arm64_bundle):
    internal = arm64_bundle / "_internal"
    assert list((internal / "templates").glob("*.docx"))
    assert list(internal.rglob("qtbase_zh_CN.qm"))
    assert not [p for p in internal.rglob("qtbase_*.qm") if "zh_CN" not in p.name]
    assert not list(internal.rglob("*Qt6Quick*")) and not list(internal.rglob("*Qt6Qml*"))
    assert list(internal.rglob("libibusplatforminputcontextplugin.so")), "中文输入法插件（ibus）必须保留"
    assert list(internal.rglob("libqxcb.so"))
    # System libraries: only those a desktop may lack (packaging/system_libs.py); never libstdc++, glib …
    top = sorted(p.name for p in internal.iterdir() if p.is_file() and not p.is_symlink() and ".so" in p.name)
    foreign = [n for n in top if not SYSTEM_LIBS["is_bundled_system_library"](n)]
    assert foreign == []
    assert any(n.startswith("libpython3.11") for n in top)
    assert any(n.startswith("libxcb-cursor") for n in top)


def test_cli_new_check_render(arm64, tmp_path, docx_parts):
    out = arm64.run("xxgk", "new", "--year", "2021", "--org", "米易县人民政府办公室", "-o", "新建.json")
    assert out.returncode == 0, out.stdout + out.stderr
    host_cli(tmp_path, "new", "--year", "2021", "--org", "米易县人民政府办公室", "-o", str(tmp_path / "新建.json"))
    assert arm64.path("新建.json").read_bytes() == (tmp_path / "新建.json").read_bytes()

    for year in ("2021", "2019"):
        sample = arm64.put(SAMPLES / f"sample-{year}.json", f"sample-{year}.json")
        check = arm64.run("xxgk", "check", sample)
        assert check.returncode == 0, check.stdout + check.stderr
        assert "共 0 个错误" in check.stdout or "检查通过" in check.stdout
        out = arm64.run("xxgk", "render", sample, "-o", f"报告-{year}.docx")
        assert out.returncode == 0, out.stdout + out.stderr
        host_cli(tmp_path, "render", str(SAMPLES / f"sample-{year}.json"), "-o", str(tmp_path / f"{year}.docx"))
        arm, x86 = docx_parts(arm64.path(f"报告-{year}.docx")), docx_parts(tmp_path / f"{year}.docx")
        assert sorted(arm) == sorted(x86)
        assert [n for n in arm if arm[n] != x86[n]] == []


def test_cli_import_real_reports(arm64, tmp_path):
    assert len(IMPORTS) >= 8
    for i, source in enumerate(IMPORTS):
        inside = arm64.put(source, f"in-{i}{source.suffix}")
        out = arm64.run("xxgk", "import", inside, "-o", f"导入-{i}.json")
        assert out.returncode == 0, f"{source.name}: {out.stdout}{out.stderr}"
        host_cli(tmp_path, "import", str(source), "-o", str(tmp_path / f"{i}.json"))
        assert arm64.path(f"导入-{i}.json").read_bytes() == (tmp_path / f"{i}.json").read_bytes(), source.name


def test_cli_bad_input_is_a_chinese_error(arm64):
    bad = arm64.path("坏.json")
    bad.write_text("{ 不是草稿", encoding="utf-8")
    out = arm64.run("xxgk", "check", "坏.json")
    assert out.returncode == 2
    assert "错误" in out.stderr and "Traceback" not in out.stderr


def test_gui_self_test_offscreen(arm64):
    out = arm64.run("xxgk-gui", "--self-test", timeout=900)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "自检通过" in out.stdout
    assert "[失败]" not in out.stdout
