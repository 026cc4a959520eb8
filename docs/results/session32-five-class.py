"""Session 32: the five-class fine-tune F5 against its control W0s on the 300 validation runs, from the class-threshold
probe's sweeps (columns: other m2 TP FP FN P R negBoxed negRuns m2Found m2Runs). Best recall at precision >= 93 %
(ties: fewer negatives boxed, then the higher thresholds); single threshold = rows with other == m2.
Usage: python3 session32-five-class.py W0S_SWEEP F5_SWEEP"""
import sys

def read(path):
    head, *lines = [l.split() for l in open(path) if l.strip()]
    return [dict(zip(head, map(float, l))) for l in lines]

def best(rows):
    ok = [r for r in rows if r['TP'] + r['FP'] > 0 and r['TP'] / (r['TP'] + r['FP']) >= 0.93]
    return max(ok, key=lambda r: (r['TP'], -r['negBoxed'], r['other'], r['m2'])) if ok else None

def show(name, r):
    if r is None: return print(f"{name:34s} no point reaches precision 93 %")
    print(f"{name:34s} other {r['other']:.2f} m2 {r['m2']:.2f}  P {r['P']:.1f} / R {r['R']:.1f}  negatives {r['negBoxed']:.0f}/{r['negRuns']:.0f}  M2 {r['m2Found']:.0f}/{r['m2Runs']:.0f}")

w0s, f5 = read(sys.argv[1]), read(sys.argv[2])
control = best([r for r in w0s if r['other'] == r['m2']])
show('W0s (control), one threshold', control)
single, pair = best([r for r in f5 if r['other'] == r['m2']]), best(f5)
show('F5, one threshold', single)
show('F5, M2 apart', pair)
for name, r in (('one threshold', single), ('M2 apart', pair)):
    holds = r is not None and r['R'] >= control['R'] and r['m2Found'] >= control['m2Found'] + 4
    print(f"lead ({name}): recall >= {control['R']:.1f} and M2 >= {control['m2Found'] + 4:.0f} at precision >= 93 %: {'holds' if holds else 'fails'}")
