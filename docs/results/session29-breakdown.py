"""Session 29: which phantom-2 runs the shipped models miss or box wrongly, by the run's truth.
Usage: python3 session29-breakdown.py TRUTH_DIR EVAL_JSON MODEL_INDEX [TRUTH_DIR EVAL_JSON MODEL_INDEX ...]
TRUTH_DIR: the runs' ground-truth JSON files (occlunet synth --out DIR --phantom 2 --count N --seed S);
EVAL_JSON: occlunet eval --json of the same runs; MODEL_INDEX: which model of that file (0 = --model)."""
import collections, glob, json, sys
from math import comb

def fisher(a, b, c, d):  # two-sided exact test of [[a, b], [c, d]]
    n, r1, c1 = a + b + c + d, a + b, a + c
    p = lambda k: comb(r1, k) * comb(n - r1, c1 - k) / comb(n, c1)
    p0 = p(a)
    return sum(p(k) for k in range(max(0, c1 - (n - r1)), min(r1, c1) + 1) if p(k) <= p0 * (1 + 1e-9))

def joined(truth_dir, eval_json, model_index):
    """Each evaluated run's (truth, per-run result) for one model of an eval JSON."""
    truth = {}
    for f in glob.glob(truth_dir + '/*.json'):
        d = json.load(open(f))
        if 'runId' in d and 'truth' in d: truth[d['runId']] = d
    return [(truth[r['runId']], r) for r in json.load(open(eval_json))['all'][model_index]['runs']]


def table(rows, title, keep, key, good):
    c = collections.defaultdict(lambda: [0, 0])
    for t, r in rows:
        if keep(t, r): c[key(t, r)][0] += good(r); c[key(t, r)][1] += 1
    print(title)
    for k, (a, n) in sorted(c.items(), key=lambda x: str(x[0])): print(f'  {str(k):24s} {a:4d} / {n:4d}  ({100 * a / n:5.1f} %)')
    return c

if __name__ == '__main__':
    args = sys.argv[1:]
    rows = [row for i in range(0, len(args), 3) for row in joined(args[i], args[i + 1], int(args[i + 2]))]
    neg = lambda t, r: r['truthClass'] is None
    m2 = lambda t, r: r['truthClass'] == 'M2'
    boxed = lambda r: r['verdict'] == 'FalseAlarm'
    found = lambda r: r['verdict'] == 'TruePositive'
    c = table(rows, 'negative runs boxed, by coil mass in the run', neg, lambda t, r: 'coils' if t['parameters']['phantom2']['devices']['coils'] else 'no coils', boxed)
    print(f"  Fisher p = {fisher(c['coils'][0], c['coils'][1] - c['coils'][0], c['no coils'][0], c['no coils'][1] - c['no coils'][0]):.2g}")
    table(rows, 'negative runs boxed, by kind', neg, lambda t, r: t['negative'], boxed)
    table(rows, 'negative runs boxed, by view', neg, lambda t, r: t['view'], boxed)
    c = table(rows, 'M2 runs found, by division', m2, lambda t, r: t['subLocation'], found)
    s, i = c['M2-superior'], c['M2-inferior']
    print(f"  Fisher p = {fisher(s[0], s[1] - s[0], i[0], i[1] - i[0]):.2g}")
    table(rows, 'M2 runs found, by clot face', m2, lambda t, r: t['clotFace'], found)
    table(rows, 'M2 runs found, by timing dependence', m2, lambda t, r: t['timingDependent'], found)
    table(rows, 'M2 runs found, by view', m2, lambda t, r: t['view'], found)
