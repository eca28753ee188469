"""The file of a Monica 4.x JSON export, and the shape of its records.

Monica 4.x writes its export (Settings > Export > JSON, `JsonExportAccount` and the classes in
`app/ExportResources`) as one object: `{"version": "1.0-preview.1", ..., "account": {...}}`.
Inside the account, `data` is a list of collections `{"count", "type", "values"}` (types
"user", "contact", "relationship", "activity", ...; an empty collection is left out), and
`instance` holds the account's own vocabularies (`contact_field_types`, `activity_types`).
Every record is `{"uuid", "created_at", "updated_at", "properties": {...}}`, and a contact's
own records (calls, contact fields, gifts, notes, addresses, conversations, the uuids of its
activities) are collections in its own `data` list.

Apart from monica (the whole file into cards) and monica_card (one contact into one card)
because both walk these records: the loose reading of their shapes (a collection as a list
or keyed by uuid, `1` or "true" for true, anything missing as empty) is in one place.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from connecttui.core.errors import UserError


def load_export(path: Path) -> dict[str, Any]:
    """The export, once it is known to be one (else a UserError that says why not)."""
    if not path.exists():
        raise UserError(f"{path} does not exist")
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a Monica export")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read {path}: {error.strerror}") from None
    try:
        export = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UserError(f"{path.name} is not a Monica export: it is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise UserError(
            f"{path.name} is not a Monica export: it is not JSON (line {error.lineno}: "
            f"{error.msg})"
        ) from None
    if not isinstance(export, dict) or not isinstance(export.get("account"), dict):
        raise UserError(
            f'{path.name} is not a Monica 4.x JSON export: it has no "account" object'
        )
    if not isinstance(export["account"].get("data"), list | dict):
        raise UserError(f'{path.name} is not a Monica 4.x JSON export: the account has no data')
    return export


def uuid_of(record: Any) -> str | None:
    uid = record.get("uuid") if isinstance(record, dict) else None
    return uid if isinstance(uid, str) and uid else None


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def collections_of(data: Any) -> dict[str, list[Any]]:
    """{"contact": [...], "activity": [...]} from a list of {"count","type","values"}."""
    found: dict[str, list[Any]] = {}
    items = data.values() if isinstance(data, dict) else as_list(data)
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("type"), str):
            values = item.get("values")
            if isinstance(values, dict):  # a collection keyed by uuid
                values = list(values.values())
            found.setdefault(item["type"], []).extend(as_list(values))
    return found


def props_of(record: Any) -> dict[str, Any]:
    props = record.get("properties") if isinstance(record, dict) else None
    return props if isinstance(props, dict) else {}


def is_true(value: Any) -> bool:
    return value is True or value == 1 or value in ("1", "true")


def clean_text(value: Any) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""


def own_records(contact: dict[str, Any], kind: str) -> list[Any]:
    """A contact's own collection of one type (its calls, notes, ...)."""
    return collections_of(contact.get("data")).get(kind, [])
