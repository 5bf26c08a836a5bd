"""Cut a graph into contiguous, compact territories balanced in weight.

:func:`_partition` places seeds by population-weighted k-means, grows territories from
them in power distance (a power diagram that stays contiguous), adjusts the seeds' offsets
until weights meet their targets, and finishes with a few boundary moves.
"""

from __future__ import annotations

import heapq

import numpy as np

from geodata.demo.graph import _components, _Graph

#: Lloyd iterations placing the seeds of the territories (population-weighted k-means).
KMEANS_ITERATIONS = 12
#: Rounds adjusting the territories' offsets so that their weights meet their targets, and
#: how far each round moves an offset (share of the squared radius of a territory).
BALANCE_ITERATIONS = 25
BALANCE_STEP = 0.5
#: Boundary moves allowed per territory when balancing populations after growth.
REBALANCE_MOVES_PER_REGION = 6
#: Load under which a territory takes any neighbour, however ragged its limit becomes.
STARVED_LOAD = 0.5
#: Smallest improvement of the squared loads (population / target) that justifies a move.
REBALANCE_MIN_GAIN = 0.001


def _seeds(graph: _Graph, nodes: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    """Population-weighted k-means (k-means++ start), then the node nearest each centre."""
    xy = graph.xy[nodes]
    weights = graph.weights[nodes] + 1.0  # a node of zero population can still be drawn
    centres = [xy[rng.choice(len(nodes), p=weights / weights.sum())]]
    for _ in range(1, k):
        spread = weights * _distances(xy, np.array(centres)).min(axis=1)
        centres.append(xy[rng.choice(len(nodes), p=spread / spread.sum())])
    centres = np.array(centres)
    for _ in range(KMEANS_ITERATIONS):
        nearest = _distances(xy, centres).argmin(axis=1)
        for c in range(k):
            if (nearest == c).any():
                centres[c] = np.average(xy[nearest == c], axis=0, weights=weights[nearest == c])
    taken: list[int] = []
    for column in _distances(xy, centres).T:
        taken.append(next(i for i in np.argsort(column, kind="stable") if i not in taken))
    return nodes[taken]


def _distances(xy: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Squared distances between points (rows) and centres (columns)."""
    return ((xy[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)


def _partition(graph: _Graph, nodes: np.ndarray, k: int, rng: np.random.Generator,
               spread: tuple[float, float] = (1.0, 1.0)) -> list[np.ndarray]:
    """Split ``nodes`` into at most ``k`` contiguous, compact territories balanced in weight.

    Seeds are placed by weighted k-means on the largest connected piece. Territories grow
    from them over the graph, each node going to the seed nearest in power distance (a
    power diagram that stays contiguous); the seeds' offsets are adjusted until weights
    match targets, and a few boundary moves finish the balance.
    ``spread`` draws a target size per territory relative to the mean.
    """
    main = _components(graph.neighbours, nodes)[0]
    k = min(k, len(main))
    seeds = _seeds(graph, main, k, rng)
    targets = rng.uniform(*spread, size=k)
    targets *= graph.weights[nodes].sum() / targets.sum()
    offsets = np.zeros(k)
    reach = _distances(graph.xy[nodes], graph.xy[nodes].mean(axis=0)[None, :]).mean() / k
    best, best_error = None, np.inf
    for _ in range(BALANCE_ITERATIONS):
        labels = _grow(graph, nodes, seeds, offsets)
        load = (np.bincount(labels[nodes], weights=graph.weights[nodes], minlength=k) + 1) / (
            targets + 1)
        error = np.abs(np.log(load)).max()
        if error < best_error:
            best, best_error = labels, error
        offsets += BALANCE_STEP * reach * np.clip(1 - load, -1, 1)
    _rebalance(graph, best, nodes, targets)
    return [np.flatnonzero(best == region) for region in range(k)]


def _grow(graph: _Graph, nodes: np.ndarray, seeds: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Grow territories from ``seeds``; label of every node, -1 outside ``nodes``.

    A node goes to the first territory that reaches it in the order of power distance to
    the seeds (squared distance minus the territory's offset): contiguous by construction,
    with the straight limits of a power diagram. Pieces no seed can reach (islands) join
    the territory of the nearest seed.
    """
    labels = np.full(len(graph.weights), -1)
    allowed = np.zeros(len(graph.weights), dtype=bool)
    allowed[nodes] = True
    origins = graph.xy[seeds]
    queue = [(-np.inf, int(seed), region) for region, seed in enumerate(seeds)]
    while queue:
        _, node, region = heapq.heappop(queue)
        if labels[node] >= 0:
            continue
        labels[node] = region
        for other in graph.neighbours[node].tolist():
            if allowed[other] and labels[other] < 0:
                power = float(((graph.xy[other] - origins[region]) ** 2).sum()) - offsets[region]
                heapq.heappush(queue, (power, other, region))
    stranded = nodes[labels[nodes] < 0]
    if stranded.size:
        labels[stranded] = _distances(graph.xy[stranded], origins).argmin(axis=1)
    return labels


def _rebalance(graph: _Graph, labels: np.ndarray, nodes: np.ndarray, targets: np.ndarray) -> None:
    """Move boundary nodes from over- to under-filled neighbours, keeping territories whole.

    Units are indivisible, so growth cannot meet every target; each move here brings the
    two loads (weight / target) it touches closer to 1, in sum of squares. Only nodes with
    at least as many neighbours across the limit as at home may move, so that limits stay
    smooth (no fingers), unless the receiving territory is starved (enclosed by its
    neighbours during growth). ``labels`` is updated in place.
    """
    weights = graph.weights
    sums = np.bincount(labels[nodes], weights=weights[nodes], minlength=len(targets))
    for _ in range(REBALANCE_MOVES_PER_REGION * len(targets)):
        load = sums / targets
        moves = []
        for node in nodes.tolist():
            home = labels[node]
            around = labels[graph.neighbours[node]]
            for away in np.unique(around).tolist():
                if away < 0 or away == home or (
                        load[away] >= STARVED_LOAD
                        and (around == away).sum() < (around == home).sum()):
                    continue
                home_after = (sums[home] - weights[node]) / targets[home]
                away_after = (sums[away] + weights[node]) / targets[away]
                gain = ((load[home] - 1) ** 2 + (load[away] - 1) ** 2
                        - (home_after - 1) ** 2 - (away_after - 1) ** 2)
                if gain > REBALANCE_MIN_GAIN:
                    moves.append((-gain, node, away))
        for _, node, away in sorted(set(moves)):
            home = labels[node]
            rest = np.flatnonzero(labels == home)
            rest = rest[rest != node]
            if rest.size and len(_components(graph.neighbours, rest)) <= len(
                    _components(graph.neighbours, np.append(rest, node))):
                labels[node] = away
                sums[home] -= weights[node]
                sums[away] += weights[node]
                break
        else:
            return


def _reading_order(graph: _Graph, parts: list[np.ndarray]) -> list[np.ndarray]:
    """Territories from north to south, then west to east: letters and numbers read well."""
    centres = [np.average(graph.xy[p], axis=0, weights=graph.weights[p] + 1.0) for p in parts]
    order = sorted(range(len(parts)), key=lambda i: (-round(centres[i][1], 3), centres[i][0]))
    return [parts[i] for i in order]
