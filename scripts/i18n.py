"""Maintain the Russian translations, one .ts file per area so branches do not collide.

  python scripts/i18n.py update AREA FILE...   extract tr() strings of FILEs into AREA_ru.ts
  python scripts/i18n.py fill AREA FILE.tsv    set translations (context<TAB>source<TAB>translation)
  python scripts/i18n.py missing               list strings of desktop/ with no translation anywhere
  python scripts/i18n.py compile               compile every stale AREA_ru.ts into AREA_ru.qm beside it

The .qm files are build products (git-ignored): run.sh, the test session and the package build
compile them; the desk itself never compiles anything at start.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
LUPDATE = Path(PySide6.__file__).parent / "lupdate"
LRELEASE = Path(PySide6.__file__).parent / "lrelease"


def ts_path(area: str) -> Path:
    return FOLDER / f"{area}_ru.ts"


def update(ts: Path, files: list[str]) -> None:
    """Extract every tr()/QT_TRANSLATE_NOOP string of ``files`` into ``ts`` (keeps translations)."""
    subprocess.run([str(LUPDATE), "-silent", "-no-obsolete", *files, "-ts", str(ts)], check=True)


def _messages(ts: Path) -> dict[tuple[str, str], str]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            tr = message.find("translation")
            # A plural message (tr("%n ...", "", n)) keeps its text in <numerusform> children.
            text = (tr.text or "").strip() or " | ".join(f.text or "" for f in tr.iter("numerusform")).strip(
                " |") if tr is not None else ""
            done = tr is not None and tr.get("type") != "unfinished" and text
            out[(name, message.findtext("source", ""))] = text if done else ""
    return out


def missing() -> list[tuple[str, str]]:
    """(context, source) of every string in desktop/ that no .ts file translates."""
    translated: dict[tuple[str, str], str] = {}
    for ts in sorted(FOLDER.glob("*_ru.ts")):
        translated.update({k: v for k, v in _messages(ts).items() if v})
    with tempfile.TemporaryDirectory() as tmp:
        everything = Path(tmp) / "all_ru.ts"
        update(everything, sorted(str(p) for p in (ROOT / "desktop").rglob("*.py")))
        return [key for key in _messages(everything) if key not in translated]


def stale(folder: Path = FOLDER) -> list[Path]:
    """The .ts files whose .qm is missing or older than the .ts."""
    return [ts for ts in sorted(folder.glob("*.ts"))
            if not ts.with_suffix(".qm").exists() or ts.with_suffix(".qm").stat().st_mtime < ts.stat().st_mtime]


def compile_all(folder: Path = FOLDER, *, force: bool = False) -> list[Path]:
    """Compile the stale (or, with ``force``, all) .ts files of ``folder``; returns the .qm written."""
    sources = sorted(folder.glob("*.ts")) if force else stale(folder)
    written = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        # Written under another name and renamed: a reader never sees half a file.
        partial = qm.with_suffix(".qm.part")
        subprocess.run([str(LRELEASE), "-silent", str(ts), "-qm", str(partial)], check=True, timeout=120)
        partial.replace(qm)
        written.append(qm)
    return written


def fill(ts: Path, tsv: Path) -> int:
    """Set translations from lines `context<TAB>source<TAB>translation` (context * = any)."""
    wanted: dict[tuple[str, str], str] = {}
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            context, source, translation = line.split("\t")
            wanted[(context, source.replace("\\n", "\n"))] = translation.replace("\\n", "\n")
    tree = ET.parse(ts)
    count = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            text = wanted.get((name, source), wanted.get(("*", source)))
            if text is not None:
                tr = message.find("translation")
                tr.text = text  # type: ignore[union-attr]
                tr.attrib.pop("type", None)  # type: ignore[union-attr]
                count += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return count


if __name__ == "__main__":
    args = sys.argv[1:] or ["missing"]
    if args[0] == "update":
        update(ts_path(args[1]), args[2:])
    elif args[0] == "fill":
        print(f"{fill(ts_path(args[1]), Path(args[2]))} translations set")
    elif args[0] == "compile":
        for qm in compile_all(force="--force" in args):
            print(f"compiled {qm.relative_to(ROOT)}")
        sys.exit(0)
    for context, source in missing():
        print(f"{context}\t{source}")
