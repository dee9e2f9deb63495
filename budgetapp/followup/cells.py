"""HTML of the forecast grid's rows and cells, built as strings in one pass.

Why not templates: a förvaltning's sheet has hundreds of cells, and rendering each one through
`{% include %}` with its own context, `{% url %}` and `{% blocktranslate %}` cost more than reading
the figures. Here every URL is reversed once per sheet, the CSRF field is built once, and each cell
is a few f-strings with `escape()` on every text that comes from users or the database. The same
functions render the whole grid and the htmx answers of a cell save, so the markup cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from budgetapp.core.money import format_number, format_tkr

from .selectors import GridRow, amount_input_text

_SENTINEL = 987654321  # a node id no real tree reaches; replaced by the row's id


def _tkr(value: Decimal | None) -> str:
    return "" if value is None else format_tkr(value)


def _tkr_auto(value) -> str:
    """Like the `tkr_auto` filter: decimals only when the amount has any."""
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    return format_tkr(amount, len(amount_input_text(amount).partition(",")[2]))


def _plain(value: Decimal | None) -> str:
    """A number for a data attribute (read by followup.js): unlocalised."""
    return "" if value is None else str(value)


def _oob(flag: bool) -> str:
    return ' hx-swap-oob="true"' if flag else ""


@dataclass
class Sheet:
    """What every cell of one round × grid root needs, computed once per response."""

    round_id: int
    root_id: int
    csrf_input: str
    forecast_url: tuple[str, str]
    comment_url: tuple[str, str]
    history_url: tuple[str, str]

    @classmethod
    def for_grid(cls, rnd, root, csrf_token: str) -> Sheet:
        def split(name: str, *args) -> tuple[str, str]:
            head, _sep, tail = reverse(name, args=[*args, _SENTINEL]).partition(str(_SENTINEL))
            return head, tail

        csrf_input = ("" if csrf_token in ("", "NOTPROVIDED") else
                      f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(csrf_token)}">')
        return cls(round_id=rnd.pk, root_id=root.pk, csrf_input=csrf_input,
                   forecast_url=split("followup:forecast_cell", rnd.pk, root.pk),
                   comment_url=split("followup:comment_cell", rnd.pk, root.pk),
                   history_url=split("followup:history", rnd.pk))

    @staticmethod
    def url(parts: tuple[str, str], node_id: int) -> str:
        return f"{parts[0]}{node_id}{parts[1]}"


def forecast_cell(sheet: Sheet, row: GridRow, *, text: str | None = None, version: object = None,
                  error: str = "", conflict=None, oob: bool = False) -> str:
    """The forecast cell: an input for an editable unit, the (sum) value otherwise."""
    pk = row.node.pk
    if not (row.is_entry and row.editable):
        count = ""
        if not row.is_entry:
            filled = (_("(%(n)s av %(t)s ifyllda)") % {"n": row.entries_with_forecast, "t": row.entries_total}
                      if row.is_incomplete else "")
            count = f' <span class="sum-count muted">{filled}</span>'
        kind = "entry" if row.is_entry else "forecast"
        sum_class = "" if row.is_entry else " sum"
        return (f'<td class="num{sum_class}" id="fc-{pk}" data-sum="{kind}"{_oob(oob)}>'
                f'<span class="sum-value">{_tkr(row.forecast)}</span>{count}</td>')
    text = row.forecast_text if text is None else text
    version = row.forecast_version if version is None else version
    url = sheet.url(sheet.forecast_url, pk)
    label = escape(_("Prognos helår för %(n)s (tkr)") % {"n": row.node.name})
    invalid = f' aria-invalid="true" aria-describedby="fc-err-{pk}"' if error or conflict else ""
    out = [f'<td class="num cell-forecast" id="fc-{pk}"{_oob(oob)}>\n',
           f'<form method="post" action="{url}" class="cell-form"\n'
           f'      hx-post="{url}" hx-trigger="change, submit"\n'
           f'      hx-target="#fc-{pk}" hx-swap="outerHTML" hx-sync="this:queue last">{sheet.csrf_input}\n'
           f'  <input type="hidden" name="version" value="{escape(version)}">\n'
           f'  <label class="visually-hidden" for="fc-input-{pk}">{label}</label>\n'
           f'  <input id="fc-input-{pk}" name="amount" value="{escape(text)}" inputmode="decimal" '
           f'autocomplete="off" size="9"\n'
           f'         class="cell-input" data-col="forecast" data-node="{pk}"{invalid}>\n']
    if error:
        out.append(f'  <span class="cell-error" id="fc-err-{pk}" role="alert">{escape(error)}</span>\n')
    if conflict:
        message = _("Konflikt: %(who)s har sparat %(theirs)s. Ditt värde %(yours)s är inte sparat.") % {
            "who": conflict.changed_by or _("någon annan"), "theirs": _tkr_auto(conflict.current_value),
            "yours": _tkr_auto(conflict.your_value)}
        theirs = "" if conflict.current_value is None else conflict.current_value
        out.append(
            f'  <div class="cell-error conflict" id="fc-err-{pk}" role="alert">\n    {escape(message)}\n'
            f'    <span class="conflict-values" data-theirs="{escape(theirs)}" '
            f'data-yours="{escape(conflict.your_value)}"></span>\n'
            f'    <button type="submit" class="link">{escape(_("Spara mitt värde"))}</button>\n'
            f'    <button type="button" class="link" hx-get="{url}" hx-target="#fc-{pk}" '
            f'hx-swap="outerHTML">{escape(_("Använd det sparade värdet"))}</button>\n  </div>\n')
    out.append("</form></td>")
    return "".join(out)


def variance_cell(row: GridRow, *, oob: bool = False) -> str:
    """Avvikelse in tkr with its percent of budget, Swedish format ("+1 200 tkr (−0,8 %)")."""
    v = row.variance
    if v is None:
        return f'<td class="num variance" id="var-{row.node.pk}"{_oob(oob)}></td>'
    sign = " neg" if v < 0 else " pos" if v > 0 else ""
    text = ("+" if v > 0 else "") + format_tkr(v)
    if row.variance_percent is not None:
        text += f' <span class="muted">({format_number(row.variance_percent, 1)} %)</span>'
    return f'<td class="num variance{sign}" id="var-{row.node.pk}"{_oob(oob)}>{text}</td>'


def comment_requirement(row: GridRow, *, oob: bool = False) -> str:
    missing = row.comment_missing
    text = _("Kommentar krävs") if missing else _("Kommentar krävs – ifylld") if row.needs_comment else ""
    return (f'<span id="creq-{row.node.pk}" class="comment-req{" missing" if missing else ""}"{_oob(oob)}>'
            f'{text}</span>')


def comment_cell(sheet: Sheet, row: GridRow, *, text: str | None = None, version: object = None,
                 error: str = "", conflict=None) -> str:
    """The comment cell: a textarea for an editable unit, the text for other units, empty for sums."""
    pk = row.node.pk
    if not row.is_entry:
        return f'<td id="cm-{pk}" class="cell-comment">\n\n</td>'
    text = row.comment_text if text is None else text
    if not row.editable:
        body = linebreaks_br(text)
    else:
        url = sheet.url(sheet.comment_url, pk)
        label = escape(_("Kommentar till avvikelsen för %(n)s") % {"n": row.node.name})
        failed = error or conflict
        described = f"creq-{pk}" + (f" cm-err-{pk}" if failed else "")
        required = ' aria-required="true"' if row.needs_comment else ""
        invalid = ' aria-invalid="true"' if failed else ""
        parts = [f'\n<form method="post" action="{url}" class="cell-form"\n'
                 f'      hx-post="{url}" hx-trigger="change" hx-target="#cm-{pk}" hx-swap="outerHTML">'
                 f'{sheet.csrf_input}\n'
                 f'  <input type="hidden" name="version" value="{escape(version if version is not None else row.comment_version)}">\n'  # noqa: E501
                 f'  <label class="visually-hidden" for="cm-input-{pk}">{label}</label>\n'
                 f'  <textarea id="cm-input-{pk}" name="text" rows="2" cols="22" data-col="comment" '
                 f'data-node="{pk}" aria-describedby="{described}"{required}{invalid}>{escape(text)}</textarea>\n']
        if error:
            parts.append(f'  <span class="cell-error" id="cm-err-{pk}" role="alert">{escape(error)}</span>\n')
        if conflict:
            message = _("Konflikt: %(who)s har sparat kommentaren ”%(theirs)s”. Din text är inte sparad.") % {
                "who": conflict.changed_by or _("någon annan"), "theirs": conflict.current_value}
            parts.append(f'  <div class="cell-error conflict" id="cm-err-{pk}" role="alert">{escape(message)}\n'
                         f'    <button type="submit" class="link">{escape(_("Spara min text"))}</button></div>\n')
        parts.append("</form>\n")
        body = "".join(parts)
    return f'<td id="cm-{pk}" class="cell-comment">\n{body}\n{comment_requirement(row)}\n</td>'


def linebreaks_br(text: str) -> str:
    """Escaped text with line breaks as <br> (the `linebreaksbr` filter)."""
    return escape(text).replace("\r\n", "\n").replace("\n", "<br>")


def grid_row(sheet: Sheet, row: GridRow, *, failed: dict | None = None, failed_comment: dict | None = None,
             labels: dict[str, str]) -> str:
    """One `<tr>` of the sheet; `failed`/`failed_comment` keep a rejected no-JS form's text and error."""
    pk = row.node.pk
    name = escape(row.node.name)
    if failed and failed.get("node_id") == pk:
        forecast = forecast_cell(sheet, row, text=failed.get("text", ""), version=failed.get("version"),
                                 error=failed.get("error", ""), conflict=failed.get("conflict"))
    else:
        forecast = forecast_cell(sheet, row)
    if failed_comment and failed_comment.get("node_id") == pk:
        comment = comment_cell(sheet, row, text=failed_comment.get("text", ""),
                               version=failed_comment.get("version"), error=failed_comment.get("error", ""),
                               conflict=failed_comment.get("conflict"))
    else:
        comment = comment_cell(sheet, row)
    if row.is_entry:
        status = f'<span class="badge status-{row.status}">{escape(row.status_label)}</span>'
        url = sheet.url(sheet.history_url, pk)
        history = (f'<a href="{url}" hx-get="{url}" hx-target="#history-panel" hx-swap="innerHTML">'
                   f'{labels["history"]}<span class="visually-hidden"> {name}</span></a>')
        kind, suffix = "entry", ""
    else:
        status = history = ""
        kind, suffix = "sum", f' <span class="muted">({labels["sum"]})</span>'
    return (f'<tr id="row-{pk}" class="{kind}" data-node="{pk}" data-measure="{row.measure}"\n'
            f'    data-budget="{_plain(row.budget)}" data-forecast="{_plain(row.forecast)}" '
            f'data-ancestors="{row.ancestors_attr}">\n'
            f'  <th scope="row" class="depth-{row.depth}">{name}{suffix}</th>\n'
            f'  <td class="num">{_tkr(row.budget)}</td>\n'
            f'  <td class="num">{_tkr(row.actual)}</td>\n'
            f'  <td class="num">{_tkr(row.previous)}</td>\n'
            f'  {forecast}\n  {variance_cell(row)}\n  {comment}\n'
            f'  <td>{status}</td>\n  <td>{history}</td>\n</tr>\n')


def grid_rows(sheet: Sheet, rows: list[GridRow], *, failed: dict | None = None,
              failed_comment: dict | None = None) -> SafeString:
    labels = {"history": escape(_("Historik")), "sum": escape(_("summa"))}
    return mark_safe("".join(grid_row(sheet, r, failed=failed, failed_comment=failed_comment, labels=labels)  # noqa: S308
                             for r in rows))


def forecast_response(sheet: Sheet, row: GridRow, ancestors: list[GridRow], *, text: str, version: object,
                      error: str = "", conflict=None, saved: bool = False) -> str:
    """What a cell save answers: the cell, its avvikelse and comment flag, and every sum row above it
    (forecast and avvikelse) out of band, plus the live-region message. A few hundred bytes per row
    above, instead of the whole sheet."""
    parts = [forecast_cell(sheet, row, text=text, version=version, error=error, conflict=conflict),
             variance_cell(row, oob=True) + comment_requirement(row, oob=True)]
    for a in ancestors:
        parts.append(variance_cell(a, oob=True) + forecast_cell(sheet, a, oob=True))
    if saved:
        live = _("Prognos för %(n)s sparad: %(v)s.") % {"n": row.node.name, "v": _tkr(row.forecast)}
    elif conflict:
        live = _("Konflikt – värdet sparades inte.")
    elif error:
        live = _("Ogiltigt värde – inget sparades.")
    else:
        live = ""
    parts.append(f'<p id="grid-live" class="visually-hidden" role="status" hx-swap-oob="true">{escape(live)}</p>')
    return "\n".join(parts) + "\n"
