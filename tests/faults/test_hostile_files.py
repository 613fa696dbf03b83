"""The hostile set through check, import, open-docx, next-year, export, render and review, each a real process.

Every run: the expected exit code, a Chinese message (no traceback, no English
fragment), peak memory under 300 MB (``resource.getrusage`` of the process),
and the input file unchanged.
"""

import hashlib
from pathlib import Path

import pytest

from bench.drills import (
    BOMB_BYTES,
    HOSTILE,
    PEAK_LIMIT_MB,
    hostile_matrix,
    message_problems,
    run_problems,
    run_xxgk,
)

def _cases():
    # The labels and argv are built from placeholder paths; the real ones come from the session fixture.
    placeholder = {name: Path("/hostile") / name for name in HOSTILE}  # the set, as processes
    for label, _argv, codes in hostile_matrix(placeholder, Path("/out")):
        yield pytest.param(label, codes, id=label)


def _digest(path: Path) -> str:
    if path.is_dir():
        return ""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@pytest.fixture(scope="module")
def matrix(hostile, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    return {label: (argv, codes) for label, argv, codes in hostile_matrix(hostile, out)}


@pytest.mark.parametrize("label,codes", list(_cases()))
def test_hostile_file(label, codes, matrix, hostile):
    argv, _ = matrix[label]
    inputs = [Path(a) for a in argv[1:2]]
    before = [_digest(p) for p in inputs]
    run = run_xxgk(argv)
    folder = next(iter(hostile.values())).parent
    assert run_problems(run, codes, paths=[folder.parent]) == [], run.output[-1500:]
    assert [_digest(p) for p in inputs] == before, "the input file was changed"
    if label.startswith("check ") and not label.endswith(".json"):
        assert "xxgk import" in run.stderr and ".bak" not in run.stderr  # a document, not a damaged draft


def test_the_zip_bomb_is_what_it_claims(hostile):
    import zipfile

    path = hostile["zip-bomb.docx"]
    assert path.stat().st_size < 5 * 1024 * 1024
    with zipfile.ZipFile(path) as z:
        assert sum(i.file_size for i in z.infolist()) >= BOMB_BYTES
        with z.open("word/document.xml") as member:
            assert member.read(200).startswith(b"<?xml")  # a real deflate stream of real XML


def test_render_of_a_lone_surrogate_is_complete_and_says_so(hostile, tmp_path):
    import docx

    out = tmp_path / "surrogate.docx"
    run = run_xxgk(["render", hostile["surrogate.json"], "-o", out])
    assert run.returncode == 0, run.output
    reference = tmp_path / "reference.docx"
    assert run_xxgk(["render", Path(__file__).resolve().parents[2] / "resources/samples/sample-2021.json",
                     "-o", reference]).returncode == 0
    got, want = docx.Document(out), docx.Document(reference)
    assert len(got.tables) == len(want.tables)
    assert len(got.paragraphs) == len(want.paragraphs)
    assert "提示" in run.stderr and "总体情况" in run.stderr  # names the field with the removed character


def test_review_workbook_names_every_hostile_document_in_chinese(matrix, hostile):
    from openpyxl import load_workbook

    argv, _ = matrix["review (every hostile file)"]
    workbook = Path(argv[argv.index("-o") + 1])
    if not workbook.exists():
        run = run_xxgk(argv)
        assert run.returncode == 1, run.output
    wb = load_workbook(workbook)
    rows = {r[1]: r for r in wb["报告清单"].iter_rows(min_row=2, values_only=True) if r[1]}
    documents = [n for n in HOSTILE if not n.endswith(".json")]
    assert set(documents) <= set(rows)
    for name in documents:
        note = rows[name][-1] or ""
        assert not message_problems(note, paths=[hostile[name].parent]), (name, note)
    for sheet in wb:
        for row in sheet.iter_rows(values_only=True):
            text = " ".join(str(c) for c in row if c is not None)
            assert "Error" not in text and "maximum recursion" not in text, text


def test_every_peak_is_measured_and_small(hostile, tmp_path):
    """The measurement itself: a command's own peak, not the test runner's (and a bomb would show)."""
    small = run_xxgk(["--version"])
    assert 5 < small.peak_mb < 60
    imported = run_xxgk(["import", hostile["zip-bomb.docx"], "-o", tmp_path / "x.json"])
    assert imported.returncode == 2 and imported.peak_mb < PEAK_LIMIT_MB


@pytest.mark.parametrize("kind", [
    "folder",
    "not-a-zip",
])
def test_a_bad_template_is_refused_in_chinese(kind, tmp_path, hostile):
    template = tmp_path / "模板.docx"
    if kind == "folder":
        template.mkdir()
    else:
        template.write_bytes(hostile["not-a-zip.docx"].read_bytes())
    sample = Path(__file__).resolve().parents[2] / "resources/samples/sample-2021.json"
    run = run_xxgk(["render", sample, "-o", tmp_path / "out.docx", "--template", template])
    assert run_problems(run, {2}, paths=[tmp_path]) == [], run.output
