"""Quality floors on our own annotated samples: a regression in quote finding or speaker
attribution fails CI. (The figures on real gold data come from bench/extract_quotes.py.)"""

from __future__ import annotations

import yaml
from conftest import EXAMPLES, FIXTURES

from indexer import Agora
from indexer.model.units import load_units

RECALL_FLOOR = 0.90
PRECISION_FLOOR = 0.80
SPEAKER_FLOOR = 0.90


def _same(ours: str, gold: str) -> bool:
    ours, gold = ours.lower(), gold.lower()
    return bool(ours) and (ours in gold or gold in ours or ours.split()[-1] == gold.split()[-1])


def test_quote_floors(kb):
    gold = yaml.safe_load((FIXTURES / "gold_quotes.yml").read_text())
    found = speaker_ok = total = predicted = correct = 0
    for name, quotes in gold.items():
        [result] = Agora(kb).add([str(EXAMPLES / name)])
        units = [u for u in load_units(kb, result.slug) if u.kind == "quote"]
        predicted += len(units)
        correct += sum(any(snippet in u.text for snippet, _ in quotes) for u in units)
        for snippet, speaker in quotes:
            total += 1
            match = next((u for u in units if snippet in u.text), None)
            if match:
                found += 1
                speaker_ok += _same(match.speaker, speaker)
    recall, precision, speakers = found / total, correct / predicted, speaker_ok / max(found, 1)
    print(f"recall {recall:.2f} precision {precision:.2f} speaker {speakers:.2f}")
    assert recall >= RECALL_FLOOR and precision >= PRECISION_FLOOR and speakers >= SPEAKER_FLOOR, \
        (recall, precision, speakers)


def test_ggt_floor_when_shared_data_is_present():
    """On the first 30 GGT gold articles (skipped without ../shared/data)."""
    import sys

    import pytest
    from conftest import ROOT, SHARED

    if not (SHARED / "data" / "quotes" / "ggt").exists():
        pytest.skip("../shared/data/quotes/ggt is absent")
    sys.path.insert(0, str(ROOT / "bench"))
    import extract_quotes

    docs = extract_quotes.load_gold()[:30]
    result = extract_quotes.score(docs, extract_quotes.predict(docs), 0.3)
    assert float(result["f1"]) >= 80.0 and float(result["speaker"].rstrip("%")) >= 83.0, result
