"""Benchmarks at national scale: extraction, build, store, queries, network, start-up, server.

    python benchmarks/run.py [--sizes 1000,10000] [--quick] [--workdir DIR]

For each size N it writes a corpus of N reports (make_corpus.py, kept in the
work directory for the next run), then measures what issue 8 lists and writes
benchmarks/RESULTS.md (figures beside the targets) and benchmarks/results.json.
Every heavy step runs in a child process, so its peak memory is its own.
--quick: sizes 200 only, fewer repetitions (a check that the script works).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
SKG = str(BIN / "skg")
BASE = "https://safeguarding-kg.example.org"
ONE_AUTHORITY_PARAMS = {"authority", "partner", "code", "first", "second", "report", "fact", "organisation"}


def log(message: str):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def timed(argv: list[str], env=None, timeout=None) -> dict:
    """Run a command under /usr/bin/time -v: seconds, peak memory (MB), stdout, exit code."""
    started = time.perf_counter()
    # a session of its own, so a timeout stops the whole tree (time, python, its workers)
    process = subprocess.Popen(["/usr/bin/time", "-v", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env, cwd=ROOT, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.communicate()
        return {"seconds": time.perf_counter() - started, "peak_mb": None, "stdout": "", "rc": None,
                "timeout": timeout}
    seconds = time.perf_counter() - started
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", stderr)
    if process.returncode != 0:
        log(f"  {' '.join(argv[:4])}... exit {process.returncode}: {stderr.strip()[-600:]}")
    return {"seconds": seconds, "peak_mb": int(peak.group(1)) / 1024 if peak else None,
            "stdout": stdout, "rc": process.returncode}


def me(*args: str) -> list[str]:
    """This script, as a child process running one step."""
    return [sys.executable, str(Path(__file__).resolve()), *args]


# -- steps run in child processes -----------------------------------------------------------------

def step_floor(reports: str) -> dict:
    """Read every file and run one regular expression over it: the floor extraction is compared with."""
    pattern = re.compile(r"Inspection dates?:?\s+(\d{1,2})")
    paths = sorted(Path(reports).iterdir())
    started = time.perf_counter()
    size = hits = 0
    for path in paths:
        text = path.read_text(encoding="utf-8")
        size += len(text.encode("utf-8"))
        hits += len(pattern.findall(text))
    return {"seconds": time.perf_counter() - started, "files": len(paths), "bytes": size}


def _extract_one(path: str) -> int:
    from safeguarding_kg.extract import extract_document
    from safeguarding_kg.text import read_document

    try:
        return len(extract_document(read_document(path)).recommendations)
    except Exception:  # noqa: BLE001 - a report that cannot be read still took its time
        return -1


def step_extract(reports: str, jobs: str, sample: str) -> dict:
    """Read and extract (the record only: no mapping) `sample` reports with `jobs` processes."""
    from concurrent.futures import ProcessPoolExecutor

    import safeguarding_kg.extract  # noqa: F401 - imported before the clock starts, as a build has it

    paths = [str(p) for p in sorted(Path(reports).iterdir())[:int(sample)]]
    size = sum(Path(p).stat().st_size for p in paths)
    started = time.perf_counter()
    if int(jobs) == 1:
        failed = sum(_extract_one(p) < 0 for p in paths)
    else:
        with ProcessPoolExecutor(int(jobs)) as pool:
            failed = sum(n < 0 for n in pool.map(_extract_one, paths, chunksize=8))
    return {"seconds": time.perf_counter() - started, "files": len(paths), "bytes": size, "failed": failed}


def step_build(reports: str, out: str, jobs: str) -> dict:
    """`skg build --store` as the CLI runs it (the store filled while the files are written), each phase timed."""
    from safeguarding_kg.build import build_graph
    from safeguarding_kg.store import open_store

    out = Path(out)
    marks = {}
    started = time.perf_counter()

    def on_report(progress):
        if progress.done == progress.total:
            marks["extracted"] = time.perf_counter() - started

    def fill(result):
        begun = time.perf_counter()
        with open_store(out / "store", base=BASE) as store:
            counts = store.put_built(result.reports, graph_triples=result.wait_for_files)
        marks["store"] = time.perf_counter() - begun
        return counts

    result = build_graph(reports, out / "graph.ttl", base=BASE, jobs=int(jobs), cache=out / "cache",
                         on_report=on_report, meanwhile=fill)
    seconds = time.perf_counter() - started
    return {"extract_seconds": marks.get("extracted"), "write_seconds": seconds - marks.get("extracted", 0),
            "store_seconds": marks.get("store"), "overlapped": True, "seconds": seconds, "triples": result.triples,
            "loaded": len(result.loaded), "skipped": len(result.skipped), "store": dict(result.meanwhile)}


def step_shape(nquads: str) -> dict:
    """Triples per report graph, by predicate family (namespace) and the top predicates."""
    import pyoxigraph as ox
    from collections import Counter

    from safeguarding_kg.store import curie

    families, predicates, graphs = Counter(), Counter(), set()
    with open(nquads, "rb") as handle:
        for quad in ox.parse(handle, format=ox.RdfFormat.N_QUADS):
            g = quad.graph_name
            if isinstance(g, ox.DefaultGraph) or "/graph/" in g.value:
                continue
            graphs.add(g.value)
            name = curie(quad.predicate.value)
            predicates[name] += 1
            families[name.split(":")[0] if ":" in name and not name.startswith("http") else "other"] += 1
    return {"reports": len(graphs), "triples": sum(predicates.values()),
            "families": families.most_common(), "predicates": predicates.most_common(25)}


def example_params(query) -> dict:
    """The parameters of a query's `example: skg query NAME --param a=b ...` line."""
    params = {}
    words = shlex.split(query.example) if query.example else []
    for i, word in enumerate(words):
        if word in ("--param", "-p") and i + 1 < len(words) and "=" in words[i + 1]:
            key, value = words[i + 1].split("=", 1)
            params[key] = value
    return params


def _latencies(run_once, reps: int, budget: float) -> list[float]:
    times = []
    started = time.perf_counter()
    while len(times) < reps and (not times or time.perf_counter() - started < budget):
        t = time.perf_counter()
        run_once()
        times.append(time.perf_counter() - t)
    return times


def _summary(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"median": statistics.median(ordered), "p95": p95, "runs": len(ordered), "first": times[0]}


def step_query(store_path: str, reps: str, name: str) -> dict:
    """One named query on the embedded on-disk store, parameters from its example."""
    from safeguarding_kg.sparql import bindings, catalogue, endpoint_text, execute, with_values, wrap
    from safeguarding_kg.store import open_store

    out = {}
    with open_store(store_path, base=BASE, read_only=True) as store:
        for name, query in [(name, catalogue()[name])]:
            params = example_params(query)
            bound = bindings(query, params)

            def once():
                result = wrap(execute(store, query, bound))
                return len(result) if not isinstance(result, bool) else 1

            rows = once()
            times = _latencies(once, int(reps), 10.0)
            out = {**_summary(times), "rows": rows, "params": params,
                   "scope": "one authority" if set(params) & ONE_AUTHORITY_PARAMS else "national",
                   # rdflib is given the parameters as a VALUES clause (it cannot evaluate a constant in
                   # GROUP BY); an endpoint, what `skg query --endpoint` sends
                   "text": with_values(query.text, bound), "endpoint_text": endpoint_text(query, bound)}
    return out


def store_queries(store: Path, reps: int, timeout: float) -> dict:
    """Each named query in a child process of its own: one that runs past `timeout` is stopped."""
    from safeguarding_kg.sparql import catalogue

    out = {}
    for name, query in sorted(catalogue().items()):
        result = child("_query", str(store), str(reps), name, timeout=timeout)
        if "timeout" in result:
            from safeguarding_kg.sparql import bindings, endpoint_text, with_values

            params = example_params(query)
            bound = bindings(query, params)
            result.update(params=params, text=with_values(query.text, bound), endpoint_text=endpoint_text(query, bound),
                          scope="one authority" if set(params) & ONE_AUTHORITY_PARAMS else "national")
        out[name] = result
        log(f"  {name}: " + (f"stopped after {timeout:.0f} s" if "timeout" in result else
                             f"median {1000 * result.get('median', 0):.1f} ms, p95 {1000 * result.get('p95', 0):.1f} ms"))
    return out


def step_rdflib(trig: str, queries_json: str, reps: str, timeout: str, total: str = "3600") -> dict:
    """The same queries with rdflib's own SPARQL over the same graph, in memory."""
    import signal

    import rdflib

    class TooLong(Exception):
        pass

    def alarm(signum, frame):
        raise TooLong()

    signal.signal(signal.SIGALRM, alarm)
    started = time.perf_counter()
    dataset = rdflib.Dataset()
    dataset.parse(trig, format="trig")
    parse_seconds = time.perf_counter() - started
    queries = json.loads(Path(queries_json).read_text())
    out = {"_parse_seconds": parse_seconds, "_triples": len(dataset)}
    budget_end = time.perf_counter() + float(total)
    for name, q in queries.items():
        if time.perf_counter() > budget_end:
            out[name] = {"skipped": f"rdflib's total budget of {total} s was spent"}
            continue

        def once():
            return len(list(dataset.query(q["text"])))

        signal.alarm(int(timeout))
        try:
            times = _latencies(once, int(reps), float(timeout) / 2)
            out[name] = _summary(times)
        except TooLong:
            out[name] = {"timeout": int(timeout)}
        except Exception as exc:  # noqa: BLE001 - rdflib cannot run some SPARQL 1.1 forms
            out[name] = {"error": f"{type(exc).__name__}: {str(exc)[:120]}"}
        finally:
            signal.alarm(0)
    return out


STEPS = {"_floor": step_floor, "_extract": step_extract, "_build": step_build, "_shape": step_shape,
         "_query": step_query, "_rdflib": step_rdflib}


def child(step: str, *args: str, timeout=None) -> dict:
    done = timed(me(step, *args), timeout=timeout)
    if done.get("timeout"):
        return {"timeout": timeout, "_wall": done["seconds"], "_peak_mb": None}
    try:
        data = json.loads(done["stdout"].strip().splitlines()[-1])
    except (IndexError, ValueError):
        data = {"error": f"step {step} failed (exit {done['rc']})"}
    data["_wall"], data["_peak_mb"] = done["seconds"], done["peak_mb"]
    return data


# -- measured in this process (commands as a user runs them) -------------------------------------

def help_startup(runs: int = 10) -> dict:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([SKG, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return _summary(times)


def network_commands(store: Path, out: Path) -> dict:
    commands = {
        "network summary": [SKG, "network", "summary", "--store", str(store)],
        "network central": [SKG, "network", "central", "--store", str(store)],
        "network communities": [SKG, "network", "communities", "--store", str(store)],
        "network projection": [SKG, "network", "projection", "--store", str(store)],
        "export graphml": [SKG, "export", "graphml", "--output", str(out / "network.graphml"), "--store", str(store)],
        "export gexf": [SKG, "export", "gexf", "--output", str(out / "network.gexf"), "--store", str(store)],
        "export csv": [SKG, "export", "csv", "--output", str(out / "network.csv"), "--store", str(store)],
        "export html": [SKG, "export", "html", "--output", str(out / "network.html"), "--store", str(store)],
        "export svg": [SKG, "export", "svg", "--output", str(out / "network.svg"), "--store", str(store)],
    }
    # each three times, the median kept: the first run after the other steps reads a store
    # the page cache has let go (cold: 7 s against 2 s for `network summary` at 10,000 reports)
    results = {}
    for name, argv in commands.items():
        runs = [timed(argv, timeout=1800) for _ in range(3)]
        results[name] = {"seconds": statistics.median(r["seconds"] for r in runs), "first": runs[0]["seconds"],
                         "peak_mb": max(r["peak_mb"] or 0 for r in runs), "ok": all(r["rc"] == 0 for r in runs)}
    return results


def serve_load(store: Path, queries: dict, threads: int = 4, seconds: float = 10.0) -> dict:
    """`skg serve` on loopback; requests/s for a resource page and a named query from several threads."""
    if subprocess.run([SKG, "serve", "--help"], capture_output=True).returncode != 0:
        return {"absent": True}
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([SKG, "serve", "--store", str(store), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    root = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # until it listens (a page may take long: that is what is measured)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        code = _some_authority(queries)
        targets = {
            "resource page (HTML)": (root + f"/doc/local-authority/{code}", None),
            "resource (Turtle)": (root + f"/doc/local-authority/{code}.ttl", None),
        }
        for name in ("partners/of-authority", "summary/latest-grades", "grades/latest"):
            if queries.get(name, {}).get("text"):
                targets[f"named query {name} at /sparql"] = (
                    root + "/sparql?" + urllib.parse.urlencode(
                        {"query": queries[name].get("endpoint_text", queries[name]["text"])}),
                    "application/sparql-results+json")
        return {name: _hammer(url, accept, threads, seconds) for name, (url, accept) in targets.items()}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _some_authority(queries: dict) -> str:
    return "E06000033"  # Southend-on-Sea, the queries' own example authority


def _hammer(url: str, accept: str | None, threads: int, seconds: float) -> dict:
    counts, errors, latencies = [0] * threads, [0] * threads, [[] for _ in range(threads)]
    stop = time.perf_counter() + seconds

    def worker(i):
        while time.perf_counter() < stop:
            request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
            t = time.perf_counter()
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    response.read()
                counts[i] += 1
                latencies[i].append(time.perf_counter() - t)
            except OSError:
                errors[i] += 1

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    every = [x for per in latencies for x in per]
    return {"requests_per_s": sum(counts) / seconds, "errors": sum(errors), "threads": threads,
            **({"median_ms": 1000 * statistics.median(every), "p95_ms": 1000 * _summary(every)["p95"]}
               if every else {})}


# -- one size -------------------------------------------------------------------------------------

def measure(n: int, workdir: Path, quick: bool, seed: int, limits: argparse.Namespace) -> dict:
    cores = os.cpu_count() or 1
    corpus = workdir / f"corpus-{n}-{seed}"
    reports = corpus / "reports"
    if not (corpus / "done").exists():
        log(f"corpus of {n} reports")
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), str(n), str(corpus), "--seed", str(seed)],
                       check=True, cwd=ROOT)
        (corpus / "done").write_text("ok\n")
    out = workdir / f"build-{n}-{seed}"
    subprocess.run(["rm", "-rf", str(out)], check=True)
    out.mkdir(parents=True)
    r: dict = {"n": n, "cores": cores}
    log("floor: read + one regex")
    r["floor"] = child("_floor", str(reports))
    sample = min(n, 200 if quick else 1000)
    log(f"extraction, 1 core ({min(sample, 300)} reports)")
    r["extract_1"] = child("_extract", str(reports), "1", str(min(sample, 300)))
    log(f"extraction, {cores} cores ({sample} reports)")
    r["extract_all"] = child("_extract", str(reports), str(cores), str(sample))
    log("accuracy: expected records against skg extract, on a sample")
    r["accuracy"] = accuracy(corpus, 60 if quick else 200)
    log("full build (extraction, mapping, graph.ttl/trig/nq, store)")
    r["build"] = child("_build", str(reports), str(out), str(cores))
    log("unchanged rebuild: skg build with the cache and the store")
    again = timed([SKG, "build", str(reports), "--output", str(out / "graph.ttl"), "--store", str(out / "store"),
                   "--cache", str(out / "cache"), "--base", BASE, "--quiet"])
    r["rebuild"] = {"seconds": again["seconds"], "peak_mb": again["peak_mb"], "ok": again["rc"] == 0,
                    "said": again["stdout"].strip()[-200:]}
    log("one report removed from the store and loaded again")
    r["one_report"] = one_report_changes(reports, out / "store")
    r["files_mb"] = {p.name: p.stat().st_size / 1e6 for p in out.iterdir() if p.name.startswith("graph.")}
    log("where the triples go")
    r["shape"] = child("_shape", str(out / "graph.nq"))
    log("named queries on the store")
    r["queries"] = store_queries(out / "store", 5 if quick else 30, limits.query_timeout)
    (out / "queries.json").write_text(json.dumps(r["queries"]))
    log("the same queries with rdflib in memory")
    r["rdflib"] = child("_rdflib", str(out / "graph.trig"), str(out / "queries.json"), "3" if quick else "5",
                        str(limits.rdflib_timeout), str(limits.rdflib_budget), timeout=4 * 3600)
    log("network commands and exports")
    r["network"] = network_commands(out / "store", out)
    log("skg serve under load")
    r["serve"] = serve_load(out / "store", r["queries"], seconds=5 if quick else 10)
    return r


def one_report_changes(reports: Path, store: Path) -> dict:
    """`skg remove` of one report of the store, then `skg load` of its file: what keeping a national
    store up to date report by report costs (the store holds the same afterwards)."""
    from safeguarding_kg.store import open_store

    with open_store(store, base=BASE, read_only=True) as opened:
        names = sorted(opened.reports().values())  # loaded files (a duplicate the build skipped is not)
    name = names[len(names) // 2]
    removed = timed([SKG, "remove", name, "--store", str(store)])
    loaded = timed([SKG, "load", str(reports / name), "--store", str(store), "--base", BASE])
    return {"report": name, "remove": removed["seconds"], "load": loaded["seconds"],
            "ok": removed["rc"] == 0 and loaded["rc"] == 0}


def accuracy(corpus: Path, sample: int) -> dict:
    """score.py's micro F1 of `skg extract` (the library) against the expected records, on a sample."""
    scorer = Path(os.environ.get("SKG_SCORER", ROOT.parent / "shared" / "eval" / "score.py"))
    if not scorer.exists():  # the team's scorer lives beside the project, not in it
        log(f"  no scorer at {scorer} (set SKG_SCORER to score.py): accuracy not measured")
        return {}
    sys.path.insert(0, str(scorer.parent))
    from score import Tally, score_doc

    from safeguarding_kg.extract import extract
    from safeguarding_kg.records import to_json

    fields = ["metadata", "judgements", "recommendations", "rec_timescale", "organisations", "org_type",
              "partners"]
    tallies = {f: Tally(f in {"metadata", "rec_timescale", "org_type"}) for f in fields}
    expected = sorted((corpus / "expected").glob("*.json"))
    step = max(1, len(expected) // sample)
    for path in expected[::step][:sample]:
        gold = json.loads(path.read_text())
        try:
            pred = to_json(extract(corpus / "reports" / gold["source"]))
        except Exception:  # noqa: BLE001 - a failure scores as nothing found
            pred = {}
        score_doc(gold, pred, tallies, [])
    f1 = {f: round(tallies[f].prf()[2], 3) for f in fields}
    return {"reports": len(expected[::step][:sample]), "f1": f1, "overall": round(sum(f1.values()) / len(f1), 3)}


# -- the report -----------------------------------------------------------------------------------

def machine() -> dict:
    memory = next((int(line.split()[1]) / 1024 / 1024 for line in open("/proc/meminfo")
                   if line.startswith("MemTotal")), None)
    versions = {}
    from importlib import metadata
    for name in ("safeguarding-kg", "pyoxigraph", "rdflib", "networkx", "click"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return {"cores": os.cpu_count(), "memory_gb": round(memory, 1) if memory else None,
            "cpu": _cpu_name(), "python": platform.python_version(), "versions": versions,
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "load": os.getloadavg(),
            "commit": _commit()}


def _cpu_name() -> str:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def verdict(ok) -> str:
    return "n/a" if ok is None else ("met" if ok else "**missed**")


def ms(seconds) -> str:
    if seconds is None:
        return "-"
    if seconds == float("inf"):
        return "stopped"
    return f"{1000 * seconds:.1f} ms" if seconds < 10 else f"{seconds:.0f} s"


def p95(v: dict) -> float:
    return v.get("p95", float("inf"))


def results_markdown(info: dict, runs: list[dict], notes: str = "") -> str:
    v = info["versions"]
    lines = [
        "# Benchmark results", "",
        f"Written by `make bench` (`benchmarks/run.py`) on {info['date']}"
        + (f" at commit {info['commit']}" if info.get("commit") else "") + f". Machine: {info['cores']} cores "
        f"({info['cpu']}), {info['memory_gb']} GB memory, Python {info['python']}; safeguarding-kg "
        f"{v['safeguarding-kg']}, pyoxigraph {v['pyoxigraph']}, rdflib {v['rdflib']}, networkx {v['networkx']}. "
        f"Load average when the run started: {', '.join(f'{x:.2f}' for x in info['load'])} (the machine is shared "
        "with other engineers' work, so absolute times are noisy; ratios hold better).", "",
        "The corpus is `benchmarks/make_corpus.py N DIR` (seed 0): N synthetic report texts across nine genres "
        "with real councils, police forces and NHS bodies, 15-40 KB each, with page-break damage, and the "
        "expected record of each.", "",
    ]
    for r in runs:
        lines += size_section(r, info)
    if notes:
        lines += [notes]
    return "\n".join(lines) + "\n"


def size_section(r: dict, info: dict) -> list[str]:
    n, b, cores = r["n"], r["build"], r["cores"]
    floor = r["floor"]
    mb = floor["bytes"] / 1e6
    floor_rate = floor["files"] / floor["seconds"]

    def rate(x):
        return x["files"] / x["seconds"], x["bytes"] / 1e6 / x["seconds"]

    e1, ea = rate(r["extract_1"]), rate(r["extract_all"])
    triples_per_report = (r["shape"]["triples"] / r["shape"]["reports"]) if r["shape"].get("reports") else None
    q = {k: v for k, v in r["queries"].items() if not k.startswith("_") and isinstance(v, dict)}
    rd = r["rdflib"]
    out = [f"## {n:,} reports ({mb:.0f} MB of text)", ""]
    scale = 10_000 / n
    out += ["### Against the targets", ""]
    if n < 10_000:
        out += [f"The targets are for 10,000 reports. At {n:,}, each verdict is for this size; the build, "
                "which grows with the number of reports, is also projected linearly to 10,000.", ""]
    out += ["| target (at 10,000 reports) | measured | |", "| --- | --- | --- |"]
    projected = b.get("seconds", 1e9) * scale
    out.append(f"| full build < 2 min (extraction, mapping, export, store) | {b.get('seconds', 0):.1f} s "
               + (f"(extraction {b.get('extract_seconds') or 0:.1f} s, then the files written and the store filled "
                  f"side by side {b.get('write_seconds', 0):.1f} s, the store's part {b.get('store_seconds', 0):.1f} s)"
                  if b.get("overlapped") else
                  f"(extraction {b.get('extract_seconds') or 0:.1f} s, writing {b.get('write_seconds', 0):.1f} s, "
                  f"store {b.get('store_seconds', 0):.1f} s)")
               + (f"; projected to 10,000: about {projected:.0f} s" if n < 10_000 else "")
               + f" | {verdict(projected < 120)} |")
    if triples_per_report:
        out.append(f"| about 500 triples per report | {triples_per_report:.0f} | "
                   f"{verdict(triples_per_report <= 500)} |")
    again_note = f" (measured again at {r['again']['commit']})" if r.get("again") else ""
    out.append(f"| unchanged rebuild < 5 s | {r['rebuild']['seconds']:.1f} s{again_note} | "
               f"{verdict(r['rebuild']['seconds'] < 5)} |")
    one = [v for v in q.values() if v["scope"] == "one authority"]
    national = [v for v in q.values() if v["scope"] == "national"]
    if one:
        worst = max(p95(v) for v in one)
        out.append(f"| queries about one authority: p95 < 50 ms | worst p95 {ms(worst)} "
                   f"({sum(p95(v) < 0.05 for v in one)} of {len(one)} under) | {verdict(worst < 0.05)} |")
    if national:
        worst = max(p95(v) for v in national)
        out.append(f"| national queries < 1 s | worst p95 {ms(worst)} "
                   f"({sum(p95(v) < 1 for v in national)} of {len(national)} under) | {verdict(worst < 1)} |")
    ratios = [x for x in (ratio(rd.get(k), v, bound=True) for k, v in q.items()) if x is not None]
    if ratios:
        out.append(f"| each query >= 25x faster than rdflib | {sum(x >= 25 for x in ratios)} of {len(ratios)} "
                   f"measured at 25x or more (lowest {min(ratios):.0f}x; where rdflib was stopped, its time "
                   f"limit counts) | {verdict(min(ratios) >= 25)} |")
    analysis = {k: v for k, v in r["network"].items() if k.startswith("network")}
    if analysis:
        worst = max(v["seconds"] for v in analysis.values())
        out.append(f"| network analysis < 5 s | slowest {worst:.1f} s | {verdict(worst < 5)} |")
    out.append(f"| `skg --help` < 0.3 s | {info['help']['median']:.3f} s median | "
               f"{verdict(info['help']['median'] < 0.3)} |")
    out += ["", "### Extraction", "", "| | reports/s | MB/s | ratio to the floor |", "| --- | --- | --- | --- |",
            f"| floor: read every file + one regex (1 core, all {n:,}) | {floor_rate:,.0f} | "
            f"{mb / floor['seconds']:,.1f} | 1 |",
            f"| extraction, 1 core ({r['extract_1']['files']} reports) | {e1[0]:.1f} | {e1[1]:.2f} | "
            f"{floor_rate / e1[0]:,.0f}x slower |",
            f"| extraction, {cores} cores ({r['extract_all']['files']} reports) | {ea[0]:.1f} | {ea[1]:.2f} | "
            f"{floor_rate / ea[0]:,.0f}x slower |"]
    acc = r.get("accuracy")
    if acc:
        out += ["", f"Accuracy on {acc['reports']} of the reports (score.py against the expected records): "
                f"overall F1 {acc['overall']:.3f}; " + ", ".join(f"{k} {v:.3f}" for k, v in acc["f1"].items()) + "."]
    out += ["", "### Build and store", "", "| step | seconds | triples/s | peak memory |", "| --- | --- | --- | --- |"]
    t = b.get("triples") or 0
    out.append(f"| build_graph + store ({b.get('loaded')} loaded, {b.get('skipped')} skipped; {t:,} triples) | "
               f"{b.get('seconds', 0):.1f} | {t / max(b.get('seconds', 1), 1e-9):,.0f} | {b.get('_peak_mb') or 0:,.0f} MB |")
    out.append(f"| of which extraction + mapping ({cores} processes) | {b.get('extract_seconds') or 0:.1f} | | |")
    beside = " (beside the writers)" if b.get("overlapped") else ""
    out.append(f"| of which graph.ttl/.trig/.nq written{' and the store filled' if beside else ''} | "
               f"{b.get('write_seconds', 0):.1f} | {t / max(b.get('write_seconds', 1), 1e-9):,.0f} | |")
    out.append(f"| of which the on-disk store filled{beside} | {b.get('store_seconds', 0):.1f} | "
               f"{t / max(b.get('store_seconds', 1), 1e-9):,.0f} | |")
    out.append(f"| unchanged rebuild (`skg build --store`, cache) | {r['rebuild']['seconds']:.1f} | | "
               f"{r['rebuild']['peak_mb'] or 0:,.0f} MB |")
    one = r.get("one_report")
    if one:
        out.append(f"| one report: `skg remove` from the store, then `skg load` again | {one['remove']:.1f}, "
                   f"{one['load']:.1f} | | |" + ("" if one["ok"] else " (failed)"))
    out.append(f"| rdflib: parse graph.trig into a Dataset | {rd.get('_parse_seconds', 0):.1f} | "
               f"{rd.get('_triples', 0) / max(rd.get('_parse_seconds', 1), 1e-9):,.0f} | {rd.get('_peak_mb') or 0:,.0f} MB |")
    out.append("")
    out.append("Files: " + ", ".join(f"{k} {v:.0f} MB" for k, v in sorted(r["files_mb"].items())) + ".")
    shape = r["shape"]
    if shape.get("reports"):
        per = shape["reports"]
        out += ["", f"### Where the triples go ({shape['triples'] / per:.0f} per report graph)", "",
                "| predicate family | per report | share |", "| --- | --- | --- |"]
        out += [f"| {fam} | {count / per:.1f} | {100 * count / shape['triples']:.0f}% |"
                for fam, count in shape["families"]]
        out += ["", "Top predicates per report: " + ", ".join(f"{p} {c / per:.1f}" for p, c in shape["predicates"][:12])
                + "."]
    out += ["", "### Named queries", "",
            "Embedded on-disk store (pyoxigraph) against rdflib's in-memory SPARQL over the same graph.trig, "
            "parameters from each query's example." + (
                f" Measured again on {r['again']['date']} at commit {r['again']['commit']} "
                "(`run.py --again`), on the same store, with the queries, skg serve and the unchanged rebuild "
                "of that commit (rdflib again for the queries whose text changed)."
                if r.get("again") else ""), "",
            "| query | scope | rows | store median | store p95 | rdflib median | ratio |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for name, v in sorted(q.items()):
        other = rd.get(name) or {}
        if "timeout" in v:
            ours, ours95 = f"stopped at {v['timeout']:.0f} s", "-"
        else:
            ours, ours95 = ms(v["median"]), ms(v["p95"])
        if "median" in other and "median" in v:
            theirs, x = ms(other["median"]), f"{ratio(other, v):.0f}x"
        elif "median" in other:
            theirs, x = ms(other["median"]), "-"
        elif "timeout" in other and "median" in v:
            theirs, x = f"> {other['timeout']} s", f"> {other['timeout'] / v['median']:.0f}x"
        else:
            theirs, x = other.get("error") or other.get("skipped") or ("stopped" if "timeout" in other else "-"), "-"
        out.append(f"| {name} | {v.get('scope', '')} | {v.get('rows', '-')} | {ours} | {ours95} | {theirs} | {x} |")
    out += ["", "### Network analysis and exports", "", "| command | seconds | peak memory |", "| --- | --- | --- |"]
    if any("first" in v for v in r["network"].values()):
        out[-3:] = ["", "Each command three times: the median, and the first run (a cold page cache).", "",
                    "| command | seconds (median) | first run | peak memory |", "| --- | --- | --- | --- |"]
    out += [f"| skg {k} | {v['seconds']:.1f}{'' if v['ok'] else ' (failed)'} |"
            + (f" {v['first']:.1f} |" if "first" in v else "") + f" {v['peak_mb'] or 0:,.0f} MB |"
            for k, v in r["network"].items()]
    out += ["", "### skg serve", ""]
    if r["serve"].get("absent"):
        out.append("`skg serve` does not exist yet in this checkout: not measured (run.py measures it when it does).")
    else:
        out += ["| request (4 threads, loopback) | requests/s | median | p95 | errors |", "| --- | --- | --- | --- | --- |"]
        out += [f"| {k} | {v['requests_per_s']:.1f} | {v.get('median_ms', 0):.1f} ms | {v.get('p95_ms', 0):.1f} ms | "
                f"{v['errors']} |" for k, v in r["serve"].items()]
    return out + [""]


def ratio(theirs: dict | None, ours: dict, bound: bool = False) -> float | None:
    """rdflib's median over ours; with bound, rdflib's time limit where it was stopped (a lower bound)."""
    if not theirs or not ours.get("median"):
        return None
    if "median" in theirs:
        return theirs["median"] / ours["median"]
    return theirs["timeout"] / ours["median"] if bound and "timeout" in theirs else None


def main(argv=None) -> int:
    if argv is None and len(sys.argv) > 1 and sys.argv[1] in STEPS:
        print(json.dumps(STEPS[sys.argv[1]](*sys.argv[2:])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "skg-bench")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--query-timeout", type=float, default=60,
                        help="seconds a query may run on the store before it is stopped")
    parser.add_argument("--rdflib-timeout", type=int, default=30, help="seconds per query with rdflib")
    parser.add_argument("--rdflib-budget", type=int, default=1200,
                        help="seconds for all the rdflib queries (with --again, 0 skips rdflib)")
    parser.add_argument("--from-json", action="store_true",
                        help="only write RESULTS.md again from benchmarks/results.json")
    parser.add_argument("--again", action="store_true",
                        help="after a change to the queries or the store: measure the named queries (store, and "
                             "rdflib for those whose text changed), skg serve and the unchanged rebuild again on "
                             "what the last run built, keeping its other figures")
    args = parser.parse_args(argv)
    raw = args.output.with_name("results.json")
    if args.from_json:
        data = json.loads(raw.read_text())
        args.output.write_text(results_markdown(data["machine"], data["runs"], _notes()))
        return 0
    if args.again:
        return again(raw, args)
    sizes = [200] if args.quick else [int(s) for s in args.sizes.split(",")]
    info = machine()
    log(f"skg --help start-up")
    info["help"] = help_startup()
    # the runs of other sizes from an earlier invocation stay (a long size can be run alone)
    kept = json.loads(raw.read_text())["runs"] if raw.exists() and not args.quick else []
    runs = []
    for n in sizes:
        runs.append(measure(n, args.workdir, args.quick, args.seed, args))
        every = sorted([r for r in kept if r["n"] not in sizes] + runs, key=lambda r: r["n"])
        raw.write_text(json.dumps({"machine": info, "runs": every}, indent=1, default=str))
        args.output.write_text(results_markdown(info, every, _notes()))
        log(f"wrote {args.output}")
    return 0


def again(raw: Path, args: argparse.Namespace) -> int:
    """The query, serve and rebuild figures of results.json measured again on the last run's build."""
    data = json.loads(raw.read_text())
    sizes = [int(s) for s in args.sizes.split(",")]
    for r in data["runs"]:
        out = args.workdir / f"build-{r['n']}-{args.seed}"
        if r["n"] not in sizes or not (out / "store").is_dir():
            continue
        reports = args.workdir / f"corpus-{r['n']}-{args.seed}" / "reports"
        rebuild = [SKG, "build", str(reports), "--output", str(out / "graph.ttl"), "--store", str(out / "store"),
                   "--cache", str(out / "cache"), "--base", BASE, "--quiet"]
        log(f"{r['n']:,} reports: a rebuild first, not measured (it brings a store of an older version up to date)")
        timed(rebuild)
        log("named queries on the store, again")
        before = r["queries"]
        r["queries"] = store_queries(out / "store", 30, args.query_timeout)
        # rdflib again only for the queries whose text changed (its figures for the others stand)
        changed = {name: q for name, q in r["queries"].items()
                   if q.get("text") != before.get(name, {}).get("text")}
        if changed and args.rdflib_budget <= 0:  # rdflib's figures for the old texts would not compare
            r["rdflib"].update({name: {"skipped": "not measured again after the query changed"} for name in changed})
        elif changed:
            (out / "queries-changed.json").write_text(json.dumps(changed))
            log(f"rdflib in memory, again, for the {len(changed)} changed queries")
            r["rdflib"].update(child("_rdflib", str(out / "graph.trig"), str(out / "queries-changed.json"), "5",
                                     str(args.rdflib_timeout), str(args.rdflib_budget), timeout=4 * 3600))
        log("network commands and exports, again")
        r["network"] = network_commands(out / "store", out)
        log("skg serve under load, again")
        r["serve"] = serve_load(out / "store", r["queries"], seconds=10)
        log("one report removed from the store and loaded again, again")
        r["one_report"] = one_report_changes(reports, out / "store")
        log("unchanged rebuild, again")
        rebuilt = timed(rebuild)
        r["rebuild"] = {"seconds": rebuilt["seconds"], "peak_mb": rebuilt["peak_mb"], "ok": rebuilt["rc"] == 0,
                        "said": rebuilt["stdout"].strip()[-200:]}
        r["again"] = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                              "commit": _commit()}
        raw.write_text(json.dumps(data, indent=1, default=str))
        args.output.write_text(results_markdown(data["machine"], data["runs"], _notes()))
        log(f"wrote {args.output}")
    return 0


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    return done.stdout.strip() or "unknown"


def _notes() -> str:
    """benchmarks/NOTES.md (where the time goes, what was fixed), appended to RESULTS.md."""
    return (HERE / "NOTES.md").read_text() if (HERE / "NOTES.md").exists() else ""


if __name__ == "__main__":
    sys.exit(main())
