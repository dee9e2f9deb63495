"""Net, result and variance come from one module and respect each sign convention (DOMAIN.md §3.2)."""

from decimal import Decimal as D

from budgetapp.budget import calc


def test_net_cost_and_result_from_positive_costs_and_revenues():
    # VSS 2019 in the KS table (000:1824-1826): intäkter 257 616, kostnader 254 271 → surplus 3 345
    assert calc.net_cost(D("254271"), D("257616")) == D("-3345")
    assert calc.result(D("254271"), D("257616")) == D("3345")
    # KLF 2020 (000:674-675): kostnader 544 363, intäkter 83 988 → net cost 460 375
    assert calc.net_cost(D("544363"), D("83988")) == D("460375")
    assert calc.net_cost(None, None) is None


def test_variance_positive_is_favourable_in_both_conventions():
    # KLF row in 004:233: budget 460 375 vs bokslut 471 854 prints −11 479 (budget − bokslut)
    assert calc.variance(D("460375"), D("471854"), calc.NET_COST) == D("-11479")
    # Leanlink in 004:243: result budget −15 000, bokslut 7 972 → +22 972 (bokslut − budget)
    assert calc.variance(D("-15000"), D("7972"), calc.RESULT) == D("22972")
    assert calc.variance(None, D("1")) is None


def test_convention_conversion_is_a_sign_flip():
    assert calc.to_convention(D("15000"), calc.NET_COST, calc.RESULT) == D("-15000")
    assert calc.to_convention(D("5"), calc.RESULT, calc.RESULT) == D("5")


def test_variance_percent_of_budget():
    assert calc.variance_percent(D("-11479"), D("460375")) == D("-2.5")
    assert calc.variance_percent(D("1"), D("0")) is None
    assert "positivt = överskott" in calc.convention_label(calc.RESULT)
