"""The font of the PDFs: Noto Sans, from the ``fontpkg-noto-sans`` package (SIL OFL 1.1).

It covers Latin, Greek and Cyrillic. The font is a pip dependency declared in pyproject.toml:
no font file is kept in the repository and nothing is downloaded at run time.

The package ships a variable font. Embedding it as such makes every PDF slow to write (fpdf2
subsets the variation tables too), so once per machine a static copy is derived from it: the
default instance (regular weight, normal width, whose outlines the variable font already holds)
without the variation tables, reduced to the Latin, Greek and Cyrillic blocks and punctuation.
The copy lives in the temporary directory, named after the source file's size and date; if it
cannot be written, the variable font is used as it is.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from pathlib import Path

FONT_FAMILY = "NotoSans"

# Basic Latin to Latin Extended-B, combining diacritics, Greek and Coptic, Cyrillic,
# punctuation, currency and letterlike symbols (No, TM). Fewer glyphs make every PDF faster to
# write; Vietnamese (Latin Extended Additional) and polytonic Greek are left out.
UNICODE_RANGES = (
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x0300, 0x036F),
    (0x0370, 0x03FF),
    (0x0400, 0x04FF),
    (0x2000, 0x206F),
    (0x20A0, 0x20CF),
    (0x2100, 0x214F),
)
_VARIATION_TABLES = ("gvar", "fvar", "HVAR", "MVAR", "VVAR", "STAT", "avar", "cvar")


@functools.cache
def source_font_path() -> Path:
    """The upright Noto Sans TrueType file of the installed package."""
    import fontpkg_noto_sans

    candidates = sorted(
        path
        for path in (Path(fontpkg_noto_sans.ROOT) / "files").glob("NotoSans*.ttf")
        if "Italic" not in path.name
    )
    if not candidates:  # pragma: no cover - a broken installation
        raise RuntimeError("fontpkg-noto-sans is installed without its NotoSans TTF file")
    return candidates[0]


@functools.cache
def font_path() -> Path:
    """The TrueType file the PDFs embed (the static copy, derived on first use)."""
    source = source_font_path()
    stat = source.stat()
    key = hashlib.sha256(f"{source.name}:{stat.st_size}:{stat.st_mtime_ns}:2".encode()).hexdigest()
    target = Path(tempfile.gettempdir()) / "isupport-forms-fonts" / f"NotoSans-{key[:16]}.ttf"
    if target.exists():
        return target
    try:
        _derive_static_font(source, target)
    except OSError:  # pragma: no cover - read-only temporary directory
        return source
    return target


def _derive_static_font(source: Path, target: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    for tag in _VARIATION_TABLES:
        if tag in font:
            del font[tag]
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(
        unicodes=[code for first, last in UNICODE_RANGES for code in range(first, last + 1)]
    )
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written under a temporary name and renamed: concurrent processes never see half a file.
    handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(handle)
    try:
        font.save(partial)
        os.chmod(partial, 0o644)  # a public font: readable by every user
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
