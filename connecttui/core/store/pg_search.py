"""Full-text search on PostgreSQL, with the same results as SQLite's FTS5.

The indexes are plain tables (`contact_fts`, `touch_fts`: the same names and columns as the
FTS5 tables, so ContactIndex/TouchIndex still read them) plus a `tsvector` column with a GIN
index, matched with `@@` and prefix queries (`'word':*`).

To find exactly what SQLite finds, words are cut and folded by SQLite's own tokenizer
(`unicode61 remove_diacritics 2`, run on an in-memory table), on both sides: the lexemes
and positions are written into the tsvector here, and queries are built as tsquery text, so
PostgreSQL's parser and dictionaries (and its locale) never change a word. Contacts are
ranked with FTS5's bm25 formula, computed from the same counts FTS5 uses.
"""

from __future__ import annotations

import math
import sqlite3
import threading

from connecttui.core.store.models import ContactIndex, database

CONTACT_CANDIDATES = 500
"""Search ranks at most this many matching contacts (the first in id order): a query as
broad as one letter matches thousands at 100k contacts, and ranking them all would put a
scan of every row on each keystroke. A query that matches fewer is ranked exactly."""

TOUCH_CANDIDATES = 200
"""Search reads at most this many matching touches, the most recently logged (highest id),
and shows them by date, newest first: the index gives them without reading the rest."""

MAX_LEXEME = 500
"""Characters kept of a very long word: PostgreSQL refuses lexemes over 2 KB."""
MAX_POSITION = 16383
MAX_POSITIONS = 256
"""PostgreSQL's limits for a tsvector: positions above 16383 count as 16383, and a lexeme
keeps its first 256 positions."""
K1, B = 1.2, 0.75
"""bm25 constants, as in FTS5."""

DDL = (
    'CREATE TABLE IF NOT EXISTS "contact_fts" ("rowid" INTEGER PRIMARY KEY, '
    '"name" TEXT NOT NULL DEFAULT \'\', "nicknames" TEXT NOT NULL DEFAULT \'\', '
    '"body" TEXT NOT NULL DEFAULT \'\', "ntok" INTEGER NOT NULL DEFAULT 0, '
    '"tsv" TSVECTOR NOT NULL DEFAULT \'\')',
    'CREATE INDEX IF NOT EXISTS "contact_fts_tsv" ON "contact_fts" USING GIN ("tsv")',
    'CREATE TABLE IF NOT EXISTS "touch_fts" ("rowid" INTEGER PRIMARY KEY, '
    '"note" TEXT NOT NULL DEFAULT \'\', "ntok" INTEGER NOT NULL DEFAULT 0, '
    '"tsv" TSVECTOR NOT NULL DEFAULT \'\')',
    'CREATE INDEX IF NOT EXISTS "touch_fts_tsv" ON "touch_fts" USING GIN ("tsv")',
)


def create_tables(db) -> None:
    for statement in DDL:
        db.execute_sql(statement)


class _Tokenizer(threading.local):
    """SQLite's FTS5 tokenizer on a private in-memory table (one per thread)."""

    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:")
        tokenize = ContactIndex._meta.options["tokenize"]
        self.conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(a, b, c, tokenize='{tokenize}')")
        self.conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")

    def columns(self, *texts: str) -> list[list[str]]:
        """The tokens of each text, in order, folded as FTS5 folds them."""
        padded = (list(texts) + ["", "", ""])[:3]
        with self.conn:
            self.conn.execute("DELETE FROM t")
            self.conn.execute("INSERT INTO t(rowid, a, b, c) VALUES (1, ?, ?, ?)", padded)
            found = self.conn.execute("SELECT col, term FROM v ORDER BY col, offset").fetchall()
        result: dict[str, list[str]] = {"a": [], "b": [], "c": []}
        for column, term in found:
            result[column].append(term)
        return [result[name] for name in "abc"][: len(texts)]


_local: list[_Tokenizer] = []


def _columns(*texts: str) -> list[list[str]]:
    """Made on first use, so SQLite users never pay for it."""
    if not _local:
        _local.append(_Tokenizer())
    return _local[0].columns(*texts)


def _quote(lexeme: str) -> str:
    return "'" + lexeme[:MAX_LEXEME].replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector(*texts: str) -> tuple[str, int]:
    """The tsvector text for the columns of one row, and its number of tokens. Positions run
    across the columns with a gap between them, so a phrase never spans two columns."""
    positions: dict[str, list[int]] = {}
    position = count = 0
    for tokens in _columns(*texts):
        for token in tokens:
            position += 1
            count += 1
            kept = positions.setdefault(token[:MAX_LEXEME], [])
            if len(kept) < MAX_POSITIONS:
                kept.append(min(position, MAX_POSITION))
        position += 1
    text = " ".join(
        f"{_quote(lexeme)}:{','.join(map(str, sorted(set(kept))))}"
        for lexeme, kept in positions.items()
    )
    return text, count


def phrases(words: list[str]) -> list[list[str]] | None:
    """Each search word as FTS5 reads `"word"*`: its tokens, the last one a prefix. None when
    a word has no token at all (FTS5 then matches nothing)."""
    if not words:
        return None
    found = []
    for word in words:
        tokens = _columns(word)[0]
        if not tokens:
            return None
        found.append([token[:MAX_LEXEME] for token in tokens])
    return found


def _tsquery_phrase(tokens: list[str]) -> str:
    return " <-> ".join(_quote(t) for t in tokens[:-1]) + (
        " <-> " if len(tokens) > 1 else "") + _quote(tokens[-1]) + ":*"


def tsquery(found: list[list[str]]) -> str:
    return " & ".join(f"({_tsquery_phrase(tokens)})" for tokens in _distinct(found))


def _distinct(found: list[list[str]]) -> list[list[str]]:
    return [list(key) for key in dict.fromkeys(tuple(tokens) for tokens in found)]


def index_contact(contact_id: int, name: str, nicknames: str, body: str) -> None:
    vector, count = tsvector(name, nicknames, body)
    database.execute_sql(
        'INSERT INTO "contact_fts" ("rowid", "name", "nicknames", "body", "ntok", "tsv") '
        "VALUES (%s, %s, %s, %s, %s, %s::tsvector) ON CONFLICT (\"rowid\") DO UPDATE SET "
        '"name" = EXCLUDED."name", "nicknames" = EXCLUDED."nicknames", '
        '"body" = EXCLUDED."body", "ntok" = EXCLUDED."ntok", "tsv" = EXCLUDED."tsv"',
        (contact_id, name, nicknames, body, count, vector),
    )


def index_touch(touch_id: int, note: str) -> None:
    vector, count = tsvector(note)
    database.execute_sql(
        'INSERT INTO "touch_fts" ("rowid", "note", "ntok", "tsv") '
        "VALUES (%s, %s, %s, %s::tsvector) ON CONFLICT (\"rowid\") DO UPDATE SET "
        '"note" = EXCLUDED."note", "ntok" = EXCLUDED."ntok", "tsv" = EXCLUDED."tsv"',
        (touch_id, note, count, vector),
    )


def _positions_sql(token: str, prefix: bool) -> tuple[str, str]:
    test = "starts_with(u.lexeme, %s)" if prefix else "u.lexeme = %s"
    return (
        "ARRAY(SELECT p FROM unnest(f.tsv) AS u, unnest(u.positions) AS p "
        f"WHERE {test} ORDER BY p)",
        token,
    )


def _frequency(arrays: list[list[int]]) -> int:
    """How often a phrase occurs in a row: starts whose next tokens follow one by one."""
    if len(arrays) == 1:
        return len(arrays[0])
    later = [set(a) for a in arrays[1:]]
    return sum(1 for start in arrays[0]
               if all(start + step in kept for step, kept in enumerate(later, start=1)))


def ranked_contacts(found: list[list[str]], limit: int) -> list[tuple]:
    """(id, name, nicknames, body) of the matching contacts, best first: FTS5's bm25 (every
    column weighs 1), ties in id order, as `ORDER BY rank` gives on SQLite."""
    query = tsquery(found)
    rows, total = database.execute_sql(
        'SELECT COUNT(*), COALESCE(SUM("ntok"), 0) FROM "contact_fts"').fetchone()
    if not rows:
        return []
    avgdl = float(total) / float(rows)
    distinct = _distinct(found)
    idf = {}
    for tokens in distinct:
        hits = database.execute_sql(
            'SELECT COUNT(*) FROM "contact_fts" WHERE "tsv" @@ %s::tsquery',
            (f"({_tsquery_phrase(tokens)})",),
        ).fetchone()[0]
        value = math.log((rows - hits + 0.5) / (hits + 0.5))
        idf[tuple(tokens)] = value if value > 0.0 else 1e-6
    columns, params = [], []
    for tokens in distinct:
        for step, token in enumerate(tokens):
            column, param = _positions_sql(token, step == len(tokens) - 1)
            columns.append(column)
            params.append(param)
    cursor = database.execute_sql(
        f'SELECT f."rowid", f."ntok", {", ".join(columns)} FROM "contact_fts" AS f '
        'JOIN "contact" AS c ON c."id" = f."rowid" WHERE f."tsv" @@ %s::tsquery '
        'ORDER BY f."rowid" LIMIT %s',
        (*params, query, CONTACT_CANDIDATES),
    )
    scored = []
    for row in cursor.fetchall():
        rowid, size, arrays = row[0], float(row[1]), list(row[2:])
        frequency = {}
        for tokens in distinct:
            frequency[tuple(tokens)] = float(_frequency(arrays[: len(tokens)]))
            arrays = arrays[len(tokens):]
        score = 0.0
        for tokens in found:  # every word counts, repeated ones too, as in FTS5
            f = frequency[tuple(tokens)]
            score += idf[tuple(tokens)] * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + B * size / avgdl)))
        scored.append((-1.0 * score, rowid))
    best = [rowid for _, rowid in sorted(scored)[:limit]]
    if not best:
        return []
    order = {rowid: n for n, rowid in enumerate(best)}
    found_rows = database.execute_sql(
        'SELECT c."id", c."name", f."nicknames", f."body" FROM "contact" AS c '
        'JOIN "contact_fts" AS f ON f."rowid" = c."id" WHERE c."id" = ANY(%s)',
        (best,),
    ).fetchall()
    return sorted(found_rows, key=lambda row: order[row[0]])


def touches(found: list[list[str]], limit: int) -> list[tuple]:
    """(touch id, note, contact id, contact name) of the most recently logged matching
    touches, newest first (as on SQLite: see search.TOUCH_CANDIDATES)."""
    return database.execute_sql(
        'SELECT t."id", t."note", c."id", c."name" FROM '
        '(SELECT "rowid" FROM "touch_fts" WHERE "tsv" @@ %s::tsquery '
        ' ORDER BY "rowid" DESC LIMIT %s) AS f '
        'JOIN "touch" AS t ON t."id" = f."rowid" '
        'JOIN "touchcontact" AS tc ON tc."touch_id" = t."id" '
        'JOIN "contact" AS c ON c."id" = tc."contact_id" '
        'ORDER BY t."at" DESC, t."id", c."id" LIMIT %s',
        (tsquery(found), TOUCH_CANDIDATES, limit),
    ).fetchall()
