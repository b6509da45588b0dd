#!/usr/bin/env python3
"""EASE (Steck 2019) with numpy: the peer of `Reco.Bench cubic`.

Reads (user, item) int32 pairs from a binary file, builds the dense binary user x item matrix X,
G = X^T X + lambda I by BLAS, P = inv(G) by LAPACK (getrf + getri), B = -P / diag(P) with a zero
diagonal, and prints one JSON line with the time of each step and a checksum of B.
Run with Debian's python3-numpy, which uses OpenBLAS through libblas.so.3 / liblapack.so.3
(OPENBLAS_NUM_THREADS sets the threads).

usage: ease_numpy.py PAIRS USERS ITEMS LAMBDA float32|float64
"""
import json
import sys
import time

import numpy as np


def main():
    path, users, items, lam, dtype = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    pairs = np.fromfile(path, dtype=np.int32).reshape(-1, 2)
    start = time.perf_counter()
    x = np.zeros((users, items), dtype=dtype)
    x[pairs[:, 0], pairs[:, 1]] = 1
    g = x.T @ x
    g[np.diag_indices(items)] += lam
    gram = time.perf_counter()
    p = np.linalg.inv(g)
    inverse = time.perf_counter()
    b = p / (-np.diag(p))
    b[np.diag_indices(items)] = 0
    weights = time.perf_counter()
    print(json.dumps({
        "gram_s": gram - start,
        "inverse_s": inverse - gram,
        "weights_s": weights - inverse,
        "total_s": weights - start,
        "abs_sum": float(np.abs(b).sum(dtype=np.float64)),
        "row0_top5": [int(i) for i in np.argsort(-b[0])[:5]],
        "numpy": np.__version__,
    }))


if __name__ == "__main__":
    main()
