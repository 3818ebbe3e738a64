"""The model layer: the knowledge base on disk and its typed records.

Everything above (ingest, extract, index, publish, the CLI) reads and writes the corpus
through these modules; they import nothing of Agora's but the foundation modules.
"""
