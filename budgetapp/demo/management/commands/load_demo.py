"""`manage.py load_demo`: create or refresh the Linköping demo kommun and print the demo logins."""

from django.core.management.base import BaseCommand

from budgetapp.demo.services import load_demo
from budgetapp.followup.models import FollowUpRound


class Command(BaseCommand):
    help = "Läser in demokommunen (Linköping 2020 och 2024) och demoanvändare. Kan köras flera gånger."

    def handle(self, *args, **options) -> None:
        summary = load_demo()
        created = sum(summary.created.values())
        self.stdout.write(self.style.SUCCESS(
            f"Demokommunen är inläst ({created} nya rader; 0 betyder att allt redan fanns)."))
        self.stdout.write("\nDemoinloggningar (lösenorden gäller endast demomiljön):")
        for username, password, role, scope in summary.logins:
            where = f" – {scope}" if scope else ""
            self.stdout.write(f"  {username:<12} {password:<24} {role}{where}")
        for rnd in FollowUpRound.objects.filter(is_open=True).order_by("year", "month"):
            self.stdout.write(f"\nÖppen uppföljning: {rnd} (sista dag {rnd.deadline:%Y-%m-%d}) – "
                              f"logga in som controller och gå till /uppfoljning/{rnd.pk}/")
