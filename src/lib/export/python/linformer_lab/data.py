"""Masked-LM batches exactly as the browser builds them (src/lib/data/mlmBatch.ts, MlmDataSource).

Training windows are `seqLen` consecutive ids at uniform random offsets; in each window ~15% of the tokens are
chosen for prediction (floor(rate·r + u), at least one), and of those 80% become MASK, 10% a uniformly random
ordinary id and 10% stay. Same seed, same draws, same order as the browser (rng.py), so the batches are identical.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Sequence

import numpy as np

from .rng import Rng


@dataclass(frozen=True)
class Masking:
    """config.json training.masking: the rate, the MASK / random shares, and the first ordinary id."""

    rate: float
    mask: float
    random: float
    random_ids_from: int
    mask_id: int


@dataclass
class MlmBatch:
    """[batch, n] int64 inputs and targets, float32 loss weights (1 at predicted positions)."""

    tokens: np.ndarray
    targets: np.ndarray
    weights: np.ndarray


def mask_windows(windows: np.ndarray, vocab_size: int, masking: Masking, rng: Rng) -> MlmBatch:
    """maskTokens of mlmBatch.ts for full windows (no padding: training and validation windows are whole)."""
    batch, n = windows.shape
    tokens = windows.copy()
    weights = np.zeros((batch, n), dtype=np.float32)
    ordinary_count = vocab_size - masking.random_ids_from
    # 0.8 + 0.1 in double precision, as the browser compares it (it is 0.9000000000000001, not 0.9).
    random_below = masking.mask + masking.random
    for row in range(batch):
        positions = list(range(n))
        chosen = min(n, max(1, math.floor(masking.rate * n + rng.next())))
        # A partial Fisher–Yates shuffle: the first `chosen` positions become a uniform random subset.
        for c in range(chosen):
            pick = c + rng.int(n - c)
            position = positions[pick]
            positions[pick] = positions[c]
            positions[c] = position
            weights[row, position] = 1.0
            action = rng.next()
            if action < masking.mask:
                tokens[row, position] = masking.mask_id
            elif action < random_below:
                tokens[row, position] = masking.random_ids_from + rng.int(ordinary_count)
    return MlmBatch(tokens=tokens, targets=windows.copy(), weights=weights)


def _js_round(value: float) -> int:
    """Math.round for the non-negative numbers used here: halves go up (Python's round goes to even)."""
    whole = math.floor(value)
    return whole + 1 if value - whole >= 0.5 else whole


class MlmDataSource:
    """Random masked training windows and fixed masked validation batches, as the browser's MlmDataSource."""

    def __init__(
        self,
        train_ids: np.ndarray,
        validation_ids: np.ndarray,
        vocab_size: int,
        seq_len: int,
        batch_size: int,
        seed: int,
        masking: Masking,
        validation_batch_size: int,
        validation_seed: int,
    ):
        for label, ids in (("training", train_ids), ("validation", validation_ids)):
            if len(ids) < seq_len:
                raise ValueError(f"The {label} ids ({len(ids)} tokens) are shorter than one window of {seq_len}.")
        self.train_ids = np.asarray(train_ids, dtype=np.int64)
        self.validation_ids = np.asarray(validation_ids, dtype=np.int64)
        self.vocab_size = vocab_size
        self.seq_len = seq_len
        self.batch_size = batch_size
        self.masking = masking
        self.validation_batch_size = validation_batch_size
        self.validation_seed = validation_seed
        # Separate streams for windows and masks, forked from the run seed in this order (mlmBatch.ts).
        root = Rng(seed)
        self._window_rng = Rng(root.fork())
        self._mask_rng = Rng(root.fork())

    def next_train_batch(self) -> MlmBatch:
        last_start = len(self.train_ids) - self.seq_len + 1
        starts = [self._window_rng.int(last_start) for _ in range(self.batch_size)]
        return mask_windows(self._windows(self.train_ids, starts), self.vocab_size, self.masking, self._mask_rng)

    def validation_batches(self, count: int) -> List[MlmBatch]:
        """`count` batches of windows spread evenly over the validation ids, masked from the validation seed."""
        size = self.validation_batch_size
        window_count = count * size
        last_start = len(self.validation_ids) - self.seq_len
        starts = [0 if window_count == 1 else _js_round(i * last_start / (window_count - 1)) for i in range(window_count)]
        rng = Rng(self.validation_seed)
        return [
            mask_windows(self._windows(self.validation_ids, starts[b * size : (b + 1) * size]), self.vocab_size, self.masking, rng)
            for b in range(count)
        ]

    def _windows(self, ids: np.ndarray, starts: Sequence[int]) -> np.ndarray:
        return np.stack([ids[start : start + self.seq_len] for start in starts])
