"""Storage adapter: SQLAlchemy tables, repositories, the engine factory and migrations.

    engine.py        which database (--db, TRIGGERMAP_DATABASE_URL, the data dir) and its settings
    schema.py        open_store(url): migrate to head on first use (store/migrations/)
    transactions.py  write()/read(): one unit of work, one transaction, busy retries
    tables.py        the tables; people.py, records.py: what the services read and write
    snapshot*.py     one person as a JSON document (export, import)

See docs/adr/0004-storage.md.
"""
