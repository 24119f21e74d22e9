"""The handbook's domain: checklists (schema, model, loading, rendering), page links and glossary.

Plain Python with its own tests; it knows nothing of MkDocs or Zensical. The thin entry that
registers its functions as macros is ``macros/__init__.py``.
"""
