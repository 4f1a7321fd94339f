#!/usr/bin/env python3
"""Does TorchSharp 0.107's libLibTorchSharp.so (built against libtorch 2.10.0) find every libtorch symbol it
needs in another libtorch (the GPU machine's PyTorch wheel)? Run before the C# program, so a mismatch is
reported as the full list of missing symbols rather than one "symbol lookup error" at the first call.

1. Every undefined, unversioned symbol of libLibTorchSharp.so (listed here beforehand with
   `nm -D --undefined-only`, since the GPU machine may have no binutils) is looked up with dlsym in the
   given libtorch (libtorch.so and, where present, libtorch_cuda.so, loaded RTLD_GLOBAL).
2. libLibTorchSharp.so itself is loaded with RTLD_NOW, which makes the dynamic loader resolve every
   function at once (the .NET runtime loads lazily, so there a missing one kills the process at its first call).

Usage: abi_check.py TORCH_LIB_DIR LIBTORCHSHARP_SO UNDEFINED_SYMBOLS_TXT [MISSING_OUT_TXT]
Exit status: 0 when nothing is missing, 1 otherwise.
"""
import ctypes
import os
import sys


def main(lib_dir, torchsharp, symbols_file, missing_out=None):
    handles = []
    for name in ("libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"):
        path = os.path.join(lib_dir, name)
        if os.path.exists(path):
            try:
                handles.append((name, ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)))
            except OSError as e:
                print(f"load {path}: {e}")
    print("loaded:", ", ".join(n for n, _ in handles))
    symbols = [s.strip() for s in open(symbols_file) if s.strip()]
    missing = []
    for s in symbols:
        if not any(_has(h, s) for _, h in handles):
            missing.append(s)
    print(f"{len(symbols)} libtorch symbols needed by {os.path.basename(torchsharp)}; {len(missing)} missing in {lib_dir}")
    for s in missing[:60]:
        print("  missing:", s)
    if missing_out:
        with open(missing_out, "w") as f:
            f.write("\n".join(missing) + ("\n" if missing else ""))
    try:
        ctypes.CDLL(torchsharp, mode=ctypes.RTLD_GLOBAL | os.RTLD_NOW)
        print(f"RTLD_NOW load of {os.path.basename(torchsharp)}: ok")
    except OSError as e:
        print(f"RTLD_NOW load of {os.path.basename(torchsharp)}: {e}")
        missing = missing or ["(load failed)"]
    return 1 if missing else 0


def _has(handle, symbol):
    try:
        getattr(handle, symbol)
        return True
    except AttributeError:
        return False


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
