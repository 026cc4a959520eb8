"""Session 33: the two probes' choices and gates, re-derived from their sweep files (rules: docs/RESULTS.md,
"Twenty-seventh attempt"). Best recall at precision >= 93 %; ties: fewer negatives boxed, then the higher threshold.
Usage: python3 session33-choose.py five W0S_SWEEP F30_SWEEP F30_SWEEP.blind
       python3 session33-choose.py fusion FUSION_SWEEP
       python3 session33-choose.py fresh T900_TRAJECTORY_SWEEP FUSION_SWEEP F30_VAL600_FULL.blind
       python3 session33-choose.py ceiling F30_VAL300.blind F30_VAL600_FULL.blind
(ceiling: the two pair sweeps summed pair by pair, best recall at precision >= 93 % with <= 5 % of negatives boxed)
(fresh: T on the 600 further runs = its 900-run counts at 0.30, S = 0, minus set A's 300-run counts at 0.30)"""
import sys

def read(path):
    head, *lines = [l.split() for l in open(path) if l.strip()]
    return [dict(zip(head, (x if k == 'set' else float(x) for k, x in zip(head, l)))) for l in lines]

COUNTS = ('TP', 'FP', 'FN', 'negBoxed', 'negRuns', 'm2Found', 'm2Runs')  # per-run counts: they add over run sets

def best(rows, key):
    ok = [r for r in rows if r['TP'] + r['FP'] > 0 and r['TP'] / (r['TP'] + r['FP']) >= 0.93]
    return max(ok, key=lambda r: (r['TP'], -r['negBoxed']) + key(r)) if ok else None

def with_rates(t):
    t['P'], t['R'] = 100 * t['TP'] / max(t['TP'] + t['FP'], 1), 100 * t['TP'] / (t['TP'] + t['FN'])
    return t

def summed(*paths):
    """Pair sweeps of disjoint run sets, added pair by pair (the counts are per run)."""
    tables = [{(r['other'], r['m2']): r for r in read(p)} for p in paths]
    return [with_rates({k: sum(tab[key][k] for tab in tables) for k in COUNTS} | {'other': key[0], 'm2': key[1]}) for key in tables[0]]

def capped(rows):
    """The points that box at most 5 % of the runs without occlusion."""
    return [r for r in rows if r['negBoxed'] <= 0.05 * r['negRuns']]

pair = lambda r: f"other {r['other']:.2f} m2 {r['m2']:.2f}"

def show(name, r, thr):
    if r is None: return print(f"{name:40s} no point reaches precision 93 %")
    print(f"{name:40s} {thr(r):18s} P {r['P']:.1f} / R {r['R']:.1f}  negatives {r['negBoxed']:.0f}/{r['negRuns']:.0f}  M2 {r['m2Found']:.0f}/{r['m2Runs']:.0f}")

if __name__ == '__main__':
    if sys.argv[1] == 'five':
        w0s = read(sys.argv[2])
        control = best([r for r in w0s if r['other'] == r['m2']], lambda r: (r['other'],))
        show('W0s (control), one threshold', control, pair)
        for label, path in (('F30, five-class judged', sys.argv[3]), ('F30, class-blind judged (the rule)', sys.argv[4])):
            rows = read(path)
            show(label + ', one threshold', best([r for r in rows if r['other'] == r['m2']], lambda r: (r['other'],)), pair)
            show(label + ', M2 apart', best(rows, lambda r: (r['other'], r['m2'])), pair)
        chosen = best(read(sys.argv[4]), lambda r: (r['other'], r['m2']))
        holds = chosen is not None and chosen['R'] >= control['R'] + 2 and chosen['m2Found'] >= control['m2Found'] + 4 and chosen['negBoxed'] <= control['negBoxed']
        print(f"lead: class-blind recall >= {control['R'] + 2:.1f}, M2 >= {control['m2Found'] + 4:.0f}, negatives <= {control['negBoxed']:.0f}: {'holds' if holds else 'fails'}")
    elif sys.argv[1] == 'ceiling':
        rows = summed(sys.argv[2], sys.argv[3])
        show('F30 class-blind, 900 runs, M2 apart', best(rows, lambda r: (r['other'], r['m2'])), pair)
        show('  ... with <= 5 % negatives boxed', best(capped(rows), lambda r: (r['other'], r['m2'])), pair)
        show('  ... one threshold, <= 5 % negatives', best([r for r in capped(rows) if r['other'] == r['m2']], lambda r: (r['other'],)), pair)
    elif sys.argv[1] == 'fresh':
        t900 = next(r for r in read(sys.argv[2]) if r['t'] == 0.30 and r['S'] == 0)
        a300 = next(r for r in read(sys.argv[3]) if r['set'] == 'A' and r['t'] == 0.30)
        t = with_rates({k: t900[k] - a300[k] for k in COUNTS})
        show('T (shipped) at 0.30', t, lambda r: '')
        f30 = [r for r in read(sys.argv[4]) if (r['other'], r['m2']) in ((0.17, 0.21), (0.23, 0.23))]  # the points fixed on the 300
        for r in f30: show('F30, class-blind', r, pair)
        c = next(r for r in f30 if r['other'] == 0.17 and r['m2'] == 0.21)
        ok = c['P'] >= 92 and c['R'] >= t['R'] and c['m2Found'] >= t['m2Found'] + 3
        print(f"confirmed iff P >= 92, R >= {t['R']:.1f}, M2 >= {t['m2Found'] + 3:.0f}: {'confirmed' if ok else 'not confirmed'}")
    else:
        rows = read(sys.argv[2])
        thr = lambda r: f"t {r['t']:.2f}"
        chosen = {}
        for s in ('A', 'B', 'fused'):
            chosen[s] = best([r for r in rows if r['set'] == s], lambda r: (r['t'],))
            show({'A': 'A: T at 256 px', 'B': 'B: T read at 288 px', 'fused': 'fusion of A and B'}[s], chosen[s], thr)
        a, f = chosen['A'], chosen['fused']
        holds = f is not None and f['R'] >= a['R'] + 2 and f['negBoxed'] <= a['negBoxed']
        print(f"lead: fusion recall >= {a['R'] + 2:.1f} and negatives <= {a['negBoxed']:.0f}: {'holds' if holds else 'fails'}")
