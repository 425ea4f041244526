"""The browser encoder of Linformer Lab as a PyTorch module: the same numbers from the same weights.

It mirrors src/lib/model/ of the app (encoder.ts, attention.ts, layers.ts, sequenceCompression.ts,
projections.ts) operation for operation:

    x = LN(token embedding + position embedding)
    per layer: x = LN(x + Dropout(Wo · Attention(Wq x, Wk x, Wv x)))
               x = LN(x + Dropout(W2 · GELU(W1 x)))
    logits = LN(GELU(Wd x)) · token embeddingᵀ + output bias      (output weights tied to the input embedding)

post-LN with epsilon 1e-5 (RoBERTa's), exact GELU x·Φ(x), attention scaled by 1/√dHead, dropout only on the
attention output and the feed-forward output (inverted, as tf.dropout and torch's are).

Weights live in one ParameterDict keyed by the encoder's own weight names (`layer0/attention/queryKeyValue/kernel`,
`projection/layer0/E`, `embedding/token`, …) in the encoder's own layouts (a dense kernel is [in, out] and is applied
as x·W + b), so a .safetensors file moves between the browser and PyTorch with no renaming or transposing. Fixed
random projections are parameters with requires_grad=False: present under their names, never trained, and ignored
by DistributedDataParallel's gradient reduction just as tfjs's optimizer ignores non-trainable variables.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from typing import List, Mapping, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .config import ModelConfig

# RoBERTa's layer-norm epsilon (src/lib/model/layers.ts).
LAYER_NORM_EPSILON = 1e-5
# Added to the logits of padded keys, and what padding becomes before max-pooling (sequenceCompression.ts MASKED):
# finite on purpose, exactly as in the browser, so the two agree bit for bit in what they exclude.
MASKED = -1e9
# BERT's initial spread of dense kernels and embeddings (encoder.ts INIT_STD).
INIT_STD = 0.02


@dataclass(frozen=True)
class WeightSpec:
    """One named weight of the encoder: its shape, whether training updates it, and how it starts."""

    name: str
    shape: Tuple[int, ...]
    trainable: bool = True


def projection_weight_name(sharing: str, layer: int, role: str, head: int) -> str:
    """The weight compressing `role` ('keys' or 'values') of `head` in `layer`, as projections.ts names it."""
    letter = "E" if role == "keys" else "F"
    if sharing == "none":
        return f"projection/layer{layer}/head{head}/{letter}"
    if sharing == "headwise":
        return f"projection/layer{layer}/{letter}"
    if sharing == "kv":
        return f"projection/layer{layer}/EF"
    if sharing == "layerwise":
        return "projection/shared/EF"
    raise ValueError(f"Unknown sharing mode {sharing!r}.")


def projection_specs(config: ModelConfig) -> List[WeightSpec]:
    """Every distinct projection weight a config needs, in projections.ts's order (layer, role, head)."""
    if config.attention != "linformer" or config.projection in ("mean-pool", "max-pool"):
        return []
    specs: "OrderedDict[str, WeightSpec]" = OrderedDict()
    for layer in range(config.layers):
        k = config.k_per_layer[layer]
        for role in ("keys", "values"):
            for head in range(config.heads):
                name = projection_weight_name(config.sharing, layer, role, head)
                if name in specs:
                    continue
                if config.projection == "conv":
                    specs[name] = WeightSpec(name, (config.seq_len // k,))
                else:
                    specs[name] = WeightSpec(name, (k, config.seq_len), trainable=config.projection == "linear")
    return list(specs.values())


def weight_specs(config: ModelConfig) -> List[WeightSpec]:
    """Every weight of the encoder in the order the browser creates them (encoder.ts buildParts)."""
    d, d_ff = config.d_model, config.d_ff
    specs: List[WeightSpec] = []

    def dense(name: str, fan_in: int, fan_out: int) -> None:
        specs.extend([WeightSpec(f"{name}/kernel", (fan_in, fan_out)), WeightSpec(f"{name}/bias", (fan_out,))])

    def norm(name: str) -> None:
        specs.extend([WeightSpec(f"{name}/gain", (d,)), WeightSpec(f"{name}/bias", (d,))])

    specs.append(WeightSpec("embedding/token", (config.vocab_size, d)))
    specs.append(WeightSpec("embedding/position", (config.seq_len, d)))
    norm("embedding/norm")
    for layer in range(config.layers):
        prefix = f"layer{layer}"
        # Query, key and value in one [dModel, 3·dModel] matrix, columns in that order (encoder.ts).
        dense(f"{prefix}/attention/queryKeyValue", d, 3 * d)
        dense(f"{prefix}/attention/output", d, d)
        norm(f"{prefix}/attention/norm")
        dense(f"{prefix}/feedForward/in", d, d_ff)
        dense(f"{prefix}/feedForward/out", d_ff, d)
        norm(f"{prefix}/feedForward/norm")
    specs.extend(projection_specs(config))
    dense("mlmHead/dense", d, d)
    norm("mlmHead/norm")
    specs.append(WeightSpec("mlmHead/outputBias", (config.vocab_size,)))
    return specs


class LinformerLabEncoder(nn.Module):
    """The masked-LM encoder; `forward(tokens, mask)` gives the logits the browser's encoderForward gives."""

    def __init__(self, config: ModelConfig, generator: Optional[torch.Generator] = None):
        super().__init__()
        self.config = config
        self.specs = weight_specs(config)
        # Keyed by the browser's names ('/' is allowed in a parameter name; '.' would not be, and no name has one).
        self.weights = nn.ParameterDict()
        for spec in self.specs:
            values = _initial_values(config, spec, generator)
            self.weights[spec.name] = nn.Parameter(values, requires_grad=spec.trainable)

    # ---- weights by the browser's names -------------------------------------------------------------------------

    def named_weights(self) -> "OrderedDict[str, torch.Tensor]":
        """Every weight under its browser name, in the browser's order (what a .safetensors file holds)."""
        return OrderedDict((spec.name, self.weights[spec.name]) for spec in self.specs)

    def load_named_weights(self, tensors: Mapping[str, torch.Tensor], source: str = "the weights") -> None:
        """Copies in every weight by name after checking all of them; raises WeightsMismatch naming each problem."""
        problems = weight_problems(self.specs, {name: tuple(t.shape) for name, t in tensors.items()})
        if problems:
            raise WeightsMismatch(source, problems)
        with torch.no_grad():
            for spec in self.specs:
                self.weights[spec.name].copy_(tensors[spec.name].to(torch.float32))

    # ---- the computation ----------------------------------------------------------------------------------------

    def forward(self, tokens: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        """tokens: int [batch, n]; mask: [batch, n], 1 at tokens and 0 at padding, or None when nothing is padded.
        Returns logits [batch, n, vocab]. Dropout is on while the module is in training mode."""
        config = self.config
        w = self.weights
        batch, n = tokens.shape
        _check_sequence_shape(config, tokens, mask)
        d, heads = config.d_model, config.heads
        d_head = d // heads
        if mask is not None:
            mask = mask.to(torch.float32)

        x = _embed(tokens.long(), w["embedding/token"]) + w["embedding/position"][:n]
        x = _layer_norm(x.reshape(batch * n, d), w, "embedding/norm")
        for layer in range(config.layers):
            prefix = f"layer{layer}"
            projected = _dense(x, w, f"{prefix}/attention/queryKeyValue")
            # [batch·n, 3·d] → three [batch, heads, n, dHead] (encoder.ts splitQueryKeyValue).
            q, k, v = projected.reshape(batch, n, 3, heads, d_head).permute(2, 0, 3, 1, 4).unbind(0)
            if config.attention == "linformer":
                attended = self._compressed_attention(layer, q, k, v, mask)
            else:
                attended = _standard_attention(q, k, v, mask)
            merged = attended.permute(0, 2, 1, 3).reshape(batch * n, d)
            x = _layer_norm(x + self._dropout(_dense(merged, w, f"{prefix}/attention/output")), w, f"{prefix}/attention/norm")
            fed = _dense(F.gelu(_dense(x, w, f"{prefix}/feedForward/in")), w, f"{prefix}/feedForward/out")
            x = _layer_norm(x + self._dropout(fed), w, f"{prefix}/feedForward/norm")

        head = _layer_norm(F.gelu(_dense(x, w, "mlmHead/dense")), w, "mlmHead/norm")
        logits = head @ w["embedding/token"].t() + w["mlmHead/outputBias"]
        return logits.reshape(batch, n, config.vocab_size)

    def _dropout(self, x: torch.Tensor) -> torch.Tensor:
        return F.dropout(x, self.config.dropout, self.training) if self.config.dropout > 0 else x

    def _compressed_attention(
        self, layer: int, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: Optional[torch.Tensor]
    ) -> torch.Tensor:
        """softmax(Q (E K)ᵀ / √dHead) (F V) with padded rows of K and V zeroed before compression (attention.ts)."""
        batch, _, n, d_head = q.shape
        if mask is not None:
            keep = mask.reshape(batch, 1, n, 1)
            k = k * keep
            v = v * keep
        compressed_keys = self._compress(layer, "keys", k, mask)
        compressed_values = self._compress(layer, "values", v, mask)
        probs = torch.softmax((q @ compressed_keys.transpose(-1, -2)) * (1.0 / math.sqrt(d_head)), dim=-1)
        return probs @ compressed_values

    def _compress(self, layer: int, role: str, x: torch.Tensor, mask: Optional[torch.Tensor]) -> torch.Tensor:
        """[B, H, n, dHead] → [B, H, k, dHead] as this layer's projection kind does it (sequenceCompression.ts)."""
        config = self.config
        k = config.k_per_layer[layer]
        kind = config.projection
        if kind == "mean-pool":
            return _mean_pool(x, k, mask)
        if kind == "max-pool":
            return _max_pool(x, k, mask)
        names = [projection_weight_name(config.sharing, layer, role, head) for head in range(config.heads)]
        if config.sharing != "none":
            names = names[:1]  # one weight serves every head
        stacked = torch.stack([self.weights[name] for name in names])  # [1 or H, k, n] or [1 or H, s]
        if kind == "conv":
            return _convolve(x, stacked)
        # E [k, n] (shared, broadcast over heads) or E_h [H, k, n]: E·X along the sequence axis.
        return stacked.unsqueeze(0) @ x


class WeightsMismatch(ValueError):
    """Weights that do not fit the model: each missing, extra or misshapen tensor is named."""

    def __init__(self, source: str, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__(f"{source} do not fit this model: " + "; ".join(self.problems) + ".")


def weight_problems(specs: Sequence[WeightSpec], shapes: Mapping[str, Tuple[int, ...]]) -> List[str]:
    """One sentence per missing, misshapen or unexpected tensor, naming it (empty when everything fits)."""
    problems: List[str] = []
    expected = {spec.name for spec in specs}
    for spec in specs:
        if spec.name not in shapes:
            problems.append(f'tensor "{spec.name}" is missing (expected shape {list(spec.shape)})')
        elif tuple(shapes[spec.name]) != spec.shape:
            problems.append(f'tensor "{spec.name}" has shape {list(shapes[spec.name])}, but the config needs {list(spec.shape)}')
    for name in shapes:
        if name not in expected:
            problems.append(f'tensor "{name}" is not a weight of this model')
    return problems


# ---- the building blocks (layers.ts, attention.ts, sequenceCompression.ts) -----------------------------------------


def _dense(x: torch.Tensor, w: Mapping[str, torch.Tensor], name: str) -> torch.Tensor:
    return torch.addmm(w[f"{name}/bias"], x, w[f"{name}/kernel"])


def _layer_norm(x: torch.Tensor, w: Mapping[str, torch.Tensor], name: str) -> torch.Tensor:
    # Biased variance, as tf.moments and the app's fused kernel use.
    return F.layer_norm(x, (x.shape[-1],), w[f"{name}/gain"], w[f"{name}/bias"], LAYER_NORM_EPSILON)


def _embed(ids: torch.Tensor, table: torch.Tensor) -> torch.Tensor:
    """Rows of `table` for `ids`; an id outside the table gives zeros, as the browser's one-hot product does."""
    vocabulary = table.shape[0]
    inside = (ids >= 0) & (ids < vocabulary)
    return F.embedding(ids.clamp(0, vocabulary - 1), table) * inside.unsqueeze(-1).to(table.dtype)


def _standard_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: Optional[torch.Tensor]) -> torch.Tensor:
    """softmax(Q Kᵀ / √dHead) V; padded keys get probability exactly 0 (logits pushed to MASKED, then × mask)."""
    scores = (q @ k.transpose(-1, -2)) * (1.0 / math.sqrt(q.shape[-1]))
    if mask is None:
        return torch.softmax(scores, dim=-1) @ v
    key_mask = mask.reshape(mask.shape[0], 1, 1, mask.shape[1])
    probs = torch.softmax(scores + (1 - key_mask) * MASKED, dim=-1) * key_mask
    return probs @ v


def _windows(x: torch.Tensor, stride: int) -> torch.Tensor:
    batch, heads, n, d_head = x.shape
    return x.reshape(batch, heads, n // stride, stride, d_head)


def _convolve(x: torch.Tensor, kernels: torch.Tensor) -> torch.Tensor:
    """Strided convolution, kernel = stride = n/k: out_j = Σ_t w_t · x[j·s + t]; kernels [1 or H, s]."""
    kernel_heads, stride = kernels.shape
    return (_windows(x, stride) * kernels.reshape(1, kernel_heads, 1, stride, 1)).sum(3)


def _mean_pool(x: torch.Tensor, k: int, mask: Optional[torch.Tensor]) -> torch.Tensor:
    """Mean over windows of n/k positions, counting only tokens; a window of only padding gives 0."""
    batch, _, n, _ = x.shape
    stride = n // k
    if mask is None:
        return _windows(x, stride).mean(3)
    keep = mask.reshape(batch, 1, n, 1)
    sums = _windows(x * keep, stride).sum(3)
    counts = mask.reshape(batch, 1, k, stride, 1).sum(3)
    return sums / counts.clamp(min=1)


def _max_pool(x: torch.Tensor, k: int, mask: Optional[torch.Tensor]) -> torch.Tensor:
    """Max over windows of n/k positions; padding never wins, and a window of only padding gives 0."""
    batch, _, n, _ = x.shape
    stride = n // k
    if mask is None:
        return _windows(x, stride).amax(3)
    keep = mask.reshape(batch, 1, n, 1)
    candidates = x * keep + (1 - keep) * MASKED
    window_has_token = mask.reshape(batch, 1, k, stride, 1).amax(3)
    return _windows(candidates, stride).amax(3) * window_has_token


def _check_sequence_shape(config: ModelConfig, tokens: torch.Tensor, mask: Optional[torch.Tensor]) -> None:
    if tokens.dim() != 2:
        raise ValueError(f"tokens must be [batch, n]; got shape {list(tokens.shape)}.")
    n = tokens.shape[1]
    if mask is not None and tuple(mask.shape) != tuple(tokens.shape):
        raise ValueError(f"The mask is {list(mask.shape)} but the tokens are {list(tokens.shape)}.")
    if config.attention == "linformer" and n != config.seq_len:
        raise ValueError(f"Linformer projections compress exactly n = {config.seq_len} positions; got sequences of {n}.")
    if n > config.seq_len:
        raise ValueError(f"Sequences of {n} are longer than the model's n = {config.seq_len}.")


def _initial_values(config: ModelConfig, spec: WeightSpec, generator: Optional[torch.Generator]) -> torch.Tensor:
    """Starting values from the browser's distributions (encoder.ts, projections.ts). The numbers themselves differ
    from the browser's seeded draws: a bundle's model.safetensors carries those, and train.py starts from it."""
    name, shape = spec.name, spec.shape
    if name.endswith("/gain"):
        return torch.ones(shape)
    if name.endswith("/bias") or name == "mlmHead/outputBias":
        return torch.zeros(shape)
    if name.startswith("projection/"):
        if config.projection == "conv":
            stride = shape[0]
            return torch.normal(1 / stride, 0.1 / stride, shape, generator=generator)
        k, n = shape
        if config.projection_init == "xavier":
            limit = math.sqrt(6 / (n + k))
            return (torch.rand(shape, generator=generator) * 2 - 1) * limit
        return torch.normal(0.0, 1 / math.sqrt(k), shape, generator=generator)
    return torch.normal(0.0, INIT_STD, shape, generator=generator)

