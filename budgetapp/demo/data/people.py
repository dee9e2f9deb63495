"""Strategic assignments 2020, personnel key figures and the demo users."""

from budgetapp.accounts.models import Role

# 000:1692-1727 — kind, line, text (shortened), status 2020, status as printed, status line in 004
ASSIGNMENTS_2020 = [
    ("strategic_common", 1692, "Verka för en omställning till cirkulär ekonomi och delningsekonomi.",
     "completed", "Genomfört", 450),
    ("strategic_common", 1695, "Beakta Nuläges- och trendrapporten och resultatjämförelser i budgetarbetet.",
     "completed", "Genomfört", None),
    ("strategic_common", 1699, "Minska användning och inköp av engångsartiklar i plast.",
     "completed", "Genomfört", 584),
    ("strategic_common", 1703, "Genomföra åtgärder enligt handlingsplan för koldioxidneutralt Linköping 2025 "
     "och kemikalieprogrammet.", "completed", "Genomfört", 582),
    ("strategic_common", 1706, "Säkerställa uppföljningsplaner inom upphandlade avtal.",
     "carried_over", "Ej genomfört som planerat", 147),
    ("strategic_common", 1710, "Ta fram handlingsplaner med konkreta digitaliseringsinsatser.",
     "completed", "Genomfört", None),
    ("strategic_common", 1713, "Skapa nya vägar till kompetensförsörjning och minska sjukfrånvaro och "
     "personalomsättning.", "withdrawn", "Utgått", 147),
    ("strategic_specific", 1718, "Revidera Strategisk inriktning för ökad näringslivsutveckling i Linköping.",
     "completed", "Genomfört", 475),
    ("strategic_specific", 1722, "Utreda konsekvenserna av en lägre gräns för offentliga upphandlingar och "
     "större utrymme för lokala producenter.", "completed", "Genomfört", 637),
    ("strategic_specific", 1726, "Säkerställa att kommunkoncernen bedriver jämställd sponsring.",
     "completed", "Genomförd", 640),
]
ASSIGNMENT_DEADLINES = {1722: "Återrapporteras till kommunstyrelsen under 2020",
                        1726: "Återrapporteras till kommunstyrelsen under 2020"}

# Personnel, KLF — (doc, line, kind, label, column, year, raw, unit, is_forecast)
KEY_FIGURES = [
    ("004", 152, "permanent_staff", "Antal tillsvidare anställda", "Bokslut 2020", 2020, "141", "antal", False),
    ("004", 152, "permanent_staff", "Antal tillsvidare anställda", "Bokslut 2019", 2019, "143", "antal", False),
    ("004", 153, "sickness_absence", "Total sjukfrånvaro", "Bokslut 2020", 2020, "2,2", "%", False),
    ("004", 153, "sickness_absence", "Total sjukfrånvaro", "Bokslut 2019", 2019, "2,3", "%", False),
    ("004", 153, "sickness_absence", "Total sjukfrånvaro", "Målvärde helår", 2020, "3,2", "%", False),
    ("004", 154, "staff_turnover", "Extern personalomsättning", "Bokslut 2020", 2020, "5,7", "%", False),
    ("004", 154, "staff_turnover", "Extern personalomsättning", "Bokslut 2019", 2019, "7,4", "%", False),
    ("004", 154, "staff_turnover", "Extern personalomsättning", "Målvärde helår", 2020, "5,0", "%", False),
    ("001", 824, "permanent_staff", "Antal tillsvidareanställda", "Utfall 2022", 2022, "130", "antal", False),
    ("001", 825, "sickness_absence", "Total sjukfrånvaro", "Utfall 2022", 2022, "2,2", "%", False),
    ("001", 826, "staff_turnover", "Externa personalavgångar", "Utfall 2022", 2022, "21,5", "%", False),
    *[("001", 824, "permanent_staff", "Antal tillsvidareanställda", f"{'Budget' if y < 2025 else 'Plan'} {y}",
       y, raw, "antal", True) for y, raw in ((2023, "132"), (2024, "132"), (2025, "132"), (2026, "132"),
                                              (2027, "132"), (2028, "132"), (2029, "132"))],
    *[("001", 825, "sickness_absence", "Total sjukfrånvaro", f"{'Budget' if y < 2025 else 'Plan'} {y}",
       y, "3.0", "%", True) for y in range(2023, 2030)],
]

# Demo users: username, password, role, first/last name, superuser, assigned node keys (2024)
DEMO_USERS = [
    ("admin", "Demo-admin-2024!", Role.ADMIN, "Anna", "Admin", True, []),
    ("controller", "Demo-controller-2024!", Role.CONTROLLER, "Carl", "Controller", False,
     ["planeringsstaben", "ekonomistaben"]),
    ("controller2", "Demo-controller2-2024!", Role.CONTROLLER, "Cecilia", "Controller", False, ["hr"]),
    ("approver", "Demo-approver-2024!", Role.APPROVER, "Elin", "Ekonomichef", False, ["klf"]),
    ("viewer", "Demo-viewer-2024!", Role.VIEWER, "Per", "Politiker", False, []),
]
