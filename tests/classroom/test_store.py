"""The classroom's database: its settings survive a restart, and it is durable against a crash."""

from regimelab.classroom import store as db


def test_the_teacher_token_is_made_once_and_kept(tmp_path):
    first = db.Store(tmp_path / "c.sqlite")
    token = first.teacher_token()
    assert token == first.teacher_token() and len(token) >= 20
    first.close()
    again = db.Store(tmp_path / "c.sqlite")
    assert again.teacher_token() == token
    again.close()


def test_the_database_is_in_wal_mode_with_full_sync(tmp_path):
    store = db.Store(tmp_path / "c.sqlite")
    with store.transaction() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    store.close()


def test_a_failed_transaction_leaves_nothing(tmp_path):
    store = db.Store(tmp_path / "c.sqlite")
    try:
        with store.transaction() as conn:
            db.add_session(conn, "ABCDE", {"mode": "strategy"}, [3, 0, 5, 1], "null", {})
            raise RuntimeError("refused half-way")
    except RuntimeError:
        pass
    with store.transaction() as conn:
        assert db.session_by_code(conn, "ABCDE") is None
    store.close()
