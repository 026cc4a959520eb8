"""Session 32: applies the pre-registered choice to a validation sweep written by the scratch probes
(docs/results/session32-probes.diff): the highest recall with precision >= 93 %, and the best with negatives boxed <= 5 %.
Usage: python3 session32-choose.py SWEEP.txt   (columns named in its first line; rows with S = 0, top-k 1, gap 0 at t 0.30
are T's shipped rule)."""
import sys

head, *lines = [l.split() for l in open(sys.argv[1]) if l.strip()]
rows = [dict(zip(head, map(float, l))) for l in lines]
rule = [c for c in head if c not in ('TP', 'FP', 'FN', 'P', 'R', 'negBoxed', 'negRuns', 'm2Found', 'm2Runs')]
shipped = dict(t=0.30, S=0.0, topk=1, maxgap=0)
base = next(r for r in rows if all(r[c] == shipped[c] for c in rule))
# ties: fewer negatives boxed, then the rule nearest T's (top-k 1, gap 0, no S), then the higher t
order = lambda r: (r['TP'], -r['negBoxed'], -r.get('topk', 1), -r.get('maxgap', 0), -r.get('S', 0), r['t'])
eligible = [r for r in rows if r['TP'] + r['FP'] > 0 and r['TP'] / (r['TP'] + r['FP']) >= 0.93]
show = lambda name, r: print(f"{name:30s} " + ' '.join(f"{c} {r[c]:g}" for c in rule)
                             + f"  P {r['P']:.1f} / R {r['R']:.2f}  negatives {r['negBoxed']:.0f}/{r['negRuns']:.0f}  M2 {r['m2Found']:.0f}/{r['m2Runs']:.0f}")
show("T's rule (0.30)", base)
best = max(eligible, key=order)
show('chosen (P >= 93)', best)
print(f"gate: recall {best['R']:.2f} >= {base['R'] + 1:.2f}: {'passed' if best['R'] >= base['R'] + 1 else 'failed'}")
five = [r for r in eligible if r['negBoxed'] / r['negRuns'] <= 0.05]
if five: show('best with negatives <= 5 %', max(five, key=order))
