"""Builds the installable EnergoDesk: icons, the PyInstaller one-folder bundle, the .deb or the setup.exe.

  python installer/build.py linux   [--dist DIR] [--work DIR]   bundle + dist/energodesk_VERSION_ARCH.deb
  python installer/build.py windows [--dist DIR] [--work DIR]   bundle + Inno Setup installer (iscc)
  python installer/build.py icons   [--work DIR]                only the PNG/ICO icons

The spec compiles the translations (.qm) first; nothing is compiled on the operator's machine.
`./run.sh package` runs the Linux build in the project's venv.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "installer" / "energodesk.spec"
DESKTOP_ENTRY = ROOT / "installer" / "energodesk.desktop"
ISS = ROOT / "installer" / "energodesk.iss"
ICON_SVG = ROOT / "resources" / "icons" / "energodesk.svg"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
APP = "energodesk"

# What Qt's xcb platform plugin links against and a desktop may lack (perf-notes 8 and 9);
# the alternatives name the packages renamed by Debian 13 / Ubuntu 24.04 (64-bit time_t).
DEB_DEPENDS = [
    "libc6 (>= 2.31)",
    "libgl1",
    "libegl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0 | libglib2.0-0t64",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libx11-xcb1",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-randr0",
    "libxcb-xinerama0",
    "libxcb-xkb1",
]


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from desktop import __version__

    return __version__


def say(message: str) -> None:
    print(f"build: {message}", file=sys.stderr, flush=True)


def icons(work: Path) -> Path:
    """PNG icons of every size and a multi-size .ico, drawn from the SVG with Qt."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])
    out = work / "icons"
    out.mkdir(parents=True, exist_ok=True)
    renderer = QSvgRenderer(str(ICON_SVG))
    if not renderer.isValid():
        raise SystemExit(f"build: cannot read {ICON_SVG}")
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        if not image.save(str(out / f"{APP}-{size}.png")):
            raise SystemExit(f"build: cannot write the {size}px icon")
    # Qt's ICO writer stores one image per file; Windows wants 256 px for the installer and shortcuts.
    ico = QImage(str(out / f"{APP}-256.png"))
    # The stub says bytes; the binding takes only str for the format.
    if not ico.save(str(out / f"{APP}.ico"), "ICO"):  # type: ignore[call-overload]
        raise SystemExit("build: cannot write the .ico (Qt's qico image plugin missing?)")
    del app
    return out


def bundle(dist: Path, work: Path) -> Path:
    """The PyInstaller one-folder bundle DIST/energodesk (the spec compiles the translations)."""
    started = time.monotonic()
    say(f"PyInstaller bundle into {dist / APP}")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "pyinstaller"),
            str(SPEC),
        ],
        cwd=ROOT,
        check=True,
    )
    say(f"bundle built in {time.monotonic() - started:.0f} s")
    return dist / APP


def _architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
    ).stdout.strip()


def deb(folder: Path, dist: Path, work: Path, icon_dir: Path) -> Path:
    """A .deb: the bundle in /opt/energodesk, /usr/bin/energodesk, the desktop entry and icons."""
    stage = work / "deb"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(folder, stage / "opt" / APP, symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / APP).symlink_to(f"/opt/{APP}/{APP}")
    applications = stage / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    shutil.copy(DESKTOP_ENTRY, applications / f"{APP}.desktop")
    hicolor = stage / "usr" / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy(icon_dir / f"{APP}-{size}.png", target / f"{APP}.png")
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(ICON_SVG, hicolor / "scalable" / "apps" / f"{APP}.svg")
    doc = stage / "usr" / "share" / "doc" / APP
    doc.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "fonts" / "LICENSE-DejaVu.txt", doc / "LICENSE-DejaVu.txt")
    size_kb = sum(p.stat().st_size for p in stage.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    control.write_text(
        f"Package: {APP}\n"
        f"Version: {version()}\n"
        f"Architecture: {_architecture()}\n"
        "Maintainer: EnergoDesk team <energodesk@localhost>\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Installed-Size: {size_kb}\n"
        f"Depends: {', '.join(DEB_DEPENDS)}\n"
        "Description: Desk application for the walk-in service centres of an electricity retailer\n"
        " Operators find an account, take meter readings, print bills, take payments and help\n"
        " with the online account. Data in a local SQLite file or a shared PostgreSQL database.\n",
        encoding="utf-8",
    )
    target = dist / f"{APP}_{version()}_{_architecture()}.deb"
    # zstd (dpkg >= 1.21.18: Debian 12, Ubuntu 22.04): 5 s here; gzip takes 10-80 s, xz 100 s.
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zzstd", "--build", str(stage), str(target)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(stage)
    say(f"package {target} ({target.stat().st_size / 2**20:.1f} MiB)")
    return target


def _iscc() -> str | None:
    found = shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        candidate = Path(base or "C:/missing") / "Inno Setup 6" / "ISCC.exe"
        if candidate.exists():
            return str(candidate)
    return None


def windows(dist: Path, work: Path) -> None:
    """The bundle and, where Inno Setup 6 is installed, dist/energodesk-setup-VERSION.exe."""
    icons(ROOT / "build")  # the spec and the .iss read build/icons/energodesk.ico
    bundle(dist, work)
    iscc = _iscc()
    if iscc is None:
        say(f"Inno Setup 6 not found; install it, then run: iscc /DAppVersion={version()} {ISS}")
        return
    subprocess.run([iscc, f"/DAppVersion={version()}", f"/DDistDir={dist}", str(ISS)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", choices=("linux", "windows", "icons"))
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="work folder (default build/)")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    if args.target == "icons":
        print(icons(work))
    elif args.target == "windows":
        windows(dist, work)
    else:
        if shutil.which("dpkg-deb") is None:
            raise SystemExit("build: dpkg-deb is needed for the .deb (Debian/Ubuntu: apt-get install dpkg)")
        icon_dir = icons(work)
        deb(bundle(dist, work), dist, work, icon_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
