"""Session 35: M2 runs found by T, phantom 2 as committed (A) against the probe's M2 course (B), paired by seed.
Usage: python3 session35-m2-course-probe.py TRUTH_A EVAL_A TRUTH_B EVAL_B
TRUTH_X: occlunet synth --out DIR --phantom 2 --storage subtracted --class m2 --count 200 --seed 2008000 (A: main's
build; B: the build with session35-m2-course-probe.diff); EVAL_X: occlunet eval --data dicom:DIR --json of those runs."""
import glob, json, sys, collections
from math import comb
def load(truth_dir, eval_json):
    truth = {json.load(open(f))['runId']: json.load(open(f)) for f in glob.glob(truth_dir + '/ph*.json')}
    return {r['runId']: (truth[r['runId']], r['verdict'] == 'TruePositive') for r in json.load(open(eval_json))['all'][0]['runs']}
def mcnemar(b, c):  # exact two-sided binomial on discordant pairs
    n = b + c
    return min(1.0, 2 * sum(comb(n, k) for k in range(0, min(b, c) + 1)) / 2 ** n) if n else 1.0
A, B = load(sys.argv[1], sys.argv[2]), load(sys.argv[3], sys.argv[4])
for title, keep in [('superior', lambda t: t['subLocation'] == 'M2-superior'), ('inferior', lambda t: t['subLocation'] == 'M2-inferior'),
                    ('superior, lateral', lambda t: t['subLocation'] == 'M2-superior' and t['view'] == 'Lateral'),
                    ('superior, AP', lambda t: t['subLocation'] == 'M2-superior' and t['view'] == 'Ap'),
                    ('inferior, lateral', lambda t: t['subLocation'] == 'M2-inferior' and t['view'] == 'Lateral'),
                    ('inferior, AP', lambda t: t['subLocation'] == 'M2-inferior' and t['view'] == 'Ap'), ('all M2', lambda t: True)]:
    ids = [i for i in A if keep(A[i][0])]
    a = sum(A[i][1] for i in ids); b = sum(B[i][1] for i in ids)
    only_b = sum(B[i][1] and not A[i][1] for i in ids); only_a = sum(A[i][1] and not B[i][1] for i in ids)
    print(f'{title:18s} n={len(ids):3d}  A {a:3d} ({100*a/len(ids):5.1f} %)  B {b:3d} ({100*b/len(ids):5.1f} %)  '
          f'B-only {only_b:2d} A-only {only_a:2d}  McNemar p = {mcnemar(only_b, only_a):.3g}')
