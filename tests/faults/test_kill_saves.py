"""Saves killed with SIGKILL, and a save failing at every step: the draft and its .bak are always complete."""

import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from bench.drills import SUITE_KILLS
from report import atomic, draft
from report.atomic import backup_path, remove_stale_temps, temp_pattern, write_atomic
from report.errors import UserError

ROOT = Path(__file__).resolve().parents[2]
KILLS = SUITE_KILLS

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")


def test_sigkill_during_saves_never_damages_the_draft_or_its_backup(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "bench.drills", "kill", "--kills", str(KILLS), "--folder", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert out.returncode == 0, out.stderr
    counts = json.loads(out.stdout)
    assert counts["kills"] == KILLS >= 100
    assert counts["problems"] == []
    assert counts["damaged_drafts"] == 0
    assert counts["damaged_backups"] == 0
    assert counts["missing_backups"] == 0
    # The kills did land inside saves (a save was under way when it left its temp file) …
    assert counts["killed_mid_save"] >= 10, counts
    # … and the next save a minute later removed every leftover.
    assert counts["stray_temps_after_cleanup"] == 0
    # … and many kills came after completed saves (not only at a fork's start: under load a
    # fork may be killed before its first save, so a quarter, not all, is required).
    assert counts["versions_seen"] >= KILLS // 4, counts


def _old(path: Path, seconds: float = 120) -> None:
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_stale_temp_files_only_ours_and_only_older_than_a_minute(tmp_path, sample_report):
    target = tmp_path / "d.json"
    draft.save(sample_report, target)
    stale = tmp_path / ".d.json.abcd1234.tmp"
    fresh = tmp_path / ".d.json.efgh5678.tmp"
    other_file = tmp_path / ".e.json.abcd1234.tmp"  # another draft's
    not_ours = [tmp_path / ".d.json.notours.tmp", tmp_path / "d.json.tmp", tmp_path / ".d.json.ABCD1234.tmp"]
    for p in [stale, fresh, other_file, *not_ours]:
        p.write_bytes(b"leftover")
    folder_like = tmp_path / ".d.json.zzzz9999.tmp"
    folder_like.mkdir()
    for p in [stale, other_file, *not_ours, folder_like]:
        _old(p)
    draft.save(sample_report, target)
    assert not stale.exists()
    assert fresh.exists()  # may be another save's, under way
    assert other_file.exists()
    assert all(p.exists() for p in not_ours)
    assert folder_like.is_dir()
    assert temp_pattern("d.json").fullmatch(stale.name)


def test_backup_and_draft_are_separate_files(tmp_path, sample_report):
    """The .bak is the previous file itself (renamed link), never a copy written in place, and shares nothing."""
    target = tmp_path / "d.json"
    draft.save(sample_report, target)
    first_inode = target.stat().st_ino
    sample_report.header.org_name = "第二版"
    draft.save(sample_report, target)
    bak = backup_path(target)
    assert bak.stat().st_ino == first_inode  # the previous file became the .bak
    assert target.stat().st_ino != first_inode
    assert target.stat().st_nlink == bak.stat().st_nlink == 1
    assert draft.load(bak).header.org_name != "第二版"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "d.json.bak"]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


class Fault:
    """Makes the n-th call of any file-system step of a save fail with ``errno``."""

    STEPS = ("fsync", "link", "replace", "copymode", "chmod", "mkstemp", "copyfileobj")

    def __init__(self, monkeypatch, n: int, code: int):
        self.calls = 0
        self.n = n
        self.code = code
        for name, owner in (("fsync", os), ("link", os), ("replace", os), ("chmod", os),
                            ("copymode", shutil), ("copyfileobj", shutil), ("mkstemp", tempfile)):
            monkeypatch.setattr(owner, name, self._wrap(getattr(owner, name)))

    def _wrap(self, real):
        def step(*args, **kwargs):
            self.calls += 1
            if self.calls == self.n:
                raise OSError(self.code, os.strerror(self.code))
            return real(*args, **kwargs)

        return step


@pytest.mark.parametrize("code,words", [(errno.ENOSPC, "磁盘空间不足"), (errno.EACCES, "无法写入"), (errno.EIO, "设备出错")])
def test_a_save_failing_at_any_step_leaves_both_files_as_they_were(tmp_path, sample_report, monkeypatch, code, words):
    target = tmp_path / "d.json"
    draft.save(sample_report, target)
    sample_report.header.org_name = "第二版"
    draft.save(sample_report, target)
    sample_report.header.org_name = "第三版"
    before = _snapshot(tmp_path)
    assert set(before) == {"d.json", "d.json.bak"}
    failures = tolerated = 0
    for n in range(1, 40):
        with monkeypatch.context() as m:
            fault = Fault(m, n, code)
            try:
                draft.save(sample_report, target)
            except UserError as exc:
                failures += 1
                assert words in str(exc), str(exc)
                assert _snapshot(tmp_path) == before, f"step {n} changed the files"
                continue
        if fault.calls < n:
            break  # every step of the save ran without meeting the fault: all steps were tried
        # A fault the save works around (no hard link: a copy; the folder's fsync): the save is complete.
        tolerated += 1
        assert draft.load(target).header.org_name == "第三版"
        assert backup_path(target).read_bytes() == before["d.json"]
        assert sorted(_snapshot(tmp_path)) == ["d.json", "d.json.bak"]
        for name, data in before.items():
            (tmp_path / name).write_bytes(data)
    else:
        pytest.fail("the save never ran to its end")
    assert failures >= 5  # mkstemp, write + fsync, copymode, replace .bak, replace target …
    assert tolerated >= 1  # a refused hard link falls back to a copy
    # The last round met no fault: a complete save.
    assert draft.load(target).header.org_name == "第三版"
    assert draft.load(backup_path(target)).header.org_name == "第二版"
    assert sorted(_snapshot(tmp_path)) == ["d.json", "d.json.bak"]


def test_without_hard_links_the_backup_is_a_flushed_copy_renamed_into_place(tmp_path, sample_report, monkeypatch):
    target = tmp_path / "d.json"
    draft.save(sample_report, target)
    first = target.read_bytes()

    def no_links(*args):
        raise OSError(errno.EPERM, "Operation not permitted")  # FAT32 USB sticks, some network shares

    monkeypatch.setattr(os, "link", no_links)
    sample_report.header.org_name = "第二版"
    draft.save(sample_report, target)
    assert backup_path(target).read_bytes() == first
    sample_report.header.org_name = "第三版"
    draft.save(sample_report, target)
    assert draft.load(backup_path(target)).header.org_name == "第二版"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.json", "d.json.bak"]


_FSIZE_CHILD = r"""
import resource, signal, sys
from report import draft
from report.errors import UserError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG instead of killing the process
report = draft.load(sys.argv[1])
report.texts["overview_lead"] = "很长的文字。" * 30000
resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, 50_000))
try:
    draft.save(report, sys.argv[1])
except UserError as exc:
    print(exc)
    sys.exit(2)
sys.exit(0)
"""


def test_a_real_write_refused_by_the_system_changes_nothing(tmp_path, sample_report):
    """RLIMIT_FSIZE makes the kernel refuse the write half-way, as a full disk does."""
    target = tmp_path / "d.json"
    draft.save(sample_report, target)
    sample_report.header.org_name = "第二版"
    draft.save(sample_report, target)
    before = _snapshot(tmp_path)
    out = subprocess.run([sys.executable, "-c", _FSIZE_CHILD, str(target)], cwd=ROOT, capture_output=True,
                         text=True, encoding="utf-8", timeout=60, check=False, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.returncode == 2, out.stdout + out.stderr
    assert "太大" in out.stdout and "Traceback" not in out.stderr
    assert _snapshot(tmp_path) == before


def test_write_atomic_refuses_a_folder_in_chinese(tmp_path):
    (tmp_path / "x.docx").mkdir()
    with pytest.raises(UserError, match="是一个文件夹") as exc:
        write_atomic(tmp_path / "x.docx", b"data")
    assert "directory" not in str(exc.value).lower()


def test_stale_cleanup_reports_what_it_removed(tmp_path):
    target = tmp_path / "r.docx"
    leftover = tmp_path / ".r.docx.a1b2c3d4.tmp"
    leftover.write_bytes(b"x")
    assert remove_stale_temps(target) == []
    _old(leftover)
    assert remove_stale_temps(target) == [leftover]
    assert atomic.STALE_TEMP_SECONDS == 60
