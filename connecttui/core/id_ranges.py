"""Sets of row ids as runs of `[first, last]`, and the SQL conditions that select them.

Why: an undo entry names the rows a change made or moved (an import's 10k contacts and
their 30k fields, a circle's members), and the journal is a table row that every undo and
every TUI start reads. A bulk import's ids are consecutive, so the whole set is one pair;
written out as a list it would be hundreds of kilobytes. The conditions keep each query's
parameters few and its SQL flat (a long chain of ORs nests as deeply as it is long), so a
scattered set is asked for a chunk at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

CHUNK = 500
"""Lone ids per `IN (...)`: well under SQLite's and PostgreSQL's parameter limits."""


def runs(ids: Iterable[int]) -> list[list[int]]:
    """The ids as sorted, disjoint `[first, last]` runs: [1, 2, 3, 7] -> [[1, 3], [7, 7]]."""
    found: list[list[int]] = []
    for row_id in sorted(set(ids)):
        if found and row_id == found[-1][1] + 1:
            found[-1][1] = row_id
        else:
            found.append([row_id, row_id])
    return found


def count(ranges: list[list[int]]) -> int:
    return sum(last - first + 1 for first, last in ranges)


def ids(ranges: list[list[int]]) -> Iterator[int]:
    for first, last in ranges:
        yield from range(first, last + 1)


def contains(ranges: list[list[int]], row_id: int) -> bool:
    """Is the id in one of the runs (sorted, as `runs` makes them)?"""
    low, high = 0, len(ranges)
    while low < high:
        middle = (low + high) // 2
        first, last = ranges[middle]
        if row_id < first:
            high = middle
        elif row_id > last:
            low = middle + 1
        else:
            return True
    return False


def pieces(ranges: list[list[int]]) -> Iterator[list[list[int]]]:
    """The runs cut into pieces of one query each: a run of several ids, or up to CHUNK
    lone ids."""
    lone: list[list[int]] = []
    for first, last in ranges:
        if first != last:
            yield [[first, last]]
            continue
        lone.append([first, last])
        if len(lone) == CHUNK:
            yield lone
            lone = []
    if lone:
        yield lone


def condition(field, piece: list[list[int]]):
    """The condition on `field` that selects the ids of one piece (see `pieces`)."""
    if len(piece) == 1 and piece[0][0] != piece[0][1]:
        return field.between(*piece[0])
    return field.in_([first for first, _ in piece])


def conditions(field, ranges: list[list[int]]) -> Iterator:
    """Conditions on `field` that together select exactly the ids in `ranges`."""
    for piece in pieces(ranges):
        yield condition(field, piece)
