"""Whether the stored advice is up to date: writes count, reads catch up.

A write that can change the advice (a day, a reading, an exercise session, a
resumed or deleted pause, the "a GP knows" answer) adds one to the user's
change count, in the write's own transaction; it does not run the rules.
Whoever reads advice or pauses first brings them up to date
(advice_store.bring_up_to_date): it reads the count *before* the data, runs
the rules, and records the count it read. A write that commits while the
rules run raises the count past the one recorded, so the next read runs them
again, and a phone replaying a hundred writes costs one run of the rules,
not a hundred. A new day runs them again too, which also catches a write
that changed the data without a signal (a queryset update, a crash between
two commits of a path that is not atomic).

Both statements are single upserts (INSERT ... ON CONFLICT, which
PostgreSQL and SQLite both have), so the first write of a new user needs no
separate create, and two writers never race to make the row. The count's is
written out because the ORM's upsert (bulk_create with update_conflicts) can
only copy the new row's values, not add one to the old.
"""

from __future__ import annotations

import datetime

from django.db import connections, router

from diary.models import AdviceState


def _connection():
    return connections[router.db_for_write(AdviceState)]


def _run(sql: str, params: list) -> None:
    with _connection().cursor() as cursor:
        cursor.execute(sql, params)


def _names() -> tuple[str, str, str, str, str]:
    quote = _connection().ops.quote_name
    return (
        quote(AdviceState._meta.db_table),
        quote("user_id"),
        quote("changes"),
        quote("checked_changes"),
        quote("checked_on"),
    )


def note_change(user_id: int) -> None:
    """One more write that the advice has not seen yet."""
    table, user, changes, checked, checked_on = _names()
    # Names come from the model, every value is a parameter.
    _run(
        f"INSERT INTO {table} ({user}, {changes}, {checked}, {checked_on}) "  # noqa: S608
        f"VALUES (%s, 1, 0, NULL) "
        f"ON CONFLICT ({user}) DO UPDATE SET {changes} = {table}.{changes} + 1",
        [user_id],
    )


def unseen_changes(user_id: int, today: datetime.date) -> int | None:
    """The change count to record after running the rules, or None when the
    stored advice already saw every write and today (one query)."""
    # From the database the writes go to: a replica behind it could say
    # "up to date" about a write it has not seen.
    row = (
        AdviceState.objects.using(router.db_for_write(AdviceState))
        .filter(user_id=user_id)
        .values_list("changes", "checked_changes", "checked_on")
        .first()
    )
    if row is None:
        return 0  # never checked: a user from before this table, or a new one
    changes, checked, checked_on = row
    if changes == checked and checked_on == today:
        return None
    return changes


def record_check(user_id: int, changes: int, today: datetime.date) -> None:
    """The rules ran on ``today`` with every write up to ``changes``."""
    AdviceState.objects.using(router.db_for_write(AdviceState)).bulk_create(
        [AdviceState(user_id=user_id, changes=changes, checked_changes=changes, checked_on=today)],
        update_conflicts=True,
        unique_fields=["user"],
        update_fields=["checked_changes", "checked_on"],
    )
