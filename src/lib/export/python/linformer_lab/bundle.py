"""Reading a bundle directory (its contract: src/lib/export/README.md of Linformer Lab, schema version 1).

Everything is checked before use, and each refusal names the file, field or tensor at fault, so a damaged or
hand-edited bundle says what is wrong instead of failing somewhere inside a forward pass.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional

import numpy as np
import torch

from .config import ConfigError, ModelConfig, model_config_from_json
from .model import LinformerLabEncoder, WeightsMismatch, weight_specs
from .safetensors_io import SafetensorsError, load_file

SCHEMA_VERSION = 1


class BundleError(ValueError):
    """A bundle that cannot be used as it is; the message names the file and the field or tensor."""


@dataclass
class Bundle:
    directory: str
    raw: Dict[str, Any]
    model: ModelConfig

    def path(self, relative: str) -> str:
        return os.path.join(self.directory, relative)

    @property
    def training(self) -> Dict[str, Any]:
        training = self.raw.get("training")
        if not isinstance(training, dict):
            raise BundleError(f'{self.path("config.json")}: field "training" is missing or not an object.')
        return training

    @property
    def steps(self) -> int:
        steps = self.raw.get("steps", 0)
        if not isinstance(steps, int) or isinstance(steps, bool) or steps < 0:
            raise BundleError(f'{self.path("config.json")}: field "steps" must be a whole number ≥ 0 (got {steps!r}).')
        return steps


def read_json(path: str, what: str) -> Any:
    if not os.path.isfile(path):
        raise BundleError(f"{path} is missing: the bundle has no {what}.")
    try:
        with open(path, "r", encoding="utf-8") as handle:
            return json.load(handle)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BundleError(f"{path} is not valid JSON ({error}).") from None


def open_bundle(directory: str) -> Bundle:
    """config.json read and its model config checked (schema version, every model field)."""
    config_path = os.path.join(directory, "config.json")
    raw = read_json(config_path, "config")
    if not isinstance(raw, dict):
        raise BundleError(f"{config_path} is not a JSON object.")
    version = raw.get("schemaVersion")
    if version != SCHEMA_VERSION:
        raise BundleError(
            f'{config_path}: field "schemaVersion" is {version!r}; this linformer_lab package reads schema version {SCHEMA_VERSION}.'
        )
    try:
        model = model_config_from_json(raw.get("model"), f'{config_path} (field "model")')
    except ConfigError as error:
        raise BundleError(str(error)) from None
    return Bundle(directory=directory, raw=raw, model=model)


def load_model(bundle: Bundle, weights_file: Optional[str] = None) -> LinformerLabEncoder:
    """The encoder with the bundle's weights (model.safetensors unless another file of the bundle is named)."""
    relative = weights_file or _weights_entry(bundle).get("file", "model.safetensors")
    path = relative if os.path.isabs(relative) else bundle.path(relative)
    if not os.path.isfile(path):
        raise BundleError(f"{path} is missing: the bundle has no weights file.")
    try:
        tensors = load_file(path)
    except SafetensorsError as error:
        raise BundleError(str(error)) from None
    listed = _weights_entry(bundle).get("names")
    expected = [spec.name for spec in weight_specs(bundle.model)]
    if isinstance(listed, list) and listed != expected:
        missing = [name for name in expected if name not in listed]
        extra = [name for name in listed if name not in expected]
        detail = (f" missing {missing[:3]}" if missing else "") + (f" unexpected {extra[:3]}" if extra else "")
        raise BundleError(
            f'{bundle.path("config.json")}: field "weights.names" does not list the weights field "model" calls for'
            + (f" ({detail.strip()})" if detail else " (their order differs)")
            + "."
        )
    fixed = _weights_entry(bundle).get("fixed")
    never_trained = [spec.name for spec in weight_specs(bundle.model) if not spec.trainable]
    if isinstance(fixed, list) and sorted(fixed) != sorted(never_trained):
        raise BundleError(
            f'{bundle.path("config.json")}: field "weights.fixed" lists {fixed[:3]}{"…" if len(fixed) > 3 else ""}, '
            f'but field "model" makes {never_trained[:3] or "no weights"}{"…" if len(never_trained) > 3 else ""} fixed.'
        )
    wrong_dtype = [name for name, tensor in tensors.items() if tensor.dtype != torch.float32]
    if wrong_dtype:
        raise BundleError(f'{path}: tensor "{wrong_dtype[0]}" is {tensors[wrong_dtype[0]].dtype}, not float32.')
    model = LinformerLabEncoder(bundle.model)
    try:
        model.load_named_weights(tensors, source=path)
    except WeightsMismatch as error:
        raise BundleError(str(error)) from None
    return model


def _weights_entry(bundle: Bundle) -> Dict[str, Any]:
    entry = bundle.raw.get("weights", {})
    return entry if isinstance(entry, dict) else {}


def load_token_ids(bundle: Bundle) -> Dict[str, np.ndarray]:
    """The training and validation id streams (data/tokens.safetensors), hash- and range-checked."""
    data = bundle.raw.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("tokens"), dict):
        raise BundleError(f'{bundle.path("config.json")}: field "data.tokens" is missing.')
    entry = data["tokens"]
    path = bundle.path(entry.get("file", "data/tokens.safetensors"))
    if not os.path.isfile(path):
        raise BundleError(f"{path} is missing: the bundle has no encoded training text.")
    expected_hash = entry.get("sha256")
    if isinstance(expected_hash, str) and sha256_of(path) != expected_hash.lower():
        raise BundleError(f'{path} does not match its sha256 in config.json (field "data.tokens.sha256"): the file is damaged.')
    try:
        tensors = load_file(path)
    except SafetensorsError as error:
        raise BundleError(str(error)) from None
    streams = {}
    for name in ("train", "validation"):
        tensor = tensors.get(name)
        if tensor is None:
            raise BundleError(f'{path}: tensor "{name}" is missing.')
        if tensor.dim() != 1:
            raise BundleError(f'{path}: tensor "{name}" has shape {list(tensor.shape)}; it must be one stream [tokens].')
        ids = tensor.numpy().astype(np.int64)
        if ids.size and (ids.min() < 0 or ids.max() >= bundle.model.vocab_size):
            raise BundleError(f'{path}: tensor "{name}" holds ids outside [0, {bundle.model.vocab_size}) (field "model.vocabSize").')
        streams[name] = ids
    return streams


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def require_fields(source: str, container: Mapping[str, Any], prefix: str, names: List[str]) -> None:
    missing = [name for name in names if name not in container]
    if missing:
        raise BundleError(f"{source}: " + ", ".join(f'field "{prefix}{name}" is missing' for name in missing) + ".")
