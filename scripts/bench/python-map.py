"""Python's multiprocessing.Pool.map over trivial items, timed as the bench times ours. Prints JSON:
"cold", from creating the pool to its shutdown, and "warm", the map alone on a pool already started.
Usage: python3 python-map.py COUNT [CHUNKSIZE]   (no CHUNKSIZE: Python's default chunking)"""
import json
import os
import sys
import time
from multiprocessing import Pool


def noop(item):
    return item


if __name__ == '__main__':
    count = int(sys.argv[1])
    chunksize = int(sys.argv[2]) if len(sys.argv) > 2 else None
    began = time.perf_counter()
    with Pool() as pool:
        assert len(pool.map(noop, range(count), chunksize)) == count
    cold = time.perf_counter() - began
    with Pool() as pool:
        pool.map(noop, range(os.cpu_count() * 4))
        began = time.perf_counter()
        assert len(pool.map(noop, range(count), chunksize)) == count
        warm = time.perf_counter() - began
    print(json.dumps({'cold': cold * 1000, 'warm': warm * 1000}))
