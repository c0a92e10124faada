#!/usr/bin/env python3
"""Times scipy.optimize.linear_sum_assignment on a cost matrix written by AssignmentVersusScipy.

Usage: linear_sum_assignment_bench.py MATRIX.npy WARMUP RUNS

The matrix is float64, one row per client; +inf marks a pair the solver may not use. Prints one JSON
object: min, median and max in milliseconds of the RUNS timed calls (after WARMUP untimed ones) and the
optimal total cost. Only the call itself is timed, not loading
the file. Without numpy or scipy it prints {"available": false, "reason": ...} and exits 0, so that the
Java side still reports its own figures.
"""
import json
import sys
import time


def main():
    path, warmup, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    try:
        import numpy as np
        import scipy
        from scipy.optimize import linear_sum_assignment
    except ImportError as e:
        print(json.dumps({"available": False, "reason": str(e)}))
        return
    cost = np.load(path)
    for _ in range(warmup):
        linear_sum_assignment(cost)
    times = []
    rows = cols = None
    for _ in range(runs):
        start = time.perf_counter()
        rows, cols = linear_sum_assignment(cost)
        times.append((time.perf_counter() - start) * 1e3)
    chosen = cost[rows, cols]
    times.sort()
    print(json.dumps({
        "available": True,
        "scipyVersion": scipy.__version__,
        "shape": list(cost.shape),
        "runs": runs,
        "minMs": round(times[0], 3),
        # The same median as the Java side: the lower one for an even count.
        "medianMs": round(times[(len(times) + 1) // 2 - 1], 3),
        "maxMs": round(times[-1], 3),
        # Integers well below 2^53, so the float sum is exact.
        "totalCost": int(chosen.sum()),
    }))


if __name__ == "__main__":
    main()
