"""Small statistics shared by the benchmark commands."""


def percentile(samples, fraction):
    """The sample at ``fraction`` (0 to 1) of the sorted samples, nearest rank."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]
