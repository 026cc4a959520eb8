"""Session 30: uniform weight average ("soup") of safetensors checkpoints; F32 tensors averaged in double, other dtypes and the metadata from the first file.
Usage: python3 session30-soup.py OUT.safetensors IN1.safetensors IN2.safetensors ..."""
import array, json, struct, sys
out, files = sys.argv[1], sys.argv[2:]
def load(f):
    b = open(f, 'rb').read(); n = struct.unpack('<Q', b[:8])[0]
    h = json.loads(b[8:8 + n]); return h, b[8 + n:]
heads = [load(f) for f in files]
h0, d0 = heads[0]
meta = h0.get('__metadata__')
names = [k for k in h0 if k != '__metadata__']
for h, _ in heads[1:]:
    assert set(k for k in h if k != '__metadata__') == set(names), 'tensor names differ'
    for k in names: assert h[k]['shape'] == h0[k]['shape'] and h[k]['dtype'] == h0[k]['dtype'], k
blobs = {}
for k in names:
    s, e = h0[k]['data_offsets']
    if h0[k]['dtype'] != 'F32':
        blobs[k] = d0[s:e]; continue
    acc = None
    for h, d in heads:
        s, e = h[k]['data_offsets']; a = array.array('f'); a.frombytes(d[s:e])
        acc = [float(x) for x in a] if acc is None else [p + x for p, x in zip(acc, a)]
    blobs[k] = array.array('f', [x / len(heads) for x in acc]).tobytes()
hdr, off = {}, 0
if meta is not None: hdr['__metadata__'] = meta
for k in names:
    hdr[k] = {'dtype': h0[k]['dtype'], 'shape': h0[k]['shape'], 'data_offsets': [off, off + len(blobs[k])]}; off += len(blobs[k])
hb = json.dumps(hdr).encode(); hb += b' ' * ((8 - len(hb) % 8) % 8)
with open(out, 'wb') as f:
    f.write(struct.pack('<Q', len(hb))); f.write(hb)
    for k in names: f.write(blobs[k])
print(out, len(names), 'tensors from', len(files), 'checkpoints')
