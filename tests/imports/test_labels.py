"""The import preview shows Swedish names for document and table kinds, not code names."""

from budgetapp.imports.templatetags.import_labels import document_kind_label, table_kind_label


def test_table_and_document_kinds_have_swedish_labels():
    assert table_kind_label("operating_summary") == "Driftsammandrag"
    assert table_kind_label("investment_projects") == "Investeringsprojekt"
    assert document_kind_label("annual_report") == "Verksamhetsberättelse"
    assert table_kind_label("something_new") == "something_new"
    assert document_kind_label("unknown") == "unknown"
