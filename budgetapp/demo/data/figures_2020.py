"""Budget 2020 (000) and bokslut 2020 (004) figures in tkr, typed in from the documents.

Sign conventions as printed are kept in the comments; stored amounts follow budget.models.Measure:
KLF rows are net cost (positive = cost); VSS/Leanlink store cost and revenue as positive amounts, and
their results with positive = surplus.
"""

from .documents import KS_2019_519

# Driftsammandrag 000:1752-1810 — key, line, budget 2019, budget 2020 (net cost, tkr)
STAB_BUDGET_2020 = [
    ("kommunledning", 1761, 170_679, 160_964),
    ("planeringsstaben", 1769, 47_860, 36_612),
    ("digitaliseringsstaben", 1776, 12_523, 12_693),
    ("naringsliv", 1781, 41_873, 40_987),
    ("ekonomistaben", 1786, 49_824, 49_429),  # 47 229 by its change rows (DOMAIN §7 #1)
    ("hr", 1794, 44_206, 45_954),
    ("kommunikationsstaben", 1800, 44_619, 40_051),
    ("administrativa", 1806, 70_752, 75_885),
]

# "Specifikation av förändringar" 000:1762-1810 — key → [(line, category, amount 2020)]
CHANGES_2020 = {
    "kommunledning": [(1763, "Kostnadsdämpande åtgärder", -1_200), (1764, "Budgetjusteringar", -5_824),
                      (1765, "Tekniska justeringar ram", -7_720), (1766, "Omfördelning ram", 900),
                      (1767, "Övrigt inkl. pris och lön", 4_129)],
    "planeringsstaben": [(1771, "Kostnadsdämpande åtgärder", -1_325), (1772, "Tekniska justeringar ram", -11_390),
                         (1773, "Omfördelning ram", 1_200), (1774, "Övrigt inkl. pris och lön", 267)],
    "digitaliseringsstaben": [(1778, "Kostnadsdämpande åtgärder", -250), (1779, "Övrigt inkl. pris och lön", 420)],
    "naringsliv": [(1783, "Kostnadsdämpande åtgärder", -830), (1784, "Övrigt inkl. pris och lön", -56)],
    "ekonomistaben": [(1788, "Kostnadsdämpande åtgärder", -1_000), (1789, "Omfördelning ram", -2_200),
                      (1790, "Övrigt inkl. pris och lön", 605)],
    "hr": [(1796, "Kostnadsdämpande åtgärder", -2_000), (1797, "Tekniska justeringar ram", 3_000),
           (1798, "Övrigt inkl. pris och lön", 748)],
    "kommunikationsstaben": [(1802, "Kostnadsdämpande åtgärder", -1_900), (1803, "Omfördelning ram", -3_000),
                             (1804, "Övrigt inkl. pris och lön", 332)],
    "administrativa": [(1808, "Kostnadsdämpande åtgärder", -1_400), (1809, "Tekniska justeringar ram", 300),
                       (1810, "Övrigt inkl. pris och lön", 6_233)],
}
CHANGE_DECISION_2020 = KS_2019_519

# KLF frame 000:1815/1821 — year → (line, amount). Original KF frame and frame after adjustments.
KLF_FRAME_ORIGINAL = {2020: (1815, 463_475), 2021: (1815, 455_955), 2022: (1815, 443_641), 2023: (1815, 440_495)}
KLF_FRAME_ADJUSTED = {2020: (1821, 460_375), 2021: (1821, 452_855), 2022: (1821, 440_541), 2023: (1821, 437_395)}
KLF_FRAME_ORIGINAL_LABEL = "Budgetram enligt beslut i KF den 28 maj 2019 (före ramjusteringar)"
# KLF "Verksamhetens nettokostnader" plan years 000:673 (no per-stab plan is printed)
KLF_NET_PLAN = {2021: 452_855, 2022: 440_541, 2023: 437_395}
KLF_NET_PLAN_LINE = 673

# Ramjusteringar 2020 000:702-714 — line, reason, amount (+ = to KS), counterpart key, name as printed
FRAME_ADJUSTMENTS_2020 = [
    (704, "Omfördelning från barn- och ungdomsnämnden för statistiktjänster", 1_000, "bun",
     "barn- och ungdomsnämnden"),
    (706, "Omfördelning från bildningsnämnden för statistiktjänster", 200, "bin", "bildningsnämnden"),
    (708, "Omfördelning från kommunfullmäktige för representation", 900, "kf", "kommunfullmäktige"),
    (710, "Omfördelning till kultur- och fritidsnämnden för Elitstöd", -3_000, "kfn",
     "kultur och fritidsnämnden"),
    (712, "Omfördelning till kultur- och fritidsnämnden för hyresavtal SAAB arena", -2_200, "kfn",
     "kultur och fritidsnämnden"),
]
# The same adjustments aggregated for the plan years 000:1816-1819 (line, reason, amount, counterpart)
FRAME_ADJUSTMENTS_PLAN = [
    (1817, "Omfördelning ram från barn- och ungdomsnämnden och bildningsnämnden", 1_200, None,
     "barn- och ungdomsnämnden och bildningsnämnden"),
    (1818, "Omfördelning ram från kommunfullmäktige", 900, "kf", "kommunfullmäktige"),
    (1819, "Omfördelning ram till kultur- och fritidsnämnden", -5_200, "kfn", "kultur- och fritidsnämnden"),
]

# Stab table lines 000:1949-2006 — key → [(line, label, budget 2020)]; revenue lines negative as printed
STAB_LINES_2020 = {
    "kommunledning": [
        (1952, "Kommunstyrelsen: Kommunstyrelsen", -4_878), (1953, "Kommunstyrelsen: Kommunalråden", 9_088),
        (1954, "Kommunstyrelsen: Gemensamt för KS", 2_676), (1955, "Kommunstyrelsen: Politiska sekreterare", 6_162),
        (1956, "Kommunstyrelsen: Datorer till förtroendevalda", 1_801),
        (1959, "Kommungemensamt: Gemensamma kostnader", 10_481), (1960, "Kommungemensamt: Tillfällig insatser", 5_000),
        (1963, "Kommunledningsstaben: Kommundirektör och förvaltningschefer", 25_985),
        (1966, "Räddningstjänstverksamhet", 104_650),
    ],
    "planeringsstaben": [
        (1987, "Planeringsstaben: Enhetschefer", 2_515), (1993, "Analys och utredning: Personal", 6_792),
        (1994, "Analys och utredning: Översiktlig planering", 3_770),
        (1995, "Analys och utredning: Infrastruktur", 6_427), (1997, "Analys och utredning: Omvärldsbevakning", 500),
        (1998, "Analys och utredning: Utredningar", 500), (1999, "Analys och utredning: Statistik", 200),
        (2002, "Hållbarhet: Personal", 5_807), (2003, "Hållbarhet: Övergripande hållbarhetsfrågor", 425),
        (2004, "Hållbarhet: Landsbygdsutveckling", 2_476), (2005, "Hållbarhet: Ekologisk hållbarhet", 2_897),
        (2006, "Hållbarhet: Social hållbarhet", 4_303),
    ],
}
# "varav intäkter / kostnader" of the stab tables — key → ((line, revenue), (line, cost))
STAB_COST_REVENUE_2020 = {
    "kommunledning": ((1969, 19_620), (1970, 180_854)),
    "planeringsstaben": ((2009, 268), (2010, 36_880)),
}

# VSS 000:3298-3328 — key, line of the unit row, revenue (2019, 2020..2023), cost (2019, 2020..2023)
VSS_UNITS_2020 = [
    ("vss_ledning", 3298, (0, 4_679, 4_679, 4_679, 4_679), (0, 4_679, 4_679, 4_679, 4_679)),
    ("vss_ekonomi", 3302, (14_682, 4_679, 4_679, 4_679, 4_679), (14_682, 4_679, 4_679, 4_679, 4_679)),
    ("vss_hr", 3306, (23_103, 18_733, 18_733, 18_733, 18_733), (23_103, 18_733, 18_733, 18_733, 18_733)),
    ("vss_elarande", 3310, (0, 3_200, 3_200, 3_200, 3_200), (0, 3_200, 3_200, 3_200, 3_200)),
    ("vss_kontakt", 3314, (37_061, 37_265, 38_771, 39_781, 39_781), (37_061, 37_265, 38_771, 39_781, 39_781)),
    ("vss_lkdata", 3318, (185_925, 192_000, 192_000, 192_000, 192_000),
     (185_425, 192_000, 192_000, 192_000, 192_000)),
    ("vss_arkiv", 3322, (6_152, 6_141, 6_141, 6_141, 6_141), (6_152, 6_141, 6_141, 6_141, 6_141)),
]
# VSS and Leanlink totals in the KS internbudget 000:1824-1832 (budget 2019, budget 2020)
VSS_TOTAL = {"revenue": (1825, 257_616, 277_147), "cost": (1826, 254_271, 277_147)}
LEANLINK_TOTAL = {"revenue": (1830, 1_544_293, 1_626_300), "cost": (1831, 1_584_751, 1_641_300)}
LEANLINK_REVENUE_INCREASE = (1832, 40_458, 25_458)

# Leanlink 000:4267-4272 — key, line, net cost 2019, net cost 2020 as printed (deficit positive)
LEANLINK_AREAS_2020 = [
    ("ll_rad", 4267, -6_175, -6_000), ("ll_lss", 4268, 15_350, 9_000), ("ll_aldre", 4269, 31_202, 14_000),
    ("ll_stod", 4270, 0, 0), ("ll_kost", 4271, 0, -2_000), ("ll_ledning", 4272, 0, 0),
]

# Year-end 004:233-243 — key, line, bokslut 2020, budget 2020, bokslut 2019 (KLF: net cost)
YEAR_END_2020 = [
    ("kommunledning", 233, 172_446, 160_967, 168_116),
    ("planeringsstaben", 234, 29_317, 35_647, 34_220),
    ("digitaliseringsstaben", 235, 12_318, 12_692, 11_474),
    ("naringsliv", 236, 38_485, 40_987, 40_355),
    ("ekonomistaben", 237, 46_015, 90_278, 44_961),
    ("hr", 238, 43_991, 47_723, 49_159),
    ("kommunikationsstaben", 239, 35_951, 40_001, 43_060),
    ("administrativa", 240, 70_856, 75_886, 70_768),
]
# VSS/Leanlink results 004:242-243 (positive = surplus per the footnote 004:245)
YEAR_END_RESULTS_2020 = [
    ("vss", 242, 6_773, 0, 17_301),
    ("leanlink", 243, 7_972, -15_000, -25_157),
]
