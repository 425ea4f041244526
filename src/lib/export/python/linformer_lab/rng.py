"""The browser's seeded generator (src/lib/random.ts, mulberry32), number for number.

Ported rather than replaced by torch's or numpy's generators so that train.py draws exactly the training windows
and masks the browser's trainer draws from the same seed, and validation scores exactly the same masked positions:
a run continued on a cluster sees the batches the notebook would have seen, and its validation loss is comparable
with the notebook's to the last digit of the data.

mulberry32 is a counter-based generator: draw i hashes seed + i·0x6d2b79f5 (mod 2³²). Draws are therefore
computed a block at a time with numpy and handed out one by one, which keeps the per-draw cost of the Python loops
that consume them (masking) small.
"""

from __future__ import annotations

import numpy as np

_GOLDEN = 0x6D2B79F5
_BLOCK = 4096
_TWO_32 = 4294967296.0


def _mulberry32_block(state: int, count: int) -> np.ndarray:
    """The next `count` 32-bit outputs after `state` (uint64 arrays masked to 32 bits: plain mod-2³² arithmetic)."""
    mask = np.uint64(0xFFFFFFFF)
    steps = np.arange(1, count + 1, dtype=np.uint64)
    t = (np.uint64(state) + steps * np.uint64(_GOLDEN)) & mask
    # t = imul(t ^ (t >>> 15), t | 1)
    t = ((t ^ (t >> np.uint64(15))) * (t | np.uint64(1))) & mask
    # t ^= t + imul(t ^ (t >>> 7), t | 61)
    t = t ^ ((t + (((t ^ (t >> np.uint64(7))) * (t | np.uint64(61))) & mask)) & mask)
    return (t ^ (t >> np.uint64(14))) & mask


class Rng:
    """createRng(seed) of random.ts: next() in [0, 1), int(max), fork(); the same sequence for the same seed."""

    def __init__(self, seed: int):
        self._state = int(seed) & 0xFFFFFFFF
        self._buffer: list = []
        self._at = 0

    def _next_u32(self) -> int:
        if self._at == len(self._buffer):
            block = _mulberry32_block(self._state, _BLOCK)
            self._state = (self._state + _BLOCK * _GOLDEN) & 0xFFFFFFFF
            self._buffer = block.tolist()
            self._at = 0
        value = self._buffer[self._at]
        self._at += 1
        return value

    def next(self) -> float:
        """Uniform in [0, 1): the 32-bit output / 2³², exactly as the browser computes it (a double)."""
        return self._next_u32() / _TWO_32

    def int(self, max_exclusive: int) -> int:
        """Math.floor(next() · max) — computed the same way, so it rounds the same way."""
        return int(self.next() * max_exclusive // 1)

    def fork(self) -> int:
        """A 32-bit seed for a child stream: floor(next() · 2³²), which is the 32-bit output itself."""
        return self._next_u32()
