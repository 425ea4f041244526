"""Checks that this PyTorch module computes what the browser computed: `python -m linformer_lab.check DIR`.

Loads DIR/config.json and DIR/model.safetensors (or --weights FILE), runs reference.json's ids and padding mask
through the module in evaluation mode (no dropout) and compares the logits with the browser's, elementwise, against
reference.json's tolerance (1e-4). --logits-out FILE also writes the module's logits on those ids as JSON, so the
browser side can compare its own logits for the same weights (for example for trained.safetensors).

Exit status: 0 the logits agree; 1 they do not; 2 the bundle is damaged or inconsistent (the message names the
file and the field or tensor).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, List, Optional

import torch

from .bundle import BundleError, Bundle, load_model, open_bundle, read_json

EXIT_MISMATCH = 1
EXIT_DAMAGED = 2


def _nested_shape(value: Any) -> List[int]:
    shape = []
    while isinstance(value, list):
        shape.append(len(value))
        value = value[0] if value else None
    return shape


def _tensor_field(reference: dict, field: str, expected: List[Optional[int]], path: str, dtype: torch.dtype) -> torch.Tensor:
    """reference.json's `field` as a tensor of the expected shape (None: any size), or a BundleError naming it."""
    if field not in reference:
        raise BundleError(f'{path}: field "{field}" is missing.')
    try:
        tensor = torch.tensor(reference[field], dtype=dtype)
    except (TypeError, ValueError):
        raise BundleError(f'{path}: field "{field}" is not a rectangular array of numbers (shape {_nested_shape(reference[field])}).') from None
    if tensor.dim() != len(expected) or any(e is not None and s != e for s, e in zip(tensor.shape, expected)):
        wanted = ", ".join("?" if e is None else str(e) for e in expected)
        raise BundleError(f'{path}: field "{field}" has shape {list(tensor.shape)}, but [{wanted}] is needed.')
    return tensor


def reference_logits(bundle: Bundle, model: torch.nn.Module) -> tuple:
    """(module logits, browser logits, tolerance) on reference.json's batch."""
    path = bundle.path("reference.json")
    reference = read_json(path, "reference batch")
    if not isinstance(reference, dict):
        raise BundleError(f"{path} is not a JSON object.")
    config = bundle.model
    ids = _tensor_field(reference, "ids", [None, None], path, torch.int64)
    batch, n = ids.shape
    if n != config.seq_len and (config.attention == "linformer" or n > config.seq_len):
        raise BundleError(f'{path}: field "ids" has sequences of {n}, but the model (field "model.seqLen") takes {config.seq_len}.')
    padding = _tensor_field(reference, "padding", [batch, n], path, torch.float32)
    expected = _tensor_field(reference, "logits", [batch, n, config.vocab_size], path, torch.float32)
    tolerance = reference.get("tolerance", 1e-4)
    if not isinstance(tolerance, (int, float)) or isinstance(tolerance, bool) or not tolerance > 0:
        raise BundleError(f'{path}: field "tolerance" must be a positive number (got {tolerance!r}).')
    model.eval()
    with torch.no_grad():
        logits = model(ids, padding)
    return logits, expected, float(tolerance)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m linformer_lab.check", description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", help="the bundle directory (with config.json, model.safetensors, reference.json)")
    parser.add_argument("--weights", help="a weights file to check instead of the config's model.safetensors (a relative path is read inside the bundle directory)")
    parser.add_argument("--logits-out", help="write the module's logits on the reference ids to this JSON file")
    parser.add_argument("--no-compare", action="store_true", help="only write --logits-out (for weights the browser has not seen)")
    args = parser.parse_args(argv)
    if args.no_compare and not args.logits_out:
        parser.error("--no-compare only makes sense with --logits-out FILE")
    try:
        bundle = open_bundle(args.bundle)
        model = load_model(bundle, args.weights)
        logits, expected, tolerance = reference_logits(bundle, model)
    except BundleError as error:
        print(f"check: the bundle is refused. {error}", file=sys.stderr)
        return EXIT_DAMAGED
    if args.logits_out:
        with open(args.logits_out, "w", encoding="utf-8") as handle:
            json.dump({"logits": logits.tolist()}, handle)
    if args.no_compare:
        print(f"check: wrote PyTorch logits {list(logits.shape)} to {args.logits_out}.")
        return 0
    difference = (logits - expected).abs()
    worst = float(difference.max())
    where = int(difference.argmax())
    kind = bundle.model.attention if bundle.model.attention == "standard" else f"linformer/{bundle.model.projection}/{bundle.model.sharing}"
    if not worst <= tolerance:  # also catches NaN
        b, rest = divmod(where, logits.shape[1] * logits.shape[2])
        position, token = divmod(rest, logits.shape[2])
        print(
            f"check: FAILED — {kind} model: max |PyTorch − browser| logit difference {worst:.3g} exceeds the tolerance "
            f"{tolerance:g} (at sequence {b}, position {position}, vocabulary id {token}).",
            file=sys.stderr,
        )
        return EXIT_MISMATCH
    print(f"check: OK — {kind} model: max |PyTorch − browser| logit difference {worst:.3g} ≤ {tolerance:g} over {logits.numel()} logits.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
