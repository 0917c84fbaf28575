"""The installable desk: the PyInstaller bundle and the .deb are built once (installer/build.py, as
`./run.sh package` does) and the frozen program is run outside the source tree and the venv."""

from __future__ import annotations

import faulthandler
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import desktop
from desktop.core.payment_qr import parse_payload

pytestmark = [pytest.mark.package, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "installer" / "energodesk.spec"
BUILD_TIMEOUT = 1800


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{tool} is needed for the package test (./run.sh test installs it)")
        pytest.skip(f"{tool} not installed")
    return found


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Build the bundle and the .deb once per test run, into a temporary folder."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("PyInstaller is not installed: pip install -e '.[package]'")
        pytest.skip("PyInstaller is not installed (the package extra)")
    _need("dpkg-deb")
    _need("objdump")
    out = tmp_path_factory.mktemp("package")
    # The build takes minutes (longer on a busy machine): no hang-detector traceback dump meanwhile.
    faulthandler.cancel_dump_traceback_later()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "installer" / "build.py"),
            "linux",
            "--dist",
            str(out / "dist"),
            "--work",
            str(out / "work"),
        ],
        check=True,
        timeout=BUILD_TIMEOUT,
    )
    debs = sorted((out / "dist").glob("energodesk_*.deb"))
    assert len(debs) == 1
    yield {"bundle": out / "dist" / "energodesk", "deb": debs[0]}
    shutil.rmtree(out / "work", ignore_errors=True)


@pytest.fixture
def frozen(built: dict[str, Path], tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run the frozen program with a bare environment, from a folder outside the repository."""
    program = built["bundle"] / "energodesk"
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "ENERGODESK_CONFIG_DIR": str(home / "config"),
        "ENERGODESK_DATA_DIR": str(home / "data"),
    }

    def run(
        *args: str, extra: dict[str, str] | None = None, ok: bool = True
    ) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(program), *args],
            check=False,
            cwd=home,
            env={**env, **(extra or {})},
            capture_output=True,
            text=True,
            timeout=600,
        )
        if ok:
            assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
            assert "Traceback" not in done.stderr, done.stderr
        return done

    return run


def source_modules() -> list[str]:
    """Every module of the source tree's `desktop` package (not the frozen program's own list)."""
    names = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        if not name.startswith(("desktop.__main__", "desktop.db.migrations")):
            names.append(name)
    return names


def test_version(frozen):
    assert frozen("--version").stdout.strip() == f"energodesk {desktop.__version__}"


def test_every_module_imports_and_the_resources_are_there(frozen):
    modules = source_modules()
    assert "desktop.services.export" in modules and len(modules) > 80
    done = frozen("check", "--modules", *modules)
    assert "(frozen bundle," in done.stdout
    assert "translations: " in done.stdout and "«Войти», «Отмена»" in done.stdout  # ours and Qt's own
    assert f"ok   all {len(modules) + 4} checks" in done.stdout


def test_the_bank_registry_formats_ship(frozen):
    formats = [line.split("\t")[:2] for line in frozen("payments", "formats").stdout.splitlines()]
    assert formats == [["csv", "UTF-8"], ["sber", "windows-1251"]]


def test_fresh_sqlite_file_demo_and_a_bill_pdf_with_embedded_fonts_and_a_qr_code(frozen, tmp_path):
    pdffonts, pdftoppm, zbarimg = _need("pdffonts"), _need("pdftoppm"), _need("zbarimg")
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    assert frozen("db", "upgrade", "--database", url).stdout.startswith("schema at revision ")
    assert "Demo data: 50 customers" in frozen("demo", "--customers", "50", "--database", url).stdout
    account = frozen("account", "list", "--limit", "1", "--database", url).stdout.strip()
    card = json.loads(frozen("account", "show", account, "--json", "--database", url).stdout)
    period = card["last_bill"]["period"]
    pdf = tmp_path / "bill.pdf"
    frozen("bill", "pdf", account, "--period", period, "--out", str(pdf), "--database", url)
    assert pdf.read_bytes().startswith(b"%PDF")
    lines = subprocess.run(
        [pdffonts, str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    header = lines[0].split()
    assert len(lines) > 2
    for line in lines[2:]:
        columns = line.split()  # counted from the right: the type column has spaces ("CID TrueType")
        assert columns[header.index("emb") - len(header)] == "yes", line
        assert "DejaVu" in columns[0], line
    subprocess.run(
        [pdftoppm, "-r", "200", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    page = next(tmp_path.glob("page*.png"))
    raw = subprocess.run(
        [zbarimg, "--raw", "-q", "-Sbinary", str(page)], capture_output=True, check=True
    ).stdout
    fields = parse_payload(raw.rstrip(b"\n"))
    assert fields["PersAcc"] == account


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_shared_postgresql_database(frozen, database_url):
    """psycopg's binary driver is in the bundle: the frozen desk works on the shared database too."""
    assert "schema at revision" in frozen("db", "upgrade", "--database", database_url).stdout
    frozen("demo", "--customers", "50", "--database", database_url)
    assert len(frozen("account", "list", "--limit", "3", "--database", database_url).stdout.split()) == 3


def test_sign_in_dialog_painted_offscreen(frozen, tmp_path):
    from PySide6.QtGui import QImage

    url = f"sqlite:///{tmp_path / 'gui.sqlite3'}"
    frozen("db", "upgrade", "--database", url)
    shot = tmp_path / "sign-in.png"
    done = frozen(
        "--database",
        url,
        extra={
            "QT_QPA_PLATFORM": "offscreen",
            "ENERGODESK_BENCH_PAINTED": "1",
            "ENERGODESK_BENCH_GRAB": str(shot),
        },
    )
    assert float(done.stdout.split()[-1]) > 0  # the moment of the first paint
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 300 and image.height() >= 100
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 5  # text and fields were drawn, not an empty window
    if os.environ.get("ENERGODESK_KEEP_SHOTS"):
        shutil.copy(shot, os.environ["ENERGODESK_KEEP_SHOTS"])


def test_no_display_is_one_line_before_any_work(frozen, tmp_path):
    done = frozen(ok=False)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("energodesk: нет дисплея")
    assert not (tmp_path / "home" / "data").exists()  # nothing created, no setup dialog tried


def test_deb_installs_into_a_clean_folder(built, tmp_path):
    validate = _need("desktop-file-validate")
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(built["deb"]), str(root)], check=True)
    entry = root / "usr" / "share" / "applications" / "energodesk.desktop"
    checked = subprocess.run([validate, str(entry)], check=False, capture_output=True, text=True)
    assert checked.returncode == 0 and not checked.stdout.strip() and not checked.stderr.strip(), checked
    text = entry.read_text(encoding="utf-8")
    assert "\nExec=energodesk\n" in text and "\nIcon=energodesk\n" in text
    assert os.readlink(root / "usr" / "bin" / "energodesk") == "/opt/energodesk/energodesk"
    program = root / "opt" / "energodesk" / "energodesk"
    assert os.access(program, os.X_OK)
    for size in (48, 256):
        assert (
            root / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "energodesk.png"
        ).is_file()
    assert (root / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps" / "energodesk.svg").is_file()
    control = subprocess.run(
        ["dpkg-deb", "-f", str(built["deb"])], capture_output=True, text=True, check=True
    ).stdout
    assert f"Version: {desktop.__version__}" in control and "libxcb-cursor0" in control
    installed = subprocess.run(
        [str(program), "--version"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert installed.stdout.strip() == f"energodesk {desktop.__version__}"


def test_inno_setup_script_matches_the_bundle_layout(built, tmp_path):
    """iscc cannot run here: the script's paths are checked against the bundle the spec makes."""
    iss = (ROOT / "installer" / "energodesk.iss").read_text(encoding="utf-8")
    top = sorted(p.name for p in built["bundle"].iterdir())
    assert top == ["_internal", "energodesk"]  # on Windows: energodesk.exe and _internal
    assert re.search(
        r'Source: "\{#DistDir\}\\energodesk\\\*"; DestDir: "\{app\}"; Flags: [^\n]*recursesubdirs', iss
    )
    # The shortcuts start the windowed twin the spec adds on Windows; the console one is the CLI.
    assert "{app}\\energodeskw.exe" in iss and 'name="energodeskw", console=False' in SPEC.read_text()
    assert re.search(r'#define AppVersion "' + re.escape(desktop.__version__) + '"', iss)
    assert "SetupIconFile=..\\build\\icons\\energodesk.ico" in iss
    subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build.py"), "icons", "--work", str(tmp_path)],
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    from PySide6.QtGui import QImage

    assert QImage(str(tmp_path / "icons" / "energodesk.ico")).width() == 256
