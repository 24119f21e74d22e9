"""The handbook's domain: checklists (schema, model, loading, rendering, holidays), the GB/T 9704
documents (layout, samples, typesetting, sheets, Word files, format check), page links, the glossary
and the search word lists.

Plain Python with its own tests; it knows nothing of MkDocs or Zensical (tests/test_layout.py holds
this). The thin entry that registers its functions as macros is ``macros/__init__.py``.
"""
