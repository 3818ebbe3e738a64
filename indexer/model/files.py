"""Curated YAML files read into pydantic models, with one-line errors naming file and field."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import CorpusFileError

M = TypeVar("M", bound=BaseModel)


class Strict(BaseModel):
    """A record of a human-edited file: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid")


def yaml_loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_dumper():
    import yaml

    return getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def parse_yaml(text: str, path: Path | str) -> object:
    import yaml

    try:
        return yaml.load(text, Loader=yaml_loader())
    except yaml.YAMLError as exc:
        raise CorpusFileError(str(path), f"not valid YAML: {getattr(exc, 'problem', None) or exc}") from None


def read_yaml(path: Path) -> object:
    return parse_yaml(path.read_text(encoding="utf-8"), path)


def validate(model: type[M], data: object, path: Path | str, where: str = "") -> M:
    """*data* as *model*, or a CorpusFileError like `units/x.yml: units[3].kind: Input should be ...`."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise CorpusFileError(str(path), describe(exc, where)) from None


def describe(exc: ValidationError, where: str = "") -> str:
    err = exc.errors()[0]
    place = where + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in err["loc"])
    place = place.lstrip(".")
    if err["type"] == "extra_forbidden":
        return f"unknown field {place!r}"
    return f"{place or 'file'}: {err['msg']}"
