"""What the training scripts share: fine-tuning the bundled MiniLM with a classification head
on (question, text) pairs or single texts, and exporting it to ONNX with int8 weights (float
arithmetic: weight_only) for encoders/classifier.py.

An example is any record with `.text`, `.label` and, for pairs, `.question`.
"""

from __future__ import annotations

import math
import random
import time
from pathlib import Path

from indexer.extract.evaluation import macro_f1  # noqa: F401  (the scripts score with it)

MAX_TOKENS = 128


def encode(tokenizer, chunk, pairs: bool):
    if pairs:
        return tokenizer([e.question for e in chunk], [e.text for e in chunk], truncation="only_second",
                         max_length=MAX_TOKENS, padding=True, return_tensors="pt")
    return tokenizer([e.text for e in chunk], truncation=True, max_length=MAX_TOKENS, padding=True,
                     return_tensors="pt")


def batches(pairs, tokenizer, size: int, rng: random.Random, labels, pair: bool = True):
    """Length-bucketed batches (less padding), in shuffled order."""
    order = list(range(len(pairs)))
    rng.shuffle(order)
    chunks = [sorted(order[i:i + size * 50], key=lambda j: len(pairs[j].text)) for i in range(0, len(order), size * 50)]
    groups = [c[i:i + size] for c in chunks for i in range(0, len(c), size)]
    rng.shuffle(groups)
    for group in groups:
        yield encode(tokenizer, [pairs[j] for j in group], pair), [labels.index(pairs[j].label) for j in group]


def seeded_minilm(seed: int):
    """(folder, tokenizer) of the bundled MiniLM, its weights checked, with torch and numpy seeded."""
    import numpy as np
    import torch
    from transformers import AutoTokenizer

    from indexer.encoders.minilm import MINILM_PACKAGE, model_path, verify_weights

    torch.manual_seed(seed)
    np.random.seed(seed)
    torch.set_num_threads(2)
    folder = model_path(MINILM_PACKAGE)
    verify_weights(folder)
    return folder, AutoTokenizer.from_pretrained(str(folder))


def build_model(folder: Path, n_labels: int):
    import torch
    from transformers import AutoModel

    class CrossEncoder(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.encoder = AutoModel.from_pretrained(str(folder))
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.encoder.config.hidden_size, n_labels)

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                                  token_type_ids=token_type_ids).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            return self.head(self.dropout(pooled))

    return CrossEncoder()


def train(model, pairs, tokenizer, epochs: float, lr: float, batch: int, rng: random.Random, max_minutes: float,
          labels, pair: bool = True):
    import torch

    steps = math.ceil(len(pairs) / batch * epochs)
    optimizer, scheduler = schedule(model, steps, lr, warmup_share=1 / 16)
    model.train()
    step, start, running = 0, time.time(), 0.0
    while step < steps:
        for enc, gold in batches(pairs, tokenizer, batch, rng, labels, pair):
            logits = model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])
            loss = torch.nn.functional.cross_entropy(logits, torch.tensor(gold))
            update(model, loss, optimizer, scheduler)
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if step > 1 else loss.item()
            if step % 50 == 0:
                minutes = (time.time() - start) / 60
                print(f"step {step}/{steps}  loss {running:.3f}  {minutes:.1f} min", flush=True)
                if minutes > max_minutes:
                    print("time budget reached: stopping early", flush=True)
                    return step
            if step >= steps:
                break
    return step


def schedule(model, steps: int, lr: float, warmup_share: float):
    """AdamW with a linear warm-up over `warmup_share` of the steps, then a linear decay to 0."""
    import torch

    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    warmup = max(1, int(steps * warmup_share))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warmup, max(0.0, (steps - s) / max(1, steps - warmup))))
    return optimizer, scheduler


def update(model, loss, optimizer, scheduler) -> None:
    """One optimiser step on `loss`, gradients clipped at norm 1."""
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad()


def probabilities(model, pairs, tokenizer, n_labels: int, pair: bool = True, batch: int = 64):
    import numpy as np
    import torch

    model.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(pairs), batch):
            chunk = pairs[i:i + batch]
            enc = encode(tokenizer, chunk, pair)
            logits = model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])
            out.append(torch.softmax(logits, -1).numpy())
    return np.concatenate(out) if out else np.zeros((0, n_labels))


def export(model, tokenizer, target: Path, pair: bool = True, output: str = "logits") -> None:
    import io

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.eval()
    enc = tokenizer(["a question"], ["a text"], return_tensors="pt") if pair else tokenizer(["a text"],
                                                                                              return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    buffer = io.BytesIO()
    torch.onnx.export(model, tuple(enc[n] for n in names), buffer, input_names=names, output_names=[output],
                      opset_version=17, dynamo=False,
                      dynamic_axes={**{n: {0: "b", 1: "s"} for n in names}, output: {0: "b"}})
    fp32 = target.with_suffix(".fp32.onnx")
    fp32.write_bytes(buffer.getvalue())
    quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8)
    fp32.unlink()
    weight_only(target)


def weight_only(path: Path) -> None:
    """Keep the int8 weights, compute in float: each MatMulInteger that quantize_dynamic wrote
    (activations quantized with one scale per batch, so a text's score moved with its
    neighbours) becomes DequantizeLinear(weight) -> MatMul. The file stays the same size."""
    import onnx
    from onnx import helper

    model = onnx.load(str(path))
    graph = model.graph
    producer = {out: node for node in graph.node for out in node.output}
    consumers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    drop, nodes = set(), []
    for node in graph.node:
        if node.op_type != "MatMulInteger":
            nodes.append(node)
            continue
        quantize = producer[node.input[0]]
        [cast] = consumers[node.output[0]]
        [rescale] = consumers[cast.output[0]]
        scales = producer[next(i for i in rescale.input if i != cast.output[0])]
        weight_scale = next(i for i in scales.input if i != quantize.output[1])
        weight = node.input[1] + "_float"
        nodes.append(helper.make_node("DequantizeLinear", [node.input[1], weight_scale, node.input[3]], [weight]))
        nodes.append(helper.make_node("MatMul", [quantize.input[0], weight], [rescale.output[0]]))
        drop.update(id(n) for n in (cast, rescale, scales))
    kept = [n for n in nodes if id(n) not in drop]
    used = {name for n in kept for name in n.input} | {o.name for o in graph.output}
    kept = [n for n in kept if n.op_type != "DynamicQuantizeLinear" or any(o in used for o in n.output)]
    del graph.node[:]
    graph.node.extend(kept)
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def provenance(folder: Path, name: str, bench: str) -> dict:
    """The card facts a retrain keeps (card file, licence, sources) and the scores it must earn
    again: `performance` is left for `bench` to measure on held-out motions."""
    import json

    shipped = Path(__file__).resolve().parents[1] / "indexer" / "encoders" / "data" / f"{name}.json"
    old = json.loads((folder / f"{name}.json" if (folder / f"{name}.json").exists() else shipped).read_text())
    return {**{k: old[k] for k in ("card", "license", "sources") if k in old},
            "performance": {"held_out": f"not yet measured for this file: run {bench}"}}


if __name__ == "__main__":
    # `python scripts/finetune.py FILE.onnx ...`: turn a file exported before weight_only existed
    # into int8 weights with float arithmetic (how the shipped files of 2026-12-03 were converted).
    import sys

    for arg in sys.argv[1:]:
        weight_only(Path(arg))
        print(f"{arg}: int8 weights, float arithmetic")
