"""Writing files so that a reader never sees half of one."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Optional


def write_atomic(path: Path, text: str, fsync: bool = False) -> None:
    """Write `text` to `path` via a temporary file in the same folder and an atomic rename: readers
    see the old content or the new, never a part. With `fsync`, the data is on disk before the rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a written file honours the umask
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_identity(path: Path) -> Optional[tuple]:
    """(mtime, size, inode) of a file, None when it cannot be read: a file replaced or changed since a
    reader last saw it (an atomic write gives it a new inode) has another identity."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


def _umask() -> int:
    """The process umask, read without changing it where Linux tells it (other threads keep theirs)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere the only way to read it: set it straight back
    os.umask(mask)
    return mask
