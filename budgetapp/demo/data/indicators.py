"""A sample of KS's nämndindikatorer with values as printed.

2020 rows (004:713-849): outcomes 2018, 2019, 2020 and the target (Målvärde) for 2020. Tables headed
"August i 2020" give a partial-year 2020 value. 2024 rows (001:637-759): outcomes 2022, 2023 and the
desired direction/value for 2024 and 2025. Breakdown rows (Kvinnor/Män, size classes, areas) are
children of their indicator. Row: (goal, line, name, unit, mandatory, outcomes, targets, footnote,
children) with children (name, line, outcomes, targets).
"""

YEARS_2020 = (2018, 2019, 2020)
TARGET_YEARS_2020 = (2020,)
PARTIAL_2020_GOALS = {"Ett starkt entreprenörskap och växande näringsliv", "Goda arbetsplatser",
                      "Framgångsrikt chef- och ledarskap"}  # "August i 2020" tables (004:749, 004:816)

INDICATORS_2020 = [
    ("God social sammanhållning och delaktighet", 722, "Delaktighetsindex, andel (%) av maxpoäng.", "%", False,
     ("I.U.", "56", "53"), ("",), "", []),
    ("God trygghet och säkerhet", 724, "Anmälda våldsbrott i kommunen, antal/100 000 invånare.", "antal", False,
     ("733", "795", "I.U."), ("Färre än 650",), "", []),
    ("God trygghet och säkerhet", 725, "Andel (%) av medborgarna som upplever den offentliga miljön som trygg "
     "kvälls- och nattetid.", "%", False, ("", "", ""), ("",),
     "Målvärdet är samma som i samhällsbyggnadsnämndens internbudget 2020.",
     [("Gator/torg", 726, ("64", "66", "63"), ("70",)), ("Parker", 727, ("49", "47", "45"), ("50",)),
      ("Egna bostadsområdet", 728, ("82", "88", "I.U."), ("90",))]),
    ("God planberedskap i antagna översiktsplaner", 729, "Antal lägenheter i gällande översiktsplan", "antal",
     False, ("40 000", "40 000", "40 000"), ("40 000",), "", []),
    ("Starkt varumärke", 730, "Andel (%) kommuninvånare som uppfattar Linköping som en attraktiv plats att bo i.",
     "%", False, ("83", "83", "74"), ("",), "", []),
    ("Linköping är koldioxidneutralt år 2025", 741, "Andel (%) producerad solel i förhållande till total "
     "elanvändning. Avser kommunen som geografisk yta.", "%", False, ("0,82", "1,22", "I.U."), ("1,75",), "", []),
    ("Linköping är koldioxidneutralt år 2025", 742, "Självförsörjningsgrad av el, andel (%)", "%", False,
     ("48", "I.U.", "I.U."), ("Öka",), "", []),
    ("Klimatsäkert Linköping", 743, "Andel genomförda aktiviteter/handlingsplaner i kommunens "
     "klimatanpassningsplan.", "%", False, ("I.U.", "I.U.", "I.U."), ("",), "", []),
    ("Giftfri miljö", 744, "Antal inköpta plastbägare (ej förnybar eller återvunnen råvara).", "antal", False,
     ("157 000", "I.U.", "20 656"), ("0",), "Utöver detta har även 150 plastglas av rPET köpts in.", []),
    ("Ett starkt entreprenörskap och växande näringsliv", 751, "Andel (%) branscher av totala antalet branscher "
     "(branschbredd).", "%", False, ("61,60", "61,90", "61,8"), ("62,10",), "", []),
    ("Kostnadseffektiv verksamhet", 759, "Personalkostnader/verksamhetens nettokostnad, avser "
     "Kommunledningsförvaltningen (%).", "%", False, ("I.U.", "23", "36"), ("Mindre än 23",), "", []),
    ("Korrekta och effektiva inköp", 768, "E-handelstrohet (%), årsgenomsnitt.", "%", False,
     ("I.U.", "55", "66"), ("95",), "", []),
    ("Korrekta och effektiva inköp", 776, "Andel micro, små, medelstora och stora företag som vunnit "
     "upphandlingar (%).", "%", True, ("I.U.", "I.U.", ""), ("",), "Fastställd i Budget 2020.",
     [("Micro", 777, ("", "", "19,19"), ("",)), ("Små", 778, ("", "", "28,28"), ("",)),
      ("Medel", 779, ("", "", "23,23"), ("",)), ("Stora", 780, ("", "", "25,25"), ("",)),
      ("Okänt", 781, ("", "", "4,04"), ("",))]),
    ("God ekonomisk kontroll", 786, "Kommunens resultat.", "mnkr", True, ("182 mnkr.", "45 mnkr.", "I.U."),
     ("Större än 0",), "Finansiellt mål fastställt i Budget 2020 (004:793).", []),
    ("God ekonomisk kontroll", 789, "Procentuell avvikelse budget och utfall, avser Kommunledningsförvaltningen "
     "(%)", "%", False, ("3,8", "4,2", "10,2"), ("Mindre än 2",), "", []),
    ("God finansiell ställning", 790, "Skuldsättning per invånare.", "kr", True, ("0", "0", "I.U."),
     ("Max 900 kr.",), "Finansiellt mål fastställt i Budget 2020 (004:793).", []),
    ("Effektiv organisation med goda resultat", 800, "NKI Företagsservice (%), avser området Service och "
     "bemötande.", "%", False, ("I.U.", "80", "I.U."), ("83",),
     "Kan ej längre mätas då samtalen till Företagsservice flyttats till Kontakt Linköping.", []),
    ("Hög digitaliseringsgrad", 802, "Antal pappersblanketter i Kommunledningsförvaltningens serviceutbud som "
     "kan överföras till e-formulär.", "antal", False, ("I.U.", "183", "42"), ("0",), "", []),
    ("Klimateffektiv verksamhet", 810, "Andel el-, laddningshybrid och gasfordon i kommunens fordonsflotta "
     "(personbilar).", "%", False, ("I.U.", "57", "60"), ("95",), "", []),
    ("Goda arbetsplatser", 817, "Total sjukfrånvaro (%), avser Kommunledningsförvaltning.", "%", False,
     ("4,6", "2,7", "2,2"), ("3,2",), "",
     [("Män", 818, ("4,2", "2,4", "2,6"), ("3",)), ("Kvinnor", 819, ("4,8", "2,8", "2,0"), ("3,4",))]),
    ("Goda arbetsplatser", 820, "Andel (%) heltidsanställningar, avser Kommunledningsförvaltning.", "%", False,
     ("96,5", "96,8", "97,2"), ("97,5",), "",
     [("Män", 821, ("100", "100", "100"), ("100",)), ("Kvinnor", 822, ("95", "95,3", "95,9"), ("97",))]),
    ("Framgångsrikt chef- och ledarskap", 835, "Hållbart medarbetarengagemang (HME), avser "
     "Kommunledningsförvaltningen.", "index", False, ("73", "I.U.", "74"), ("79",), "", []),
    ("Framgångsrikt chef- och ledarskap", 836, "Chefsomsättning (andel %), avser Kommunledningsförvaltningen.",
     "%", False, ("28,6", "0", "7,46"), ("7",), "",
     [("Män", 837, ("0,0", "0", "0"), ("",)), ("Kvinnor", 838, ("66,7", "0", "12,8"), ("",))]),
    ("Nya vägar för (tryggad) kompetensförsörjning", 848, "Balanstal chefer, avser Kommunledningsförvaltningen.",
     "kvot", False, ("0,93", "0,70", "0,83"), ("0,97",), "", []),
]

YEARS_2024 = (2022, 2023)
TARGET_YEARS_2024 = (2024, 2025)

INDICATORS_2024 = [
    ("God trygghet och säkerhet", 638, "Nationella trygghetsundersökningen (NTU) - Otrygghet vid utevistelse.",
     "%", False, ("31%", "I.U."), ("30%", "29%"), "", []),
    ("God social sammanhållning och delaktighet", 656, "Delaktighetsindex, andel (%) av maxpoäng.", "%", False,
     ("69", "I.U."), ("Öka", "Öka"), "", []),
    ("Giftfri miljö", 672, "Andel (%) utvalda kemiska produkter som är miljömärkta.", "%", False,
     ("81", "I.U."), ("Öka", "Öka"), "", []),
    ("Ett starkt entreprenörskap och växande näringsliv", 679, "Nyföretagande - nystartade företag, antal.",
     "antal", False, ("933", "I.U."), ("970", "970"), "", []),
    ("God planberedskap i antagna översiktsplaner", 681, "Antal lägenheter i gällande översiktsplan.", "antal",
     False, ("40 000", "80 000"), ("40 000", "40 000"), "", []),
    ("Starkt varumärke", 686, "Andel (%) i riket i övrigt som anser att Linköping är en attraktiv kommun att bo "
     "och leva i.", "%", False, ("33", "(Mäts Q42023)"), ("35", "36"), "", []),
    ("Kostnadseffektiv verksamhet", 694, "Personalkostnader/verksamhetens nettokostnad, KLF (%).", "%", False,
     ("24", "I.U."), ("Mindre än 23", "Mindre än 23"), "", []),
    ("God ekonomisk kontroll", 695, "Procentuell avvikelse budget och utfall, KLF (%).", "%", False,
     ("9,1", "I.U."), ("Mindre än 2", "Mindre än 2"), "", []),
    ("God finansiell ställning", 696, "Procentuell avvikelse investeringsbudget och utfall, KLF(%).", "%", False,
     ("0", "I.U."), ("Ej negativ", "Ej negativ"), "", []),
    ("En hållbar organisation med hög produktivitet och effektivitet", 707, "Andel el-, laddningshybrid och "
     "gasfordon i kommunens fordonsflotta (personbilar och lätta lastbilar).", "%", False, ("46", "I.U."),
     ("Öka", "Öka"), "", []),
    ("Goda arbetsplatser", 720, "Total sjukfrånvaro, %", "%", True, ("8,3", "I.U."), ("7,5", "7,0"),
     "Obligatorisk nämndindikator för samtliga nämnder (001:631).",
     [("Män", 721, ("6,4", ""), ("-", "-")), ("Kvinnor", 722, ("8,9", ""), ("-", "-"))]),
    ("Goda arbetsplatser", 723, "Total sjukfrånvaro KLF, %", "%", False, ("2,4", "I.U."), ("3,0", "3,0"), "",
     [("Män", 724, ("1,4", ""), ("-", "-")), ("Kvinnor", 725, ("2,8", ""), ("-", "-"))]),
    ("Hållbart chef- och ledarskap", 733, "Chefindex", "index", True, ("71,3", "67"), ("73", "75"),
     "Obligatorisk nämndindikator för samtliga nämnder (001:631).", []),
    ("Nya vägar för kompetensförsörjning", 757, "Personalavgångar externt (%) KLF", "%", False,
     ("21,5", "I.U."), ("10,0", "10,0"), "",
     [("Män", 758, ("27,4", ""), ("-", "-")), ("Kvinnor", 759, ("12,8", ""), ("-", "-"))]),
]
