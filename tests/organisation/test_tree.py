"""The year-versioned org tree: names across years, children as of a year, copying a year."""

import pytest

from budgetapp.organisation.models import LineageKind, OrgLineage, OrgNode
from budgetapp.organisation.selectors import children_as_of, counterparts_in_year, name_in_year, tree_for_year
from budgetapp.organisation.services import OrgServiceError, copy_year
from tests.factories import OrgNodeFactory, small_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years():
    """2020 with Digitaliserings- and Kommunikationsstaben; 2024 with them merged and a renamed stab."""
    y20, y24 = small_municipality(2020), small_municipality(2024)
    digi = OrgNodeFactory(year=2020, name="Digitaliseringsstaben", parent=y20["klf"])
    komm = OrgNodeFactory(year=2020, name="Kommunikationsstaben", parent=y20["klf"])
    kou = OrgNodeFactory(year=2024, name="Kommunikations- och utvecklingsstaben", parent=y24["klf"])
    links = [(digi, kou, LineageKind.MERGED), (komm, kou, LineageKind.MERGED)]
    links += [(y20[k], y24[k], LineageKind.CONTINUES) for k in ("kommun", "ks", "klf", "stab_a", "stab_b", "vss")]
    y24["stab_b"].name = "HR-staben (ny)"
    y24["stab_b"].save()
    OrgLineage.objects.bulk_create(OrgLineage(predecessor=a, successor=b, kind=k) for a, b, k in links)
    return {"2020": y20, "2024": y24, "digi": digi, "komm": komm, "kou": kou}


def test_name_in_2020_vs_2024(two_years):
    assert name_in_year(two_years["digi"], 2024) == "Kommunikations- och utvecklingsstaben"
    assert name_in_year(two_years["2020"]["stab_b"], 2024) == "HR-staben (ny)"
    assert name_in_year(two_years["2024"]["stab_b"], 2020) == "HR-staben"
    back = counterparts_in_year([two_years["kou"]], 2020)[two_years["kou"].pk]
    assert [n.name for n in back] == ["Digitaliseringsstaben", "Kommunikationsstaben"]
    assert name_in_year(two_years["digi"], 2020) == "Digitaliseringsstaben"


def test_name_in_a_year_without_counterpart_is_none(two_years):
    new = OrgNodeFactory(year=2024, name="Ny stab", parent=two_years["2024"]["klf"])
    assert name_in_year(new, 2020) is None


def test_children_as_of_a_year_without_per_row_queries(two_years, django_assert_num_queries):
    with django_assert_num_queries(1):
        children_2020 = [n.name for n in children_as_of(two_years["2020"]["klf"].pk, 2020)]
    with django_assert_num_queries(1):
        children_2024 = [n.name for n in children_as_of(two_years["2024"]["klf"].pk, 2024)]
    assert sorted(children_2020) == ["Digitaliseringsstaben", "Ekonomistaben", "HR-staben", "Kommunikationsstaben"]
    assert sorted(children_2024) == ["Ekonomistaben", "HR-staben (ny)", "Kommunikations- och utvecklingsstaben"]
    with django_assert_num_queries(1):
        roots = children_as_of(None, 2024)
    assert [n.name for n in roots] == ["Demokommun"]


def test_tree_for_year_is_one_query_with_depths(two_years, django_assert_num_queries):
    with django_assert_num_queries(1):
        tree = [(n.name, n.tree_depth) for n in tree_for_year(2020)]
    assert tree[0] == ("Demokommun", 0)
    assert ("Digitaliseringsstaben", 3) in tree
    assert all(n.year == 2020 for n in tree_for_year(2020))


def test_copy_year_creates_next_year_with_lineage():
    nodes = small_municipality(2024)
    created = copy_year(2024)
    assert created == len(nodes) == OrgNode.objects.filter(year=2025).count()
    copied_klf = OrgNode.objects.get(year=2025, name="Kommunledningsförvaltningen")
    assert copied_klf.parent.name == "Kommunstyrelsen" and copied_klf.parent.year == 2025
    assert sorted(n.name for n in children_as_of(copied_klf.pk, 2025)) == ["Ekonomistaben", "HR-staben"]
    vss = OrgNode.objects.get(year=2025, name="Verksamhetsstöd och service")
    assert (vss.financing, vss.within_frame) == ("revenue", False)
    link = OrgLineage.objects.get(predecessor=nodes["stab_a"])
    assert (link.successor.year, link.successor.name, link.kind) == (2025, "Ekonomistaben", LineageKind.CONTINUES)
    assert name_in_year(nodes["stab_b"], 2025) == "HR-staben"


def test_copy_year_refuses_a_second_copy():
    small_municipality(2024)
    copy_year(2024)
    with pytest.raises(OrgServiceError):
        copy_year(2024)
    assert OrgNode.objects.filter(year=2025).count() == 6


def test_copy_year_refuses_an_empty_year():
    with pytest.raises(OrgServiceError):
        copy_year(1999)
