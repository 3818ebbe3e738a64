"""The search index: unit vectors (Chroma) and full text (SQLite FTS5) behind one `Index`,
plus what is computed across articles from the vectors (crossref.py)."""
