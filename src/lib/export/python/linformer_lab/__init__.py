"""Linformer Lab's encoder, trainer and checks for PyTorch: the Python half of an exported bundle.

- model.py: LinformerLabEncoder, the browser encoder's computation with its weight names and layouts;
- train.py: `python -m linformer_lab.train DIR` (under torchrun: DistributedDataParallel), the browser's recipe;
- check.py: `python -m linformer_lab.check DIR`, the module's logits against the browser's (reference.json);
- bundle.py, config.py, data.py, rng.py, safetensors_io.py: reading the bundle, the masked-LM batches, the
  browser's seeded generator and the .safetensors format.
Needs only torch (1.13 or later) and numpy.
"""

from .config import ConfigError, ModelConfig, model_config_from_json
from .model import LinformerLabEncoder, WeightsMismatch, weight_specs
from .safetensors_io import load_file, save_file

__all__ = [
    "ConfigError",
    "LinformerLabEncoder",
    "ModelConfig",
    "WeightsMismatch",
    "load_file",
    "model_config_from_json",
    "save_file",
    "weight_specs",
]
