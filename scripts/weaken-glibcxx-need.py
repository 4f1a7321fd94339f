#!/usr/bin/env python3
"""Marks chosen symbol-version needs of an ELF64 shared library as weak (VER_FLG_WEAK), in place.

TorchSharp 0.107's libLibTorchSharp.so asks for GLIBCXX_3.4.32 (GCC 13), which Debian 12's libstdc++
(GCC 12, up to GLIBCXX_3.4.30) lacks, so the dynamic loader refuses the whole library. The only symbol
behind that version, std::ios_base_library_init, is a static-initialisation hook that this library
never calls; with the need marked weak the loader accepts the library and binds everything else.

Usage: weaken-glibcxx-need.py LIBRARY [VERSION ...]   (default version: GLIBCXX_3.4.32)
Idempotent: a need already weak is left as it is; prints what it did.
"""
import struct
import sys

VER_FLG_WEAK = 0x2


def main(path, versions):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
            sys.exit(f"{path}: not a little-endian ELF64 file")
        e_shoff, = struct.unpack_from("<Q", data, 0x28)
        e_shentsize, e_shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = []
        for i in range(e_shnum):
            off = e_shoff + i * e_shentsize
            sh_name, sh_type, sh_flags, sh_addr, sh_offset, sh_size, sh_link, sh_info = struct.unpack_from("<IIQQQQII", data, off)
            sections.append((sh_type, sh_offset, sh_size, sh_link, sh_info))
        SHT_GNU_VERNEED = 0x6FFFFFFE
        changed, already = [], []
        for sh_type, sh_offset, sh_size, sh_link, sh_info in sections:
            if sh_type != SHT_GNU_VERNEED:
                continue
            strtab = sections[sh_link][1]

            def name_at(o):
                end = data.index(b"\0", strtab + o)
                return data[strtab + o:end].decode()

            need = sh_offset
            for _ in range(sh_info):
                vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, need)
                aux = need + vn_aux
                for _ in range(vn_cnt):
                    vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                    name = name_at(vna_name)
                    if name in versions:
                        if vna_flags & VER_FLG_WEAK:
                            already.append(name)
                        else:
                            struct.pack_into("<H", data, aux + 4, vna_flags | VER_FLG_WEAK)
                            changed.append(name)
                    aux += vna_next
                if vn_next == 0:
                    break
                need += vn_next
        if changed:
            f.seek(0)
            f.write(data)
        print(f"{path}: weakened {changed or 'nothing'}; already weak {already or 'none'}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1], set(sys.argv[2:]) or {"GLIBCXX_3.4.32"})
