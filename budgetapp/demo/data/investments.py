"""Investment projects 2020 (004, mnkr), investment frames 2020 (000, tkr) and 2024 (001, mnkr), and a
small 10-year plan (001:856)."""

# 004:308-322 — node key, line, name, status, approved, accumulated, year budget, year actual,
#               total forecast, end year, large
PROJECTS_2020 = [
    ("klf", 308, "KS strateg markköp", "completed", "50,0", "20,5", "50,0", "20,5", None, None, False),
    ("vss_lkdata", 309, "VSS (LKDATA)", "completed", "60,0", "36,6", "60,0", "36,6", None, None, False),
    ("leanlink", 310, "Leanlink", "completed", "4,9", "5,1", "4,9", "5,1", None, None, False),
    ("klf", 315, "Kommunledningsförv", "ongoing", "3,0", "1,2", "3,0", "1,2", None, None, False),
    ("administrativa", 316, "Säkerhetsenheten", "ongoing", "19,3", "5,8", "19,3", "5,8", None, None, False),
    ("klf", 322, "KS ny simhall", "ongoing", "990,5", "536,2", "272", "422", "990,5", 2022, True),
]

# 000:2294-2312 (tkr), basis 2020, amounts 2020..2023 — node key, line, kind, label, amounts
FRAMES_2020 = [
    ("klf", 2294, "within", "Kommunstyrelsen", (1_850, 1_650, 1_650, 1_650)),
    ("klf", 2295, "reserve", "Investeringsreserv", (15_000, 15_000, 15_000, 15_000)),
    ("klf", 2296, "reserve", "Reserv för strategiska markförvärv", (50_000, 50_000, 50_000, 50_000)),
    ("leanlink", 2298, "within", "Leanlink", (4_900, 4_900, 4_900, 4_900)),
    ("vss", 2299, "within", "Verksamhetsstöd och service", (37_900, 37_900, 37_900, 37_900)),
    ("ks", 2301, "decided", "Investeringsram enl. beslut i KF den 28 maj 2019",
     (109_650, 109_450, 109_450, 109_450)),
    ("klf", 2303, "outside", "Ny simhall", (252_000, 297_000, 307_500, None)),
    ("klf", 2306, "outside", "Ombyggnation receptionen i Stadshuset", (1_200, None, None, None)),
    ("vss", 2309, "outside", "Ökade volymer samt digitaliseringssatsningar LKDATA", (7_100, 7_100, 7_100, 7_100)),
]
# The VSS frame raised to 60 mnkr (003:400, decided KF 26 May 2020) is kept next to 45 000 (DOMAIN §7 #26)
VSS_FRAME_RAISED = ("vss", 400, "decided", "Investeringsram enl. beslut i KF den 26 maj 2020", 2020, 60_000)

# 001:614-620 (mnkr), basis 2024, amounts 2023..2029
FRAMES_2024 = [
    ("klf", 614, "within", "KS, KLF", ("1,7",) * 7),
    ("vss", 615, "within", "VSS", ("60,5", "60,8", "60,0", "60,0", "60,0", "60,0", "60,0")),
    ("leanlink", 616, "within", "Leanlink", ("4,4",) * 7),
    ("klf", 617, "within", "KS ny simhall", ("150,7", "0", "0", "0", "0", "0", "0")),
    ("klf", 618, "within", "KS strategisk markreserv", ("150",) * 7),
    ("klf", 619, "within", "KS civilt försvar", ("52,6", "65", "15", "15", "15", "15", "15")),
    ("klf", 620, "within", "KS egenägda fastigheter", ("0", "20", "0", "0", "0", "0", "0")),
]

# 10-year plan 2024–2033 (001:856, mnkr per year) — node key, name, amount per year (first year override)
TEN_YEAR_PLAN = [
    ("klf", "Strategiska markförvärv", "150", {}),
    ("klf", "Inventarieinköp m.m. för förvaltningen", "1,6", {}),
    ("kommunledningsstaben", "Civilt försvar: reservkraft, reservvatten och beredskapslager", "15", {2024: "65"}),
]
TEN_YEAR_PLAN_LINE = 856
