"""Session 30: an operating point per projection view from two calibrate sweeps of one model on disjoint runs (AP, LAT).
Usage: python3 session30-per-view.py AP_SWEEP LAT_SWEEP [min_precision] [max_negatives_share]
Prints the best single threshold and the best (AP, LAT) pair: highest recall with overall P >= min_precision and negatives boxed <= the share."""
import re, sys
def sweep(f):
    rows = {}
    for line in open(f):
        m = re.match(r'\s+(0\.\d\d)\s+(\d+)\s+(\d+)\s+(\d+)\s+\S+\s+\S+\s+\S+\s+(\d+) / (\d+)', line)
        if m: rows[m.group(1)] = tuple(int(m.group(i)) for i in range(2, 7))
    return rows
ap, lat = sweep(sys.argv[1]), sweep(sys.argv[2])
pmin = float(sys.argv[3]) if len(sys.argv) > 3 else 0.93
qmax = float(sys.argv[4]) if len(sys.argv) > 4 else 0.05
def total(a, b):
    tp, fp, fn, neg, n = (x + y for x, y in zip(a, b))
    return tp, fp, fn, neg, n, tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn)
best = {}
for ta in ap:
    for tl in lat:
        tp, fp, fn, neg, n, p, r = total(ap[ta], lat[tl])
        if p < pmin - 1e-12 or neg > qmax * n + 1e-9: continue
        key = 'single' if ta == tl else 'pair'
        cand = (r, -neg, float(ta), float(tl))
        for k in (key, 'pair') if key == 'single' else (key,):
            if k not in best or cand > best[k][0]: best[k] = (cand, ta, tl, tp, fp, fn, neg, n, p)
for k in ('single', 'pair'):
    if k not in best: print(k, 'none'); continue
    (r, _, _, _), ta, tl, tp, fp, fn, neg, n, p = best[k]
    print(f'{k:6s} AP >= {ta}  LAT >= {tl}: P {100*p:.1f} R {100*r:.1f} (TP {tp} FP {fp} FN {fn}), negatives boxed {neg}/{n} ({100*neg/n:.1f} %)')
