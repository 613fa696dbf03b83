"""Shared fixtures of the Linux-bundle tests: the bundles, their Debian 11 roots, a way to run inside one.

The roots are made by ``scripts/linux-bundle.sh`` (make dist, make dist-arm64) under build/linux/. Locally
the tests skip when a bundle or root is missing; with CI=true they fail.
"""

import os
import runpy
import shutil
import subprocess
import tarfile
import uuid
from pathlib import Path

import pytest

from tests.needs import unavailable

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "linux-bundle.sh"
ROOTS = {"aarch64": ROOT / "build" / "linux" / "aarch64", "x86_64": ROOT / "build" / "linux" / "toolchain"}
BUNDLES = {"aarch64": ROOT / "dist" / "linux-aarch64" / "xxgk-report", "x86_64": ROOT / "dist" / "xxgk-report"}
ELF = runpy.run_path(str(ROOT / "packaging" / "elfinfo.py"))
SYSTEM_LIBS = runpy.run_path(str(ROOT / "packaging" / "system_libs.py"))


def version() -> str:
    import report

    return report.__version__


def missing(what: str):
    unavailable(f"{what}：CI 中必须先构建（make dist / make dist-arm64）")


def tarball(arch: str) -> Path:
    return ROOT / "dist" / f"xxgk-report-{version()}-linux-{arch}.tar.gz"


class Chroot:
    """A scratch folder inside a bundle root holding the unpacked tarball; commands run in the root."""

    def __init__(self, arch: str):
        self.arch = arch
        self.root = ROOTS[arch]
        self.inside = Path("/srv") / f"xxgk-test-{uuid.uuid4().hex[:8]}"
        self.host = self.root / self.inside.relative_to("/")
        self.host.mkdir(parents=True)
        with tarfile.open(tarball(arch)) as tf:
            tf.extractall(self.host, filter="tar")
        (self.host / "work").mkdir()

    def put(self, source: Path, name: str) -> str:
        """Copy a host file into the work folder; its path inside the root."""
        shutil.copyfile(source, self.host / "work" / name)
        return str(self.inside / "work" / name)

    def path(self, name: str) -> Path:
        """A work-folder file as seen from the host."""
        return self.host / "work" / name

    def run(self, program: str, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
        """Run xxgk or xxgk-gui of the unpacked bundle inside the root, in the work folder."""
        exe = self.inside / "xxgk-report" / program
        command = 'cd "$1" && shift && exec "$@"'
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        return subprocess.run(
            ["bash", str(SCRIPT), "run", self.arch, "/bin/sh", "-c", command, "sh", str(self.inside / "work"), str(exe), *args],
            capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=timeout, env=env, check=False,
        )

    def remove(self):
        shutil.rmtree(self.host, ignore_errors=True)


def chroot_for(arch: str):
    if os.geteuid() != 0:
        missing("需要 root 权限运行 chroot")
    if not (BUNDLES[arch] / "xxgk").exists() or not tarball(arch).exists():
        missing(f"{BUNDLES[arch].relative_to(ROOT)} 或其压缩包不存在")
    if not (ROOTS[arch] / "opt" / "xxgk-env" / "pyvenv.cfg").exists():
        missing(f"{ROOTS[arch].relative_to(ROOT)} 不存在")
    return Chroot(arch)


def bundle_for(arch: str) -> Path:
    if not (BUNDLES[arch] / "xxgk").exists():
        missing(f"{BUNDLES[arch].relative_to(ROOT)} 不存在")
    return BUNDLES[arch]


@pytest.fixture(scope="module")
def arm64_bundle() -> Path:
    return bundle_for("aarch64")


@pytest.fixture(scope="module")
def x86_64_bundle() -> Path:
    return bundle_for("x86_64")


@pytest.fixture(scope="module")
def arm64():
    c = chroot_for("aarch64")
    yield c
    c.remove()


@pytest.fixture(scope="module")
def x86_64_in_bullseye():
    c = chroot_for("x86_64")
    yield c
    c.remove()
