import pytest

from tests.factories import UserFactory

from .builders import add_goals, add_investments, build_kommun


@pytest.fixture
def kommun(db):
    nodes = build_kommun()
    nodes["projects"] = add_investments(nodes)
    nodes["goals"] = add_goals(nodes)
    return nodes


@pytest.fixture
def politician(db):
    return UserFactory(username="politiker", first_name="Pia", last_name="Politiker")


@pytest.fixture
def politician_client(client, politician):
    client.force_login(politician)
    return client
