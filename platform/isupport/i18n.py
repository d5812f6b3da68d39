"""Compiling the gettext catalogues (.po to .mo) with Babel, so that running the platform needs
no system gettext. The .mo files are build products (git-ignored)."""

from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def compile_catalogues(root: Path = REPOSITORY_ROOT) -> list[Path]:
    """Compile every catalogue of the project whose .mo is missing or older than its .po.

    Returns the files written. Fuzzy entries stay out, as with msgfmt.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for top in sorted(root.iterdir()):
        if not top.is_dir() or top.name.startswith(".") or top.name in {"node_modules", "build"}:
            continue  # .venv, .local, .git; npm packages and build products
        for po_path in sorted(top.rglob("locale/*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog, use_fuzzy=False)
            written.append(mo_path)
    return written
