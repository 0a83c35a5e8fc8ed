"""Render Box Login's icon (an SVG) into the files each platform's installer wants.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py [--svg FILE] [--out DIR]

Writes into DIR (default ``build/icons``):

- ``hicolor/<N>x<N>/apps/box-login.png`` for N in 16..512, ``hicolor/scalable/apps/box-login.svg``
  (the freedesktop icon theme layout, copied as-is under ``/usr/share/icons`` by the .deb);
- ``box-login.ico`` (Windows: PNG-compressed entries 16..256);
- ``box-login.iconset/`` (the input of macOS ``iconutil -c icns``) and ``box-login.icns`` written
  directly, so the macOS recipe works without ``iconutil`` too.

The SVG is ``resources/icon.svg``; while it does not exist a placeholder is drawn (into DIR, never
into ``resources/``) so that packaging can be built and tested on its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICON_NAME = "box-login"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# iconutil file names -> pixel size; icns OSType -> pixel size (PNG payloads).
ICONSET = {
    "icon_16x16.png": 16,
    "icon_16x16@2x.png": 32,
    "icon_32x32.png": 32,
    "icon_32x32@2x.png": 64,
    "icon_128x128.png": 128,
    "icon_128x128@2x.png": 256,
    "icon_256x256.png": 256,
    "icon_256x256@2x.png": 512,
    "icon_512x512.png": 512,
    "icon_512x512@2x.png": 1024,
}
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
)

PLACEHOLDER_SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <!-- Placeholder drawn by packaging/render_icons.py until resources/icon.svg exists. -->
  <rect x="16" y="16" width="480" height="480" rx="96" fill="#0061d5"/>
  <path d="M128 200 L256 136 L384 200 L384 328 L256 392 L128 328 Z" fill="none"
        stroke="#ffffff" stroke-width="28" stroke-linejoin="round"/>
  <path d="M128 200 L256 264 L384 200 M256 264 L256 392" fill="none" stroke="#ffffff"
        stroke-width="28" stroke-linejoin="round"/>
</svg>
"""


def render_png(svg: Path, size: int) -> bytes:
    """Render ``svg`` to a square, transparent PNG of ``size`` pixels and return its bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit(f"render_icons: could not encode a {size}px PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG-compressed image per size (Vista and later read these)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries = b""
    for size in sizes:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(pngs[size]), offset)
        offset += len(pngs[size])
    return header + entries + b"".join(pngs[s] for s in sizes)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns with PNG payloads (the format iconutil writes since macOS 10.7)."""
    chunks = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def source_svg(requested: Path | None, out: Path) -> Path:
    """The SVG to render: the one asked for, resources/icon.svg, or a generated placeholder."""
    if requested is not None:
        return requested
    real = ROOT / "resources" / "icon.svg"
    if real.is_file():
        return real
    placeholder = out / "placeholder-icon.svg"
    placeholder.write_text(PLACEHOLDER_SVG, encoding="utf-8")
    print("render_icons: resources/icon.svg not found; using a placeholder", file=sys.stderr)
    return placeholder


def main(argv: list[str] | None = None) -> int:
    """Render every icon file into the output folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, help="SVG to render (default: resources/icon.svg)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "icons")
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    svg = source_svg(args.svg, out)

    wanted = sorted({*HICOLOR_SIZES, *ICO_SIZES, *ICONSET.values()})
    pngs = {size: render_png(svg, size) for size in wanted}

    scalable = out / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True)
    shutil.copyfile(svg, scalable / f"{ICON_NAME}.svg")
    for size in HICOLOR_SIZES:
        folder = out / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True)
        (folder / f"{ICON_NAME}.png").write_bytes(pngs[size])

    (out / f"{ICON_NAME}.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    iconset = out / f"{ICON_NAME}.iconset"
    iconset.mkdir()
    for name, size in ICONSET.items():
        (iconset / name).write_bytes(pngs[size])
    (out / f"{ICON_NAME}.icns").write_bytes(icns_bytes(pngs))
    del app
    print(f"render_icons: {svg.name} -> {out} ({len(wanted)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
