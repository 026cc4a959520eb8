"""Session 31: per model, negatives boxed, recall, and an exact McNemar on run verdicts, between two eval JSON files (arm A, arm B)."""
import json, sys
from math import comb

def runs(path):
    d = json.load(open(path))
    return {s['name'].split(':')[0]: {r['runId']: r for r in s['runs']} for s in d['all'] if s['name'].endswith('all runs')}

def right(r):
    return r['verdict'] in ('TruePositive', 'TrueNegative') if r['truthClass'] else r['falsePositives'] == 0

def p_exact(b, c):
    n, k = b + c, min(b, c)
    return 1.0 if n == 0 else min(1.0, 2 * sum(comb(n, i) for i in range(k + 1)) / 2 ** n)

a, b = runs(sys.argv[1]), runs(sys.argv[2])
for model in a:
    ra, rb = a[model], b[model]
    ids = sorted(ra)
    neg = [i for i in ids if ra[i]['truthClass'] is None]
    pos = [i for i in ids if ra[i]['truthClass'] is not None]
    boxed = lambda r: sum(1 for i in neg if r[i]['falsePositives'] > 0)
    found = lambda r: sum(1 for i in pos if r[i]['verdict'] == 'TruePositive')
    m2 = [i for i in pos if ra[i]['truthClass'] == 'M2']
    only_a = sum(1 for i in ids if right(ra[i]) and not right(rb[i]))
    only_b = sum(1 for i in ids if right(rb[i]) and not right(ra[i]))
    print(f"{model}: negatives boxed A {boxed(ra)}/{len(neg)}  B {boxed(rb)}/{len(neg)} | recall A {found(ra)}/{len(pos)} = {100*found(ra)/len(pos):.1f}  B {found(rb)}/{len(pos)} = {100*found(rb)/len(pos):.1f}"
          f" | M2 A {sum(1 for i in m2 if ra[i]['verdict']=='TruePositive')}/{len(m2)} B {sum(1 for i in m2 if rb[i]['verdict']=='TruePositive')}/{len(m2)}"
          f" | McNemar only A right {only_a}, only B right {only_b}, p = {p_exact(only_a, only_b):.3g}")
