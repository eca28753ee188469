"""The store: Peewee models, opening SQLite or PostgreSQL (db.py, pg.py), the
SQL dialect helpers, and the numbered migrations.
"""
