#!/usr/bin/env python3
"""Keep one GPU architecture's kernels in a CUDA shared library; zero the others (they compress to nothing).

usage: fatbin_keep.py LIB.so SM OUT.so   (e.g. 90 for the H100/H200)

The .nv_fatbin section holds fatbinaries (magic 0xBA55ED50), each a list of entries: a header (kind 1 = PTX,
2 = ELF cubin; the SM at byte 28) then its payload. Offsets and headers are kept, so the library loads as before; a
GPU of another architecture would find only zeros for its kernels, so the output is for SM machines alone. Used to send
ONNX Runtime's CUDA provider (289 MB, sm_75..sm_120) to a GPU machine through a 64 MiB transfer (58 MB after xz).
"""
import struct
import sys

MAGIC = 0xBA55ED50


def fatbin_section(data):
    # ELF64 little-endian: section headers at e_shoff, names in section e_shstrndx.
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    def header(i):
        return struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)  # name, type, flags, addr, offset, size
    names = header(shstrndx)[4]
    for i in range(shnum):
        name_at, _, _, _, offset, size = header(i)
        name = data[names + name_at:data.index(b"\0", names + name_at)].decode()
        if name == ".nv_fatbin":
            return offset, size
    sys.exit("no .nv_fatbin section")


def main(path, sm, out):
    data = bytearray(open(path, "rb").read())
    start, size = fatbin_section(data)
    pos, end, kept, zeroed = start, start + size, 0, 0
    while pos < end:
        magic, _, header_size, fat_size = struct.unpack_from("<IHHQ", data, pos)
        if magic != MAGIC:
            pos += 8  # alignment padding between fatbinaries
            continue
        entry, last = pos + header_size, pos + header_size + fat_size
        while entry < last:
            kind, _, entry_header, payload = struct.unpack_from("<HHIQ", data, entry)
            arch, = struct.unpack_from("<I", data, entry + 28)
            body = entry + entry_header
            if kind == 2 and arch == sm:
                kept += payload
            else:
                data[body:body + payload] = bytes(payload)
                zeroed += payload
            entry = body + payload
        pos = last
    if kept == 0:
        sys.exit(f"no sm_{sm} kernels in {path}")
    open(out, "wb").write(data)
    print(f"{out}: kept {kept / 1e6:.1f} MB of sm_{sm} kernels, zeroed {zeroed / 1e6:.1f} MB")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
