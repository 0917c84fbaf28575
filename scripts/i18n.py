"""Maintain the Russian translation: `update` (lupdate), `missing` (list), `fill FILE.tsv`."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "energodesk_ru.ts"
LUPDATE = Path(PySide6.__file__).parent / "lupdate"


def update(ts: Path = TS) -> None:
    """Extract every tr()/QT_TRANSLATE_NOOP string from desktop/ into the .ts (keeps translations)."""
    sources = sorted(str(p) for p in (ROOT / "desktop").rglob("*.py"))
    subprocess.run([str(LUPDATE), "-silent", "-no-obsolete", *sources, "-ts", str(ts)], check=True)


def missing(ts: Path = TS) -> list[tuple[str, str]]:
    """(context, source) of every message without a finished translation."""
    tree = ET.parse(ts)
    out = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            tr = message.find("translation")
            if tr is None or tr.get("type") in ("unfinished",) or not (tr.text or "").strip():
                out.append((name, message.findtext("source", "")))
    return out


def fill(tsv: Path, ts: Path = TS) -> int:
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
    command = sys.argv[1] if len(sys.argv) > 1 else "missing"
    if command == "update":
        update()
    elif command == "fill":
        print(f"{fill(Path(sys.argv[2]))} translations set")
    for context, source in missing():
        print(f"{context}\t{source}")
