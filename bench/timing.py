"""Small timing helpers shared by the benchmark modules."""

import statistics
import time


def median_seconds(fn, repeat: int = 7, number: int = 1) -> float:
    """Median over ``repeat`` runs of the time for one call of ``fn`` (averaged over ``number`` calls)."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        samples.append((time.perf_counter() - start) / number)
    return statistics.median(samples)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"
