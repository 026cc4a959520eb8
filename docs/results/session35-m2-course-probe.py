"""Session 35: M2 runs found by T, phantom 2 as committed (A) against the probe's M2 course (B), paired by seed.
Usage: python3 session35-m2-course-probe.py TRUTH_A EVAL_A TRUTH_B EVAL_B
TRUTH_X: occlunet synth --out DIR --phantom 2 --storage subtracted --class m2 --count 200 --seed 2008000 (A: main's
build; B: the build with session35-m2-course-probe.diff); EVAL_X: occlunet eval --data dicom:DIR --json of those runs."""
import importlib.util, os, sys
from math import comb

spec = importlib.util.spec_from_file_location('breakdown', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'session29-breakdown.py'))
breakdown = importlib.util.module_from_spec(spec); spec.loader.exec_module(breakdown)

def found(truth_dir, eval_json):  # run id -> (truth, found)
    return {r['runId']: (t, r['verdict'] == 'TruePositive') for t, r in breakdown.joined(truth_dir, eval_json, 0)}

def mcnemar(b, c):  # exact two-sided binomial on the discordant pairs
    n = b + c
    return min(1.0, 2 * sum(comb(n, k) for k in range(0, min(b, c) + 1)) / 2 ** n) if n else 1.0

A, B = found(sys.argv[1], sys.argv[2]), found(sys.argv[3], sys.argv[4])
cuts = [('superior', 'M2-superior', None), ('inferior', 'M2-inferior', None),
        ('superior, lateral', 'M2-superior', 'Lateral'), ('superior, AP', 'M2-superior', 'Ap'),
        ('inferior, lateral', 'M2-inferior', 'Lateral'), ('inferior, AP', 'M2-inferior', 'Ap'), ('all M2', None, None)]
for title, division, view in cuts:
    ids = [i for i, (t, _) in A.items() if division in (None, t['subLocation']) and view in (None, t['view'])]
    a = sum(A[i][1] for i in ids); b = sum(B[i][1] for i in ids)
    only_b = sum(B[i][1] and not A[i][1] for i in ids); only_a = sum(A[i][1] and not B[i][1] for i in ids)
    print(f'{title:18s} n={len(ids):3d}  A {a:3d} ({100*a/len(ids):5.1f} %)  B {b:3d} ({100*b/len(ids):5.1f} %)  '
          f'B-only {only_b:2d} A-only {only_a:2d}  McNemar p = {mcnemar(only_b, only_a):.3g}')
