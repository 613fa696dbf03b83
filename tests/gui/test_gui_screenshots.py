"""Screenshots kept in the repository: small 256-colour PNGs that still show the window."""

from PySide6.QtGui import QImage

from gui.screenshots import MAX_BYTES, save_png


def test_a_full_table_step_is_saved_small_and_whole(open_sample, tmp_path):
    w = open_sample
    row = next(r for r, p in enumerate(w.steps) if "applications" in getattr(p, "tables", {}))
    w.go_step(row)
    path = save_png(w.grab(), tmp_path / "三.png")
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1366, 768)
    assert image.format() == QImage.Format.Format_Indexed8
    assert path.stat().st_size < MAX_BYTES // 2


def test_every_committed_screenshot_is_under_the_limit():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    sizes = {p.name: p.stat().st_size for p in folder.glob("*.png")}
    assert sizes and all(size < MAX_BYTES for size in sizes.values()), sizes
