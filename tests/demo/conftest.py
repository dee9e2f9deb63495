"""Load the demo once per test module (it takes a second or two) and flush it afterwards."""

import pytest
from django.core.management import call_command

from budgetapp.demo.services import load_demo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        summary = load_demo()
    yield summary
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
