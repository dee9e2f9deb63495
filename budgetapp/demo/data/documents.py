"""The four seed documents as `core.SourceDocument` rows, keyed by their alias (000, 001, 003, 004)."""

from budgetapp.core.models import DocumentKind

KS_2019_519 = "KS § 315, Dnr KS 2019-519"
KF_2023_06_13 = "KF 2023-06-13, Budget 2024 med plan för 2025–2029"

#: alias → field values; `title` is the natural key.
DOCUMENTS: dict[str, dict] = {
    "000": {
        "title": "Internbudget 2020 – kommunstyrelsen",
        "kind": DocumentKind.INTERNAL_BUDGET,
        "organisation_name": "Kommunstyrelsen",
        "year": 2020,
        "plan_years": [2021, 2022, 2023],
        "file_name": "000_352885f2a1d568c4.txt",
        "sha256": "9cfb7eacb3f90d214c21cbddf27caa6334ba7447e868cb86e5b33a81db481551",
        "decision_reference": KS_2019_519,
    },
    "001": {
        "title": "Kommunstyrelsens internbudget 2024 med plan 2025–2029",
        "kind": DocumentKind.INTERNAL_BUDGET,
        "organisation_name": "Kommunstyrelsen",
        "year": 2024,
        "plan_years": [2025, 2026, 2027, 2028, 2029],
        "file_name": "001_9a19dcbb59c6bcdc.txt",
        "sha256": "68a4cf8160cdc8475b8796414b7022df607f28845961c336b7cd1eb53bcdc129",
        "decision_reference": "",
    },
    "003": {
        "title": "Verksamhetsstöd och services förvaltningsbudget 2021 med plan 2022–2024",
        "kind": DocumentKind.ADMINISTRATION_BUDGET,
        "organisation_name": "Verksamhetsstöd och service",
        "year": 2021,
        "plan_years": [2022, 2023, 2024],
        "file_name": "003_c1f96ec77456c3be.txt",
        "sha256": "e21a2fdfc408616f7ec968449e22262916992baeaf13aff991d955f073ef9e89",
        "decision_reference": "",
    },
    "004": {
        "title": "Verksamhetsberättelse 2020 – kommunstyrelsen",
        "kind": DocumentKind.ANNUAL_REPORT,
        "organisation_name": "Kommunstyrelsen",
        "year": 2020,
        "plan_years": [],
        "file_name": "004_bbff43da3c846827.txt",
        "sha256": "c2c820c480da3bd1ef83929414e943945a9476ef06c04ff5fb6b3eaf719d40c3",
        "decision_reference": "",
    },
}
