"""Statistical disclosure control for published referral counts (the NHS practice).

- Primary suppression: a count from 1 to 4 is shown as "fewer than 5" (0 is shown: it identifies nobody).
- Secondary suppression: figures are published as a table with totals in every direction (services
  and all services; months and their quarter; referrer types or outcomes and their total). Any line of
  that table that adds up to a total with exactly one figure hidden would give it away by subtraction,
  so another non-zero figure in the line is hidden too ("not shown"): the one that leaves fewest other
  lines with a single hidden figure, the smallest of those; repeated until no line has a single
  hidden figure. Months and quarters come from one table, so a quarter minus its
  other months never recovers a hidden month.
- Rates and medians are only shown when the counts behind them are 5 or more (see the callers).
"""

from dataclasses import dataclass
from itertools import product

SMALL = "fewer than 5"
HIDDEN = "not shown"
THRESHOLD = 5


@dataclass(frozen=True)
class Figure:
    """A published count: ``value`` is None when it is suppressed, ``text`` is what readers see."""

    value: int | None
    text: str

    @property
    def suppressed(self):
        return self.value is None

    def __str__(self):
        return self.text

    def export(self):
        """The value for open data: the number, or the words that replace it."""
        return self.text if self.value is None else self.value


def is_small(value):
    return 0 < value < THRESHOLD


def _margin_sums(values, shape):
    """Every cell of the table with totals: index ``n`` along a dimension of size ``n`` means 'all'.
    Summed one dimension at a time, so totals of totals come from the totals already made."""
    full = dict.fromkeys(product(*(range(size + 1) for size in shape)), 0)
    full.update(values)
    for axis, size in enumerate(shape):
        for key in [key for key in full if key[axis] < size]:
            value = full[key]
            if value:
                full[(*key[:axis], size, *key[axis + 1 :])] += value
    return full


def _lines(shape):
    for axis, size in enumerate(shape):
        others = [range(n + 1) for n in shape[:axis] + shape[axis + 1 :]]
        for rest in product(*others):
            yield [(*rest[:axis], position, *rest[axis:]) for position in range(size + 1)], size


def protect(values, shape):
    """Protect a table of counts. ``values`` maps interior index tuples to counts (missing means 0);
    ``shape`` gives each dimension's size. Returns a Figure for every cell, totals included (index
    ``shape[d]`` along dimension ``d`` is the total over it)."""
    full = _margin_sums(values, shape)
    primary = {key for key, value in full.items() if is_small(value)}
    hidden = set(primary)
    changed = True
    while changed:
        changed = False
        for line, size in _lines(shape):
            if sum(1 for key in line if key in hidden) != 1:
                continue
            candidates = [key for key in line if key not in hidden and full[key] > 0]
            if not candidates:
                continue
            inner = [key for key in candidates if key != line[size]] or candidates
            hidden.add(min(inner, key=lambda key: (_exposed_lines(key, shape, hidden), full[key])))
            changed = True
    return {key: _figure(value, key in primary, key in hidden) for key, value in full.items()}


def _exposed_lines(key, shape, hidden):
    """How many other lines through ``key`` have nothing hidden yet: hiding ``key`` would leave each
    with a single hidden figure and force another. Fewest first keeps the secondary suppression small."""
    count = 0
    for axis, size in enumerate(shape):
        line = [(*key[:axis], position, *key[axis + 1 :]) for position in range(size + 1)]
        if not any(member in hidden for member in line):
            count += 1
    return count


def _figure(value, small, hidden):
    if small:
        return Figure(None, SMALL)
    if hidden:
        return Figure(None, HIDDEN)
    return Figure(value, f"{value:,}")


def rate(numerator, denominator):
    """A percentage, or None when it would describe fewer than 5 people either way (e.g. 3 declined
    of 40 gives the 3 away as '92% accepted')."""
    if denominator < THRESHOLD or is_small(numerator) or is_small(denominator - numerator):
        return None
    return round(100 * numerator / denominator)


def median_from_counts(counts):
    """The median of values given as {value: how many}, or None for fewer than 5 values."""
    total = sum(counts.values())
    if total < THRESHOLD:
        return None
    ordered = sorted((int(value), count) for value, count in counts.items())
    middle = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value, count in ordered:
        while len(found) < 2 and middle[len(found)] < seen + count:
            found.append(value)
        seen += count
    return (found[0] + found[1]) / 2
