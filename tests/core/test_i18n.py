"""English UI: the catalogue in locale/en is complete and consistent, pages follow the visitor's language,
the footer's language switcher works, and the public page cache never serves one language to the other.

The msgids are the Swedish UI text, so Swedish needs no catalogue; English visitors (Accept-Language or the
switcher's `django_language` cookie) get locale/en/LC_MESSAGES/django.mo, which is committed because CI has
no gettext tools. Amounts stay Swedish style (`1 234 tkr`) in both languages: they are Swedish kronor.
"""

from __future__ import annotations

import ast
import datetime as dt
import gettext
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.translation import gettext_noop

from budgetapp.accounts.models import Role
from budgetapp.budget.models import PeriodKind
from budgetapp.core.money import format_tkr
from budgetapp.followup.models import FollowUpRound
from tests.dashboards.builders import build_kommun
from tests.factories import NodeAssignmentFactory, UserFactory

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"
REGENERATE = ("python manage.py makemessages -l en -i node_modules -i bench -i staticfiles --add-location=file "
              "--no-obsolete, translate the new entries, then python manage.py compilemessages -l en "
              "--ignore=.venv --ignore=node_modules and commit both files")
LANGUAGE_COOKIE = settings.LANGUAGE_COOKIE_NAME

#: msgids the code passes to gettext inside f-strings, where makemessages (xgettext 0.21) cannot see them;
#: named here so that makemessages keeps them in the catalogue. Remove an entry once its call leaves the f-string.
MSGIDS_INSIDE_FSTRINGS = (
    gettext_noop("Spara mitt värde"),  # budgetapp/followup/cells.py
    gettext_noop("Använd det sparade värdet"),  # budgetapp/followup/cells.py
    gettext_noop("Spara min text"),  # budgetapp/followup/cells.py
    gettext_noop("Månadsuppföljning"),  # budgetapp/followup/models.py
)


# --- the catalogue ---------------------------------------------------------------------------------

@dataclass
class Entry:
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgstrs(self) -> list[str]:
        return [v for k, v in self.fields.items() if k.startswith("msgstr")]


def parse_po(path: Path) -> list[Entry]:
    """A minimal .po reader (no polib needed): flags, msgid, msgid_plural and msgstr/msgstr[n]."""
    entries: list[Entry] = []
    for block in path.read_text(encoding="utf-8").strip().split("\n\n"):
        entry, current = Entry(), ""
        for line in block.splitlines():
            if line.startswith("#,"):
                entry.flags |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                entry.fields[current] += ast.literal_eval(line)
            else:
                current, _space, literal = line.partition(" ")
                entry.fields[current] = ast.literal_eval(literal)
        entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def catalogue() -> list[Entry]:
    entries = parse_po(PO_PATH)
    assert entries[0].fields["msgid"] == "", "the first entry is the header"
    return entries


def test_header_is_english_utf8_and_not_fuzzy(catalogue):
    header = catalogue[0]
    assert "fuzzy" not in header.flags
    assert "Language: en\n" in header.fields["msgstr"]
    assert "charset=UTF-8" in header.fields["msgstr"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.fields["msgstr"]


def test_every_msgid_is_translated_and_none_is_fuzzy(catalogue):
    messages = catalogue[1:]
    assert len(messages) > 600
    untranslated = [e.fields["msgid"] for e in messages if not all(s.strip() for s in e.msgstrs)]
    fuzzy = [e.fields["msgid"] for e in messages if "fuzzy" in e.flags]
    assert not untranslated, f"untranslated: {untranslated[:10]}; {REGENERATE}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    plurals = [e for e in messages if "msgid_plural" in e.fields]
    assert plurals and all(set(e.fields) >= {"msgstr[0]", "msgstr[1]"} for e in plurals)


_PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%")
_TAG = re.compile(r"</?[a-z][^>]*>")


def _tokens(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text) + _TAG.findall(text))


def test_placeholders_and_html_are_kept(catalogue):
    wrong = []
    for entry in catalogue[1:]:
        msgid, plural = entry.fields["msgid"], entry.fields.get("msgid_plural")
        pairs = ([(msgid, entry.fields["msgstr[0]"]), (plural, entry.fields["msgstr[1]"])] if plural
                 else [(msgid, entry.fields["msgstr"])])
        wrong += [(source, target) for source, target in pairs if _tokens(source) != _tokens(target)]
        if "python-format" not in entry.flags:
            # without the flag Django does not %-format: a lone % must stay a lone %
            wrong += [(msgid, s) for s in entry.msgstrs if s.count("%") != msgid.count("%")]
    assert not wrong


def test_compiled_catalogue_matches_the_po_file(catalogue):
    """The committed .mo is what Django loads; it must say what the .po says (recompile after edits)."""
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in catalogue[1:]:
        msgid = entry.fields["msgid"]
        if "msgid_plural" in entry.fields:
            got = [compiled.ngettext(msgid, entry.fields["msgid_plural"], n) for n in (1, 2)]
            expected = [entry.fields["msgstr[0]"], entry.fields["msgstr[1]"]]
        elif "msgctxt" in entry.fields:
            got, expected = [compiled.pgettext(entry.fields["msgctxt"], msgid)], [entry.fields["msgstr"]]
        else:
            got, expected = [compiled.gettext(msgid)], [entry.fields["msgstr"]]
        if got != expected:
            stale.append(msgid)
    assert not stale, f"django.mo is out of date for {stale[:5]}; {REGENERATE}"


_TEMPLATE_LITERAL = re.compile(r"""\{%\s*translate\s+(?:"([^"\\]*)"|'([^'\\]*)')(?:\s+as\s+\w+)?\s*%\}""")
_PYTHON_LITERAL = re.compile(
    r"""(?<![\w.])(?:_|gettext|gettext_lazy|gettext_noop)\(\s*(?:"([^"\\{}]*)"|'([^'\\{}]*)')\s*\)""")


def test_simple_literals_in_code_are_in_the_catalogue(catalogue):
    """A guard for CI, which cannot run makemessages: `{% translate "…" %}` in templates and `_("…")`,
    `gettext("…")`, `gettext_lazy("…")` and `gettext_noop("…")` in Python must have an entry (blocktranslate
    and concatenated strings are left to makemessages)."""
    known = {e.fields["msgid"] for e in catalogue[1:]}
    base = Path(settings.BASE_DIR)
    found: set[str] = set()
    for path in (base / "templates").rglob("*.html"):
        # makemessages doubles a template string's % (the msgid becomes python-format)
        found |= {(a or b).replace("%", "%%") for a, b in _TEMPLATE_LITERAL.findall(path.read_text(encoding="utf-8"))}
    for path in (base / "budgetapp").rglob("*.py"):
        if "migrations" not in path.parts:
            found |= {a or b for a, b in _PYTHON_LITERAL.findall(path.read_text(encoding="utf-8"))}
    assert len(found) > 300
    missing = sorted(s for s in found - known if s)
    assert not missing, f"not in locale/en: {missing[:10]}; {REGENERATE}"


# --- pages -----------------------------------------------------------------------------------------

@pytest.fixture
def controller_grid(kommun):
    """A controller of one staff office and the grid of an open four-month round above it."""
    controller = NodeAssignmentFactory(user=UserFactory(username="controller", role=Role.CONTROLLER),
                                       node=kommun["stab_a"]).user
    rnd = FollowUpRound.objects.create(year=kommun["klf"].year, period=PeriodKind.TERTIAL_1,
                                       deadline=dt.date(kommun["klf"].year, 5, 15), opened_by=controller)
    return controller, reverse("followup:grid", args=[rnd.pk, kommun["klf"].pk])


# page → (English strings that must appear, their Swedish msgids that must not)
PAGES = {
    "home": (["Skip to content", "Budget, forecast and outcome by committee, administration and staff office",
              "Organisation tree", "Open data (API)"],
             ["Hoppa till innehållet", "Budget, prognos och utfall", "Organisationsträd", "Öppna data (API)"]),
    "dashboards:overview": (["Key figures", "Net cost, budget", "Go to investments", "Go to goal attainment",
                             "Forecast development (tkr)"],
                            ["Nyckeltal", "Nettokostnad, budget", "Till investeringar", "Till måluppfyllelse",
                             "Prognosutveckling (tkr)"]),
    "dashboards:operating_summary": (["Sign convention:", "All amounts in tkr (thousands of Swedish kronor).",
                                      "Search unit", "Appropriation-funded (net cost, positive = cost)"],
                                     ["Teckenkonvention:", "Alla belopp i tkr", "Sök enhet", "Anslagsfinansierad"]),
    "login": (["<h1>Sign in</h1>", "Username", "Password"], ["Logga in", "Användarnamn", "Lösenord"]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_english_visitor_gets_english_pages(client, kommun, name):
    english, swedish = PAGES[name]
    response = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html and response["Content-Language"] == "en"
    for text in english:
        assert text in html
    for text in swedish:
        assert text not in html


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_swedish_stays_the_default(client, kommun, name):
    english, swedish = PAGES[name]
    for accept in (None, "sv-SE,sv;q=0.9,en;q=0.5", "de-DE"):  # no header, Swedish, a language we lack
        headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
        html = client.get(reverse(name), **headers).content.decode()
        assert '<html lang="sv">' in html
        assert all(text in html for text in swedish) and not any(text in html for text in english[1:])


@pytest.mark.django_db
def test_forecast_grid_in_english_for_a_controller(client, controller_grid):
    controller, url = controller_grid
    client.force_login(controller)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in ("Full-year forecast", "Submit my units", "Status and approval", "Download Excel",
                 "Outcome up to month 4", "Comment required", "Shift+Enter", "Sign out"):
        assert text in html
    for text in ("Prognos helår", "Skicka in mina enheter", "Status och godkännande", "Ladda ner Excel",
                 "Kommentar krävs", "Skift+Enter", "Logga ut"):
        assert text not in html
    client.cookies.pop(LANGUAGE_COOKIE, None)
    assert "Skicka in mina enheter" in client.get(url).content.decode()


@pytest.mark.django_db
def test_djangos_own_strings_follow_the_language(client):
    url = reverse("admin:login")
    assert "Användarnamn:" in client.get(url).content.decode()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Username:" in english and "Användarnamn" not in english


@pytest.mark.django_db
def test_amounts_stay_swedish_style_in_english(client, kommun):
    amount = format_tkr(Decimal("10000"))  # Ekonomistaben's budget in build_kommun
    assert amount == "10\u00a0000\u00a0tkr"
    for accept in ("sv", "en"):
        assert amount in client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=accept).content.decode()


# --- the switcher and the page cache ---------------------------------------------------------------

def _switcher(html: str) -> str:
    match = re.search(r'<form method="post" action="([^"]+)" class="[^"]*language-switcher">(.*?)</form>', html, re.S)
    assert match, "the footer has a language switcher"
    assert match.group(1) == reverse("set_language")
    return match.group(2)


@pytest.mark.django_db
def test_switcher_markup_is_labelled_and_marks_the_current_language(client, kommun):
    url = reverse("dashboards:operating_summary") + f"?node={kommun['klf'].pk}&view=budget"
    form = _switcher(client.get(url).content.decode())
    assert '<label for="language-select">Språk</label>' in form and 'id="language-select"' in form
    assert 'name="language"' in form and '<button type="submit"' in form and "Byt språk" in form
    assert f'name="next" value="{url.replace("&", "&amp;")}"' in form
    assert '<option value="sv" lang="sv" selected>Svenska</option>' in form
    assert '<option value="en" lang="en">English</option>' in form
    assert "csrfmiddlewaretoken" not in form and "style=" not in form
    english = _switcher(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert '<option value="en" lang="en" selected>English</option>' in english and "Change language" in english


@pytest.mark.django_db
def test_switcher_changes_the_language_and_returns_to_the_page(kommun):
    client = Client(enforce_csrf_checks=True)  # public pages carry no token, so the view must not need one
    url = reverse("dashboards:overview") + f"?node={kommun['klf'].pk}"
    response = client.post(reverse("set_language"), {"language": "en", "next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert client.cookies[LANGUAGE_COOKIE].value == "en"
    assert settings.SESSION_COOKIE_NAME not in client.cookies  # still an anonymous, cacheable visitor
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()  # the choice beats the browser's
    assert '<html lang="en">' in html and "Key figures" in html
    client.post(reverse("set_language"), {"language": "sv", "next": url})
    assert "Nyckeltal" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.django_db
def test_switcher_refuses_foreign_redirects_and_unknown_languages(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/"
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert client.cookies[LANGUAGE_COOKIE].value == "en"  # unchanged
    # GET changes nothing (Django's set_language only acts on POST)
    assert client.get(reverse("set_language"), {"language": "sv", "next": "/"}).status_code == 302
    assert client.cookies[LANGUAGE_COOKIE].value == "en"


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["home", "dashboards:overview", "dashboards:operating_summary"])
def test_cached_pages_are_never_served_in_the_other_language(kommun, name):
    url = reverse(name)
    public_page = name != "home"  # only the dashboards are in the public page cache
    swedish, english = Client(), Client()
    first = swedish.get(url)
    assert "Öppna data (API)" in first.content.decode()
    en_first = english.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert "Open data (API)" in en_first.content.decode() and "Öppna data" not in en_first.content.decode()
    en_again = english.get(url, HTTP_ACCEPT_LANGUAGE="en")
    sv_again = swedish.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    assert "Öppna data (API)" in sv_again.content.decode() and "Open data" not in sv_again.content.decode()
    if public_page:
        # the footer form keeps the pages cacheable, and each language has its own entry
        assert first["X-Page-Cache"] == "miss" and en_first["X-Page-Cache"] == "miss"
        assert en_again["X-Page-Cache"] == "hit" and en_again.content == en_first.content
        assert sv_again["X-Page-Cache"] == "hit" and sv_again.content == first.content
        assert "Accept-Language" in en_again["Vary"] and "Cookie" in en_again["Vary"]
    # a visitor who chose English with the switcher (cookie, no session) gets the English entry
    chooser = Client()
    chooser.post(reverse("set_language"), {"language": "en", "next": url})
    chosen = chooser.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    assert chosen.content == en_again.content
    if public_page:
        assert chosen["X-Page-Cache"] == "hit"


# --- in a browser ------------------------------------------------------------------------------------

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.browser
def test_switcher_in_a_browser_under_the_csp(browser, live_server, transactional_db):
    """A Swedish browser switches to English and back with the plain form (no script), stays on the page
    with its query string, and the English page has no axe violations."""
    if not AXE.exists():
        pytest.skip("axe-core saknas; kör npm ci")
    nodes = build_kommun()
    path = reverse("dashboards:operating_summary") + f"?node={nodes['klf'].pk}&view=budget"
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    try:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == "sv"
        page.get_by_label("Språk").select_option("en")
        page.get_by_role("button", name="Byt språk").click()
        page.wait_for_load_state()
        assert page.url == live_server.url + path
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.get_by_label("Language").input_value() == "en"
        page.evaluate(AXE.read_text(encoding="utf-8"))
        violations = page.evaluate("async () => (await axe.run(document)).violations.map(v => v.id)")
        assert violations == []
        page.get_by_label("Language").select_option("sv")
        page.get_by_role("button", name="Change language").click()
        page.wait_for_load_state()
        assert page.url == live_server.url + path and page.locator("html").get_attribute("lang") == "sv"
    finally:
        context.close()


def test_language_cookie_is_kept_a_year_and_hidden_from_scripts(client, settings):
    from django.conf import settings as conf

    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies[conf.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert conf.LANGUAGE_COOKIE_SECURE == conf.SESSION_COOKIE_SECURE  # Secure wherever the session cookie is


# --- text built in Python: menu, titles, column headers, variance words, status labels, exports -----

#: (path, query) → (English that must appear, Swedish that must not). Each page's Swedish rendering
#: must show the Swedish and none of the English. Built from `build_kommun` (interim round the latest).
DASHBOARD_TEXTS = {
    ("dashboards:overview", "klf"): (
        ["Overview 2024 – Kommunledningsförvaltningen", "Operating summary</a>", "Investments</a>",
         "Goal attainment</a>", "Comparison</a>", "Forecast interim report (31 August)",
         "Variance", "(favourable)", "(unfavourable)", "Positive variance is favourable", "Source: ",
         "Net cost: positive = cost.", "Variance by unit (tkr, positive = favourable)", "Forecast development 2024"],
        ["Översikt 2024", "Prognos delår", "(gynnsam)", "(ogynnsam)", "Positiv avvikelse är gynnsam",
         "Nettokostnad: positivt = kostnad.", "Avvikelse per enhet", "Prognosutveckling 2024"]),
    ("dashboards:operating_summary", "klf"): (
        ["Operating summary 2024 – Kommunledningsförvaltningen", ">Unit<",
         "Forecast interim report (31 August)", "Outcome to end of August",
         "Previous forecast (four-month period 1 (30 April))", "Total Kommunledningsförvaltningen",
         "Operating summary 2024, Kommunledningsförvaltningen: follow-up (forecast) (tkr)",
         "Follow-up (forecast)", "Budget and plan", "(favourable)", "(unfavourable)"],
        ["Driftsammandrag 2024", ">Enhet<", "Prognos delår", "Utfall t.o.m. augusti", "Föregående prognos",
         "Summa Kommunledningsförvaltningen", "Uppföljning (prognos)", "Budget och plan", "(gynnsam)",
         "(ogynnsam)"]),
    ("dashboards:operating_summary", "ks"): (
        ["Units under Kommunledningsförvaltningen", "overview<span", "Revenue-funded: result, positive = surplus",
         "Result: positive = surplus."],
        ["Enheter under", "översikt<span", "Intäktsfinansierad: resultat", "Resultat: positivt = överskott."]),
    ("dashboards:investments", "klf"): (
        ["Investments 2024", "Completed projects", "Ongoing projects",
         "Large investment projects (at least 50 million SEK)", "of which Modul budget", "(favourable)"],
        ["Investeringar 2024", "Färdigställda projekt", "Pågående projekt", "Stora investeringsprojekt",
         "varav Modul budget", "(gynnsam)"]),
    ("dashboards:goals", "ks"): (
        ["Goal attainment 2024", "Partly fulfilled", "Fulfilled", "Not assessed"],
        ["Måluppfyllelse 2024", "Delvis uppfyllt", "Ej bedömt"]),
}


def _dashboard_url(kommun, name: str, node: str, **params) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"node": kommun[node].pk, **params}.items())
    return f"{reverse(name)}?{query}"


def _check_texts(html: str, shown: list[str], absent: list[str]) -> None:
    assert [t for t in shown if t not in html] == []
    assert [t for t in absent if t in html] == []


@pytest.mark.django_db
@pytest.mark.parametrize("page", DASHBOARD_TEXTS, ids=lambda p: f"{p[0]}-{p[1]}")
def test_python_built_dashboard_text_is_english_for_english_visitors(client, kommun, page):
    english, swedish = DASHBOARD_TEXTS[page]
    url = _dashboard_url(kommun, *page)
    _check_texts(client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode(), english, swedish)
    _check_texts(client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode(), swedish, english)


@pytest.mark.django_db
def test_operating_summary_budget_view_and_rows_fragment_in_english(client, kommun):
    budget = client.get(_dashboard_url(kommun, "dashboards:operating_summary", "klf", view="budget"),
                        HTTP_ACCEPT_LANGUAGE="en").content.decode()
    _check_texts(budget, ["Outcome 2022", "Budget 2023", "Plan 2025", "Change: </span>Effektiviseringskrav",
                          "Operating summary 2024, Kommunledningsförvaltningen: budget and plan (tkr)"],
                 ["Utfall 2022", "Förändring:", "budget och plan"])
    # the in-place rows of a unit (drill-down without leaving the page) use the same words
    url = _dashboard_url(kommun, "dashboards:operating_summary_rows", "ks", view="followup",
                         cols="budget,forecast,variance,actual")
    rows_en = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    _check_texts(rows_en, ["Units under Kommunledningsförvaltningen", "overview<span", "(favourable)",
                           "Positive variance is favourable", "Revenue-funded: result, positive = surplus"],
                 ["Enheter under", "översikt<span", "(gynnsam)", "Positiv avvikelse", "Intäktsfinansierad"])
    rows_sv = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    _check_texts(rows_sv, ["Enheter under Kommunledningsförvaltningen", "(gynnsam)", "Positiv avvikelse är gynnsam"],
                 ["Units under", "(favourable)", "Positive variance"])


@pytest.mark.django_db
def test_excel_export_headers_follow_the_language(client, kommun):
    from io import BytesIO

    from openpyxl import load_workbook

    url = _dashboard_url(kommun, "dashboards:operating_summary", "klf", export="xlsx")

    def cells(accept: str) -> tuple[list[str], set[str]]:
        book = load_workbook(BytesIO(client.get(url, HTTP_ACCEPT_LANGUAGE=accept).content))
        values = {str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v}
        return book.sheetnames, values

    sheets, english = cells("en")
    assert sheets[-1] == "Sources"
    assert {"Unit", "Budget 2024 (tkr)", "Variance (tkr)", "Outcome to end of August (tkr)", "Row type",
            "Sign convention", "Amounts in tkr.", "Total Kommunledningsförvaltningen",
            "Net cost (positive = cost)", "Table", "Row", "Column", "Source"} <= english
    sheets, swedish = cells("sv")
    assert sheets[-1] == "Källor"
    assert {"Enhet", "Budget 2024 (tkr)", "Avvikelse (tkr)", "Utfall t.o.m. augusti (tkr)", "Radtyp",
            "Teckenkonvention", "Belopp i tkr.", "Summa Kommunledningsförvaltningen",
            "Nettokostnad (positivt = kostnad)", "Tabell", "Rad", "Kolumn", "Källa"} <= swedish
    assert not swedish & {"Unit", "Variance (tkr)", "Row type", "Sources", "Source"}


#: English that the Swedish pages must never show, whatever was rendered before them in the process.
ENGLISH_WORDS = ("Overview", "Operating summary", "Investments", "Goal attainment", "Comparison", "Variance",
                 "Forecast", "Outcome to end", "(favourable)", "(unfavourable)", "Source: ", "Total ",
                 "Completed projects", "Not assessed", "Units under", "Net cost: positive", "Budget and plan")


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [True, False], ids=["signed-in", "anonymous"])
def test_english_then_swedish_in_one_process_leaves_no_english(client, kommun, signed_in):
    """Years, rounds, node options and the tree are cached across requests and users (cache.py), and the
    public pages per language: rendering English first must leave nothing English for Swedish visitors."""
    if signed_in:
        client.force_login(UserFactory(username="reader", role=Role.VIEWER))
    urls = [_dashboard_url(kommun, name, node) for name, node in DASHBOARD_TEXTS]
    urls += [_dashboard_url(kommun, "dashboards:operating_summary", "klf", view="budget"),
             _dashboard_url(kommun, "dashboards:operating_summary_rows", "ks", cols="budget,forecast,variance")]
    english = [client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode() for url in urls]
    assert all("Overview" in html or "Units under" in html for html in english)
    for url in urls:
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
        assert [w for w in ENGLISH_WORDS if w in html] == [], url
    # and the other way round: English pages after Swedish ones have no Swedish column words
    for url in urls[:2]:
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "(gynnsam)" not in html and "Avvikelse" not in html and "Översikt" not in html
