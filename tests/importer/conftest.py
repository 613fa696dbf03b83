import io
import zipfile
from pathlib import Path

import pytest

from report import draft
from report.render.package import NAMESPACE
from tests.needs import tool_or_fail

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parents[2] / "resources" / "samples"

REAL = {
    "000": FIXTURES / "000_bc8117d118ec5b85.txt",
    "001": FIXTURES / "001_6f6c780c05ed1855.txt",
    "002": FIXTURES / "002_360e8e9c0ceb8934.txt",
    "003": FIXTURES / "003_c5e4a961ff6a8cdb.txt",
    "004": FIXTURES / "004_17b4a8c95a9d1412.txt",
}


def strip_embedded(data: bytes) -> bytes:
    """The .docx with our embedded draft replaced by an unrelated custom XML item (text path only)."""
    zin = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            blob = zin.read(info.filename)
            if NAMESPACE.encode() in blob[:400]:
                blob = b'<?xml version="1.0" encoding="UTF-8"?><other/>'
            z.writestr(info, blob)
    return out.getvalue()


@pytest.fixture(scope="session")
def rendered(tmp_path_factory):
    """Both sample drafts rendered with ``render_docx``: {name: (report, docx path, stripped docx path)}."""
    from report.render import render_docx

    folder = tmp_path_factory.mktemp("rendered")
    out = {}
    for name in ("sample-2021", "sample-2019"):
        report = draft.load(SAMPLES / f"{name}.json")
        path = folder / f"{name}.docx"
        render_docx(report, path)
        stripped = folder / f"{name}-text.docx"
        stripped.write_bytes(strip_embedded(path.read_bytes()))
        out[name] = (report, path, stripped)
    return out


def libreoffice(source: Path, outdir: Path, convert_to: str, infilter: str) -> Path:
    """Convert one file with LibreOffice headless (own profile); returns the output, which must exist."""
    import subprocess

    soffice = tool_or_fail("soffice")
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={(outdir / 'lo-profile').as_uri()}",
         f"--infilter={infilter}", "--convert-to", convert_to, "--outdir", str(outdir), str(source)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300, check=False,
    )
    out = outdir / f"{source.stem}.{convert_to.split(':')[0]}"
    # soffice exits 0 even when it wrote nothing: the file is the only proof.
    assert out.exists() and out.stat().st_size > 0, f"LibreOffice wrote nothing for {source.name}"
    return out
