"""Safe reading of .npy/.npz files (every header and size checked before any data is read),
and the one atomic writer every file plrep writes goes through (``write_atomic``).

``np.load`` on an untrusted archive decompresses a member before its shape can be checked, so
a small zip bomb expands to gigabytes and a header claiming an absurd shape ends in
``MemoryError``. ``read_npz`` reads each member's .npy header straight from the zip stream,
checks dtype, shape and expanded size against the caps below (and against the size the zip
directory declares), and only then reads the data. Every problem is a ``ValueError`` naming
the argument and the file, so the CLI reports it on one line with exit status 2.
"""

from __future__ import annotations

import math
import os
import stat
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from numpy.lib import format as npy_format

__all__ = [
    "DEFAULT_MAX_MEMBERS",
    "DEFAULT_MAX_RATIO",
    "MAX_ARCHIVE_BYTES",
    "MAX_ARCHIVE_MEMBERS",
    "PickledArrayError",
    "check_input_file",
    "check_output_target",
    "give_written_mode",
    "read_npy_header",
    "read_npz",
    "write_atomic",
]


def _umask() -> int:
    """The process umask, read without changing it where /proc allows (no race with threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    old = os.umask(0o022)
    os.umask(old)
    return old


def give_written_mode(temporary, target) -> None:
    """Give a temporary file (``tempfile.mkstemp``: mode 0600) the mode ``target`` should have.

    Atomic writes fill a temporary file and rename it over the target, so the file written
    would keep mkstemp's private 0600 whatever the umask. Instead: a new file gets what
    ``open()`` would give (0666 less the umask), and a file overwritten with ``--force``
    keeps its own permission bits, as a shell's ``>`` does.
    """
    try:
        info = os.lstat(target)
        mode = stat.S_IMODE(info.st_mode) & 0o777 if stat.S_ISREG(info.st_mode) else None
    except OSError:
        mode = None
    os.chmod(temporary, 0o666 & ~_umask() if mode is None else mode)


def check_output_target(
    path, argument: str = "path", *, force: bool = False, force_hint: str = "force=True", error=ValueError
) -> None:
    """Refuse to write ``path`` if it is a symbolic link, not a regular file, or (without ``force``) exists.

    Decided from ``os.lstat`` alone, so a link is never followed and a FIFO never opened. The
    messages name ``argument`` and, for an existing file, how the caller overwrites it:
    ``force_hint`` is "--force" on the command line and "force=True" in the API. ``error`` is
    the exception class raised (a ``ValueError`` subclass: the CLI passes its usage error).
    """
    shown = repr(str(path)[:200])
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as problem:  # a name too long, no permission on a folder above
        raise error(
            f"`{argument}` must be a writable path, got {shown}: {problem.strerror or problem}"
        ) from None
    if stat.S_ISLNK(info.st_mode):
        raise error(f"`{argument}` must not be a symbolic link, got {shown}, which is one")
    if not stat.S_ISREG(info.st_mode):
        raise error(f"`{argument}` must be a regular file path, got {shown}, which is a special file")
    if not force:
        raise error(
            f"`{argument}` must be a new file, got {shown}, which exists (pass {force_hint} to overwrite it)"
        )


def write_atomic(
    path,
    write,
    *,
    argument: str = "path",
    force: bool = False,
    force_hint: str = "force=True",
    suffix: str | None = None,
    error=ValueError,
) -> Path:
    """``write(temporary)`` fills a new file beside ``path``, which is then renamed onto ``path``.

    The house rules for every file plrep writes: the target is refused if it is a symbolic
    link or a special file (FIFO, device), or if it exists and ``force`` is false (see
    ``check_output_target``: the message names ``argument`` and ``force_hint``); it is checked
    again just before the rename. The temporary file is made by ``tempfile.mkstemp`` in the
    same directory (so ``os.replace`` is an atomic rename on one file system), flushed to disk
    (``fsync``) before the rename, and given the mode ``give_written_mode`` decides. Whatever
    goes wrong (an exception in ``write``, a full disk, an interrupt), the temporary file is
    removed and the old file is left as it was; ``OSError`` from the write itself propagates
    for the caller to report. ``suffix`` is the temporary file's ending (default: that of
    ``path``, so writers that read the format from the name write the right one).

    Example:
        >>> import tempfile
        >>> target = Path(tempfile.mkdtemp()) / "note.txt"
        >>> _ = write_atomic(target, lambda temporary: temporary.write_text("hello"))
        >>> target.read_text()
        'hello'
        >>> try:
        ...     write_atomic(target, lambda temporary: temporary.write_text("again"))
        ... except ValueError as error:
        ...     print(str(error).split(", which ")[-1])
        exists (pass force=True to overwrite it)
        >>> _ = write_atomic(target, lambda temporary: temporary.write_text("again"), force=True)
        >>> target.read_text()
        'again'
    """
    path = Path(path)
    check_output_target(path, argument, force=force, force_hint=force_hint, error=error)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name[:40]}.", suffix=path.suffix if suffix is None else suffix
    )
    os.close(descriptor)
    try:
        write(Path(temporary))
        _fsync(temporary, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        give_written_mode(temporary, path)
        check_output_target(path, argument, force=force, force_hint=force_hint, error=error)
        os.replace(temporary, path)
    finally:
        if os.path.lexists(temporary):
            os.unlink(temporary)
    try:  # the rename itself reaches the disk with the directory (best effort: not every system allows it)
        _fsync(path.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        pass
    return path


def _fsync(name, flags: int) -> None:
    descriptor = os.open(name, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class PickledArrayError(ValueError):
    """A member holds a pickled (object) array; ``member`` names it (without ``.npy``), or is None."""

    def __init__(self, message: str, member: str | None = None):
        super().__init__(message)
        self.member = member


# Everything plrep reads (weights of small equivariant networks, activation archives) is far
# smaller; the caps keep a hostile or mistaken file from taking the machine's memory.
MAX_ARCHIVE_BYTES = 1 << 30  # expanded bytes of all members together (1 GiB)
MAX_ARCHIVE_MEMBERS = 10_000  # the most any caller may allow
# Defaults a caller may raise (up to the caps above): each member costs work of its own (1,000
# take a few seconds), and a member expanding more than 100-fold is a compression bomb; real
# weights and activations compress 1-3 fold, and members under 1 MiB are never refused by ratio
# (a dead layer of zeros).
DEFAULT_MAX_MEMBERS = 1_000
DEFAULT_MAX_RATIO = 100.0
_RATIO_FLOOR_BYTES = 1 << 20


_SPECIAL_FILES = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_input_file(path, argument: str, kind: str) -> Path:
    """``path`` if it names a regular file (links followed); else a ``ValueError`` saying what it is.

    Decided from ``os.stat`` alone, so a FIFO is never opened (that would block) and /dev/zero
    is never read; "does not exist" only when nothing is there. ``kind`` (".npy") is in the message.
    """
    path = Path(path)
    shown = repr(str(path)[:200])
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ValueError(
            f"`{argument}` must be an existing {kind} file, got {shown}, which does not exist"
        ) from None
    except OSError as error:  # a name too long, a loop of links, no permission on a folder above
        raise _open_error(path, argument, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise ValueError(f"`{argument}` must be a {kind} file, got {shown}, which is a directory")
    for test, what in _SPECIAL_FILES:
        if test(info.st_mode):
            raise ValueError(f"`{argument}` must be a regular {kind} file, got {shown}, which is {what}")
    return path


def _open_error(path: Path, argument: str, error: OSError) -> ValueError:
    reason = error.strerror or str(error)
    return ValueError(f"`{argument}` must be a readable file, got {str(path)[:200]!r}: {reason}")


def read_npy_header(stream, label: str) -> tuple[tuple[int, ...], bool, np.dtype, int]:
    """``(shape, fortran_order, dtype, data_bytes)`` from a .npy stream, checked; nothing else read."""
    try:
        version = npy_format.read_magic(stream)
        if version == (1, 0):
            shape, fortran, dtype = npy_format.read_array_header_1_0(stream, max_header_size=10_000)
        elif version in ((2, 0), (3, 0)):
            shape, fortran, dtype = npy_format.read_array_header_2_0(stream, max_header_size=10_000)
        else:
            raise ValueError(f"unsupported .npy version {version}")
    except (ValueError, TypeError, SyntaxError, OverflowError, EOFError) as error:
        raise ValueError(f"{label} must be a valid .npy array, got an unreadable header: {error}") from None
    if dtype.hasobject:
        raise PickledArrayError(f"{label} must hold a numeric array, got a pickled object array instead")
    if not all(isinstance(n, int) and 0 <= n < 2**62 for n in shape):
        raise ValueError(f"{label} must have a valid shape, got {str(shape)[:80]} instead")
    data_bytes = math.prod(shape) * dtype.itemsize
    if data_bytes > MAX_ARCHIVE_BYTES:
        raise ValueError(
            f"{label} must hold at most {MAX_ARCHIVE_BYTES} bytes, got shape {str(shape)[:80]} "
            f"of dtype {dtype} ({data_bytes} bytes) instead"
        )
    return shape, fortran, dtype, data_bytes


def _member_label(argument: str, info: zipfile.ZipInfo, path) -> str:
    return f"`{argument}` member {info.filename[:80]!r} of {os.path.basename(str(path))[:80]!r}"


def _headers(archive: zipfile.ZipFile, infos, argument: str, path) -> dict[str, tuple]:
    """{member: (shape, dtype)} from the .npy headers only (a few hundred bytes of each member)."""
    shapes = {}
    for info in infos:
        label = _member_label(argument, info, path)
        if not info.filename.endswith(".npy") or info.flag_bits & 0x1:
            continue  # refused with its own message when the data pass reaches it
        try:
            with archive.open(info) as stream:
                shape, _, dtype, _ = read_npy_header(stream, label)
        except PickledArrayError as error:
            raise PickledArrayError(str(error), info.filename[: -len(".npy")]) from None
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
            raise ValueError(f"{label} could not be read: {error}") from None
        shapes[info.filename[: -len(".npy")]] = (shape, dtype)
    return shapes


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str, real_only: bool) -> np.ndarray:
    with archive.open(info) as stream:
        shape, fortran, dtype, data_bytes = read_npy_header(stream, label)
        if real_only and dtype.kind not in "biuf":
            raise ValueError(f"{label} must be a real numeric array, got dtype {dtype} instead")
        header_bytes = stream.tell() if stream.seekable() else None
        if header_bytes is not None and header_bytes + data_bytes != info.file_size:
            raise ValueError(
                f"{label} must hold the {data_bytes} data bytes its header declares, "
                f"got a member of {info.file_size} bytes instead"
            )
        data = stream.read(data_bytes)
    if len(data) != data_bytes:
        raise ValueError(f"{label} must hold {data_bytes} data bytes, got {len(data)} instead")
    array = np.frombuffer(data, dtype=dtype).copy()
    return array.reshape(shape[::-1]).transpose() if fortran else array.reshape(shape)


def _check_directory(infos, argument, shown, cap, max_members, max_ratio, options) -> None:
    """Member count, declared expanded size and compression ratio, from the zip directory alone."""
    if len(infos) > max_members:
        raise ValueError(
            f"`{argument}` must have at most {max_members} members, got {len(infos)} in {shown}"
            + (f"; pass {options['max_members']} to raise the limit" if options.get("max_members") else "")
        )
    total = sum(info.file_size for info in infos)
    if total > cap:
        raise ValueError(
            f"`{argument}` must expand to at most {cap} bytes, got {shown}, whose members declare {total} bytes"
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR_BYTES and ratio > max_ratio:
            raise ValueError(
                f"`{argument}` member {info.filename[:80]!r} of {shown} must have a compression ratio of at "
                f"most {max_ratio:g}, got {ratio:.0f} ({info.compress_size} bytes expanding to "
                f"{info.file_size}): a compression bomb?"
                + (f" Pass {options['max_ratio']} to raise the limit" if options.get("max_ratio") else "")
            )


def read_npz(
    path,
    argument: str = "weights",
    *,
    max_bytes: int | None = None,
    real_only: bool = False,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_ratio: float = DEFAULT_MAX_RATIO,
    check_shapes=None,
    options: dict | None = None,
) -> dict[str, np.ndarray]:
    """All arrays of a .npz archive, each checked before it is read; errors name ``argument``.

    Refused (``ValueError``): an unreadable or missing file, a name too long for the file
    system, a file that is not a zip archive or has a corrupt directory, encrypted members,
    compression other than stored/deflate, members that are not ``.npy``, pickled (object)
    arrays, absurd headers, and more than ``max_bytes`` (default ``MAX_ARCHIVE_BYTES``, never
    more) expanded bytes in all, more than ``max_members`` members (at most
    ``MAX_ARCHIVE_MEMBERS``), and a member over 1 MiB that expands more than ``max_ratio``-fold.
    With ``real_only``, members whose dtype is not bool, integer or real floating (complex,
    strings, records) are refused from their header, before reading. ``check_shapes``, if
    given, is called with {member: (shape, dtype)} once every header is read and before any
    data is, to refuse work the caller cannot afford. ``options`` maps "max_members" and
    "max_ratio" to the command-line option a message should name.
    """
    cap = MAX_ARCHIVE_BYTES if max_bytes is None else min(max_bytes, MAX_ARCHIVE_BYTES)
    max_members = min(int(max_members), MAX_ARCHIVE_MEMBERS)
    path = Path(path)
    shown = repr(str(path)[:200])
    check_input_file(path, argument, ".npz")
    try:
        handle = path.open("rb")
    except OSError as error:  # ENAMETOOLONG, EACCES, ...
        raise _open_error(path, argument, error) from None
    with handle:
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
            raise ValueError(
                f"`{argument}` must be a .npz (zip) archive, got {shown}, which is not one ({error})"
            ) from None
        with archive:
            infos = archive.infolist()
            _check_directory(infos, argument, shown, cap, max_members, max_ratio, options or {})
            if check_shapes is not None:  # every header first, then the caller's verdict, then data
                check_shapes(_headers(archive, infos, argument, path))
            arrays = {}
            for info in infos:
                label = _member_label(argument, info, path)
                if not info.filename.endswith(".npy"):
                    raise ValueError(f"{label} must be a .npy array, got another kind of member")
                if info.flag_bits & 0x1:
                    raise ValueError(f"{label} must not be encrypted")
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    raise ValueError(
                        f"{label} must be stored or deflated, got compression {info.compress_type}"
                    )
                member = info.filename[: -len(".npy")]
                try:
                    arrays[member] = _read_member(archive, info, label, real_only)
                except PickledArrayError as error:
                    raise PickledArrayError(str(error), member) from None
                except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as error:
                    raise ValueError(f"{label} could not be read: {error}") from None
    return arrays
