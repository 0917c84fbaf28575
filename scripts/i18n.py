"""Maintain the Russian translations, one .ts file per area so branches do not collide.

  python scripts/i18n.py update AREA FILE...   extract tr() strings of FILEs into AREA_ru.ts
  python scripts/i18n.py fill AREA FILE.tsv    set translations (context<TAB>source<TAB>translation)
  python scripts/i18n.py missing               list strings of desktop/ with no translation anywhere
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
            done = tr is not None and tr.get("type") != "unfinished" and (tr.text or "").strip()
            out[(name, message.findtext("source", ""))] = (tr.text or "") if done else ""  # type: ignore[union-attr]
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
    for context, source in missing():
        print(f"{context}\t{source}")
