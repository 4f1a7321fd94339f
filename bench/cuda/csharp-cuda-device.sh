#!/usr/bin/env bash
# Runs ON the lent GPU machine (device tool `run`, with the prepared folder in `carry`), from the repo root:
#   bash .cudacarry/csharp-cuda-device.sh
# That machine has PyTorch (CUDA libtorch) but no .NET and no network: the prepared folder brings the .NET
# runtime, the published console (bench/cuda/CsharpCuda, without libtorch) and the CPU reference outputs.
# TorchSharp's libLibTorchSharp.so (built against libtorch 2.10.0) is pointed at the machine's own libtorch
# (PyTorch's torch/lib) through LD_LIBRARY_PATH: TorchSharp loads "torch_cuda", "torch_cpu" and
# "LibTorchSharp" by name, and the dynamic loader finds the first two there.
# Steps: machine facts; the symbol check (abi_check.py); PyTorch's matmul rate; the C# program. Logs in $OUT.
#   PROFILE=memory bash .cudacarry/csharp-cuda-device.sh   the second run: no checks, one process per precision with
#       ascending pixels per call, so nvidia-smi's memory.used (the caching allocator keeps what it took) reads each
#       size's peak; and the network alone (inputs already on the device) beside the whole Predict call.
set -u
CARRY="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="${OUT:-/tmp/csharp-cuda-out}"
mkdir -p "$OUT"
exec > >(tee -a "$OUT/device.log") 2>&1
echo "== machine"
date -u
nvidia-smi --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv
grep PRETTY_NAME /etc/os-release; nproc; uname -r
PY=python3
TORCH_LIB="$($PY -c 'import torch,os;print(os.path.join(os.path.dirname(torch.__file__),"lib"))')"
$PY -c 'import torch;print("torch",torch.__version__,"cuda",torch.version.cuda,"cudnn",torch.backends.cudnn.version(),"cxx11abi",torch._C._GLIBCXX_USE_CXX11_ABI)'
NVLIBS="$($PY - <<'PY'
import glob, os
try:
    import nvidia
    roots = list(nvidia.__path__)
except ImportError:
    roots = []
dirs = sorted({os.path.dirname(f) for r in roots for f in glob.glob(r + "/**/lib*.so*", recursive=True)})
print(":".join(dirs))
PY
)"
echo "torch lib: $TORCH_LIB"; ls "$TORCH_LIB" | tr '\n' ' '; echo
export LD_LIBRARY_PATH="$TORCH_LIB${NVLIBS:+:$NVLIBS}"

echo "== unpack"
mkdir -p /tmp/dotnet /tmp/app
tar -xJf "$CARRY/dotnet-runtime.tar.xz" -C /tmp/dotnet && tar -xJf "$CARRY/app.tar.xz" -C /tmp/app || { echo "unpack failed"; exit 1; }
ldd /tmp/app/libLibTorchSharp.so | grep -E "torch|c10|not found|GLIBCXX" || true

echo "== symbols: libLibTorchSharp.so (TorchSharp 0.107, libtorch 2.10.0) against this libtorch"
$PY "$CARRY/abi_check.py" "$TORCH_LIB" /tmp/app/libLibTorchSharp.so "$CARRY/libtorchsharp-undefined.txt" "$OUT/missing-symbols.txt"
echo "abi_check exit $?"

[[ "${PROFILE:-}" == "memory" ]] || { echo "== matmul through PyTorch (8192^3, mean of 10 after 3 warm-ups)"; $PY - <<'PY'
import time, torch
n = 8192
for name, dtype, tf32 in (("fp32", torch.float32, False), ("tf32", torch.float32, True), ("bf16", torch.bfloat16, False)):
    torch.backends.cuda.matmul.allow_tf32 = tf32
    a = torch.randn(n, n, device="cuda", dtype=dtype); b = torch.randn(n, n, device="cuda", dtype=dtype)
    for _ in range(3): a @ b
    torch.cuda.synchronize(); t = time.perf_counter()
    for _ in range(10): a @ b
    torch.cuda.synchronize()
    print(f"matmul {name}: {2 * n**3 * 10 / (time.perf_counter() - t) / 1e9:,.0f} GFLOP/s")
PY
}

echo "== C#: EnsemblePredictor (bench/cuda/CsharpCuda) on CUDA"
nvidia-smi --query-gpu=timestamp,memory.used,utilization.gpu --format=csv,noheader,nounits -lms 200 > "$OUT/smi.csv" 2>/dev/null &
SMI=$!
export DOTNET_ROOT=/tmp/dotnet DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 OMP_WAIT_POLICY=PASSIVE
if [[ "${PROFILE:-}" == "memory" ]]; then
  for p in fp32 bf16; do
    echo "== C# $p (fresh process)"
    timeout 150 /tmp/dotnet/dotnet /tmp/app/TamRl.Upscale.CudaCheck.dll cuda "$CARRY/ref" --skip-checks --precision $p --targets 256,1024,2048,4096 --budget-s 90 "$@"
    echo "C# $p exit $?"
  done
else
timeout "${CSHARP_TIMEOUT:-200}" /tmp/dotnet/dotnet /tmp/app/TamRl.Upscale.CudaCheck.dll cuda "$CARRY/ref" --budget-s "${CSHARP_BUDGET:-120}" "$@"
rc=$?
echo "C# exit $rc"
if [[ $rc -ne 0 && $rc -ne 124 ]]; then
  # A crash in the CPU stage (the same libtorch) would hide whether CUDA works: once more without it, briefly.
  echo "== C# again, without the CPU check"
  timeout 100 /tmp/dotnet/dotnet /tmp/app/TamRl.Upscale.CudaCheck.dll cuda "$CARRY/ref" --budget-s 40 --skip-cpu-check "$@"
  echo "C# (no CPU check) exit $?"
fi
fi
kill $SMI 2>/dev/null
sleep 0.5
$PY - "$OUT/smi.csv" "$OUT/device.log" <<'PY'
import re, sys
def sec(t):
    h, m, s = t.split(":"); return int(h) * 3600 + int(m) * 60 + float(s)
rows = []
for line in open(sys.argv[1]):
    p = [x.strip() for x in line.split(",")]
    try:
        rows.append((sec(p[0].split()[-1]), float(p[1]), float(p[2])))
    except (IndexError, ValueError):
        pass
print(f"nvidia-smi: {len(rows)} samples, peak memory.used {max((r[1] for r in rows), default=float('nan')):.0f} MiB")
for m in re.finditer(r"timed (\S+ )?(\S+) (\d+): (\S+) to (\S+) UTC", open(sys.argv[2]).read()):
    a, b = sec(m.group(4)), sec(m.group(5))
    w = [r for r in rows if a <= r[0] <= b]
    if w:
        print(f"  {(m.group(1) or '')}{m.group(2)} {m.group(3)}: memory.used up to {max(r[1] for r in w):.0f} MiB, GPU busy {sum(r[2] for r in w) / len(w):.0f} % of {len(w)} samples")
PY
date -u
