"""Budget 2024 with plan 2025–2029, budget 2023 and utfall 2022 from 001 (printed in mnkr).

Values are kept as printed ("30,2"); the loader converts mnkr to tkr and records printed_unit="mnkr".
"""

from .documents import KF_2023_06_13

# Driftsammandrag 001:313-354 — key, line, (Utfall 2022, Budget 2023, Budget 2024, Plan 2025..2029)
STAB_2024 = [
    ("ks_vo", 313, ("24,2", "28,1", "30,2", "30,2", "30,2", "30,2", "30,2", "30,2")),
    ("kommungemensamt", 317, ("206,0", "260,3", "297,1", "306,8", "309,9", "310,1", "307,3", "310,8")),
    ("kommunledningsstaben", 328, ("87,9", "103,6", "113,2", "113,8", "114,4", "115,0", "115,6", "116,2")),
    ("planeringsstaben", 332, ("35,4", "40,7", "41,4", "41,7", "41,7", "41,7", "41,7", "41,7")),
    ("naringsliv", 337, ("43,0", "42,5", "44,9", "44,4", "43,9", "43,4", "43,4", "43,4")),
    ("ekonomistaben", 346, ("26,1", "34,0", "34,8", "34,8", "34,8", "34,8", "34,8", "34,8")),
    ("hr", 349, ("64,5", "50,2", "50,2", "47,1", "50,2", "47,1", "50,2", "47,1")),
    ("kou", 354, ("67,6", "59,1", "55,1", "55,1", "55,1", "55,1", "55,1", "55,1")),
]
STAB_2024_COLUMNS = [(2022, "year_end_outcome"), (2023, "budget"), (2024, "budget"),
                     (2025, "plan"), (2026, "plan"), (2027, "plan"), (2028, "plan"), (2029, "plan")]

# Change rows 001:315-357 — key, line, reason, marker, counterpart key, amounts 2024..2029 (mnkr;
# None = empty cell)
CHANGES_2024 = [
    ("ks_vo", 315, "Utökning budgetram pol sekreterare", "", None, ("1,7",) * 6),
    ("ks_vo", 316, "Övrigt inkl pris och lön", "", None, ("0,3",)),
    ("kommungemensamt", 319, "Ostlänken, plankostnader", "", None, ("1,6", "1,6")),
    ("kommungemensamt", 320, "Intern ränta (höjs från 1 % till 2 %)", "", None,
     ("20,8", "21,1", "21,4", "21,7", "22,0", "22,3")),
    ("kommungemensamt", 321, "Ostlänken, budgetöverföring till MoS", "", "sbn", ("-3,0", "-2,9", "-1,4")),
    ("kommungemensamt", 322, "RTÖG höjd medlemsavgift", "**", "rtog", ("0,2", "1,0", "0,7", "0,2", "0,2", "0,2")),
    ("kommungemensamt", 323, "RTÖG ökad pensionsavsättning", "**", "rtog",
     ("0,3", "0,1", "0,4", "0,4", "0,4", "0,4")),
    ("kommungemensamt", 324, "RTÖG justering ny räddningsstation Ljungsbro", "**", "rtog",
     (None, None, "2,5", "2,5", "2,5", "2,5")),
    ("kommungemensamt", 325, "RTÖG räddningsövningsfält", "*", "rtog", (None, "3,6", "3,6", "3,6", "3,6", "3,6")),
    ("kommungemensamt", 326, "RTÖG, räddningsstation Ljungsbro", "*", "rtog", (None, None, "0,5", "0,5", "0,5", "0,5")),
    ("kommungemensamt", 327, "Övrigt inkl pris och lön", "", None, ("5,3",)),
    ("kommunledningsstaben", 329, "Kapitalkostn investeringar civilt försvar", "", None,
     ("3,1", "3,7", "4,3", "4,9", "5,5", "6,1")),
    ("kommunledningsstaben", 330, "Trygghetsatsningar, budgetöverföring till social & omsorgsnämnden & "
     "samhällsbyggnadsnämnden", "", "son", ("-2,4",) * 6),
    ("kommunledningsstaben", 331, "Övrigt inkl pris och lön", "", None, ("3,3",)),
    ("planeringsstaben", 334, "E-arkiv, budgetöverföring nämnder", "", None, ("0,2",) * 6),
    ("planeringsstaben", 335, "Utökad avgift Leader Folkungaland", "**", None,
     (None, "0,3", "0,3", "0,3", "0,3", "0,3")),
    ("planeringsstaben", 336, "Övrigt inkl pris och lön", "", None, ("0,6",)),
    ("naringsliv", 339, "Driftsbidr. besökscenter Bergs slussar", "**", None, ("1,5", "1,0", "0,5")),
    ("naringsliv", 340, "Övrigt inkl pris och lön", "", None, ("0,9",)),
    ("ekonomistaben", 348, "Övrigt inkl pris och lön", "", None, ("0,7",)),
    ("hr", 351, "HR specialister (budgetöverföring till nämnder)", "", "son", ("-4,4",) * 6),
    ("hr", 352, "Medarbetarfest vartannat år", "*", None, ("3,1", "0", "3,1", "0", "3,1", "0")),
    ("hr", 353, "Övrigt inkl pris och lön", "", None, ("1,1",)),
    ("kou", 356, "Kontakt Linköping (budgetöverföring mellan nämnder)", "", None, ("-5,2",) * 6),
    ("kou", 357, "Övrigt inkl pris och lön", "", None, ("1,2",)),
]
CHANGE_DECISION_2024 = KF_2023_06_13

# Ramjusteringar 2024 001:256-264 — line, reason, amount mnkr, counterpart key, counterpart as printed
FRAME_ADJUSTMENTS_2024 = [
    (256, "Politiska sekreterare", "1,7", None, ""),
    (257, "Kapitalkostnader, trygghetspunkter, beredskapslager", "3,1", None, ""),
    (258, "Ostlänken, plankostnader", "1,6", None, ""),
    (259, "Intern ränta (höjning fr 1% till 2%)", "20,8", None, ""),
    (260, "Omfördelning HR-specialister", "-4,4", "son",
     "social- och omsorgsnämnden, barn- och ungdomsnämnden, bildningsnämnden, kultur- och fritidsnämnden "
     "samt arbetsmarknadsnämnden"),
    (261, "Omfördelning Kontakt Linköping", "-5,2", "an",
     "äldrenämnden, social- och omsorgsnämnden, barn- och ungdomsnämnden, bildningsnämnden, kultur- och "
     "fritidsnämnden, arbetsmarknadsnämnden, samhällsbyggnadsnämnden samt bygg- och miljönämnden"),
    (262, "Omfördelning E-arkiv", "-0,2", "bun",
     "barn- och ungdomsnämnden, bildningsnämnden, samhällsbyggnadsnämnden samt bygg och miljönämnden"),
    (263, "Omfördelning Ostlänken", "-3,0", "sbn", "samhällsbyggnadsnämnden"),
    (264, "Omfördelning statsbidrag trygghetsinsatser (Kommuner mot brott)", "-2,4", "son",
     "social- och omsorgsnämnden och samhällsbyggnadsnämnden"),
]

# KS ram 2024 (001:368): 666 778 tkr, stored as the KLF frame (the plan years are per stab above).
KLF_FRAME_2024 = (368, 666_778)

# Revenue-funded totals 001:243-249 (mnkr): key → (cost line, revenue line, values 2024..2029)
REVENUE_FUNDED_2024 = {
    "vss": (243, 244, ("632,3", "647,3", "663,9", "679,9", "696,2", "712,6")),
    "leanlink": (248, 249, ("1 597", "1 637", "1 678", "1 720", "1 763", "1 807")),
}

# Stab table lines 001:415-439 (tkr) — key → [(line, label, budget 2023, budget 2024)]
STAB_LINES_2024 = {
    "ks_vo": [
        (415, "Kommunstyrelsen (arvoden m m)", 3_638, 3_675), (416, "Kommunalråden (arvoden m m)", 11_020, 11_788),
        (417, "KS gemensamt (lokaler, datorer admin m m)", 2_273, 2_384),
        (418, "Politiska sekreterare", 8_300, 10_000), (419, "Arvoden Stadshus AB", 320, 420),
        (420, "Datorer till förtroendevalda", 1_858, 1_897),
    ],
    "kommungemensamt": [
        (431, "Räddningstjänstverksamhet (RTÖG medl avg mm)", 121_678, 124_112),
        (432, "Flygplatsen (Linköping City Airport, flygplatstjänst)", 44_247, 45_132),
        (433, "Idrotts och friluftsanläggningar", 9_267, 12_652), (434, "Ny simhall", 42_448, 75_411),
        (435, "Översiktsplanering (uppdrag till MOS)", 3_879, 3_957), (436, "Infrastruktur", 4_250, 1_957),
        (437, "Avskrivningar och ränta på fastigheter", 4_360, 4_447),
        (438, "Samordningsförbund, SKR, förbundsavgifter och övrigt gemensamt", 25_314, 24_483),
        (439, "Kontakt Linköping, KS medfinansiering m m", 4_875, 4_973),
    ],
}

# Demo split of the revenue-funded 2024 totals over their units (shares, not from a document):
# VSS follows the 2024 plan column of 003:351-377; Leanlink is a plausible split.
VSS_SHARES_2024 = {"vss_ledning": 6_252, "vss_ekonomi": 15_870, "vss_hr": 17_078, "vss_elarande": 5_377,
                   "vss_kontakt": 42_626, "vss_lkdata": 223_745, "vss_arkiv": 6_883, "vss_upphandling": 18_695,
                   "vss_lon": 10_600}
LEANLINK_SHARES_2024 = {"ll_rad": 12, "ll_lss": 24, "ll_aldre": 44, "ll_stod": 9, "ll_kost": 9, "ll_ledning": 2}

# Other committees: plausible demo frames in tkr (not from the seeds) so kommun-wide views have weight.
OTHER_COMMITTEE_FRAMES = {
    "kf": {2020: 31_500, 2024: 36_200},
    "bun": {2020: 3_012_000, 2024: 3_420_500},
    "bin": {2020: 1_205_400, 2024: 1_388_900},
    "kfn": {2020: 352_700, 2024: 401_300},
    "an": {2020: 1_642_000, 2024: 1_910_600},
    "son": {2020: 1_318_900, 2024: 1_502_400},
    "sbn": {2020: 281_300, 2024: 326_800},
    "amn": {2024: 412_700},
    "bmn": {2024: 58_900},
}
