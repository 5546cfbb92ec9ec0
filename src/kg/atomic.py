"""Replace an output directory as a whole, or not at all (kg build's dist/, kg synth's corpus)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import BuildError


def check_writable(out: Path) -> None:
    """Fail at once, before minutes of work, when ``out`` could not be replaced later.

    Raises:
        BuildError: ``out`` is not a directory, or its parent cannot be created or written.
    """
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: exists and is not a directory")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryDirectory(dir=out.parent).cleanup()
    except OSError as exc:
        raise BuildError(f"{out}: cannot be written: {exc.strerror or exc}") from exc


@contextmanager
def replaced_directory(out: Path, *, prefix: str, what: str) -> Iterator[Path]:
    """Yield a fresh temporary directory beside ``out``; when the block ends normally it
    replaces ``out`` by renames. On any failure ``out`` is untouched and the temporary
    directory is removed.

    Raises:
        BuildError: ``out`` exists and is not a directory, or cannot be written (names ``what``).
    """
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out}: exists and is not a directory")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=out.parent))
        tmp.chmod(0o755)  # mkdtemp makes it private; the output is meant to be published
    except OSError as exc:
        raise BuildError(f"{out}: cannot create a temporary directory: {exc.strerror}") from exc
    try:
        yield tmp
        _swap(tmp, out, prefix=prefix)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(f"{out}: cannot write {what}: {exc}") from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap(tmp: Path, out: Path, *, prefix: str) -> None:
    """Move ``tmp`` to ``out``; an existing ``out`` is moved aside first and restored on error."""
    if not out.exists():
        tmp.rename(out)
        return
    old = Path(tempfile.mkdtemp(prefix=prefix + "old-", dir=out.parent))
    old.rmdir()  # only the unique name is wanted; rename needs it free
    out.rename(old)
    try:
        tmp.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def write_files(files: dict[Path, bytes]) -> None:
    """Write several files so that each is either its old self or wholly new.

    Every file is first written beside its target under a temporary name; only when all are
    written are they renamed into place (a rename is atomic within a directory).

    Raises:
        BuildError: a file cannot be written; no target has been touched then.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=path.parent, prefix=f".{path.name}.", delete=False
            ) as handle:
                staged.append((Path(handle.name), path))
                handle.write(data)
    except OSError as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise BuildError(f"cannot write {exc.filename or 'a file'}: {exc.strerror or exc}") from exc
    for tmp, path in staged:
        tmp.replace(path)
