"""Session 34: F60's two points on the 900 validation runs beside F30's and T's, re-derived from their sweep files
(rule: docs/RESULTS.md, "Twenty-eighth attempt"). Best recall at precision >= 93 %; ties: fewer negatives boxed, then
the higher thresholds; (a) also with <= 5 % of the negatives boxed.
Usage: python3 session34-choose.py T900_TRAJECTORY_SWEEP F30_VAL300.blind F30_VAL600_FULL.blind F60_VAL900.blind"""
import importlib.util, os, sys

spec = importlib.util.spec_from_file_location('s33', os.path.join(os.path.dirname(__file__), 'session33-choose.py'))
s33 = importlib.util.module_from_spec(spec); spec.loader.exec_module(s33)

def points(rows):
    both = lambda r: (r['other'], r['m2'])
    return s33.best(s33.capped(rows), both), s33.best(rows, both)

t = [r | {'other': r['t'], 'm2': r['t']} for r in s33.read(sys.argv[1]) if r['S'] == 0]
f30 = s33.summed(sys.argv[2], sys.argv[3])
f60 = s33.summed(sys.argv[4])
chosen = {}
for name, rows in (('T (one threshold)', t), ('F30, class-blind', f30), ('F60, class-blind', f60)):
    chosen[name] = points(rows)
    s33.show(name + ', (a) <= 5 % negatives', chosen[name][0], s33.pair)
    s33.show(name + ', (b) unconstrained', chosen[name][1], s33.pair)
a, a30 = chosen['F60, class-blind'][0], chosen['F30, class-blind'][0]
print(f"gate: (a) recall >= 85.0: {'holds' if a and a['R'] >= 85.0 else 'fails'}")
paying = a and a['R'] >= a30['R'] and a['m2Found'] >= a30['m2Found'] + 5
print(f"schedule trend: (a) recall >= {a30['R']:.1f} and M2 >= {a30['m2Found'] + 5:.0f}: {'still paying' if paying else 'not paying'}")
