"""The build's cache: what each report gave last time, so a rebuild extracts only what changed.

A cache directory (by default .skg-cache beside the output) holds

    manifest.json        the last build: its directory, base, the code key and, per
                         file name, the sha256 of the file's bytes
    <code key>/<entry>   one pickle per report: what build.extract_file returned
                         (the record and its sorted triples, or why it was skipped),
                         and one of the ontology and reference graphs per base

An entry is found by the file's name, the sha256 of its bytes and the base, so an
unchanged file is never read as a PDF or extracted again, and an entry written
before a build was interrupted is still found by the next one. The entries sit
under the code key: the package version, a hash of every source and data file of
the package and the versions of its dependencies (the PDF reader's among them).
Any change to the program opens a fresh directory and the old ones are deleted.
It is the same idea as the store's manifest graph (store.py), which keys a
report's graph by the hash of its triples; here the key is the file, because the
point is not to read it.

Every write is atomic (a temporary file, then os.replace). A cache entry that
cannot be read (truncated, or pickled by another Python) counts as a miss. The
entries are pickles: trust a cache directory as you trust the code you run.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from contextlib import contextmanager
import re
import shutil
import time
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from rdflib import URIRef

from . import __version__

MANIFEST = "manifest.json"
FORMAT = 1  # of the manifest and the entries; part of the code key
KEY_DIR = re.compile(r"^[0-9a-f]{16}$")  # the only directories the cache deletes


def write_atomic(path: Path, data: bytes):
    """Write all or nothing: a reader never sees half a file."""
    with atomic_path(path) as temp:
        with open(temp, "wb") as out:
            out.write(data)


@contextmanager
def atomic_path(path: Path):
    """A temporary path beside `path` to write; moved onto `path` if the block succeeds, else removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # opened normally, so the umask applies
    try:
        yield temp
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def keep(entry: Path, outcome) -> None:
    """Write one cache entry: what extracting a file gave (build.Loaded or build.Skipped)."""
    write_atomic(entry, pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_key() -> str:
    """What the program is: version, every source and data file of the package, dependency versions."""
    return source_key(Path(__file__).parent, __version__, _dependencies())


def source_key(package: Path, version: str, dependencies: list[str] = ()) -> str:
    """16 hex digits that change when the version, any file under `package` or a dependency's version does."""
    digest = hashlib.sha256(f"format {FORMAT}\nversion {version}\n".encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(f"{path.relative_to(package).as_posix()} {path.stat().st_size}\n".encode())
            digest.update(path.read_bytes())
    for name in dependencies:
        try:
            digest.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} absent\n".encode())
    return digest.hexdigest()[:16]


def _dependencies() -> list[str]:
    try:
        requires = metadata.requires("safeguarding-kg") or []
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return []
    return sorted({re.split(r"[\s<>=!~;\[(]", r, maxsplit=1)[0] for r in requires if "extra ==" not in r})


def _stamps(paths) -> dict | None:
    """Each file's size and modification time (ns): enough to see that nobody rewrote it."""
    try:
        return {str(Path(p).resolve()): [os.stat(p).st_size, os.stat(p).st_mtime_ns] for p in paths}
    except OSError:
        return None


# A file's size and modification time are trusted to stand for its bytes (as git's index
# does) only if it had not been modified for this long when it was hashed: a file rewritten
# just after, within the clock's granularity, could otherwise keep both.
SETTLED_NS = 2_000_000_000


class BuildCache:
    """The entries of one code key in `directory`, and the manifest of the last build."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.entries = self.directory / code_key()
        self.stamps: dict[str, list] = {}  # file name -> [size, mtime_ns, sha256, when hashed (ns)]
        self._previous: dict[str, list] | None = None  # the last build's stamps, read once

    def file_sha256(self, directory: Path, path: Path) -> str:
        """The file's sha256: from the last build of the same directory where the file's size and
        modification time are what they were then (and it had settled), else read. Raises OSError."""
        hashed = time.time_ns()
        stat = path.stat()
        stamp = self._previous_stamps(directory).get(path.name)
        if stamp and stamp[:2] == [stat.st_size, stat.st_mtime_ns] and stat.st_mtime_ns < stamp[3] - SETTLED_NS:
            self.stamps[path.name] = stamp
            return stamp[2]
        sha256 = file_sha256(path)
        self.stamps[path.name] = [stat.st_size, stat.st_mtime_ns, sha256, hashed]
        return sha256

    def _previous_stamps(self, directory: Path) -> dict[str, list]:
        if self._previous is None:
            last = self.previous()
            same = last.get("directory") == str(directory.resolve())
            self._previous = {name: stamp for name, stamp in (last.get("stamps") or {}).items()
                              if same and isinstance(stamp, list) and len(stamp) == 4}
        return self._previous

    def previous(self) -> dict:
        """The last build's manifest, or {} if there is none (or it cannot be read)."""
        try:
            manifest = json.loads((self.directory / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return manifest if isinstance(manifest, dict) and manifest.get("format") == FORMAT else {}

    def get(self, name: str, sha256: str, base: str):
        """What extracting this file gave before, or None."""
        try:
            with open(self._entry(name, sha256, base), "rb") as handle:
                return pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - a damaged entry is a miss; it is rewritten after extracting
            return None

    def entry(self, name: str, sha256: str, base: str) -> Path:
        """Where what extracting this file gave is kept (a worker writes it there: keep)."""
        return self._entry(name, sha256, base)

    def static_graphs(self, base: str, make):
        """The ontology and reference graphs ((name, sorted triples), ...): from the cache, else make(base)."""
        from .build import ntriples, parse_ntriples

        path = self._static(base)
        try:
            with open(path, "rb") as handle:
                return tuple((URIRef(name), parse_ntriples(text)) for name, text in pickle.load(handle))
        except Exception:  # noqa: BLE001 - missing or damaged: make them again
            graphs = make(base)
            write_atomic(path, pickle.dumps([(str(name), ntriples(triples)) for name, triples in graphs]))
            return graphs

    def unchanged(self, directory: Path, base: str, files: dict[str, str], outputs) -> dict | None:
        """The last build's record if this build would be the same: the same directory, files
        (name -> sha256), program and base, and its outputs still as it wrote them (size and
        modification time); else None."""
        last = self.previous()
        if not last.get("built") or (last.get("code"), last.get("directory"), last.get("base")) != (
                code_key(), str(directory.resolve()), base) or last.get("files") != dict(sorted(files.items())):
            return None
        return last["built"] if last.get("outputs") == _stamps(outputs) else None

    def save(self, directory: Path, base: str, files: dict[str, str], outputs=None, built: dict | None = None) -> None:
        """Record this build (file name -> sha256) and drop every entry it did not use.

        outputs: the files it wrote (None: as the last build recorded them) and built, what it
        loaded (build._built_record): together they let an unchanged rebuild skip everything.
        """
        stamps = _stamps(outputs) if outputs is not None else self.previous().get("outputs")
        manifest = {"format": FORMAT, "code": code_key(), "directory": str(directory.resolve()),
                    "base": base, "files": dict(sorted(files.items())), "outputs": stamps, "built": built,
                    "stamps": {name: stamp for name, stamp in sorted(self.stamps.items())
                               if files.get(name) == stamp[2]}}
        write_atomic(self.directory / MANIFEST,
                     (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
        used = {self._entry(name, sha, base).name for name, sha in files.items()} | {self._static(base).name}
        if self.entries.is_dir():
            for entry in self.entries.iterdir():
                if entry.name not in used:
                    entry.unlink(missing_ok=True)
        for other in self.directory.iterdir():
            if other.is_dir() and KEY_DIR.match(other.name) and other != self.entries:
                shutil.rmtree(other, ignore_errors=True)  # entries of an older program

    def removed_since(self, directory: Path, files: dict[str, str]) -> list[str]:
        """Files the last build of the same directory had and this one has not."""
        previous = self.previous()
        if previous.get("directory") != str(directory.resolve()):
            return []
        return sorted(set(previous.get("files", {})) - set(files))

    def _static(self, base: str) -> Path:
        return self.entries / f"static-{hashlib.sha256(base.encode('utf-8')).hexdigest()[:16]}.pickle"

    def _entry(self, name: str, sha256: str, base: str) -> Path:
        key = hashlib.sha256(f"{name}\0{sha256}\0{base}".encode("utf-8")).hexdigest()
        return self.entries / f"{key}.pickle"
