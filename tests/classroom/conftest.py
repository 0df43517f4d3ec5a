"""Fixtures of the classroom tests: an application over a fresh database, and its clients."""

import pytest
from classroom_clients import TOKEN, Teacher
from starlette.testclient import TestClient

from regimelab.classroom.app import create_app
from regimelab.classroom.store import Store


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "class.sqlite"


@pytest.fixture
def client(db_path):
    store = Store(db_path)
    with TestClient(create_app(store, TOKEN)) as test_client:
        yield test_client
    store.close()


@pytest.fixture
def teacher(client):
    return Teacher(client)
