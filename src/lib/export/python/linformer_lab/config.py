"""The encoder's configuration as the browser describes it (src/lib/model/config.ts), read from JSON and checked.

The field names in JSON are the browser's (camelCase: dModel, kPerLayer, …); the checks are configProblems's,
one sentence per offending field, so a damaged or hand-edited config.json is refused with a message naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Mapping, Tuple

ATTENTION_KINDS = ("standard", "linformer")
SHARING_MODES = ("none", "headwise", "kv", "layerwise")
PROJECTION_KINDS = ("linear", "random", "mean-pool", "max-pool", "conv")
PROJECTION_INITS = ("xavier", "normal")
POOLING_KINDS = ("mean-pool", "max-pool", "conv")


class ConfigError(ValueError):
    """A model config that cannot be built; `problems` has one sentence per field."""

    def __init__(self, source: str, problems: List[str]):
        self.problems = problems
        super().__init__(f"{source} is not a usable model config: " + " ".join(problems))


@dataclass(frozen=True)
class ModelConfig:
    layers: int
    heads: int
    d_model: int
    d_ff: int
    seq_len: int
    vocab_size: int
    dropout: float
    attention: str
    sharing: str
    projection: str
    k_per_layer: Tuple[int, ...]
    seed: int
    # Absent in the browser's config means 'normal' (config.ts).
    projection_init: str = "normal"


# JSON field → dataclass field, in the browser's order.
_FIELDS = (
    ("layers", "layers"),
    ("heads", "heads"),
    ("dModel", "d_model"),
    ("dFF", "d_ff"),
    ("seqLen", "seq_len"),
    ("vocabSize", "vocab_size"),
    ("dropout", "dropout"),
    ("attention", "attention"),
    ("sharing", "sharing"),
    ("projection", "projection"),
    ("kPerLayer", "k_per_layer"),
    ("seed", "seed"),
)


def model_config_from_json(raw: Any, source: str = "The model config") -> ModelConfig:
    """A checked ModelConfig from the browser's JSON object; raises ConfigError naming every bad field."""
    if not isinstance(raw, Mapping):
        raise ConfigError(source, ["it is not a JSON object."])
    problems = [f'field "{key}" is missing.' for key, _ in _FIELDS if key not in raw]
    if problems:
        raise ConfigError(source, problems)
    values = {attr: raw[key] for key, attr in _FIELDS}
    if not isinstance(values["k_per_layer"], list):
        raise ConfigError(source, [f'field "kPerLayer" must be a list of whole numbers (got {values["k_per_layer"]!r}).'])
    values["k_per_layer"] = tuple(values["k_per_layer"])
    values["projection_init"] = raw.get("projectionInit", "normal")
    config = ModelConfig(**values)
    problems = config_problems(config)
    if problems:
        raise ConfigError(source, problems)
    return config


def model_config_to_json(config: ModelConfig) -> dict:
    out = {key: getattr(config, attr) for key, attr in _FIELDS}
    out["kPerLayer"] = list(config.k_per_layer)
    out["projectionInit"] = config.projection_init
    return out


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def config_problems(config: ModelConfig) -> List[str]:
    """config.ts configProblems, with the field names as they appear in config.json."""
    problems: List[str] = []
    for key, attr in (("layers", "layers"), ("heads", "heads"), ("dModel", "d_model"), ("dFF", "d_ff"), ("seqLen", "seq_len"), ("vocabSize", "vocab_size")):
        value = getattr(config, attr)
        if not _is_whole(value) or value < 1:
            problems.append(f'field "{key}" must be a positive whole number (got {value!r}).')
    if _is_whole(config.heads) and _is_whole(config.d_model) and config.heads > 0 and config.d_model % config.heads != 0:
        problems.append(f'field "heads" ({config.heads}) must divide "dModel" ({config.d_model}).')
    if not isinstance(config.dropout, (int, float)) or isinstance(config.dropout, bool) or not 0 <= config.dropout < 1:
        problems.append(f'field "dropout" must be in [0, 1) (got {config.dropout!r}).')
    if not _is_whole(config.seed):
        problems.append(f'field "seed" must be a whole number (got {config.seed!r}).')
    for key, value, allowed in (
        ("attention", config.attention, ATTENTION_KINDS),
        ("sharing", config.sharing, SHARING_MODES),
        ("projection", config.projection, PROJECTION_KINDS),
        ("projectionInit", config.projection_init, PROJECTION_INITS),
    ):
        if value not in allowed:
            problems.append(f'field "{key}" must be one of {", ".join(allowed)} (got {value!r}).')
    if problems or config.attention != "linformer":
        return problems
    if len(config.k_per_layer) != config.layers:
        problems.append(f'field "kPerLayer" lists {len(config.k_per_layer)} values for {config.layers} layers.')
    for layer, k in enumerate(config.k_per_layer):
        if not _is_whole(k) or k < 1:
            problems.append(f'field "kPerLayer": k in layer {layer + 1} must be a positive whole number (got {k!r}).')
        elif k > config.seq_len:
            problems.append(f'field "kPerLayer": k in layer {layer + 1} ({k}) is larger than n ({config.seq_len}).')
        elif config.projection in POOLING_KINDS and config.seq_len % k != 0:
            problems.append(
                f'field "kPerLayer": n ({config.seq_len}) is not divisible by k in layer {layer + 1} ({k}), '
                f"which {config.projection} needs for its stride n/k."
            )
    if config.sharing == "layerwise" and len(set(config.k_per_layer)) > 1:
        problems.append('field "kPerLayer": layerwise sharing uses one projection for every layer, so k must be the same in every layer.')
    return problems
