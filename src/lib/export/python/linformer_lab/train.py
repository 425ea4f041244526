"""Masked-LM training of a bundle's encoder under DistributedDataParallel, with the browser trainer's recipe.

    torchrun --standalone --nproc_per_node=N -m linformer_lab.train DIR [--steps S] [--out OUT]
    torchrun --nnodes=M --node_rank=R --rdzv_backend=c10d --rdzv_endpoint=HOST:PORT --nproc_per_node=N -m linformer_lab.train DIR
    python -m linformer_lab.train DIR                     (one process, no process group)

Only RANK, LOCAL_RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT are read from the environment (what torchrun sets),
so workers started any other way with those five variables run the very same code. GPUs use nccl (one per local
rank), CPUs gloo.

The recipe is src/lib/train/ of the app: the same masked windows (data.py draws the browser's random streams, so
every process builds the same global batch of `training.batchSize` windows and trains on its share of the rows),
the loss Σ w·CE / Σ w over the whole global batch (each process scales its partial sum so that DDP's gradient
average is exactly the gradient of that mean), global-norm clipping with the browser's factor
clipNorm / max(‖g‖, clipNorm), AdamW with decay on rank ≥ 2 tensors only, linear warm-up then linear decay to a
floor, and validation on the browser's fixed validation batches. Dropout masks come from torch's generator seeded
by (training.seed, rank), so they are reproducible but not the browser's (tf.dropout's stream cannot be ported).

Rank 0 writes OUT/trained.safetensors (the encoder's names and layouts, importable in the notebook) and
OUT/trained.json (steps, losses, validation, world size, and the largest difference between any rank's weights and
rank 0's, which DDP keeps at 0).

Exit status: 0 trained; 2 the bundle or the options are refused (the message names the field, tensor or option);
3 training diverged (a loss or gradient norm that is not finite, naming the update).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel

from .bundle import BundleError, Bundle, load_model, load_token_ids, open_bundle, require_fields
from .data import Masking, MlmBatch, MlmDataSource
from .model import LinformerLabEncoder
from .safetensors_io import save_file

# The sharing modes as a phrase for the progress line (as the notebook words them; "none sharing" reads badly).
SHARING_TEXT = {"none": "no sharing", "headwise": "headwise sharing", "kv": "key-value sharing", "layerwise": "layerwise sharing"}

def count(n: int, noun: str) -> str:
    """A count with its noun: "1 layer", "2 layers"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


TRAINING_FIELDS = ["learningRate", "warmupSteps", "totalSteps", "weightDecay", "beta1", "beta2", "epsilon", "clipNorm", "evalInterval", "seed", "batchSize"]


@dataclass(frozen=True)
class Processes:
    """Where this process sits among the training processes (from torchrun's environment)."""

    rank: int
    local_rank: int
    world_size: int

    @property
    def is_main(self) -> bool:
        return self.rank == 0


def processes_from_environment() -> Processes:
    env = os.environ
    world_size = int(env.get("WORLD_SIZE", "1"))
    rank = int(env.get("RANK", "0"))
    local_rank = int(env.get("LOCAL_RANK", str(rank)))
    if not 0 <= rank < world_size:
        raise SystemExit(f"train: RANK={rank} is outside WORLD_SIZE={world_size}.")
    if world_size > 1:
        for name in ("MASTER_ADDR", "MASTER_PORT"):
            if name not in env:
                raise SystemExit(f"train: WORLD_SIZE={world_size} but {name} is not set (torchrun sets it; so must a hand launcher).")
    return Processes(rank=rank, local_rank=local_rank, world_size=world_size)


def learning_rate_at(update: int, peak: float, warmup_steps: int, total_steps: int, floor: float) -> float:
    """schedule.ts learningRateAt: linear warm-up to the peak, then a straight line down to the floor; updates from 1."""
    if warmup_steps > 0 and update <= warmup_steps:
        return peak * max(update, 0) / warmup_steps
    decay_steps = total_steps - warmup_steps
    if decay_steps <= 0:
        return floor
    progress = min((update - warmup_steps) / decay_steps, 1)
    return peak + (floor - peak) * progress


def masked_lm_sums(logits: torch.Tensor, targets: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    """Σ w·(−log p(target)) over the batch (natural log); the caller divides by the global Σ w (mlmLoss.ts)."""
    vocab = logits.shape[-1]
    losses = F.cross_entropy(logits.reshape(-1, vocab), targets.reshape(-1), reduction="none")
    return (losses * weights.reshape(-1)).sum()


def clip_by_global_norm(parameters: List[torch.nn.Parameter], max_norm: float) -> float:
    """Scales every gradient by max_norm / max(‖g‖, max_norm) (clipByGlobalNorm.ts); returns ‖g‖ before clipping.
    Written out rather than torch.nn.utils.clip_grad_norm_, whose factor max_norm / (‖g‖ + 1e-6) differs slightly."""
    grads = [p.grad for p in parameters if p.grad is not None]
    if not grads:
        return 0.0
    norm = torch.sqrt(sum((g.detach().float() ** 2).sum() for g in grads))
    if max_norm > 0 and math.isfinite(max_norm):
        scale = max_norm / torch.clamp(norm, min=max_norm)
        for g in grads:
            g.mul_(scale)
    return float(norm)


def build_optimizer(model: LinformerLabEncoder, training: Dict[str, Any]) -> torch.optim.AdamW:
    """AdamW (adamw.ts): decoupled decay λ on trainable tensors of rank ≥ 2 only; biases, norms, conv kernels none.
    torch's AdamW computes p ← p·(1 − lr·λ) − lr·m̂/(√v̂ + ε), the browser's p − lr·(m̂/(√v̂ + ε) + λ·p)."""
    trainable = [p for p in model.weights.values() if p.requires_grad]
    decayed = [p for p in trainable if p.dim() >= 2]
    plain = [p for p in trainable if p.dim() < 2]
    return torch.optim.AdamW(
        [{"params": decayed, "weight_decay": float(training["weightDecay"])}, {"params": plain, "weight_decay": 0.0}],
        lr=float(training["learningRate"]),
        betas=(float(training["beta1"]), float(training["beta2"])),
        eps=float(training["epsilon"]),
    )


def data_source(bundle: Bundle, training: Dict[str, Any], batch_size: int) -> MlmDataSource:
    ids = load_token_ids(bundle)
    masking_raw = training.get("masking", {})
    validation_raw = training.get("validation", {})
    special = bundle.raw.get("data", {}).get("specialTokens", {})
    masking = Masking(
        rate=float(masking_raw.get("rate", 0.15)),
        mask=float(masking_raw.get("mask", 0.8)),
        random=float(masking_raw.get("random", 0.1)),
        random_ids_from=int(masking_raw.get("randomIdsFrom", 3)),
        mask_id=int(special.get("mask", 1)),
    )
    n = bundle.model.seq_len
    return MlmDataSource(
        train_ids=ids["train"],
        validation_ids=ids["validation"],
        vocab_size=bundle.model.vocab_size,
        seq_len=n,
        batch_size=batch_size,
        seed=int(training["seed"]),
        masking=masking,
        validation_batch_size=int(validation_raw.get("batchSize", max(batch_size, min(64, 8192 // n)))),
        validation_seed=int(validation_raw.get("seed", 20_200_608)),
    )


class DivergedError(RuntimeError):
    """The loss or the gradient norm stopped being finite; the weights are no longer usable."""


class SetupError(ValueError):
    """Options that cannot work with this bundle (a batch that does not split, nothing left to train)."""


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m linformer_lab.train", description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", help="the bundle directory (config.json, model.safetensors, data/tokens.safetensors)")
    parser.add_argument("--steps", type=int, help="updates to run (default: the rest of training.totalSteps)")
    parser.add_argument("--out", help="where trained.safetensors and trained.json go (default: the bundle directory)")
    parser.add_argument("--total-steps", type=int, help="stretch the learning-rate schedule to this many updates")
    parser.add_argument("--batch-size", type=int, help="windows per update over all processes (default: training.batchSize)")
    parser.add_argument("--device", choices=["auto", "cpu", "cuda"], default="auto", help="auto: a GPU per process when there are GPUs")
    parser.add_argument("--log-every", type=int, default=10, help="print progress every this many updates (rank 0)")
    parser.add_argument("--rank-weights", action="store_true", help="every rank also writes trained.rank<R>.safetensors")
    args = parser.parse_args(argv)
    processes = processes_from_environment()
    use_cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    if use_cuda and not torch.cuda.is_available():
        raise SystemExit("train: --device cuda, but torch sees no GPU.")
    device = torch.device(f"cuda:{processes.local_rank}" if use_cuda else "cpu")
    if use_cuda:
        torch.cuda.set_device(device)
    backend = "nccl" if use_cuda else "gloo"
    if processes.world_size > 1:
        dist.init_process_group(backend=backend, init_method="env://", rank=processes.rank, world_size=processes.world_size)
    try:
        return train(args, processes, device, backend)
    except BundleError as error:
        print(f"train (rank {processes.rank}): the bundle is refused. {error}", file=sys.stderr)
        return 2
    except SetupError as error:
        print(f"train (rank {processes.rank}): {error}", file=sys.stderr)
        return 2
    except DivergedError as error:
        print(f"train (rank {processes.rank}): {error}", file=sys.stderr)
        return 3
    finally:
        if dist.is_initialized():
            dist.destroy_process_group()


def train(args: argparse.Namespace, processes: Processes, device: torch.device, backend: str) -> int:
    log = (lambda message: print(message, flush=True)) if processes.is_main else (lambda message: None)
    bundle = open_bundle(args.bundle)
    training = bundle.training
    require_fields(bundle.path("config.json"), training, "training.", TRAINING_FIELDS)
    world = processes.world_size
    batch_size = args.batch_size or int(training["batchSize"])
    if batch_size % world != 0:
        raise SetupError(f"the global batch of {batch_size} windows (training.batchSize or --batch-size) does not split over {world} processes; pick a multiple of {world}.")
    rows = batch_size // world
    start = bundle.steps
    total_steps = args.total_steps or int(training["totalSteps"])
    steps = args.steps if args.steps is not None else total_steps - start
    if steps < 1:
        raise SetupError(f"there is nothing to train: the weights have had {start} of {total_steps} updates; pass --steps N.")
    out = args.out or bundle.directory
    os.makedirs(out, exist_ok=True)

    torch.manual_seed((int(training["seed"]) * 1_000_003 + processes.rank) % (2**63))
    model = load_model(bundle).to(device)
    data = data_source(bundle, training, batch_size)
    # Continue the browser's training stream where the exported weights left it.
    for _ in range(start):
        data.next_train_batch()
    trainable = [p for p in model.weights.values() if p.requires_grad]
    network = DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None) if world > 1 else model
    optimizer = build_optimizer(model, training)
    peak = float(training["learningRate"])
    floor = peak * float(training.get("finalLearningRateFraction", 0.1))
    warmup = int(training["warmupSteps"])
    clip_norm = float(training["clipNorm"])
    eval_interval = int(training["evalInterval"])
    eval_batches = int(training.get("validation", {}).get("batches", training.get("evalBatches", 4)))
    validation = data.validation_batches(eval_batches)

    log(
        f"train: {describe(bundle)}; {world} process{'es' if world > 1 else ''} ({backend}, {device.type}); "
        f"{batch_size} windows of {bundle.model.seq_len} per update ({rows} per process); updates {start + 1}…{start + steps} of a {total_steps}-update schedule."
    )
    history: Dict[str, List[float]] = {"losses": [], "gradNorms": [], "learningRates": []}
    evaluations: List[Dict[str, float]] = []
    began = time.time()
    for update in range(start + 1, start + steps + 1):
        learning_rate = learning_rate_at(update, peak, warmup, total_steps, floor)
        for group in optimizer.param_groups:
            group["lr"] = learning_rate
        batch = data.next_train_batch()
        total_weight = float(batch.weights.sum())
        tokens, targets, weights = to_device(batch, slice(processes.rank * rows, (processes.rank + 1) * rows), device)
        model.train()
        partial = masked_lm_sums(network(tokens, None), targets, weights)
        # DDP averages gradients over the processes; scaling by world / Σw makes that average the gradient of the
        # global batch's mean loss, exactly the browser's objective for this batch.
        optimizer.zero_grad(set_to_none=True)
        (partial * (world / max(total_weight, 1e-12))).backward()
        grad_norm = clip_by_global_norm(trainable, clip_norm)
        optimizer.step()
        loss = float(global_sum(partial.detach(), world)) / max(total_weight, 1e-12)
        if not (math.isfinite(loss) and math.isfinite(grad_norm)):
            raise DivergedError(f"training diverged at update {update}: loss {loss}, gradient norm {grad_norm} (learning rate {learning_rate:g}).")
        history["losses"].append(loss)
        history["gradNorms"].append(grad_norm)
        history["learningRates"].append(learning_rate)
        done = update - start
        last = done == steps
        if eval_interval > 0 and (update % eval_interval == 0 or update == total_steps) or last:
            evaluations.append({"step": update, **evaluate(model, validation, processes, device)})
        if done % max(args.log_every, 1) == 0 or last:
            elapsed = time.time() - began
            eta = elapsed / done * (steps - done)
            valid = f", validation {evaluations[-1]['loss']:.4f} (ppl {evaluations[-1]['perplexity']:.2f})" if evaluations and evaluations[-1]["step"] == update else ""
            log(f"update {update}: loss {loss:.4f}, lr {learning_rate:.3g}, grad norm {grad_norm:.3g}{valid} — {elapsed:.1f} s, about {eta:.0f} s to go")

    difference = rank_weight_difference(model, world)
    if args.rank_weights:
        save_file(model.named_weights(), os.path.join(out, f"trained.rank{processes.rank}.safetensors"))
    if processes.is_main:
        total = start + steps
        save_file(model.named_weights(), os.path.join(out, "trained.safetensors"), {"format": "pt", "schemaVersion": "1", "steps": str(total)})
        write_config_copy(bundle, out, total)
        report = {
            "schemaVersion": 1,
            "steps": total,
            "trainedSteps": steps,
            "startedFromSteps": start,
            "worldSize": world,
            "backend": backend,
            "device": device.type,
            "batchSize": batch_size,
            "finalLoss": history["losses"][-1],
            "validation": evaluations,
            "rankWeightsMaxDifference": difference,
            "seconds": round(time.time() - began, 3),
            "torch": torch.__version__,
            **history,
        }
        with open(os.path.join(out, "trained.json"), "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2)
        log(f"train: wrote {os.path.join(out, 'trained.safetensors')} ({total} updates) and trained.json; ranks' weights differ by at most {difference:g}.")
    return 0


def describe(bundle: Bundle) -> str:
    m = bundle.model
    kind = "standard attention" if m.attention == "standard" else f"Linformer ({m.projection}, {SHARING_TEXT[m.sharing]}, k = {list(m.k_per_layer)})"
    return f"{count(m.layers, 'layer')}, {count(m.heads, 'head')}, d = {m.d_model}, n = {m.seq_len}, {kind}"


def to_device(batch: MlmBatch, rows: slice, device: torch.device):
    tokens = torch.from_numpy(batch.tokens[rows]).to(device, non_blocking=True)
    targets = torch.from_numpy(batch.targets[rows]).to(device, non_blocking=True)
    weights = torch.from_numpy(batch.weights[rows]).to(device, non_blocking=True)
    return tokens, targets, weights


def global_sum(value: torch.Tensor, world: int) -> torch.Tensor:
    if world > 1:
        value = value.clone()
        dist.all_reduce(value, op=dist.ReduceOp.SUM)
    return value


def evaluate(model: LinformerLabEncoder, batches: List[MlmBatch], processes: Processes, device: torch.device) -> Dict[str, float]:
    """Mean loss per predicted token over the fixed validation batches (trainer.ts evaluate), batches split over
    the processes and their sums added up, so every process gets the same number."""
    model.eval()
    sums = torch.zeros(2, dtype=torch.float64, device=device)
    with torch.no_grad():
        for index in range(processes.rank, len(batches), processes.world_size):
            tokens, targets, weights = to_device(batches[index], slice(None), device)
            sums[0] += masked_lm_sums(model(tokens, None), targets, weights).double()
            sums[1] += weights.double().sum()
    sums = global_sum(sums, processes.world_size)
    loss = float(sums[0] / sums[1]) if float(sums[1]) > 0 else float("nan")
    return {"loss": loss, "perplexity": math.exp(loss) if math.isfinite(loss) else float("nan")}


def rank_weight_difference(model: LinformerLabEncoder, world: int) -> float:
    """max |w_rank − w_rank0| over every weight and rank: 0 when DDP kept the replicas identical."""
    if world == 1:
        return 0.0
    flat = torch.cat([w.detach().reshape(-1) for w in model.named_weights().values()])
    reference = flat.clone()
    dist.broadcast(reference, src=0)
    difference = (flat - reference).abs().max().reshape(1)
    dist.all_reduce(difference, op=dist.ReduceOp.MAX)
    return float(difference)


def write_config_copy(bundle: Bundle, out: str, total_steps: int) -> None:
    """Beside weights written elsewhere, the bundle's config.json with the new step count (the model unchanged), so
    OUT holds the config.json + .safetensors pair the notebook imports."""
    if os.path.abspath(out) == os.path.abspath(bundle.directory):
        return
    raw = json.loads(json.dumps(bundle.raw))
    raw["steps"] = total_steps
    if isinstance(raw.get("weights"), dict):
        raw["weights"]["file"] = "trained.safetensors"
    with open(os.path.join(out, "config.json"), "w", encoding="utf-8") as handle:
        json.dump(raw, handle, indent=2)


if __name__ == "__main__":
    sys.exit(main())
