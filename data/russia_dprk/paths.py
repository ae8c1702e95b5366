"""Where the dataset lives on disk.

The tables, the descriptor and the registries live in the repository's ``data/`` folder beside this package
(an editable install from a checkout). A copy elsewhere is chosen with ``$RUSSIA_DPRK_DATA``.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

DATA_ENV = "RUSSIA_DPRK_DATA"


def real_path(path: str | os.PathLike[str]) -> Path:
    """``path`` made absolute with its symbolic links followed as far as they lead: a loop of links is left as it
    is (``Path.resolve`` raises ``RuntimeError`` on one in Python 3.11), so that reading it reports the loop.

    >>> real_path("/tmp/../tmp") == Path("/tmp").resolve()
    True
    """
    return Path(os.path.realpath(os.path.expanduser(path)))


PACKAGE_DIR = real_path(__file__).parent
DATA_DIR = real_path(os.environ.get(DATA_ENV) or PACKAGE_DIR.parent)


def data_dir_problem() -> str | None:
    """Why ``$RUSSIA_DPRK_DATA`` cannot name the data folder (it is set but empty), or ``None``."""
    if os.environ.get(DATA_ENV) is not None and not os.environ[DATA_ENV].strip():
        return f"{DATA_ENV} is set but empty: expected the path of a data folder (unset it to use the checkout's)"
    return None


UPSTREAM_REGISTRY = DATA_DIR / "upstream.csv"


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file, which must be a regular one: a named pipe, socket or device would make the read wait
    forever or never end, so it raises ``OSError`` ("not a regular file") instead, as a missing file raises.

    >>> read_bytes("/dev/null")
    Traceback (most recent call last):
    OSError: [Errno 22] not a regular file (a pipe, socket or device): '/dev/null'
    """
    mode = os.stat(path).st_mode  # follows links; a missing file or a loop raises here
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # a folder raises IsADirectoryError below
        raise OSError(errno.EINVAL, "not a regular file (a pipe, socket or device)", os.fspath(path))
    return Path(path).read_bytes()
