"""Reading and writing .safetensors files (https://github.com/huggingface/safetensors, the format's spec).

Written here rather than imported because the PyTorch that Debian packages (python3-torch 1.13, what CI and
many cluster images install) comes without the `safetensors` package, and a bundle must run with torch alone.
The format is small: an 8-byte little-endian header length, a JSON header naming each tensor's dtype, shape and
byte range, then the raw little-endian bytes. Files written here load in the official library and vice versa.
"""

from __future__ import annotations

import json
import struct
import sys
from collections import OrderedDict
from typing import Dict, Mapping, Optional

import torch

# The dtypes the bundle needs (weights are float32) plus the common others, so a file from elsewhere still reads.
_DTYPES = {
    "F64": torch.float64,
    "F32": torch.float32,
    "F16": torch.float16,
    "BF16": torch.bfloat16,
    "I64": torch.int64,
    "I32": torch.int32,
    "I16": torch.int16,
    "I8": torch.int8,
    "U8": torch.uint8,
    "BOOL": torch.bool,
}
_NAMES = {dtype: name for name, dtype in _DTYPES.items()}

# Tensors are read and written as the machine's own bytes, which the format's little-endian order matches on every
# CPU PyTorch trains on (x86-64, ARM64, POWER9 little-endian); say so plainly rather than misread numbers elsewhere.
if sys.byteorder != "little":
    raise ImportError("linformer_lab.safetensors_io needs a little-endian machine (the .safetensors byte order).")

# The spec caps the header at 100 MB, which keeps a damaged length field from asking for gigabytes.
_MAX_HEADER_BYTES = 100_000_000


class SafetensorsError(ValueError):
    """A file that is not a readable .safetensors file; the message says what is wrong with it."""


def load_file(path: str) -> "OrderedDict[str, torch.Tensor]":
    """Every tensor in the file, by name, in the order of their bytes."""
    with open(path, "rb") as handle:
        data = handle.read()
    return load_bytes(data, source=path)


def load_bytes(data: bytes, source: str = "the data") -> "OrderedDict[str, torch.Tensor]":
    if len(data) < 8:
        raise SafetensorsError(f"{source} is {len(data)} bytes long, too short to be a .safetensors file.")
    (header_length,) = struct.unpack("<Q", data[:8])
    if header_length > _MAX_HEADER_BYTES or 8 + header_length > len(data):
        raise SafetensorsError(
            f"{source} says its header is {header_length} bytes, but the file has only {len(data) - 8} after the length."
        )
    try:
        header = json.loads(data[8 : 8 + header_length].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SafetensorsError(f"{source} has a header that is not JSON ({error}).") from None
    if not isinstance(header, dict):
        raise SafetensorsError(f"{source} has a header that is not a JSON object.")
    body = memoryview(data)[8 + header_length :]
    entries = [(name, entry) for name, entry in header.items() if name != "__metadata__"]
    entries.sort(key=lambda item: _offsets(source, item[0], item[1])[0])
    tensors: "OrderedDict[str, torch.Tensor]" = OrderedDict()
    for name, entry in entries:
        tensors[name] = _read_tensor(source, name, entry, body)
    return tensors


def _offsets(source: str, name: str, entry: object) -> tuple:
    offsets = entry.get("data_offsets") if isinstance(entry, dict) else None
    if not (isinstance(offsets, list) and len(offsets) == 2 and all(isinstance(o, int) for o in offsets)):
        raise SafetensorsError(f'{source}: tensor "{name}" has no valid data_offsets.')
    return offsets[0], offsets[1]


def _read_tensor(source: str, name: str, entry: dict, body: memoryview) -> torch.Tensor:
    dtype = _DTYPES.get(entry.get("dtype"))
    if dtype is None:
        raise SafetensorsError(f'{source}: tensor "{name}" has dtype {entry.get("dtype")!r}, which this reader does not know.')
    shape = entry.get("shape")
    if not (isinstance(shape, list) and all(isinstance(d, int) and d >= 0 for d in shape)):
        raise SafetensorsError(f'{source}: tensor "{name}" has an invalid shape {shape!r}.')
    start, end = _offsets(source, name, entry)
    count = 1
    for dim in shape:
        count *= dim
    item_size = torch.tensor([], dtype=dtype).element_size()
    if not (0 <= start <= end <= len(body)) or end - start != count * item_size:
        raise SafetensorsError(
            f'{source}: tensor "{name}" of shape {shape} needs {count * item_size} bytes, '
            f"but its range [{start}, {end}) does not give them (the data section is {len(body)} bytes)."
        )
    if count == 0:
        return torch.zeros(shape, dtype=dtype)
    raw = bytearray(body[start:end])  # a writable copy: torch.frombuffer warns on read-only memory
    return torch.frombuffer(raw, dtype=dtype).reshape(shape).clone()


def metadata_of(path: str) -> Dict[str, str]:
    """The file's __metadata__ strings (empty when it has none)."""
    with open(path, "rb") as handle:
        (header_length,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(header_length).decode("utf-8"))
    metadata = header.get("__metadata__", {})
    return dict(metadata) if isinstance(metadata, dict) else {}


def save_file(tensors: Mapping[str, torch.Tensor], path: str, metadata: Optional[Mapping[str, str]] = None) -> None:
    """Writes `tensors` (in the mapping's order) as a .safetensors file; contiguous little-endian bytes."""
    with open(path, "wb") as handle:
        handle.write(save_bytes(tensors, metadata))


def save_bytes(tensors: Mapping[str, torch.Tensor], metadata: Optional[Mapping[str, str]] = None) -> bytes:
    header: Dict[str, object] = {}
    if metadata:
        header["__metadata__"] = {str(key): str(value) for key, value in metadata.items()}
    chunks = []
    offset = 0
    for name, tensor in tensors.items():
        tensor = tensor.detach().to("cpu").contiguous()
        if tensor.dtype not in _NAMES:
            raise SafetensorsError(f'Tensor "{name}" has dtype {tensor.dtype}, which .safetensors files cannot hold here.')
        raw = tensor.numpy().tobytes() if tensor.dtype != torch.bfloat16 else tensor.view(torch.int16).numpy().tobytes()
        header[name] = {"dtype": _NAMES[tensor.dtype], "shape": list(tensor.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    encoded = json.dumps(header, separators=(",", ":")).encode("utf-8")
    # The spec lets the header be padded with spaces; 8-byte alignment lets readers map the data in place.
    encoded += b" " * (-len(encoded) % 8)
    return struct.pack("<Q", len(encoded)) + encoded + b"".join(chunks)
