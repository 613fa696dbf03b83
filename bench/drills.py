"""Fault drills: saves killed with SIGKILL, mutated drafts, hostile files, no network.

Used by the suite (``tests/faults/``, with the counts the issue asks for) and
by ``make bench`` (``run()``, with larger counts), and runnable alone::

    python -m bench.drills                 # every drill, figures printed
    python -m bench.drills kill --kills 300 --folder /tmp/x   # one drill, JSON

Every command runs as a real process (``python -m report …`` through a small
wrapper) whose peak memory is its own ``resource.getrusage(RUSAGE_SELF)``
``ru_maxrss``, under an address-space cap (``AS_LIMIT``) so that a reader
that does unpack a zip bomb fails in the drill instead of exhausting the
machine.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import signal
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "samples" / "sample-2021.json"
#: The issue's bound: every hostile file is handled in under 300 MB.
PEAK_LIMIT_MB = 300
#: Address space a drilled command may take (a runaway reader then fails with MemoryError, not the machine);
#: Qt reserves more address space, so the GUI self-test has a larger cap.
AS_LIMIT = 1024 * 1024 * 1024
AS_LIMIT_GUI = 3 * 1024 * 1024 * 1024
#: Kills in the suite's drill and in make bench's; mutated drafts in make bench's.
SUITE_KILLS, BENCH_KILLS, BENCH_CASES = 120, 300, 2000
#: The zip bomb's expanded size.
BOMB_BYTES = 3 * 1024**3

# --- running a command in a measured process -------------------------------------------------

#: Runs the command; sets the address-space cap first.
_COMMAND = r"""
import os, resource, sys
limit = int(os.environ.get("XXGK_DRILL_AS_LIMIT") or 0)
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
if sys.argv[1] == "--gui-self-test":
    from gui.selftest import run
    sys.exit(run())
from report.cli import main
sys.exit(main(sys.argv[1:]))
"""

#: Starts the command as its own child and records the child's peak (``RUSAGE_CHILDREN``).  The extra
#: process matters: Linux carries a process's ``ru_maxrss`` over from the parent's memory at ``fork`` across
#: ``exec``, so a command started straight from a large test runner would report the runner's size.
_LAUNCHER = r"""
import os, resource, subprocess, sys
proc = subprocess.run([sys.argv[1], "-c", os.environ["XXGK_DRILL_COMMAND"], *sys.argv[2:]])
with open(os.environ["XXGK_DRILL_PEAK"], "w") as fh:
    fh.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(proc.returncode if proc.returncode >= 0 else 128 - proc.returncode)
"""


@dataclass
class Run:
    argv: list[str]
    returncode: int
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_xxgk(argv, *, cwd=None, env=None, timeout=300, gui_self_test=False) -> Run:
    """``xxgk ARGV`` (or the GUI self-test) in a fresh process; its exit code, output and peak memory (MB)."""
    argv = [str(a) for a in argv]
    with tempfile.TemporaryDirectory(prefix="xxgk-drill-") as tmp:
        peak_file = Path(tmp) / "peak"
        full_env = {
            **os.environ,
            "PYTHONIOENCODING": "utf-8",
            "QT_QPA_PLATFORM": "offscreen",
            "XXGK_DATA_DIR": os.environ.get("XXGK_DATA_DIR") or str(Path(tmp) / "data"),
            "XXGK_DRILL_PEAK": str(peak_file),
            "XXGK_DRILL_AS_LIMIT": str(AS_LIMIT_GUI if gui_self_test else AS_LIMIT),
            "XXGK_DRILL_COMMAND": _COMMAND,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            **(env or {}),
        }
        args = ["--gui-self-test"] if gui_self_test else argv
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-S", "-c", _LAUNCHER, sys.executable, *args], cwd=cwd or ROOT, env=full_env,
            capture_output=True, timeout=timeout, check=False,
        )
        seconds = time.perf_counter() - start
        try:
            peak_kb = int(peak_file.read_text())
        except (OSError, ValueError):
            peak_kb = 0
    return Run(argv, proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"),
               peak_kb / 1024, seconds)


_CJK = re.compile(r"[\u4e00-\u9fff]")
#: Two or more English words in a row (「Is a directory」, 「File is not a zip file」, 「Permission denied」).
_ENGLISH_PHRASE = re.compile(r"\b[A-Za-z][A-Za-z']*(?: [A-Za-z][A-Za-z']*)+\b")
_EXCEPTION_NAME = re.compile(r"\b(?:Traceback|[A-Z][A-Za-z]*(?:Error|Exception)|errno|Errno)\b")
#: English that may appear in a Chinese message: the import command, file names and paths.
_ALLOWED = ("xxgk import", "xxgk open-docx", "xxgk render", "xxgk check", "xxgk next-year", "xxgk review")


def message_problems(text: str, *, paths=()) -> list[str]:
    """What is wrong with a message shown to the user: a traceback, an English fragment, no Chinese at all."""
    problems = []
    scrubbed = text
    for p in sorted((str(p) for p in paths), key=len, reverse=True):
        scrubbed = scrubbed.replace(p, "")
    for allowed in _ALLOWED:
        scrubbed = scrubbed.replace(allowed, "")
    if "Traceback" in text:
        problems.append("traceback")
    m = _EXCEPTION_NAME.search(scrubbed)
    if m:
        problems.append(f"exception name {m.group(0)!r}")
    for m in _ENGLISH_PHRASE.finditer(scrubbed):
        if sum(ch.isalpha() for ch in m.group(0)) >= 6:
            problems.append(f"English {m.group(0)!r}")
            break
    if not _CJK.search(text):
        problems.append("no Chinese")
    return problems


def run_in_process(argv) -> Run:
    """``xxgk ARGV`` in this process (for small inputs: no memory figure), output captured."""
    import contextlib

    from report.cli import main

    out, err = io.StringIO(), io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return Run([str(a) for a in argv], code, out.getvalue(), err.getvalue(), 0.0, time.perf_counter() - start)


def run_problems(run: Run, allowed_codes, *, paths=()) -> list[str]:
    """Everything wrong with one drilled command: its exit code, its words, its memory."""
    problems = []
    if run.returncode not in allowed_codes:
        problems.append(f"exit {run.returncode} (expected {sorted(allowed_codes)})")
    problems += message_problems(run.output, paths=paths)
    if run.peak_mb >= PEAK_LIMIT_MB:
        problems.append(f"peak memory {run.peak_mb:.0f} MB")
    return problems


# --- hostile files ---------------------------------------------------------------------------------


def sample_dict() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def _write_draft_text(path: Path, data: dict, replace: tuple[str, str] | None = None) -> Path:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if replace:
        old, new = replace
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path


def _marker_draft(path: Path, set_marker, fragment: str) -> Path:
    """The sample with one value replaced by a raw JSON ``fragment`` (NaN, a 5,000-digit number …)."""
    data = sample_dict()
    set_marker(data, "@@HOSTILE@@")
    return _write_draft_text(path, data, ('"@@HOSTILE@@"', fragment))


def _natural(data, v):
    data["tables"]["applications"]["new_received"]["natural"] = v


def _docx_skeleton() -> list[tuple[str, bytes | None]]:
    """The parts of a minimal .docx; ``None`` marks the part replaced by the zip bomb."""
    ct = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          b'<Default Extension="xml" ContentType="application/xml"/>'
          b'<Override PartName="/word/document.xml" '
          b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="word/document.xml"/></Relationships>')
    return [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/document.xml", None)]


def _raw_zip(members: list[tuple[str, bytes, int, int, int]]) -> bytes:
    """A zip from (name, deflated bytes, crc32, compressed size, uncompressed size) without expanding anything."""
    out = io.BytesIO()
    central = []
    for name, data, crc, csize, usize in members:
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, csize, usize, len(encoded), 0))
        out.write(encoded)
        out.write(data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, csize, usize,
                                   len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    for c in central:
        out.write(c)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), size, start, 0))
    return out.getvalue()


def make_zip_bomb(path: Path, expanded: int = BOMB_BYTES) -> Path:
    """A .docx whose document.xml is ``expanded`` bytes (3 GiB) of XML whitespace, about 3 MB on disk.

    Built in seconds without compressing 3 GiB: after a full flush deflate
    starts afresh, so the compressed form of each 1 MiB block is the same.
    """
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
            b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    tail = b"<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>"
    block = b" " * (1 << 20)
    blocks = (expanded - len(head) - len(tail)) // len(block)
    pad = expanded - len(head) - len(tail) - blocks * len(block)
    comp = zlib.compressobj(6, zlib.DEFLATED, -15)
    first = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    again = comp.compress(block) + comp.flush(zlib.Z_FULL_FLUSH)
    last = comp.compress(b" " * pad + tail) + comp.flush()
    crc = zlib.crc32(head)
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(b" " * pad + tail, crc)
    deflated = first + again * blocks + last
    members = []
    for name, data in _docx_skeleton():
        if data is None:
            members.append((name, deflated, crc, len(deflated), expanded))
        else:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = c.compress(data) + c.flush()
            members.append((name, packed, zlib.crc32(data), len(packed), len(data)))
    path.write_bytes(_raw_zip(members))
    return path


def report_text(report) -> str:
    """A report as plain text, the way the importer reads one copied from a web page: headings, texts, table rows."""
    fmt = report.format
    lines = [report.title, ""]
    for sec in fmt.sections:
        lines.append(sec.heading)
        lines += [report.texts[k] for k in sec.text_fields if report.texts.get(k)]
        for key in sec.tables:
            t = fmt.table(key)
            for block, row in t.iter_rows():
                cols = block.columns if block else t.columns
                if block and row is block.rows[0]:
                    lines += [block.caption, " ".join([block.header_label, *(c.label for c in cols)])]
                lines.append(" ".join([row.label, *(report.display_value(f"{t.key}.{row.key}.{c.key}") for c in cols)]))
    return "\n".join(lines) + "\n"


def _rendered_sample(path: Path) -> Path:
    from report import draft
    from report.render import render_docx

    render_docx(draft.load(SAMPLE), path)
    return path


def make_nested_embedded(path: Path, source: Path, depth: int = 100_000) -> Path:
    """A .docx made by this program whose embedded draft is ``depth`` levels of nested JSON arrays."""
    from report.render.package import NAMESPACE

    with zipfile.ZipFile(source) as z:
        parts = [(i, z.read(i.filename)) for i in z.infolist()]
    nested = '{"app":"xxgk-report","kind":"draft","version":2,"format":"2021","header":{},"texts":' + "[" * depth + "]" * depth + "}"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            if info.filename.startswith("customXml/item") and NAMESPACE.encode() in data[:400]:
                data = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<draft xmlns="{NAMESPACE}" '
                        f'version="2">{nested}</draft>').encode()
            out.writestr(info, data)
    return path


#: name -> what it is: the issue's hostile set, run as processes with their peak memory measured …
HOSTILE = {
    "zip-bomb.docx": "a .docx expanding to 3 GiB",
    "nested-100000.html": "a web page nested 100,000 elements deep",
    "digits-5000.txt": "a text report with a 5,000-digit number in table 三",
    "digits-5000.json": "a draft with a 5,000-digit integer in a cell",
    "surrogate.json": "a draft with a lone surrogate (\\ud800) in a text field",
    "not-a-zip.docx": "random bytes named .docx",
    "nested-embedded.docx": "a .docx of this program whose embedded draft nests 100,000 levels",
}
#: … and damaged drafts of the kinds the fuzz drill makes (in the suite: in process, every command).
DAMAGED = {
    "nan.json": "a draft with NaN in a cell",
    "infinity-fee.json": "a draft with Infinity as a fee",
    "e309.json": "a draft with 1e309 in an amount",
    "format-list.json": "a draft whose format is a list",
    "deep.json": "a draft with 100,000 nested arrays in a text field",
    "huge-fee.json": "a draft with a 401-digit 收费金额",
    "negative-fee.json": "a draft with a negative 收费通知总金额",
    "fraction-notices.json": "a draft with 1.5 收费通知",
}


def make_hostile_files(folder: Path) -> dict[str, Path]:
    """Write the hostile set into ``folder``; returns name -> path."""
    from report import draft

    folder.mkdir(parents=True, exist_ok=True)
    f = {name: folder / name for name in HOSTILE}
    make_zip_bomb(f["zip-bomb.docx"])
    f["nested-100000.html"].write_text(
        "<html><body>" + "<div>" * 100_000 + "米易县人民政府办公室2021年政府信息公开工作年度报告"
        + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    sample = draft.load(SAMPLE)
    text = report_text(sample)
    row = next(line for line in text.splitlines() if line.startswith("一、本年新收政府信息公开申请数量"))
    f["digits-5000.txt"].write_text(text.replace(row, row.replace(" 2433 ", " " + "7" * 5000 + " ", 1)), encoding="utf-8")
    _marker_draft(f["digits-5000.json"], _natural, "9" * 5000)
    data = sample_dict()
    data["texts"]["overview_lead"] = "本机关\ud800坚持公开为常态。" + data["texts"]["overview_lead"]
    f["surrogate.json"].write_text(json.dumps(data, ensure_ascii=True, indent=2), encoding="utf-8")
    f["not-a-zip.docx"].write_bytes(random.Random(12).randbytes(40_000))
    with tempfile.TemporaryDirectory() as tmp:
        make_nested_embedded(f["nested-embedded.docx"], _rendered_sample(Path(tmp) / "sample.docx"))
    return f


def make_damaged_drafts(folder: Path) -> dict[str, Path]:
    """Write ``DAMAGED`` into ``folder``; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    f = {name: folder / name for name in DAMAGED}
    _marker_draft(f["nan.json"], _natural, "NaN")
    _marker_draft(f["infinity-fee.json"], lambda d, v: d["fees"].__setitem__("collected", v), "Infinity")
    _marker_draft(f["e309.json"], lambda d, v: d["tables"]["active"]["fees"].__setitem__("amount", v), "1e309")
    _marker_draft(f["format-list.json"], lambda d, v: d.__setitem__("format", v), '["2021"]')
    _marker_draft(f["deep.json"], lambda d, v: d["texts"].__setitem__("overview_lead", v), "[" * 100_000 + "]" * 100_000)
    _marker_draft(f["huge-fee.json"], lambda d, v: d["fees"].__setitem__("notice_amount", v), "1" + "0" * 400)
    _marker_draft(f["negative-fee.json"], lambda d, v: d["fees"].__setitem__("notice_amount", v), '"-5"')
    _marker_draft(f["fraction-notices.json"], lambda d, v: d["fees"].__setitem__("notices", v), "1.5")
    return f


#: Drafts that cannot be read at all: every command on them exits 2.
UNREADABLE_DRAFTS = ("digits-5000.json", "nan.json", "infinity-fee.json", "e309.json", "format-list.json",
                     "deep.json", "huge-fee.json")
#: Drafts that are read, whose fee is refused by E7 (check exits 1, render refuses without --force).
E7_DRAFTS = ("negative-fee.json", "fraction-notices.json")
DOCUMENTS = ("zip-bomb.docx", "nested-100000.html", "digits-5000.txt", "not-a-zip.docx", "nested-embedded.docx")


def draft_matrix(files: dict[str, Path], out: Path) -> list[tuple[str, list[str], set[int]]]:
    """(label, argv, allowed exit codes): every draft among ``files`` through check, next-year, export, render."""
    cases = []
    for name in UNREADABLE_DRAFTS + E7_DRAFTS + ("surrogate.json",):
        if name not in files:
            continue
        p = files[name]
        readable = name not in UNREADABLE_DRAFTS
        cases += [
            (f"check {name}", ["check", p], {1} if name in E7_DRAFTS else ({0, 1} if readable else {2})),
            (f"next-year {name}", ["next-year", p, "-o", out / f"next-{name}", "--force"], {0} if readable else {2}),
            (f"export {name}", ["export", p, "-o", out / f"{name}.xlsx"], {0} if readable else {2}),
            (f"render {name}", ["render", p, "-o", out / f"{name}.docx"], {0, 2} if readable else {2}),
        ]
    return cases


def hostile_matrix(files: dict[str, Path], out: Path) -> list[tuple[str, list[str], set[int]]]:
    """(label, argv, allowed exit codes) for every hostile file through every command that takes it."""
    out.mkdir(parents=True, exist_ok=True)
    cases = draft_matrix(files, out)
    for name in DOCUMENTS:
        p = files[name]
        cases.append((f"check {name}", ["check", p], {2}))
        cases.append((f"import {name}", ["import", p, "-o", out / f"import-{name}.json", "--force"], {0, 2}))
        if name.endswith(".docx"):
            cases.append((f"open-docx {name}", ["open-docx", p, "-o", out / f"open-{name}.json", "--force"], {2}))
    cases.append(("review (every hostile file)", ["review", next(iter(files.values())).parent, "-o",
                                                  out / "review.xlsx", "--force"], {1}))
    return cases


# --- kill drill ---------------------------------------------------------------------------------------------


@dataclass
class KillCounts:
    kills: int = 0
    killed_mid_save: int = 0  # kills after which a temp file was left (the save was under way)
    damaged_drafts: int = 0
    damaged_backups: int = 0
    missing_backups: int = 0
    stray_temps_max: int = 0
    stray_temps_after_cleanup: int = 0
    versions_seen: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def _kill_version_text(i: int) -> str:
    # ~0.6 MB per version: a save takes long enough for kills to land inside it.
    return f"第{i}版。" + "本机关坚持以公开为常态、不公开为例外。" * 9_000


def _check_version(path: Path, draft) -> int | None:
    """The version number a complete draft holds; ``None`` if the file is not one complete version."""
    try:
        r = draft.load(path)
    except Exception:  # noqa: BLE001 - any failure to read is damage
        return None
    m = re.fullmatch(r"演练机关(\d+)", r.header.org_name)
    if not m:
        return None
    i = int(m.group(1))
    ok = r.texts["overview_lead"] == _kill_version_text(i) and r.values["applications.new_received.natural"] == i
    return i if ok else None


def kill_drill(folder: Path, kills: int = 100, seed: int = 1) -> KillCounts:
    """SIGKILL a process ``kills`` times while it saves one draft over and over; check draft and .bak after each."""
    from report import draft
    from report.atomic import backup_path, temp_pattern

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "演练草稿.json"
    bak = backup_path(path)
    pattern = temp_pattern(path.name)
    report = draft.load(SAMPLE)

    def version(i: int):
        report.header.org_name = f"演练机关{i}"
        report.texts["overview_lead"] = _kill_version_text(i)
        report.set("applications.new_received.natural", i)
        return report

    draft.save(version(0), path)
    draft.save(version(1), path)
    start_time = time.perf_counter()
    t0 = time.perf_counter()
    draft.save(version(2), path)
    save_seconds = time.perf_counter() - t0
    counts = KillCounts()
    seen = {0, 1, 2}
    next_version = 3
    strays_before = 0
    for n in range(kills):
        first = next_version
        next_version += 10_000
        pid = os.fork()
        if pid == 0:  # the saving process
            try:
                i = first
                while True:
                    draft.save(version(i), path)
                    i += 1
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0, 3 * save_seconds))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        counts.kills += 1
        current = _check_version(path, draft)
        backup = _check_version(bak, draft) if bak.exists() else None
        if current is None:
            counts.damaged_drafts += 1
            counts.problems.append(f"kill {n}: the draft is not a complete version")
        if not bak.exists():
            counts.missing_backups += 1
            counts.problems.append(f"kill {n}: no .bak")
        elif backup is None:
            counts.damaged_backups += 1
            counts.problems.append(f"kill {n}: the .bak is not a complete version")
        elif current is not None and backup > current:
            counts.problems.append(f"kill {n}: the .bak ({backup}) is newer than the draft ({current})")
        seen.update(v for v in (current, backup) if v is not None)
        strays = sum(1 for name in os.listdir(folder) if pattern.fullmatch(name))
        if strays > strays_before:
            counts.killed_mid_save += 1
        strays_before = strays
        counts.stray_temps_max = max(counts.stray_temps_max, strays)
        foreign = [name for name in os.listdir(folder) if name not in (path.name, bak.name) and not pattern.fullmatch(name)]
        if foreign:
            counts.problems.append(f"kill {n}: unexpected files {foreign[:3]}")
    # The next save after a minute removes the leftovers: age them instead of waiting.
    old = time.time() - 120
    for name in os.listdir(folder):
        if pattern.fullmatch(name):
            os.utime(folder / name, (old, old))
    draft.save(version(next_version), path)
    counts.stray_temps_after_cleanup = sum(1 for name in os.listdir(folder) if pattern.fullmatch(name))
    if counts.stray_temps_after_cleanup:
        counts.problems.append(f"{counts.stray_temps_after_cleanup} temp files left after the cleanup save")
    counts.versions_seen = len(seen)
    counts.seconds = time.perf_counter() - start_time
    return counts


# --- fuzz drill ----------------------------------------------------------------------------------------------

#: Raw JSON values that no field of a draft accepts: wherever one is put, the draft is refused (exit 2).
ALWAYS_REFUSED = (
    "NaN", "Infinity", "-Infinity", "1e309", "-1e309", "9" * 5000, "-" + "9" * 5000, "1" + "0" * 400,
    "[" * 5000 + "]" * 5000, '{"a":' * 3000 + "1" + "}" * 3000, "1E+99999",
)
#: Raw JSON values some field may accept (then the draft opens and is checked) and others refuse.
MAYBE_ACCEPTED = (
    "null", "true", "false", "0", "-5", "1.5", "3.0", '"abc"', '""', '"-5"', '"1e5"', '"\\ud800"', '"\\u0000"',
    "[]", "{}", "[1, 2]", '{"x": 1}', '"' + "字" * 600 + '"', "12345678901234567890", "0.0000001",
)


def leaf_paths(data, prefix=()) -> list[tuple]:
    """Every path to a value (leaf or container) of a JSON document."""
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for k, v in data.items():
            out += leaf_paths(v, prefix + (k,))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += leaf_paths(v, prefix + (i,))
    return out


def mutate(data: dict, path: tuple, fragment: str) -> str:
    """The JSON text of ``data`` with the value at ``path`` replaced by the raw JSON ``fragment``."""
    import copy

    d = copy.deepcopy(data)
    node = d
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = "@@MUTATION@@"
    return json.dumps(d, ensure_ascii=False).replace('"@@MUTATION@@"', fragment, 1)


def check_in_process(text: str | bytes, folder: Path) -> tuple[int, str]:
    """``xxgk check`` of a draft holding ``text``, in this process: (exit code, everything printed)."""
    path = folder / "变异草稿.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text)
    run = run_in_process(["check", path])
    return run.returncode, run.output


@dataclass
class FuzzCounts:
    cases: int = 0
    refused: int = 0  # exit 2
    opened: int = 0  # exit 0 or 1
    tracebacks: int = 0  # exit 3 or a traceback printed
    wrong: int = 0  # an always-refused value that was not refused, or a message without Chinese
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def fuzz_drill(cases: int = 1000, seed: int = 2) -> FuzzCounts:
    """``cases`` random mutations of the sample draft through ``xxgk check`` (in process)."""
    rng = random.Random(seed)
    data = sample_dict()
    paths = leaf_paths(data)
    counts = FuzzCounts()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="xxgk-fuzz-") as tmp:
        folder = Path(tmp)
        for n in range(cases):
            kind = rng.random()
            path = rng.choice(paths)
            if kind < 0.5:
                fragment = rng.choice(ALWAYS_REFUSED)
                text, must_refuse = mutate(data, path, fragment), True
            elif kind < 0.85:
                fragment = rng.choice(MAYBE_ACCEPTED)
                text, must_refuse = mutate(data, path, fragment), False
            else:
                whole = json.dumps(data, ensure_ascii=False).encode("utf-8")
                cut = rng.randrange(len(whole))
                text = whole[:cut] + (rng.randbytes(rng.randrange(0, 8)) if rng.random() < 0.5 else b"")
                must_refuse, fragment = False, f"truncated at {cut}"
            code, output = check_in_process(text, folder)
            counts.cases += 1
            problems = outcome_problems(code, output, must_refuse, folder)
            if code == 2:
                counts.refused += 1
            elif code in (0, 1):
                counts.opened += 1
            if code == 3 or "Traceback" in output:
                counts.tracebacks += 1
            elif problems:
                counts.wrong += 1
            if problems:
                counts.problems.append(f"{'.'.join(map(str, path))} = {fragment[:30]}: {problems}")
    counts.seconds = time.perf_counter() - start
    return counts


def outcome_problems(code: int, output: str, must_refuse: bool, folder: Path) -> list[str]:
    problems = message_problems(output, paths=[folder])
    if code not in (0, 1, 2):
        problems.append(f"exit {code}")
    if must_refuse and code != 2:
        problems.append(f"exit {code}, expected 2")
    if code == 2 and not output.startswith("错误："):
        problems.append("refusal without 「错误：」")
    return problems


# --- figures for make bench ------------------------------------------------------------------------------------


def hostile_drill(folder: Path) -> list[tuple[str, Run, list[str]]]:
    files = make_hostile_files(folder / "hostile")
    cases = hostile_matrix(files, folder / "out") + draft_matrix(make_damaged_drafts(folder / "damaged"), folder / "out")
    results = []
    for label, argv, codes in cases:
        run = run_xxgk(argv)
        results.append((label, run, run_problems(run, codes, paths=[folder])))
    return results


def run():
    """``make bench``: the drills' counts."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="xxgk-drills-") as tmp:
        folder = Path(tmp)
        # In a process of its own: the drill forks, and this process may hold Qt's threads (bench.gui).
        out = subprocess.run([sys.executable, "-m", "bench.drills", "kill", "--kills", str(BENCH_KILLS), "--folder",
                              str(folder / "kill")], cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
                             check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        k = KillCounts(**json.loads(out.stdout))
        rows.append(("演练：保存中途强制结束（SIGKILL）", (
            f"{k.kills} 次，草稿损坏 {k.damaged_drafts}，.bak 损坏 {k.damaged_backups + k.missing_backups}，"
            f"保存中被打断 {k.killed_mid_save}，残留临时文件清理后 {k.stray_temps_after_cleanup}（{k.seconds:.0f} s）")))
        fz = fuzz_drill(cases=BENCH_CASES)
        rows.append(("演练：变异草稿（xxgk check）", (
            f"{fz.cases} 例，拒绝 {fz.refused}，打开 {fz.opened}，traceback {fz.tracebacks}，"
            f"其他问题 {fz.wrong}（{fz.seconds:.0f} s）")))
        results = hostile_drill(folder)
        bad = [r for r in results if r[2]]
        good = [r for r in results if not r[2]] or results
        peak = max(good, key=lambda r: r[1].peak_mb)
        tracebacks = sum(1 for _, r, _ in results if "Traceback" in r.output or r.returncode == 3)
        rows.append(("演练：恶意文件 × 命令", (
            f"{len(results)} 次运行，traceback {tracebacks}，不合要求 {len(bad)}，"
            f"合要求者内存峰值 {peak[1].peak_mb:.0f} MB（{peak[0]}）")))
        for label, r, problems in bad:
            rows.append((f"  不合要求：{label}", f"{'；'.join(problems)}（内存峰值 {r.peak_mb:.0f} MB）"))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Fault drills (figures as JSON or text).")
    parser.add_argument("drill", nargs="?", choices=("kill", "fuzz", "hostile", "all"), default="all")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args(argv)
    if args.drill == "all":
        for label, figure in run():
            print(f"{label:<40} {figure}", flush=True)
        return 0
    folder = args.folder or Path(tempfile.mkdtemp(prefix="xxgk-drill-"))
    if args.drill == "kill":
        print(json.dumps(asdict(kill_drill(folder, kills=args.kills)), ensure_ascii=False))
    elif args.drill == "fuzz":
        print(json.dumps(asdict(fuzz_drill(cases=args.cases)), ensure_ascii=False))
    else:
        for label, r, problems in hostile_drill(folder):
            print(json.dumps({"case": label, "exit": r.returncode, "peak_mb": round(r.peak_mb, 1),
                              "seconds": round(r.seconds, 2), "problems": problems,
                              "message": r.output.strip()[-300:]}, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
