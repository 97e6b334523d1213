"""A force-directed layout (Fruchterman-Reingold, as networkx's spring_layout computes it) in plain
Python floats.

Why not networkx's own: it needs numpy, whose results can move with the BLAS build of the machine
(the picture's bytes must not), and which cannot be imported under the reproducibility tests' shifted
clock. For the few dozen nodes a picture shows, plain Python takes milliseconds.
"""
from __future__ import annotations

import math
import random
from typing import Hashable, Mapping

MIN_DISTANCE = 0.01  # as networkx: nodes closer than this repel as if this far apart
THRESHOLD = 1e-4  # stop when the mean move of an iteration is smaller


def force_layout(nodes: list[Hashable], weights: Mapping[tuple[Hashable, Hashable], float], *, seed: int,
                 iterations: int = 50, k: float | None = None) -> dict[Hashable, tuple[float, float]]:
    """Positions in [-1, 1] for `nodes` (in the order given: the result depends on it), pulled together
    by `weights` ((a, b) -> weight, either order) and apart by their distance; the same input and
    seed give the same positions on every machine."""
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    rng = random.Random(seed)
    pos = [[rng.random(), rng.random()] for _ in nodes]
    index = {node: i for i, node in enumerate(nodes)}
    attraction = [[0.0] * n for _ in nodes]
    for (a, b), w in weights.items():
        if a in index and b in index and a != b:
            attraction[index[a]][index[b]] = attraction[index[b]][index[a]] = float(w)
    k = k if k is not None else math.sqrt(1.0 / n)
    spread = max(max(p[0] for p in pos) - min(p[0] for p in pos), max(p[1] for p in pos) - min(p[1] for p in pos))
    t = spread * 0.1  # the temperature: the largest step, cooling linearly
    dt = t / (iterations + 1)
    for _ in range(iterations):
        moves = []
        for i in range(n):
            dx_sum = dy_sum = 0.0
            xi, yi = pos[i]
            row = attraction[i]
            for j in range(n):
                if i == j:
                    continue
                dx, dy = xi - pos[j][0], yi - pos[j][1]
                distance = max(MIN_DISTANCE, math.hypot(dx, dy))
                force = k * k / (distance * distance) - row[j] * distance / k
                dx_sum += dx * force
                dy_sum += dy * force
            length = math.hypot(dx_sum, dy_sum)
            length = 0.1 if length < 0.01 else length
            moves.append((dx_sum * t / length, dy_sum * t / length))
        for p, (mx, my) in zip(pos, moves):
            p[0] += mx
            p[1] += my
        t -= dt
        if math.sqrt(sum(mx * mx + my * my for mx, my in moves)) / n < THRESHOLD:
            break
    return _rescaled(nodes, pos)


def _rescaled(nodes: list[Hashable], pos: list[list[float]]) -> dict[Hashable, tuple[float, float]]:
    """Centred on the mean, scaled so that the farthest coordinate is 1 (networkx's rescale_layout)."""
    mx = sum(p[0] for p in pos) / len(pos)
    my = sum(p[1] for p in pos) / len(pos)
    centred = [(x - mx, y - my) for x, y in pos]
    scale = max(max(abs(x), abs(y)) for x, y in centred) or 1.0
    return {node: (x / scale, y / scale) for node, (x, y) in zip(nodes, centred)}
