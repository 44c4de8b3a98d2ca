"""Opening, creating and migrating a workspace file (``.perfdesk``, SQLite).

A workspace is one SQLite file marked with perfdesk's ``application_id``; its
schema number is kept in ``PRAGMA user_version`` and its Alembic revision in
``alembic_version``. Opening a file

* refuses anything that is not a perfdesk workspace, a damaged file (saying
  which project and field, ``perfdesk.models.integrity``), and a file written
  by a newer perfdesk, without writing a byte to it;
* for writing, takes the workspace's write lock first (``perfdesk.models.lock``:
  one writer per workspace, on one PC or across a share) and refuses a file or
  folder that cannot be written (``WorkspaceReadOnly``: open it read-only);
* for reading only, reads a file that needs recovery (a hot journal left by a
  crash, or a WAL-mode file) through a temporary copy instead of failing;
* upgrades an older workspace in place after copying it aside;
* switches on foreign keys and full-sync commits, so every committed edit
  survives a crash or a power cut;
* says "in use" (``WorkspaceBusy``), "damaged", "disk full" or "read-only" in
  Chinese (``perfdesk.models.failures``), never with SQLAlchemy's text.
"""

from __future__ import annotations

import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from enum import Enum
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.pool import QueuePool

from perfdesk import WORKSPACE_SUFFIX as WORKSPACE_SUFFIX  # re-exported: defined where the GUI reads it cheaply
from perfdesk.errors import NewerSchemaError, WorkspaceDamaged, WorkspaceError, WorkspaceReadOnly
from perfdesk.models.entities import Base, Department, Project
from perfdesk.models.failures import READ_ONLY, os_error_message, storage_error

# the file's marks and SQLite's view of it, re-exported: defined without SQLAlchemy (perfdesk.models.files)
from perfdesk.models.files import APPLICATION_ID as APPLICATION_ID
from perfdesk.models.files import BUSY_TIMEOUT as BUSY_TIMEOUT
from perfdesk.models.files import HEAD_REVISION as HEAD_REVISION
from perfdesk.models.files import SCHEMA_VERSION as SCHEMA_VERSION
from perfdesk.models.files import SQLITE_MAGIC as SQLITE_MAGIC
from perfdesk.models.files import is_sqlite_file as is_sqlite_file
from perfdesk.models.files import needs_recovery as _needs_recovery
from perfdesk.models.files import sqlite_uri as sqlite_uri
from perfdesk.models.integrity import describe_damage, find_damage
from perfdesk.models.library import LibraryEntry as LibraryEntry  # its table is in Base.metadata only once imported
from perfdesk.models.lock import WorkspaceLock


class _FileState(Enum):
    """What ``open_workspace`` found at the path."""

    NEW = "new"  # missing (and to be created), empty, or a database without tables
    CURRENT = "current"  # a workspace of this schema version
    OLD = "old"  # a workspace of an older schema version: upgrade first


class Workspace:
    """An open workspace file: its engine and a factory for sessions.

    Use one session per unit of work; every ``commit()`` is durable on return.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        *,
        scratch: Path | None = None,
        lock: WorkspaceLock | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = path
        self.engine = engine
        self._scratch = scratch  # a temporary folder removed on close
        self._lock = lock  # the write lock, held while open for writing
        self._read_only = read_only
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def session(self) -> Session:
        """A new session (the caller closes it, or uses it as a context manager)."""
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work is committed on success and rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def departments(self, session: Session, *, indicators: bool = True) -> list[Department]:
        """Every department-year in workspace order, with everything it holds loaded.

        Eager ``selectin`` loading reads a 1,000-project file in a handful of
        queries instead of one query per project. ``indicators=False`` leaves the
        indicator rows to be read per project when first asked for (the GUI shows
        one project's rows at a time: nine in ten objects of a file are rows).
        """
        projects, special = selectinload(Department.projects), selectinload(Department.special_funds)
        if indicators:
            projects, special = projects.selectinload(Project.indicators), special.selectinload(Project.indicators)
        stmt = (
            select(Department)
            .order_by(Department.position, Department.id)
            .options(
                selectinload(Department.units),
                selectinload(Department.sub_goals),
                selectinload(Department.measures),
                projects,
                special,
            )
        )
        return list(session.scalars(stmt))

    @property
    def read_only(self) -> bool:
        """Opened for reading only (no lock is held, and every write fails)."""
        return self._read_only

    def close(self) -> None:
        self.engine.dispose()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_workspace(path: str | Path, *, create: bool = False, read_only: bool = False, lock: bool = True) -> Workspace:
    """Open (and when asked, create) a workspace, upgrading an older schema.

    ``read_only`` opens the file for reading only (export, check, a second
    window): a read-only file is fine then, nothing can be written to it, and an
    older file, or one left mid-commit by a crash, is read through a temporary
    copy. Otherwise the write lock is taken first (``lock=False``: the caller
    holds it already).

    Raises:
        WorkspaceError: missing, unreadable, not a workspace, or empty (when reading only);
            ``WorkspaceLocked``: open for writing elsewhere; ``WorkspaceReadOnly``: the file or
            its folder cannot be written; ``WorkspaceDamaged``: damaged, with the places;
            ``WorkspaceBusy``: another program is writing it right now.
        NewerSchemaError: written by a newer perfdesk (the file is not touched).
    """
    path = Path(path)
    state = _inspect(path, create=create and not read_only)
    if read_only:
        if state is _FileState.NEW:
            raise WorkspaceError("这是一个空文件，不是 perfdesk 工作区。", str(path))
        if state is _FileState.OLD or _needs_recovery(path):
            workspace = _scratch_copy(path, upgrade=state is _FileState.OLD)
        else:
            workspace = Workspace(path, _engine(path, read_only=True), read_only=True)
        return _verified(workspace)
    if state is _FileState.NEW:
        make_folder(path.parent)
    held = WorkspaceLock(path).acquire() if lock else None
    try:
        if state is not _FileState.NEW and not _writable(path):
            raise WorkspaceReadOnly(READ_ONLY, str(path))
        engine = _engine(path)
        try:
            if state is _FileState.NEW:
                _create_schema(engine)
            elif state is _FileState.OLD:
                _backup(path)
                _upgrade(engine)
        except WorkspaceError:
            engine.dispose()
            raise
        except Exception as exc:
            engine.dispose()
            raise storage_error(exc, str(path)) from exc
        return _verified(Workspace(path, engine, lock=held))
    except BaseException:
        if held is not None:
            held.release()
        raise


def make_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) for a new file; a failure is a WorkspaceError in Chinese."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, str(folder)) from exc


def _verified(workspace: Workspace) -> Workspace:
    """The workspace, once every stored value is known to be readable; else WorkspaceDamaged with the places."""
    try:
        with workspace.engine.connect() as conn:
            problems = find_damage(conn)
    except WorkspaceError:
        workspace.close()
        raise
    except Exception as exc:
        workspace.close()
        raise storage_error(exc, str(workspace.path)) from exc
    if problems:
        workspace.close()
        raise WorkspaceDamaged(describe_damage(problems), str(workspace.path))
    return workspace


def _inspect(path: Path, *, create: bool) -> _FileState:
    """Classify the file as new, current or old (needs upgrade), or refuse it."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if create:
            return _FileState.NEW
        raise WorkspaceError("找不到这个文件。", str(path)) from None
    except OSError as exc:  # a name too long, a share gone, no permission on the folder
        raise storage_error(exc, str(path)) from exc
    if stat.S_ISDIR(mode):
        raise WorkspaceError("这是一个文件夹，不是工作区文件。", str(path))
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise WorkspaceError(f"无法读取文件：{os_error_message(exc)}", str(path)) from exc
    if not head:
        return _FileState.NEW  # an empty file (e.g. made by 新建 in Explorer) becomes a workspace
    if head != SQLITE_MAGIC:
        raise WorkspaceError("这不是 perfdesk 工作区文件（文件内容不是 SQLite 数据库）。", str(path))
    try:
        with (
            _inspection_copy(path) as readable,
            closing(sqlite3.connect(sqlite_uri(readable), uri=True, timeout=BUSY_TIMEOUT)) as conn,
        ):
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, str(path)) from exc
    if check != "ok":
        raise WorkspaceDamaged(f"工作区文件已损坏（完整性检查：{check}）。可以从备份恢复：文件 → 恢复备份…", str(path))
    if not tables:
        return _FileState.NEW
    if app_id != APPLICATION_ID:
        raise WorkspaceError("这是其他程序的 SQLite 数据库，不是 perfdesk 工作区文件。", str(path))
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"该文件由更新版本的 perfdesk 保存（数据格式版本 {version}，本程序支持到 {SCHEMA_VERSION}）。"
            "请升级 perfdesk 后再打开；文件未做任何改动。",
            str(path),
        )
    return _FileState.CURRENT if version == SCHEMA_VERSION else _FileState.OLD


@contextmanager
def _inspection_copy(path: Path) -> Iterator[Path]:
    """The file to inspect: ``path`` itself, or a temporary copy when reading it would need recovery."""
    if not _needs_recovery(path):
        yield path
        return
    scratch = Path(tempfile.mkdtemp(prefix="perfdesk-"))
    try:
        yield _copy_with_journal(path, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _copy_with_journal(path: Path, scratch: Path) -> Path:
    """Copy the file with its journal or WAL into ``scratch``, and let SQLite recover the copy there."""
    copy = scratch / "workspace.perfdesk"
    try:
        shutil.copyfile(path, copy)
        for suffix in ("-journal", "-wal"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                shutil.copyfile(side, copy.with_name(copy.name + suffix))
        with closing(sqlite3.connect(copy, timeout=BUSY_TIMEOUT)) as conn:
            conn.execute("PRAGMA journal_mode=DELETE")  # rolls a hot journal back, folds a WAL in
    except OSError as exc:
        raise WorkspaceError(f"无法读取文件：{os_error_message(exc)}", str(path)) from exc
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, str(path)) from exc
    return copy


def _scratch_copy(path: Path, *, upgrade: bool) -> Workspace:
    """Read a workspace without touching it: a temporary copy, recovered and, when older, upgraded."""
    scratch = Path(tempfile.mkdtemp(prefix="perfdesk-"))
    try:
        copy = _copy_with_journal(path, scratch)
        if upgrade:
            engine = _engine(copy)
            try:
                _upgrade(engine)
            finally:
                engine.dispose()
    except Exception:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    return Workspace(path, _engine(copy, read_only=True), scratch=scratch, read_only=True)


def _writable(path: Path) -> bool:
    """The file can be written (the lock file, made before, proved the folder can)."""
    try:
        with path.open("r+b"):
            return True
    except OSError:
        return False


def _engine(path: Path, *, read_only: bool = False) -> Engine:
    def connect() -> sqlite3.Connection:
        if read_only:
            return sqlite3.connect(sqlite_uri(path), uri=True, timeout=BUSY_TIMEOUT, check_same_thread=False)
        return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT, check_same_thread=False)

    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    event.listen(engine, "connect", _configure_connection)
    return engine


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=DELETE")  # one self-contained file at rest
    cursor.execute("PRAGMA synchronous=FULL")  # a commit is on disk when it returns
    cursor.close()


def _create_schema(engine: Engine) -> None:
    """Create the current schema in an empty file and stamp it."""
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        conn.exec_driver_sql(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
        conn.exec_driver_sql(f"INSERT INTO alembic_version VALUES ('{HEAD_REVISION}')")
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")


def _backup(path: Path) -> Path:
    """Copy an old workspace aside before upgrading it (``name.perfdesk.v{N}.bak``)."""
    with closing(sqlite3.connect(str(path))) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    target = path.with_name(f"{path.name}.v{version}.bak")
    try:
        shutil.copy2(path, target)
    except OSError as exc:
        raise WorkspaceError(f"升级前无法备份文件（{exc.strerror or exc}），文件未改动。", str(path)) from exc
    return target


def _upgrade(engine: Engine) -> None:
    """Run the Alembic migrations up to the head revision, in one transaction each."""
    from perfdesk.models.migrations.runner import upgrade_to_head

    upgrade_to_head(engine)
    with engine.begin() as conn:  # each revision sets it too; this keeps the two in step
        conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
