"""The workspace's 指标库: learning it, suggesting from it, editing it, sharing it.

``IndicatorLibrary`` keeps the entries in the workspace (table ``library_entry``)
and a plain copy in memory for the grid's completion, which asks on every
keystroke. ``refresh`` learns the workspace's documents again and adds the
starter set's missing entries; it writes only what changed. A clerk's edit to
an entry sticks (``edited``), and a deleted entry stays deleted (``hidden``).

Imports read every entry first and write them in one transaction, so a bad
file leaves the library as it was. The source type is chosen by suffix
(``LIBRARY_SOURCES``); any document type the importers read (``READERS``) is
learned like the workspace's own documents.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from weakref import WeakKeyDictionary, ref

from sqlalchemy import select
from sqlalchemy.orm import Session

from perfdesk.domain.frameworks import all_frameworks, canonical_level2, default_framework_id
from perfdesk.errors import InputError, WorkspaceReadOnly
from perfdesk.export.atomic import atomic_write
from perfdesk.importers.json_import import load_json_file, read_document
from perfdesk.library.entry import FILLED_FIELDS, LibraryItem, stored_item
from perfdesk.library.json_format import is_library_document, library_json_text, read_library, starter_items
from perfdesk.library.keys import indicator_key, squash
from perfdesk.library.learning import learn
from perfdesk.library.matching import search, suggest
from perfdesk.models import Collection, Department, EntryOrigin, Indicator, LibraryEntry, Workspace, open_workspace
from perfdesk.models.workspace import is_sqlite_file
from perfdesk.services.editing import Change, ChangeKind, EditSession
from perfdesk.services.importing import READERS

_CONTENT = ("level1", "level2", "name", *FILLED_FIELDS)
_KEYS_PER_QUERY = 500


@dataclass(frozen=True)
class LibraryImport:
    """What an import did: entries added, and known entries whose usage it added to."""

    added: int
    updated: int

    def describe(self) -> str:
        return f"新增 {self.added} 条指标，更新 {self.updated} 条已有指标的使用次数。"


class IndicatorLibrary:
    """The library of one open workspace.

    Args:
        departments: how to read the workspace's documents for learning; the GUI passes
            its editing session's (already loaded), the command line leaves it to a new session.
    """

    def __init__(self, workspace: Workspace, departments: Callable[[], list[Department]] | None = None) -> None:
        self.workspace = workspace
        self._departments = departments
        self._items: list[LibraryItem] | None = None  # the entries not deleted, in order
        self._stored: dict[str, LibraryItem] | None = None  # every stored entry by key, as last read or written
        self._hidden: set[str] = set()  # the keys of deleted entries
        self.stale = True  # the documents changed since the last refresh

    # --- reading --------------------------------------------------------------------

    def items(self) -> list[LibraryItem]:
        """Every entry not deleted, by group and name (learning first when the documents changed)."""
        if self.stale:
            self.refresh()
        if self._items is None:
            stored = self._snapshot()
            self._items = sorted((item for key, item in stored.items() if key not in self._hidden), key=_order)
        return list(self._items)

    def suggest(self, level1: str | None, level2: str | None, text: str, limit: int = 30) -> list[LibraryItem]:
        """What to offer in a row of group ``level1``/``level2`` for the typed ``text``, best first."""
        return suggest(self.items(), level1, level2, text, limit)

    def search(self, text: str) -> list[LibraryItem]:
        """Entries whose name, group, description or basis holds ``text``, or whose initials match it."""
        return search(self.items(), text)

    def find(self, level2: str, name: str) -> LibraryItem | None:
        key = indicator_key(level2, name)
        return next((item for item in self.items() if item.key == key), None)

    # --- learning -------------------------------------------------------------------

    def refresh(self) -> None:
        """Learn the workspace's documents and add the starter entries it lacks; commit what changed.

        The stored entries are compared in memory, so a refresh that finds nothing new writes nothing.
        """
        if self._departments is not None:
            learned = learn(self._departments())
        else:
            with self.workspace.session() as session:
                learned = learn(self.workspace.departments(session))
        stored = self._snapshot()
        changes: dict[str, LibraryItem] = {}
        for item in learned:
            known = stored.get(item.key)
            if known is None:
                changes[item.key] = item
                continue
            update = known.with_changes(
                uses=item.uses if known.origin == EntryOrigin.LEARNED else max(known.uses, item.uses),
                years=tuple(sorted({*known.years, *item.years})),
                history=_merged(known.history, item.history),
            )
            if known.origin == EntryOrigin.LEARNED and not known.edited:
                update = update.with_changes(**{name: getattr(item, name) for name in _CONTENT})
            if update != known:
                changes[item.key] = update
        for item in starter_items():
            if item.key not in stored and item.key not in changes:
                changes[item.key] = item
        if changes:
            self._write(changes)
        self.stale = False

    def _snapshot(self) -> dict[str, LibraryItem]:
        """Every stored entry by key (read once, then kept up to date by what this library writes)."""
        if self._stored is None:
            with self.workspace.session() as session:
                entries = list(session.scalars(select(LibraryEntry)))
                self._stored = {entry.key: _item(entry) for entry in entries}
                self._hidden = {entry.key for entry in entries if entry.hidden}
        return self._stored

    def _write(self, changes: dict[str, LibraryItem]) -> None:
        """Store new and changed entries in one transaction (``origin`` of a new one as the item says).

        A workspace open for viewing only learns in memory: its file is never written.
        """
        stored = self._snapshot()
        if self.workspace.read_only:
            stored.update(changes)
            self._items = None
            return
        with self.workspace.transaction() as session:
            keys = list(changes)
            entries: dict[str, LibraryEntry] = {}
            for start in range(0, len(keys), _KEYS_PER_QUERY):  # SQLite limits the parameters of one query
                query = select(LibraryEntry).where(LibraryEntry.key.in_(keys[start : start + _KEYS_PER_QUERY]))
                entries.update((entry.key, entry) for entry in session.scalars(query))
            for key, item in changes.items():
                entry = entries.get(key)
                if entry is None:
                    entry = entries[key] = _add(session, item, EntryOrigin(item.origin))
                else:
                    entry.uses, entry.years, entry.history = item.uses, list(item.years), _stored_history(item)
                    _set_content(entry, item)
            session.flush()
            stored.update({key: _item(entry) for key, entry in entries.items()})
        self._items = None

    def _check_writable(self) -> None:
        if self.workspace.read_only:
            raise WorkspaceReadOnly("工作区以只读方式打开，不能修改指标库。", str(self.workspace.path))

    def _forget(self) -> None:
        """The stored entries changed behind the snapshot (an edit, a deletion, an import): read them again."""
        self._stored = None
        self._items = None

    def _learned(self) -> None:
        """Learn first when the documents changed, so an edit or import meets every entry it could twin."""
        if self.stale:
            self.refresh()

    # --- editing --------------------------------------------------------------------

    def save(self, item: LibraryItem) -> LibraryItem:
        """Store a new entry (``entry_id`` None) or the clerk's changes to one; returns it as stored.

        Raises:
            InputError: a name or group is missing, or another entry already has this group and name.
        """
        self._check_writable()
        for name, label in (("level1", "一级指标"), ("level2", "二级指标"), ("name", "三级指标名称")):
            if not squash(getattr(item, name)):
                raise InputError(f"请填写{label}。")
        self._learned()
        with self.workspace.transaction() as session:
            twin = _by_key(session).get(item.key)
            if twin is not None and twin.id != item.entry_id and not twin.hidden:
                raise InputError(f"指标库中已有“{twin.level2} — {twin.name}”，请修改那一条。")
            if item.entry_id is None:
                if twin is not None:  # a deleted entry of that name comes back with the new text
                    session.delete(twin)
                    session.flush()
                entry = _add(session, item, EntryOrigin.MANUAL)
            else:
                entry = session.get_one(LibraryEntry, item.entry_id)
                if twin is not None and twin.id != entry.id:
                    session.delete(twin)
                    session.flush()
                _set_content(entry, item)
                entry.key = item.key
            entry.edited = True
            session.flush()
            stored = _item(entry)
        self._forget()
        return stored

    def delete(self, entry_ids: Iterable[int]) -> int:
        """Delete entries (they stay deleted when the documents are learned again); returns how many."""
        self._check_writable()
        ids = set(entry_ids)
        with self.workspace.transaction() as session:
            entries = list(session.scalars(select(LibraryEntry).where(LibraryEntry.id.in_(ids))))
            for entry in entries:
                entry.hidden = True
        self._forget()
        return len(entries)

    # --- sharing --------------------------------------------------------------------

    def export_json(self, target: Path) -> int:
        """Write the library (entries not deleted) as a ``perfdesk-library/1`` file; returns the count."""
        items = self.items()
        text = library_json_text(items)
        atomic_write(target, lambda handle: handle.write(text.encode("utf-8")))
        return len(items)

    def import_from(self, sources: Sequence[Path]) -> LibraryImport:
        """Add the entries of other workspaces, library files or documents (all or nothing).

        Known indicators keep this workspace's wording; their usage adds up.

        Raises:
            InputError / WorkspaceError: a source cannot be read; nothing is written then.
        """
        self._check_writable()
        items = [item for source in sources for item in read_library_source(source)]
        self._learned()
        added = updated = 0
        with self.workspace.transaction() as session:
            entries = _by_key(session)
            for item in items:
                entry = entries.get(item.key)
                if entry is None:
                    entries[item.key] = _add(session, item, EntryOrigin.IMPORTED)
                    added += 1
                    continue
                if entry.hidden:
                    entry.hidden = False
                    _set_content(entry, item)
                entry.uses += item.uses
                entry.years = sorted(set(entry.years) | set(item.years))
                entry.history = _stored_history(item.with_changes(history=_merged(item.history, _item(entry).history)))
                updated += 1
        self._forget()
        return LibraryImport(added, updated)


_OPEN: WeakKeyDictionary[EditSession, IndicatorLibrary] = WeakKeyDictionary()


def library_of(edits: EditSession) -> IndicatorLibrary:
    """The library of an open editing session (one per session), learning again after the rows change.

    It reads the session's loaded documents through a weak reference, so it never keeps a closed
    session alive.
    """
    library = _OPEN.get(edits)
    if library is None:
        session = ref(edits)

        def departments() -> list[Department]:
            alive = session()
            return alive.departments() if alive is not None else []

        library = _OPEN[edits] = IndicatorLibrary(edits.workspace, departments)
        edits.subscribe(partial(_follow, library))
    return library


#: The lists whose changes give the library something new to learn.
_LEARNED_FROM = (Collection.PROJECTS, Collection.SPECIAL_FUNDS, Collection.INDICATORS)


def _follow(library: IndicatorLibrary, change: Change) -> None:
    rows_changed = isinstance(change.entity, Indicator) or change.collection in _LEARNED_FROM
    if rows_changed or change.kind is ChangeKind.DEPARTMENTS:
        library.stale = True


# --- sources ---------------------------------------------------------------------------------


def _from_workspace(path: Path) -> list[LibraryItem]:
    with open_workspace(path, read_only=True) as workspace, workspace.session() as session:
        stored = [_item(e) for e in session.scalars(select(LibraryEntry)) if not e.hidden]
        known = {item.key for item in stored}
        return stored + [item for item in learn(workspace.departments(session)) if item.key not in known]


def _from_json(path: Path) -> list[LibraryItem]:
    data = load_json_file(path)
    if is_library_document(data):
        return read_library(data, str(path))
    return learn(read_document(data))


#: Library sources by suffix; other suffixes go to the document readers (``READERS``) and are learned.
LIBRARY_SOURCES: dict[str, Callable[[Path], list[LibraryItem]]] = {".perfdesk": _from_workspace, ".json": _from_json}


def importable_suffixes() -> list[str]:
    """The file types an import takes: workspaces, library files and every document type the importers read."""
    return sorted({*LIBRARY_SOURCES, *READERS})


def read_library_source(path: Path) -> list[LibraryItem]:
    """The library entries a file offers: a workspace's library and documents, a library file, a document.

    Raises:
        InputError: an unknown kind of file, or one that cannot be read.
    """
    reader = LIBRARY_SOURCES.get(path.suffix.lower())
    if reader is None and is_sqlite_file(path):
        reader = _from_workspace
    if reader is not None:
        return reader(path)
    document_reader = READERS.get(path.suffix.lower())
    if document_reader is None:
        known = "、".join(importable_suffixes())
        raise InputError(f"无法从“{path.suffix or '无扩展名'}”文件导入指标，可导入：{known}。", str(path))
    return learn(document_reader(path).departments)


def stored_library(session: Session) -> dict[str, LibraryItem]:
    """The workspace's library entries not deleted, by key, as stored (for the checks: R22)."""
    return {entry.key: _item(entry) for entry in session.scalars(select(LibraryEntry)) if not entry.hidden}


# --- entries ---------------------------------------------------------------------------------


def _by_key(session: Session) -> dict[str, LibraryEntry]:
    return {entry.key: entry for entry in session.scalars(select(LibraryEntry))}


def _add(session: Session, item: LibraryItem, origin: EntryOrigin) -> LibraryEntry:
    entry = LibraryEntry(
        key=item.key, uses=item.uses, years=list(item.years), history=_stored_history(item), origin=origin
    )
    _set_content(entry, item)
    session.add(entry)
    return entry


def _set_content(entry: LibraryEntry, item: LibraryItem) -> None:
    for name in _CONTENT:
        if getattr(entry, name) != getattr(item, name):
            setattr(entry, name, getattr(item, name))


def _item(entry: LibraryEntry) -> LibraryItem:
    values = {name: getattr(entry, name) for name in _CONTENT}
    more = {"uses": entry.uses, "years": entry.years, "history": entry.history, "edited": entry.edited}
    return stored_item({**values, **more, "origin": entry.origin.value, "id": entry.id})


def _merged(older: tuple[tuple[int, str], ...], newer: tuple[tuple[int, str], ...]) -> tuple[tuple[int, str], ...]:
    """Two histories in one; ``newer`` wins a year both have."""
    return tuple(sorted({**dict(older), **dict(newer)}.items()))


def _stored_history(item: LibraryItem) -> dict[str, str]:
    return {str(year): text for year, text in item.history}


def _order(item: LibraryItem) -> tuple[int, str, str, int, str]:
    """The standard tree's order of groups (产出 before 效益 before 满意度), most used first within one."""
    ranks = _group_order()
    rank = ranks.get(canonical_level2(item.level2), len(ranks))
    return (rank, item.level1, item.level2, -item.uses, item.name)


@cache
def _group_order() -> dict[str, int]:
    """二级 labels in the order of the shipped frameworks, the default one first."""
    order: dict[str, int] = {}
    for framework in sorted(all_frameworks().values(), key=lambda f: f.id != default_framework_id()):
        for _level1, labels in framework.levels:
            for label in labels:
                order.setdefault(label, len(order))
    return order
