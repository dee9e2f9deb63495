"""Build office-produced fixture documents for the importer tests (dev-time tool; CI only reads the files).

Run from the repository root (needs LibreOffice's ``soffice`` on PATH, e.g. Debian's
``libreoffice-writer-nogui``)::

    .venv/bin/python -m tests.imports.office.make_fixtures

For each document below it writes, in ``tests/imports/office/``:

- ``<name>.docx``     – written by python-docx with real Word features (heading styles, TOC field with
  dot leaders, header/footer with PAGE/NUMPAGES, footnotes, tracked changes, soft hyphens, merged header
  cells, bold sum rows, right-aligned numbers, a long table over a page break with a repeated header row,
  a landscape section);
- ``<name>.lo.docx``  – the same document opened and saved by LibreOffice (its own DOCX XML);
- ``<name>.pdf``      – the same document typeset by LibreOffice (``--convert-to pdf``).

The figures live in the module-level data (``BUN``, ``ALDRE``, ``SBN``, ``KF``) so the tests write their
expectations from the same document content. Re-running rewrites all files; the PDFs carry LibreOffice's
creation date, so they differ byte-wise between runs but not in content.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import docx

from tests.imports.office.docx_kit import (
    SOFT_HYPHEN,
    Footnotes,
    add_run_text,
    add_table,
    fmt,
    header_footer,
    justified,
    landscape_section,
    page_break,
    portrait_section,
    toc,
    tracked_change,
)

HERE = Path(__file__).resolve().parent
D = Decimal


def _sum(rows: list[list[Decimal]]) -> list[Decimal]:
    return [sum((r[i] for r in rows), D(0)) for i in range(len(rows[0]))]


def _d(*values: str) -> list[Decimal]:
    return [D(v) for v in values]


# ------------------------------------------------------------------------------------------ BUN
BUN_DRIFT = {  # tkr: Bokslut 2025, Budget 2026, Budget 2027, Plan 2028, Plan 2029
    "Förskola": _d("1012450", "1034600", "1061200", "1072000", "1083500"),
    "Grundskola": _d("1948320", "1990400", "2041800", "2060100", "2079900"),
    "Grundsärskola": _d("96210", "99800", "103400", "104900", "106200"),
    "Fritidshem": _d("188040", "191300", "195600", "197000", "198400"),
    f"Special{SOFT_HYPHEN}pedagogiska insatser och modersmåls{SOFT_HYPHEN}undervisning": _d(
        "142600", "147900", "152300", "153800", "155100"),
    "Nämnd och förvaltning": _d("61880", "63500", "64100", "64700", "65300"),
}
BUN_DRIFT_SUM = _sum(list(BUN_DRIFT.values()))
BUN_CHANGES = {  # tkr, 2027..2029; "Övriga justeringar" balances to the drift budget
    "Pris- och lönekompensation": _d("52300", "74100", "96900"),
    "Demografisk förändring": _d("18400", "21000", "25700"),
    "Effektiviseringskrav": _d("-12000", "-12000", "-12000"),
}
_frame_2026 = BUN_DRIFT_SUM[1]
BUN_FRAMES = BUN_DRIFT_SUM[2:]
BUN_CHANGES["Övriga justeringar"] = [
    BUN_FRAMES[i] - _frame_2026 - sum((v[i] for v in BUN_CHANGES.values()), D(0)) for i in range(3)
]
_AREAS = ["Berga", "Ekholmen", "Johannelund", "Lambohov", "Ryd", "Skäggetorp", "Tannefors", "Vallastaden",
          "Linghem", "Ljungsbro", "Malmslätt", "Sturefors", "Vikingstad", "Åkerbo"]
_KINDS = [("förskolor", 26000), ("skola F–6", 41000), ("skola 7–9", 33000), ("fritidshem", 9000)]
BUN_UNITS = {  # tkr: Budget 2026, Budget 2027 (56 rows: the table runs over a page break)
    f"{area} {kind}": [D(base + 731 * a + 97 * k), D(base + 731 * a + 97 * k + 1200 + 13 * a)]
    for a, area in enumerate(_AREAS) for k, (kind, base) in enumerate(_KINDS)
}
BUN_UNITS_SUM = _sum(list(BUN_UNITS.values()))
BUN_VOLUMES = {  # antal: Utfall 2025, Budget 2026, Budget 2027
    "Antal barn i förskola": _d("9420", "9380", "9310"),
    "Antal elever i grundskola": _d("20150", "20290", "20410"),
    "Antal elever i fritidshem": _d("8730", "8800", "8850"),
    "Antal elever i grundsärskola": _d("212", "218", "224"),
}
BUN_GOALS = [  # (goal, [(indicator, utfall 2025, målvärde 2027)])
    ("Alla barn och elever når kunskapsmålen", [
        ("Andel elever i åk 9 som är behöriga till gymnasiet (%)", "86,4", "Öka"),
        ("Genomsnittligt meritvärde i åk 9", "228,5", "Minst 232"),
    ]),
    ("Trygg och stimulerande lärmiljö", [
        ("Andel elever som känner sig trygga i skolan (%)", "88", "92"),
        ("Antal barn per årsarbetare i förskolan", "5,2", "Högst 5,0"),
    ]),
    ("Goda arbetsplatser", [
        ("Sjukfrånvaro (%)", "7,1", "Mindre än 6,5"),
        ("Kvinnor", "7,6", "-"),
        ("Män", "4,9", "-"),
    ]),
]
BUN_FOOTNOTE = "Avser läsåret 2024/25."
BUN_DRIFT_NOTE = "Inklusive gemensamma lokalkostnader."

# ---------------------------------------------------------------------------------------- Äldre
ALDRE_DRIFT = {  # tkr: Bokslut 2026, Budget 2026, Avvikelse (budget − bokslut), Bokslut 2025
    "Hemtjänst": _d("612400", "598000", "590210"),
    "Särskilt boende": _d("1104800", "1121500", "1076300"),
    "Hälso- och sjukvård": _d("214300", "218000", "207900"),
    "Dagverksamhet och anhörigstöd": _d("38950", "41200", "37400"),
    "Nämnd och förvaltning": _d("52100", "55400", "50800"),
}
ALDRE_DRIFT = {k: [v[0], v[1], v[1] - v[0], v[2]] for k, v in ALDRE_DRIFT.items()}
ALDRE_DRIFT_SUM = _sum(list(ALDRE_DRIFT.values()))
ALDRE_GOALS = [  # (goal, status as printed, comment, indicators [(label, 2024, 2025, 2026, målvärde 2026)])
    ("Äldre känner sig trygga i sitt boende", "Delvis uppfyllt",
     "Tryggheten har ökat i särskilt boende men minskat något i hemtjänsten, där fler personal möter "
     "varje brukare än tidigare.",
     [("Andel som känner sig trygga i särskilt boende (%)", "84", "86", "88", "90"),
      ("Andel som känner sig trygga med hemtjänsten (%)", "87", "86", "85", "90")]),
    ("Hög kvalitet i vård och omsorg", "Uppfyllt",
     "Samtliga indikatorer har nått sina målvärden.",
     [("Andel brukare med aktuell genomförandeplan (%)", "91", "94", "97", "95"),
      ("Antal fallskador per 1 000 brukare", "31", "28", "24", "Högst 25")]),
    ("Ökad digital delaktighet", "Ej uppfyllt",
     "Införandet av digital tillsyn har försenats.",
     [("Antal brukare med digital tillsyn", "410", "455", "470", "700")]),
    ("Attraktiv arbetsgivare", "Uppfyllt",
     "Sjukfrånvaron har minskat för tredje året i rad.",
     [("Sjukfrånvaro (%)", "9,6", "9,1", "8,4", "Mindre än 8,5")]),
]
ALDRE_STAFF = {  # Utfall 2025, Utfall 2026
    "Antal tillsvidareanställda": ("2 412", "2 468"),
    "Antal årsarbetare": ("2 190", "2 231"),
}
ALDRE_PROJECTS = [  # (section, name, beslutad budget, ack. utfall, slutår) tkr
    ("Färdigställda projekt", "Vård- och omsorgsboende Ekholmen", D(182000), D(176400), "2026"),
    ("Färdigställda projekt", "Digitala trygghetslarm", D(12500), D(13100), "2026"),
    ("Pågående projekt", "Vård- och omsorgsboende Skäggetorp", D(240000), D(96300), "2028"),
    ("Pågående projekt", "Nytt kök Lambohovs servicehus", D(18000), D(4200), "2027"),
]

# ------------------------------------------------------------------------------ Samhällsbyggnad
SBN_DRIFT = {  # mnkr: Budget 2026, Budget 2027, Plan 2028, Plan 2029
    "Gator och vägar": _d("212.4", "219.8", "224.0", "228.1"),
    "Parker och grönområden": _d("98.6", "101.2", "103.0", "104.7"),
    "Kollektivtrafik och färdtjänst": _d("1012.0", "1034.5", "1051.2", "1068.9"),
    "Planering och exploatering": _d("44.3", "46.1", "46.9", "47.8"),
    "Bygglov och lantmäteri": _d("12.7", "12.9", "13.2", "13.4"),
}
SBN_DRIFT_SUM = _sum(list(SBN_DRIFT.values()))
SBN_INVEST = {  # tkr nettoutgift: Budget 2027, Plan 2028, Plan 2029
    "Ombyggnad Stora torget": _d("45000", "30000", "0"),
    "Ny gång- och cykelbro över Stångån": _d("62500", "88000", "21000"),
    "Beläggningsunderhåll": _d("38000", "38000", "38000"),
    "Gatubelysning, LED-konvertering": _d("12000", "12000", "8000"),
    "Lekplatser och parker": _d("9500", "7000", "7000"),
}
SBN_INVEST_SUM = _sum(list(SBN_INVEST.values()))
SBN_PROJECTS = {  # tkr: Beslutad budget, Ack. utfall 2026, Prognos totalt, Avvikelse, Slutår
    "Ny gång- och cykelbro över Stångån": (D(190000), D(18500), D(196000), "2029"),
    "Ombyggnad Stora torget": (D(75000), D(0), D(75000), "2028"),
    "Resecentrum etapp 1, spår och perronger": (D(420000), D(35200), D(431000), "2031"),
}
SBN_GOALS = [
    ("Snabb och rättssäker handläggning", [
        ("Handläggningstid för bygglov (veckor)", "5,8", "Högst 5"),
        ("Andel överklagade beslut som står sig (%)", "91", "95"),
    ]),
    ("Hållbart resande", [("Andel resor med kollektivtrafik, cykel eller gång (%)", "54", "60")]),
]

# ------------------------------------------------------------------------------------------- KF
KF_DRIFT = {  # mnkr kommunbidrag: Budget 2026, Budget 2027, Plan 2028, Plan 2029
    "Kommunstyrelsen": _d("475.9", "482.3", "486.0", "490.1"),
    "Barn- och ungdomsnämnden": _d("3487.5", "3618.4", "3652.5", "3688.4"),
    "Äldrenämnden": _d("2098.6", "2171.2", "2250.4", "2331.0"),
    "Samhällsbyggnadsnämnden": _d("1380.0", "1414.5", "1438.3", "1462.9"),
    "Kultur- och fritidsnämnden": _d("287.5", "292.0", "295.1", "298.3"),
}
KF_DRIFT_SUM = _sum(list(KF_DRIFT.values()))
KF_COMMON = _d("746.3", "812.6", "930.4", "1041.7")
KF_TOTAL = [a + b for a, b in zip(KF_DRIFT_SUM, KF_COMMON, strict=True)]
KF_ADJUSTMENTS = [  # mnkr 2027: (text, amount)
    ("Demografiska förändringar, Barn- och ungdomsnämnden", D("58.0")),
    ("Demografiska förändringar, Äldrenämnden", D("61.2")),
    ("Omfördelning av lokalkostnader från Kultur- och fritidsnämnden till Kommunstyrelsen", D("-2.5")),
    ("Effektiviseringskrav samtliga nämnder", D("-35.0")),
]


# ------------------------------------------------------------------------------------ builders
def _heading(document, text: str, level: int = 1) -> None:
    document.add_heading(text, level=level)


def build_bun() -> docx.document.Document:
    doc = docx.Document()
    notes = Footnotes(doc)
    doc.add_paragraph().add_run("Barn- och ungdomsnämnden").bold = True
    doc.add_heading("Barn- och ungdomsnämndens internbudget 2027 med plan för 2028–2029", level=0)
    doc.add_paragraph("Beslutad av barn- och ungdomsnämnden 2026-11-19, § 88")
    toc(doc, [(1, "Förord", 2), (1, "Ekonomi", 2), (2, "Driftbudget per verksamhet", 2),
              (2, "Ramjusteringar", 3), (2, "Budget per område", 3), (1, "Volymer", 5),
              (1, "Nämndmål och nämndindikatorer", 5)])
    page_break(doc)
    _heading(doc, "Förord")
    justified(doc, "Barn- och ungdomsnämnden ansvarar för förskola, grundskola, grundsärskola och fritidshem. "
                   "Budgeten för 2027 präglas av ett minskande barnantal i förskolan och ett fortsatt ökande "
                   "elevantal i grundskolans senare år. Nämnden prioriterar tidiga insatser och en likvärdig "
                   "skola, och effektiviseringskravet fördelas på samtliga verksamheter.")
    p = justified(doc, "Förvaltningen har under hösten ")
    tracked_change(p, "reviderat", "sett över")
    add_run_text(p, " lokalförsörjningsplanen tillsammans med kommunens fastighetsbolag.")
    _heading(doc, "Ekonomi")
    _heading(doc, "Driftbudget per verksamhet", 2)
    doc.add_paragraph("Tabell 1. Driftbudget per verksamhet (tkr)")
    header = [["Verksamhet", "Bokslut", "Budget", "", "Plan", ""], ["", "2025", "2026", "2027", "2028", "2029"]]
    rows = [[k] + [fmt(v) for v in vals] for k, vals in BUN_DRIFT.items()]
    rows.append(["Summa"] + [fmt(v) for v in BUN_DRIFT_SUM])
    add_table(doc, header, rows, merges=[(0, 0, 1, 0), (0, 2, 0, 3), (0, 4, 0, 5)], bold_rows={len(rows) - 1},
              widths=[5.2, 2.2, 2.2, 2.2, 2.2, 2.2], footnote=(notes, 5, BUN_DRIFT_NOTE))
    _heading(doc, "Ramjusteringar", 2)
    justified(doc, "Nämndens ram för 2027 har justerats enligt kommunfullmäktiges budget. Tabellen visar "
                   "förändringarna från 2026 års ram.")
    header = [["Ramjusteringar (tkr)", "2027", "2028", "2029"]]
    rows = [["Ram 2026"] + [fmt(_frame_2026)] * 3]
    rows += [[k] + [fmt(v) for v in vals] for k, vals in BUN_CHANGES.items()]
    rows.append(["Budgetram"] + [fmt(v) for v in BUN_FRAMES])
    add_table(doc, header, rows, bold_rows={len(rows) - 1}, widths=[7, 3, 3, 3])
    _heading(doc, "Budget per område", 2)
    doc.add_paragraph("Tabell 2. Budget per område och verksamhet (tkr)")
    header = [["Område", "Budget 2026", "Budget 2027"]]
    rows = [[k] + [fmt(v) for v in vals] for k, vals in BUN_UNITS.items()]
    rows.append(["Summa områden"] + [fmt(v) for v in BUN_UNITS_SUM])
    add_table(doc, header, rows, bold_rows={len(rows) - 1}, repeat_header=True, widths=[7, 3, 3])
    _heading(doc, "Volymer")
    header = [["Volymer", "Utfall 2025", "Budget 2026", "Budget 2027"]]
    rows = [[k] + [fmt(v) for v in vals] for k, vals in BUN_VOLUMES.items()]
    add_table(doc, header, rows, borders=False, widths=[7, 3, 3, 3])
    _heading(doc, "Nämndmål och nämndindikatorer")
    doc.add_paragraph("Målområde Barn och unga")
    header = [["Nämndmål", "Nämndindikator", "2025", "Målvärde 2027"]]
    rows: list[list[str]] = []
    merges = []
    note_row = None
    for goal, inds in BUN_GOALS:
        first = len(rows)
        for i, (label, value, target) in enumerate(inds):
            rows.append([goal if i == 0 else "", label, value, target])
            if "meritvärde" in label:
                note_row = len(rows) - 1
        if len(inds) > 1:
            merges.append((1 + first, 0, 1 + len(rows) - 1, 0))
    add_table(doc, header, rows, merges=merges, widths=[4.5, 6.5, 2, 3])
    table = doc.tables[-1]
    if note_row is not None:
        notes.mark(table.cell(1 + note_row, 1).paragraphs[0], BUN_FOOTNOTE)
    header_footer(doc, "Barn- och ungdomsnämnden – Internbudget 2027")
    notes.attach()
    return doc


def build_aldre() -> docx.document.Document:
    minus = "\u2212"
    doc = docx.Document()
    doc.add_heading("Äldrenämndens verksamhetsberättelse 2026", level=0)
    doc.add_paragraph("Äldrenämnden")
    _heading(doc, "Sammanfattning")
    p = justified(doc, "Äldrenämnden redovisar ett överskott mot budget. Två av fyra nämndmål är uppfyllda, "
                       "ett är delvis uppfyllt och ett är ")
    tracked_change(p, "ej uppfyllt.", "delvis uppfyllt.")
    _heading(doc, "Ekonomiskt utfall")
    doc.add_paragraph("Driftredovisning (tkr)")
    header = [["Verksamhet", "Bokslut 2026", "Budget 2026", "Avvikelse", "Bokslut 2025"]]
    rows = [[k] + [fmt(v, minus=minus) for v in vals] for k, vals in ALDRE_DRIFT.items()]
    rows.append(["Summa"] + [fmt(v, minus=minus) for v in ALDRE_DRIFT_SUM])
    add_table(doc, header, rows, bold_rows={len(rows) - 1}, widths=[5.5, 2.6, 2.6, 2.4, 2.6])
    justified(doc, "Hemtjänsten redovisar ett underskott till följd av fler beviljade timmar, medan särskilt "
                   "boende har ett överskott efter att en avdelning hållits stängd under våren.")
    _heading(doc, "Måluppfyllelse")
    header = [["Nämndmål", "Bedömning", "Kommentar"]]
    rows = [[g, s, c] for g, s, c, _ in ALDRE_GOALS]
    add_table(doc, header, rows, widths=[5, 3, 8])
    _heading(doc, "Nämndmål och indikatorer")
    for goal, status, comment, inds in ALDRE_GOALS:
        _heading(doc, goal, 2)
        justified(doc, f"Nämndmålet bedöms som {status.lower()}. {comment}")
        header = [[goal, "Utfall 2024", "Utfall 2025", "Utfall 2026", "Målvärde 2026"]]
        add_table(doc, header, [list(i) for i in inds], widths=[6.5, 2.2, 2.2, 2.2, 2.6])
    page_break(doc)
    _heading(doc, "Personal")
    header = [["Personal", "Utfall 2025", "Utfall 2026"]]
    add_table(doc, header, [[k, *v] for k, v in ALDRE_STAFF.items()], borders=False)
    _heading(doc, "Investeringar")
    doc.add_paragraph("Investeringsprojekt (tkr)")
    header = [["Projekt", "Beslutad budget", "Ack. utfall", "Avvikelse", "Slutår"]]
    rows = []
    section = None
    for sec, name, budget, actual, end in ALDRE_PROJECTS:
        if sec != section:
            rows.append([sec, "", "", "", ""])
            section = sec
        rows.append([name, fmt(budget), fmt(actual), fmt(budget - actual, minus=minus), end])
    add_table(doc, header, rows, widths=[6.5, 2.6, 2.6, 2.4, 1.6])
    header_footer(doc, "Äldrenämnden – Verksamhetsberättelse 2026")
    return doc


def build_sbn() -> docx.document.Document:
    nbsp = "\u00a0"
    doc = docx.Document()
    doc.add_heading("Samhällsbyggnadsförvaltningens förvaltningsbudget 2027 med plan för 2028–2029", level=0)
    doc.add_paragraph("Samhällsbyggnadsnämnden")
    toc(doc, [(1, "Inledning", 2), (1, "Driftbudget", 2), (1, "Investeringar", 2), (1, "Förvaltningsmål", 3)])
    page_break(doc)
    _heading(doc, "Inledning")
    justified(doc, "Förvaltningen ansvarar för gator, parker, kollektivtrafik, planering och bygglov. "
                   "Beloppen i driftbudgeten anges i miljoner kronor och investeringarna i tusental kronor.")
    _heading(doc, "Driftbudget")
    doc.add_paragraph("Driftbudget per verksamhet (mnkr)")
    header = [["Verksamhet", "Budget", "", "Plan", ""], ["", "2026", "2027", "2028", "2029"]]
    rows = [[k] + [fmt(v, decimals=1, space=nbsp) for v in vals] for k, vals in SBN_DRIFT.items()]
    rows.append(["Summa verksamheter"] + [fmt(v, decimals=1, space=nbsp) for v in SBN_DRIFT_SUM])
    add_table(doc, header, rows, merges=[(0, 0, 1, 0), (0, 1, 0, 2), (0, 3, 0, 4)], bold_rows={len(rows) - 1},
              widths=[4.2, 2.2, 2.2, 2.2, 2.2])
    _heading(doc, "Investeringar")
    doc.add_paragraph("Investeringar, nettoutgift (tkr)")
    header = [["Investeringsprojekt", "Budget 2027", "Plan 2028", "Plan 2029"]]
    rows = [[k] + [fmt(v, space=nbsp) for v in vals] for k, vals in SBN_INVEST.items()]
    rows.append(["Summa investeringar inom ram"] + [fmt(v, space=nbsp) for v in SBN_INVEST_SUM])
    rows.append(["Investeringsram enligt KF"] + [fmt(v, space=nbsp) for v in SBN_INVEST_SUM])
    add_table(doc, header, rows, bold_rows={len(rows) - 2}, widths=[6.5, 2.6, 2.6, 2.6])
    landscape_section(doc)
    _heading(doc, "Större investeringsprojekt", 2)
    doc.add_paragraph("Större investeringsprojekt (tkr)")
    header = [["Projekt", "Beslutad budget", "Ack. utfall 2026", "Prognos totalt", "Avvikelse", "Slutår"]]
    rows = [[k, fmt(b, space=nbsp), fmt(a, space=nbsp), fmt(p, space=nbsp), fmt(b - p, space=nbsp), end]
            for k, (b, a, p, end) in SBN_PROJECTS.items()]
    add_table(doc, header, rows, widths=[7.5, 3, 3, 3, 3, 2])
    portrait_section(doc)
    _heading(doc, "Förvaltningsmål")
    header = [["Förvaltningsmål", "Förvaltningsindikator", "Utfall 2025", "Målvärde 2027"]]
    rows = []
    merges = []
    for goal, inds in SBN_GOALS:
        first = len(rows)
        for i, (label, value, target) in enumerate(inds):
            rows.append([goal if i == 0 else "", label, value, target])
        if len(inds) > 1:
            merges.append((1 + first, 0, 1 + len(rows) - 1, 0))
    add_table(doc, header, rows, merges=merges, widths=[4.5, 6.5, 2.2, 2.8])
    header_footer(doc, "Samhällsbyggnadsförvaltningen – Förvaltningsbudget 2027")
    return doc


def build_kf() -> docx.document.Document:
    doc = docx.Document()
    doc.add_paragraph("Kommunfullmäktige")
    doc.add_heading("Budget 2027 med plan för 2028–2029", level=0)
    _heading(doc, "Inledning")
    justified(doc, "Kommunfullmäktige fastställer i budgeten ramarna för nämnderna. Beloppen anges i "
                   "miljoner kronor (mnkr).")
    _heading(doc, "Driftsammandrag")
    header = [["Kommunbidrag per nämnd (mnkr)", "Budget 2026", "Budget 2027", "Plan 2028", "Plan 2029"]]
    rows = [[k] + [fmt(v, decimals=1) for v in vals] for k, vals in KF_DRIFT.items()]
    rows.append(["Summa nämnder"] + [fmt(v, decimals=1) for v in KF_DRIFT_SUM])
    rows.append(["Kommungemensamma poster"] + [fmt(v, decimals=1) for v in KF_COMMON])
    rows.append(["Totalt"] + [fmt(v, decimals=1) for v in KF_TOTAL])
    add_table(doc, header, rows, bold_rows={len(rows) - 3, len(rows) - 1}, widths=[6.4, 2.4, 2.4, 2.4, 2.4])
    _heading(doc, "Ramjusteringar 2027")
    justified(doc, "Följande ramjusteringar ingår i nämndernas kommunbidrag för 2027.")
    header = [["Ramjustering", "Belopp, mnkr"]]
    rows = [[t, fmt(v, decimals=1)] for t, v in KF_ADJUSTMENTS]
    rows.append(["Summa ramjusteringar", fmt(sum((v for _, v in KF_ADJUSTMENTS), D(0)), decimals=1)])
    add_table(doc, header, rows, bold_rows={len(rows) - 1}, widths=[11, 3])
    header_footer(doc, "Budget 2027 – Kommunfullmäktige")
    return doc


DOCUMENTS = {
    "bun_internbudget_2027": build_bun,
    "aldrenamnden_verksamhetsberattelse_2026": build_aldre,
    "samhallsbyggnad_forvaltningsbudget_2027": build_sbn,
    "kf_budget_2027": build_kf,
}


def _soffice(src: Path, target: str, outdir: Path) -> Path:
    """Convert with a throw-away LibreOffice profile (so it never touches the user's)."""
    profile = outdir / "profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", target,
         "--outdir", str(outdir / "out"), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    ext = target.split(":")[0]
    return outdir / "out" / f"{src.stem}.{ext}"


def main() -> None:
    if not shutil.which("soffice"):
        sys.exit("soffice (LibreOffice) saknas: apt-get install libreoffice-writer-nogui")
    for name, build in DOCUMENTS.items():
        source = HERE / f"{name}.docx"
        build().save(str(source))
        with tempfile.TemporaryDirectory() as tmp:
            tmpdir = Path(tmp)
            pdf = _soffice(source, "pdf:writer_pdf_Export", tmpdir)
            shutil.copy(pdf, HERE / f"{name}.pdf")
            copy = tmpdir / f"{name}.docx"
            shutil.copy(source, copy)
            (tmpdir / "src").mkdir()
            moved = tmpdir / "src" / f"{name}.docx"
            copy.rename(moved)
            lo = _soffice(moved, "docx:MS Word 2007 XML", tmpdir)
            shutil.copy(lo, HERE / f"{name}.lo.docx")
        for f in (source, HERE / f"{name}.pdf", HERE / f"{name}.lo.docx"):
            print(f"{f.relative_to(HERE)}: {f.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
