"""Seeded mutations of real input files (bench/corrupt-inputs.sh).

For each FORMAT=PATH argument, writes --per-file damaged copies under --out and prints one line per case:
path, format, mutation. Binary files (and every file of a Zarr store, one file damaged per case) get a truncation,
flipped bytes or a zeroed block; JSON gets truncation, a value of the wrong type, a number replaced by NaN or Infinity,
or a removed required field. The same seed gives the same cases.
"""
import argparse
import json
import os
import random
import shutil


def binary_mutation(data: bytes, rng: random.Random):
    kind = rng.choice(["truncate", "flip", "zero-block", "flip-header"])
    b = bytearray(data)
    if kind == "truncate":
        at = rng.randrange(1, max(2, len(b)))
        return bytes(b[:at]), f"truncated at {at} of {len(b)} bytes"
    if kind == "flip":
        n = rng.randint(1, 16)
        for _ in range(n):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        return bytes(b), f"{n} bits flipped"
    if kind == "flip-header":
        n = rng.randint(1, 4)
        for _ in range(n):
            i = rng.randrange(min(len(b), 512))
            b[i] = rng.randrange(256)
        return bytes(b), f"{n} bytes of the first 512 replaced"
    size = rng.randint(16, 4096)
    at = rng.randrange(max(1, len(b) - size))
    b[at:at + size] = bytes(min(size, len(b) - at))
    return bytes(b), f"{size} bytes zeroed at {at}"


def json_mutation(text: str, rng: random.Random):
    # The configurations carry // comments, which tamrl accepts; strip them for json.loads.
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    doc = json.loads(body)
    kind = rng.choice(["truncate", "wrong-type", "nan", "missing", "infinite"])
    ingest = doc["ingest"]
    if kind == "truncate":
        at = rng.randrange(1, len(body))
        return body[:at], f"truncated at {at} of {len(body)} characters"
    if kind == "wrong-type":
        field = rng.choice(["grid", "period", "features", "static", "modis"])
        ingest[field] = rng.choice([42, "text", [1, 2], None, True])
        return json.dumps(doc), f"ingest.{field} given a value of the wrong type"
    if kind == "nan":
        doc["ingest"]["grid"]["resolution"] = "NaN"
        return json.dumps(doc).replace('"NaN"', "NaN"), "ingest.grid.resolution NaN"
    if kind == "infinite":
        doc["ingest"]["grid"]["bbox"][rng.randrange(4)] = 1e400
        return json.dumps(doc).replace("Infinity", "1e400"), "a bbox value 1e400"
    field = rng.choice(["grid", "period", "static"])
    del ingest[field]
    return json.dumps(doc), f"ingest.{field} removed"


def tower_mutation(lines, rng: random.Random):
    """A FLUXNET daily file's lines (header first) damaged as a tower file can be."""
    header = lines[0].split(",")
    kind = rng.choice(["nan", "inf", "text", "out-of-order", "duplicate-day", "truncate-line", "drop-column", "bad-date"])
    body = lines[1:]
    i = rng.randrange(len(body))
    cells = body[i].split(",")
    if kind in ("nan", "inf", "text"):
        c = rng.randrange(1, len(cells))
        cells[c] = {"nan": "NaN", "inf": "Infinity", "text": "n/a"}[kind]
        body[i] = ",".join(cells)
        return [lines[0]] + body, f"{header[c]} of line {i + 2} is {cells[c]}"
    if kind == "out-of-order":
        j = min(len(body) - 1, i + rng.randint(1, 20))
        body[i], body[j] = body[j], body[i]
        return [lines[0]] + body, f"lines {i + 2} and {j + 2} swapped (dates out of order)"
    if kind == "duplicate-day":
        body.insert(i, body[i])
        return [lines[0]] + body, f"line {i + 2} repeated (a day twice)"
    if kind == "truncate-line":
        body = body[:i] + [body[i][: rng.randrange(1, len(body[i]))]]
        return [lines[0]] + body, f"the file ends inside line {i + 2}"
    if kind == "bad-date":
        cells[0] = rng.choice(["20131301", "2013-01-01", "", "99999999"])
        body[i] = ",".join(cells)
        return [lines[0]] + body, f"TIMESTAMP of line {i + 2} is '{cells[0]}'"
    c = rng.randrange(1, len(header))
    drop = lambda line: ",".join(v for k, v in enumerate(line.split(",")) if k != c)
    return [drop(line) for line in lines], f"column {header[c]} removed"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--per-file", type=int, default=12)
    parser.add_argument("--out", required=True)
    parser.add_argument("inputs", nargs="+", help="FORMAT=PATH")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    for spec in args.inputs:
        fmt, path = spec.split("=", 1)
        name = os.path.basename(path.rstrip("/"))
        for k in range(args.per_file):
            case = os.path.join(args.out, f"{fmt}-{k:02d}-{name}")
            if fmt == "zarr":
                shutil.copytree(path, case)
                files = sorted(os.path.join(d, f) for d, _, fs in os.walk(case) for f in fs)
                target = rng.choice(files)
                with open(target, "rb") as fh:
                    data, what = binary_mutation(fh.read(), rng)
                with open(target, "wb") as fh:
                    fh.write(data)
                mutation = f"{os.path.relpath(target, case)}: {what}"
            elif fmt == "tower":
                # A folder holding the damaged tower file, the site table row of its site and a configuration of
                # tamrl extract-sites on the towers' own meteorology.
                os.makedirs(case)
                with open(path) as fh:
                    lines, mutation = tower_mutation(fh.read().splitlines(), rng)
                with open(os.path.join(case, name), "w") as fh:
                    fh.write("\n".join(lines) + "\n")
                site = name.split("_")[1]
                with open(os.path.join(os.path.dirname(path), "sites.csv")) as fh:
                    table = fh.read().splitlines()
                with open(os.path.join(case, "sites.csv"), "w") as fh:
                    fh.write("\n".join([table[0]] + [l for l in table[1:] if l.startswith(site + ",")]) + "\n")
                with open(os.path.join(case, "job.json"), "w") as fh:
                    json.dump({"name": "corrupt", "seed": 1, "sites": {
                        "towers": ".", "driverSource": "towers",
                        "columns": {"gpp": "GPP_NT_VUT_REF", "reco": "RECO_NT_VUT_REF", "nee": "NEE_VUT_REF", "neeQc": "NEE_VUT_REF_QC"},
                        "windowLength": 30, "windowStride": 15, "testFraction": 0.2}}, fh)
            elif fmt == "json":
                with open(path) as fh:
                    text, mutation = json_mutation(fh.read(), rng)
                # Relative input paths stay valid from the copy's folder.
                text = text.replace("../data/real", os.path.join(os.path.dirname(os.path.abspath(path)), "..", "data", "real"))
                with open(case, "w") as fh:
                    fh.write(text)
            else:
                with open(path, "rb") as fh:
                    data, mutation = binary_mutation(fh.read(), rng)
                with open(case, "wb") as fh:
                    fh.write(data)
            print(f"{case}\t{fmt}\t{mutation}")


if __name__ == "__main__":
    main()
