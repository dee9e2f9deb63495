import pytest

from tests.factories import UserFactory


@pytest.fixture
def politician(db):
    return UserFactory(username="politiker", first_name="Pia", last_name="Politiker")


@pytest.fixture
def politician_client(client, politician):
    client.force_login(politician)
    return client
