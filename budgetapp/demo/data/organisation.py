"""The demo kommun's organisation trees for 2020 and 2024 and the lineage between them.

A node row is ``(key, parent_key, name, kind, code, options)``. The same `key` in both years means the
node continues (or is moved/renamed, derived from parent and name); `EXTRA_LINEAGE` adds the splits and
merges the documents describe (DOMAIN.md §2). Codes are the demo ledger's ansvar codes and are the
natural key of a node within a year. Structure sources: 000:1752-1835, 000:3298-3324, 000:4267-4272,
001:312-357, 001:850, 003:145-152.
"""

from budgetapp.organisation.models import LineageKind
from budgetapp.organisation.models import NodeKind as K

REV = {"financing": "revenue", "within_frame": False}
OUT = {"within_frame": False}

_TOP = [
    ("kommun", None, "Linköpings kommun", K.MUNICIPALITY, "100000", {}),
    ("kf", "kommun", "Kommunfullmäktige", K.COUNCIL, "101000", {"short_name": "KF"}),
    ("ks", "kommun", "Kommunstyrelsen", K.COMMITTEE, "110000", {"short_name": "KS"}),
    ("bun", "kommun", "Barn- och ungdomsnämnden", K.COMMITTEE, "210000", {"short_name": "BUN"}),
    ("bin", "kommun", "Bildningsnämnden", K.COMMITTEE, "220000", {"short_name": "BIN"}),
    ("kfn", "kommun", "Kultur- och fritidsnämnden", K.COMMITTEE, "230000",
     {"short_name": "KFN", "aliases": ["Kultur och fritidsnämnden"]}),
    ("an", "kommun", "Äldrenämnden", K.COMMITTEE, "240000", {"short_name": "ÄN"}),
    ("son", "kommun", "Social- och omsorgsnämnden", K.COMMITTEE, "250000",
     {"short_name": "SON", "aliases": ["Social & omsorgsnämnden"]}),
    ("sbn", "kommun", "Samhällsbyggnadsnämnden", K.COMMITTEE, "260000",
     {"short_name": "SBN", "aliases": ["MoS"]}),
    ("rtog", "kommun", "Räddningstjänsten i Östra Götaland", K.FEDERATION, "910000",
     {"short_name": "RTÖG", "aliases": ["RTÖG"], **OUT}),
    ("lejon", "kommun", "AB Lejonfastigheter", K.COMPANY, "920000",
     {"short_name": "Lejonfastigheter", "aliases": ["Lejonfastigheter"], **OUT}),
    ("klf", "ks", "Kommunledningsförvaltningen", K.ADMINISTRATION, "111000", {"short_name": "KLF"}),
    ("vss", "ks", "Verksamhetsstöd och service", K.ADMINISTRATION, "112000",
     {"short_name": "VSS", "aliases": ["VSS"], **REV}),
]

_LEANLINK_AREAS = [
    ("ll_rad", "Råd & Stöd", "113100", ["Råd och Stöd"]),
    ("ll_lss", "LSS Funktionsstöd", "113200", []),
    ("ll_aldre", "Äldreomsorg", "113300", []),
    ("ll_stod", "Stöd & Service", "113400", []),
    ("ll_kost", "Kost & Restaurang", "113500", []),
    ("ll_ledning", "Ledning", "113900", ["Leanlink ledning"]),
]


def _leanlink(parent: str) -> list[tuple]:
    rows = [("leanlink", parent, "Leanlink", K.ADMINISTRATION, "113000", {"aliases": ["LeanLink"], **REV})]
    rows += [(key, "leanlink", name, K.BUSINESS_AREA, code, {"aliases": aliases, **REV})
             for key, name, code, aliases in _LEANLINK_AREAS]
    return rows


TREE_2020 = [
    *_TOP,
    ("kommunledning", "klf", "Kommunledning", K.STAFF_UNIT, "111100",
     {"aliases": ["Kommunstyrelsen, kommunledningen"]}),
    ("planeringsstaben", "klf", "Planeringsstaben", K.STAFF_UNIT, "111200", {}),
    ("digitaliseringsstaben", "klf", "Digitaliseringsstaben", K.STAFF_UNIT, "111300", {}),
    ("naringsliv", "klf", "Näringsliv och tillväxtstaben", K.STAFF_UNIT, "111400",
     {"aliases": ["Näringsliv och tillväxstaben"]}),
    ("ekonomistaben", "klf", "Ekonomistaben", K.STAFF_UNIT, "111500", {}),
    ("hr", "klf", "HR-staben", K.STAFF_UNIT, "111600", {"aliases": ["HR staben"]}),
    ("kommunikationsstaben", "klf", "Kommunikationsstaben", K.STAFF_UNIT, "111700", {}),
    ("administrativa", "klf", "Administrativa staben", K.STAFF_UNIT, "111800", {}),
    ("vss_ledning", "vss", "VSS ledning", K.BUSINESS_AREA, "112100", {"aliases": ["VVS stab"], **REV}),
    ("vss_ekonomi", "vss", "Ekonomiservice", K.BUSINESS_AREA, "112200", REV),
    ("vss_hr", "vss", "HR service", K.BUSINESS_AREA, "112300", {"aliases": ["HR-service"], **REV}),
    ("vss_elarande", "vss", "e-lärandecenter", K.BUSINESS_AREA, "112400",
     {"aliases": ["eLärandeCenter"], **REV}),
    ("vss_kontakt", "vss", "Kontakt Linköping", K.BUSINESS_AREA, "112500", REV),
    ("vss_lkdata", "vss", "LKDATA", K.BUSINESS_AREA, "112600", {"aliases": ["LK-data", "Lkdata"], **REV}),
    ("vss_arkiv", "vss", "Stadsarkivet", K.BUSINESS_AREA, "112700", REV),
    *_leanlink("ks"),
]

TREE_2024 = [
    *_TOP,
    ("amn", "kommun", "Arbetsmarknadsnämnden", K.COMMITTEE, "270000",
     {"short_name": "AMN", "aliases": ["Integration- & arbetsmarknadsnämnden"]}),
    ("bmn", "kommun", "Bygg- och miljönämnden", K.COMMITTEE, "280000", {"short_name": "BMN"}),
    ("ks_vo", "klf", "Kommunstyrelsen", K.OPERATIONAL_AREA, "111110", {"short_name": "KS verksamhetsområde"}),
    ("kommungemensamt", "klf", "Kommungemensamt", K.COMMON, "111120", {}),
    ("kommunledningsstaben", "klf", "Kommunledningsstaben", K.STAFF_UNIT, "111130", {}),
    ("planeringsstaben", "klf", "Planeringsstaben", K.STAFF_UNIT, "111200", {}),
    ("naringsliv", "klf", "Näringsliv- och tillväxtstaben", K.STAFF_UNIT, "111400",
     {"aliases": ["Näringsliv och tillväxtstaben"]}),
    ("ekonomistaben", "klf", "Ekonomistaben", K.STAFF_UNIT, "111500", {}),
    ("hr", "klf", "HR-staben", K.STAFF_UNIT, "111600", {"aliases": ["HR staben"]}),
    ("kou", "klf", "Kommunikations- och utvecklingsstaben", K.STAFF_UNIT, "111750",
     {"aliases": ["Kommunikations- & utveckl staben", "Kommunikation & utvecklingsstab"]}),
    ("vss_ledning", "vss", "VSS ledning", K.OPERATIONAL_AREA, "112100", {"aliases": ["VVS stab"], **REV}),
    ("vss_ekonomi", "vss", "Ekonomiservice", K.OPERATIONAL_AREA, "112200", REV),
    ("vss_hr", "vss", "HR-service", K.OPERATIONAL_AREA, "112300", {"aliases": ["HR service"], **REV}),
    ("vss_lkdata", "vss", "LKDATA", K.OPERATIONAL_AREA, "112600", {"aliases": ["LK-data", "Lkdata"], **REV}),
    ("vss_arkiv", "vss", "Stadsarkivet", K.OPERATIONAL_AREA, "112700", REV),
    ("vss_kontakt", "vss", "Kontakt Linköping", K.OPERATIONAL_AREA, "112500", REV),
    ("vss_upphandling", "vss", "Upphandling och inköp", K.OPERATIONAL_AREA, "112800", REV),
    ("vss_elarande", "vss", "eLärandeCenter", K.OPERATIONAL_AREA, "112400",
     {"aliases": ["e-lärandecenter"], **REV}),
    ("vss_lon", "vss", "Löneservice", K.OPERATIONAL_AREA, "112900", REV),
    *_leanlink("an"),  # 001:850: Leanlink belongs to äldrenämnden from 2024
]

TREES = {2020: TREE_2020, 2024: TREE_2024}

#: (key 2020, key 2024, kind, note) in addition to the links derived from shared keys.
EXTRA_LINEAGE = [
    ("kommunledning", "ks_vo", LineageKind.SPLIT, "Kommunledning delas i tre områden (001:313-328)"),
    ("kommunledning", "kommungemensamt", LineageKind.SPLIT, "Räddningstjänst/RTÖG flyttas hit (001:431)"),
    ("kommunledning", "kommunledningsstaben", LineageKind.SPLIT, "Kommundirektör och förvaltningschefer"),
    ("digitaliseringsstaben", "kou", LineageKind.MERGED, "Blir enheten Utveckling och digitalisering (001:582)"),
    ("kommunikationsstaben", "kou", LineageKind.MERGED, "Kommunikationsenheten (001:580)"),
    ("administrativa", "kommunledningsstaben", LineageKind.SPLIT, "Juridik, Säkerhet, Adm. stöd, HR-stöd (001:446)"),
    ("administrativa", "planeringsstaben", LineageKind.SPLIT, "Kommunkansli och arkiv (001:488-505)"),
]
