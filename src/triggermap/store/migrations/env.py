"""Alembic environment: runs on the connection `triggermap.store.opening.migrate` hands over.

For authoring a new revision from a checkout (`alembic -c src/triggermap/store/alembic.ini
revision -m "..."`) it opens the database that `resolve_db_url(None)` names instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from triggermap.store.tables import Base


def run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        transactional_ddl=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    from triggermap.store.engine import WRITE, create_store_engine, resolve_db_url

    engine = create_store_engine(resolve_db_url(None), foreign_keys=False)
    with engine.execution_options(**WRITE).begin() as own:
        run(own)
    engine.dispose()


main()
