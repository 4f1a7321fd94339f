#!/usr/bin/env bash
# The project's own C# inference path (EnsemblePredictor, through bench/cuda/CsharpCuda) on a lent GPU machine
# that has PyTorch but no .NET (issue 16; bench/RESULTS.md, "CUDA: the project's C# path on a lent H200").
#   bench/cuda/csharp-cuda.sh prepare DEST
#       here: publishes the console framework-dependent for linux-x64 without libtorch (the GPU machine's own
#       PyTorch libtorch is used there), packs it and this machine's .NET runtime as .tar.xz, writes the CPU
#       reference outputs of the check block (libtorch 2.10 CPU) and the list of libtorch symbols that
#       libLibTorchSharp.so needs, and copies the device script. DEST must be a folder of the checkout the device
#       tool sends that git ignores (e.g. REPO/.cudacarry with '/.cudacarry/' in .git/info/exclude); ~35 MB.
#   then, with the device tool: run(command="bash .cudacarry/csharp-cuda-device.sh", carry=[".cudacarry"])
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[[ "${1:-}" == "prepare" && -n "${2:-}" ]] || { sed -n '2,12p' "$0"; exit 2; }
DEST="$(mkdir -p "$2" && cd "$2" && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DOTNET_DIR="$(dirname "$(readlink -f "$(command -v dotnet)")")"
FX="$(ls "$DOTNET_DIR/shared/Microsoft.NETCore.App" | sort -V | tail -1)"
HOSTFXR="$(ls "$DOTNET_DIR/host/fxr" | sort -V | tail -1)"

flock /tmp/tamrl-build.lock dotnet publish "$ROOT/bench/cuda/CsharpCuda" -c Release -nologo -v quiet -r linux-x64 --self-contained false -o "$WORK/app"
# Only libLibTorchSharp.so of the natives: libtorch comes from the GPU machine; LightGBM, Skia and the ML.NET
# natives are not on the inference path. The GLIBCXX_3.4.32 need is weakened as for every build (docs/model.md).
(cd "$WORK/app" && rm -f libtorch*.so libc10.so libgomp-*.so.1 libaoti_custom_ops.so libbackend_with_compiler.so \
  libjitbackend_test.so libnnapi_backend.so libshm.so lib_lightgbm.so libSkiaSharp.so libHarfBuzzSharp.so ./*.dbg ./*.pdb)
python3 "$ROOT/scripts/weaken-glibcxx-need.py" "$WORK/app/libLibTorchSharp.so" >/dev/null
nm -D --undefined-only "$WORK/app/libLibTorchSharp.so" | awk '$1 == "U" && $2 !~ /@/ {print $2}' > "$DEST/libtorchsharp-undefined.txt"

# The CPU reference, with the project's own libtorch (the full publish output of a normal build).
flock /tmp/tamrl-build.lock dotnet build "$ROOT/bench/cuda/CsharpCuda" -c Release -nologo -v quiet -o "$WORK/full"
OMP_WAIT_POLICY=PASSIVE dotnet "$WORK/full/TamRl.Upscale.CudaCheck.dll" reference "$DEST/ref"

tar -C "$WORK/app" -cJf "$DEST/app.tar.xz" .
tar -C "$DOTNET_DIR" -cf - dotnet LICENSE.txt ThirdPartyNotices.txt "host/fxr/$HOSTFXR" "shared/Microsoft.NETCore.App/$FX" | xz -T1 -6 > "$DEST/dotnet-runtime.tar.xz"
cp "$ROOT/bench/cuda/csharp-cuda-device.sh" "$ROOT/bench/cuda/abi_check.py" "$DEST/"
du -sh "$DEST"
