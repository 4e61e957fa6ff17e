"""Storage adapter: SQLAlchemy tables, the record store, the engine factory and migrations.

    repository.py    the record store the services use (`services.ports.RecordStore`)
    saved.py         stored cases, results and plans parsed once into the core's typed values
    engine.py        which database (--db, TRIGGERMAP_DATABASE_URL, the data dir) and its settings
    opening.py       store_for(url)/open_store(url): open a database, migrate it to head on first
                     use (store/migrations/)
    transactions.py  write()/read(): one unit of work, one transaction, busy retries
    tables.py        the tables; people.py, records.py: rows in, typed values out
    snapshot*.py     one person as a JSON document (export, import)

See docs/adr/0004-storage.md.
"""
