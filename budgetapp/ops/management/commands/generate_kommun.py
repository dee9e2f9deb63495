"""`manage.py generate_kommun --units N --years Y`: a synthetic kommun for benchmarks (see ops.synthetic)."""

import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from budgetapp.ops.synthetic import generate_kommun


class Command(BaseCommand):
    help = "Skapar (eller bygger om) en syntetisk kommun för prestandamätningar. Samma frö ger samma data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, default=300, help="antal enheter per år (300)")
        parser.add_argument("--years", type=int, default=3, help="antal år (3)")
        parser.add_argument("--first-year", type=int, default=None,
                            help="första året (standard: innevarande år minus antal år plus ett)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--name", default="Syntetkommun", help="rotnodens namn; en ny körning ersätter den")
        parser.add_argument("--investments", type=int, default=100, help="investeringsprojekt per år (100)")
        parser.add_argument("--goals", type=int, default=200, help="mål per år (200)")
        parser.add_argument("--unpublished", action="store_true", help="publicera inte åren för allmänheten")

    def handle(self, *args, **options) -> None:
        if options["units"] < 1 or options["years"] < 1:
            self.stderr.write("--units och --years måste vara minst 1.")
            raise SystemExit(2)
        first_year = options["first_year"] or timezone.localdate().year - options["years"] + 1
        started = time.perf_counter()
        summary = generate_kommun(
            units=options["units"], years=options["years"], first_year=first_year, seed=options["seed"],
            name=options["name"], investments=options["investments"], goals=options["goals"],
            publish=not options["unpublished"],
        )
        self.stdout.write(
            f"{summary.name} {summary.years[0]}–{summary.years[-1]}: {summary.nodes} noder, "
            f"{summary.figures} belopp, {summary.investments} investeringar, {summary.goals} mål "
            f"({time.perf_counter() - started:.1f} s)"
        )
