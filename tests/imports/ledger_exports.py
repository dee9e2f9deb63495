"""Synthetic ledger exports in the shapes kommunernas ekonomisystem produce, built from one set of bookings.

Each builder renders the same bookings (``BOOKINGS``: unit code, account, month, amount in kr as
booked, revenue as negative credits) the way one system prints them, so every file must import to
the same year-to-date figures (:func:`expected_ytd`). Names are illustrative, not real exports.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

D = Decimal
YEAR = 2026
UNITS = {"0123": "Ekonomistaben", "4100": "HR-staben", "5200": "Verksamhetsstöd och service"}
ACCOUNTS = {"4010": ("Löner", "Personalkostnader"), "5410": ("Förbrukningsinventarier", "Övriga kostnader"),
            "3010": ("Taxor och avgifter", "Intäkter")}
MONTH_NAMES = ["Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti", "September", "Oktober",
               "November", "December"]
BOOKINGS: list[tuple[str, str, int, Decimal]] = [
    ("0123", "4010", 1, D("12345.67")), ("0123", "4010", 2, D("12345.67")), ("0123", "4010", 3, D("13000.00")),
    ("0123", "4010", 4, D("12999.99")),
    ("0123", "5410", 1, D("2500.00")), ("0123", "5410", 3, D("-1234.50")),  # a credit on a cost account
    ("0123", "3010", 2, D("-4000.00")), ("0123", "3010", 4, D("-1500.25")),
    ("4100", "4010", 1, D("98765.43")), ("4100", "4010", 2, D("101000.00")), ("4100", "4010", 4, D("99000.10")),
    ("4100", "3010", 3, D("-20000.00")),
    ("5200", "5410", 2, D("777.77")), ("5200", "5410", 4, D("222.23")),
]
MEASURE = {"4010": "cost", "5410": "cost", "3010": "revenue"}


@dataclass
class Export:
    name: str
    data: bytes
    fmt: str  # "text" (csv) | "xlsx"
    system: str
    header_line: int
    expected: dict[tuple[str, str, int], Decimal] = field(default_factory=dict)


def expected_ytd(bookings=BOOKINGS, *, accumulated: bool = False) -> dict[tuple[str, str, int], Decimal]:
    """(unit code, measure, month) → outcome through that month in tkr, revenue positive.

    Every series gets a figure for each month from the file's first to its last month; a file
    whose amounts are accumulated only has the months it lists (from the series' first month).
    """
    months = [m for _, _, m, _ in bookings]
    first, last = min(months), max(months)
    series: dict[tuple[str, str], dict[int, Decimal]] = {}
    for code, account, month, amount in bookings:
        per_month = series.setdefault((code, MEASURE[account]), {})
        per_month[month] = per_month.get(month, D(0)) + amount
    out = {}
    for (code, measure), per_month in series.items():
        total = D(0)
        sign = -1 if measure == "revenue" else 1
        for month in range(first, last + 1):
            total += per_month.get(month, D(0))
            if accumulated and month < min(per_month):
                continue
            out[(code, measure, month)] = sign * total / 1000
    return out


def _sv(amount: Decimal, style: str = "minus") -> str:
    """12345.67 → "12 345,67"; negative as "-1 234,50", "(1 234,50)" or "1 234,50-"."""
    text = f"{abs(amount):,.2f}".replace(",", " ").replace(".", ",")
    if amount >= 0:
        return text
    return {"minus": f"-{text}", "parentheses": f"({text})", "trailing": f"{text}-"}[style]


def _csv(lines: list[list[str]], sep: str) -> str:
    return "\r\n".join(sep.join(cells) for cells in lines) + "\r\n"


def agresso_cp1252() -> Export:
    """Unit4/Agresso browser report saved as CSV: 4 metadata lines, ';', Windows-1252, "(T)" name columns."""
    lines = [["Rapport: Utfall per ansvar"], ["Period: 202601–202604"], ["Utskriven 2026-05-03 08:14 av EKOADM"],
             ["Belopp i kr"], [""],
             ["Ansvar", "Ansvar (T)", "Konto", "Konto (T)", "Period", "Belopp"]]
    for code, account, month, amount in BOOKINGS:
        lines.append([code, UNITS[code], account, ACCOUNTS[account][0], f"{YEAR}{month:02d}", _sv(amount)])
    data = _csv(lines, ";").encode("cp1252")
    return Export("agresso_utfall_202604.csv", data, "text", "Unit4/Agresso", 6, expected_ytd())


def visma_tab_debit_credit() -> Export:
    """Visma-like export: UTF-8 with BOM, tab separated, Debet/Kredit columns, "code name" unit cells."""
    lines = [["Kostnadsställe", "Kontonr", "Bokföringsperiod", "Debet", "Kredit"]]
    for code, account, month, amount in BOOKINGS:
        debit, credit = (_sv(amount), "") if amount >= 0 else ("", _sv(-amount))
        lines.append([f"{code} {UNITS[code]}", account, f"{YEAR}-{month:02d}", debit, credit])
    data = b"\xef\xbb\xbf" + _csv(lines, "\t").encode("utf-8")
    return Export("visma_huvudbok.csv", data, "text", "Visma", 1, expected_ytd())


def excel_report_with_totals() -> Export:
    """Hand-made Excel report: title, merged header cell, blank column, subtotal per ansvar, Summa row."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Utfall per ansvar och konto 2026"])
    sheet.merge_cells("A1:G1")
    sheet.append(["Period: 202601–202604"])
    sheet.append([])
    sheet.append(["Ansvar", None, None, "Konto", "Period", "Belopp", "Kommentar"])
    sheet.merge_cells("A4:B4")
    grand = D(0)
    for code in UNITS:
        subtotal = D(0)
        for b_code, account, month, amount in BOOKINGS:
            if b_code == code:
                sheet.append([code, UNITS[code], None, int(account), f"{MONTH_NAMES[month - 1]} {YEAR}",
                              float(amount), None])
                subtotal += amount
        sheet.append([f"Summa {code}", None, None, None, None, float(subtotal), None])
        sheet.append([None, f"Delsumma {UNITS[code]}", None, None, None, float(subtotal), None])
        grand += subtotal
    sheet.append([None, None, None, None, None, float(grand), "kontrollsumma"])
    sheet.append(["Totalt", None, None, None, None, float(grand), None])
    return Export("rapport_utfall.xlsx", _save(book), "xlsx", "Excel-rapport", 4, expected_ytd())


def hypergene_wide() -> Export:
    """Hypergene-like wide export: two-row merged header, one column per month, Kontoslag words, numeric codes."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Hypergene – Utfall 2026 per resultatenhet"])
    sheet.append([])
    sheet.append(["Resultatenhet", None, "Kontoslag", "Utfall 2026", *([None] * 11), "Totalt"])
    sheet.merge_cells("A3:B3")
    sheet.merge_cells("D3:O3")
    sheet.append(["Kod", "Namn", None, *[m[:3] for m in MONTH_NAMES], None])
    rows: dict[tuple[str, str], list] = {}
    for code, account, month, amount in BOOKINGS:
        row = rows.setdefault((code, ACCOUNTS[account][1]), [None] * 12)
        row[month - 1] = (row[month - 1] or 0) + float(amount)
    for (code, kind), months in rows.items():
        # Excel stores the code as a number: "0123" arrives as 123
        sheet.append([int(code), UNITS[code], kind, *months, sum(v for v in months if v)])
    sheet.append(["Summa", None, None, *[None] * 12, None])
    return Export("hypergene_resultatenheter.xlsx", _save(book), "xlsx", "Hypergene", 4, expected_ytd())


def raindance_period_and_ack() -> Export:
    """Raindance-like: ';', UTF-8, 'P03' periods with the year above, both Periodens utfall and Ack utfall,
    credits printed with a trailing minus."""
    lines = [["Raindance Rapport UTF12"], ["Räkenskapsår 2026"], ["Skapad 2026-05-04"],
             ["Ansvar", "Konto", "Perioder", "Periodens utfall", "Ack utfall"]]
    ack: dict[tuple[str, str], Decimal] = {}
    for code, account, month, amount in sorted(BOOKINGS, key=lambda b: b[2]):
        ack[(code, account)] = ack.get((code, account), D(0)) + amount
        lines.append([code, account, f"P{month:02d}", _sv(amount, "trailing"), _sv(ack[(code, account)], "trailing")])
    return Export("raindance_utfall.csv", _csv(lines, ";").encode("utf-8"), "text", "Raindance", 4, expected_ytd())


def accumulated_only() -> Export:
    """Report with only an accumulated column: ',' separated with quoted Swedish amounts, "(1 234,50)" negatives,
    month names; each row is the outcome through its month."""
    lines = [['"Ackumulerat utfall 2026"'], ['"Enhet","Konto","Månad","Ack. utfall"']]
    running: dict[tuple[str, str], Decimal] = {}
    firsts: dict[tuple[str, str], int] = {}
    for _code, _account, month, _amount in BOOKINGS:
        firsts[(_code, _account)] = min(firsts.get((_code, _account), 13), month)
    for month in range(1, 5):
        for (code, account), first in sorted(firsts.items()):
            if month < first:
                continue
            booked = sum((a for c, k, m, a in BOOKINGS if c == code and k == account and m == month), D(0))
            running[(code, account)] = running.get((code, account), D(0)) + booked
            lines.append([f'"{code}"', f'"{account}"', f'"{MONTH_NAMES[month - 1].lower()}"',
                          f'"{_sv(running[(code, account)], "parentheses")}"'])
    data = "\n".join(",".join(cells) for cells in lines).encode("utf-8")
    return Export("ack_utfall.csv", data, "text", "Ack-rapport", 2, expected_ytd(accumulated=True))


def period_in_title() -> Export:
    """No period column: 'Period: 202601–202604' above the header, so Utfall is the outcome January–April."""
    lines = [["Utfall per ansvar och konto"], ["Period: 202601–202604"], ["Utskriven 2026-05-03"],
             ["Ansvarskod", "Konto", "Utfall"]]
    totals: dict[tuple[str, str], Decimal] = {}
    for code, account, _month, amount in BOOKINGS:
        totals[(code, account)] = totals.get((code, account), D(0)) + amount
    for (code, account), amount in sorted(totals.items()):
        lines.append([code, account, _sv(amount)])
    expected = {k: v for k, v in expected_ytd().items() if k[2] == 4}
    return Export("utfall_jan_apr.csv", _csv(lines, ";").encode("utf-8"), "text", "Sammanställning", 4, expected)


def _save(book) -> bytes:
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


ALL = (agresso_cp1252, visma_tab_debit_credit, excel_report_with_totals, hypergene_wide, raindance_period_and_ack,
       accumulated_only, period_in_title)
