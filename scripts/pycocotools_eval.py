#!/usr/bin/env python3
"""Reference run for detkit's benchmarks and cross-checks: pycocotools on a GT/DT pair.

Usage: pycocotools_eval.py GT.json DT.json [--arrays OUT.npz]
Prints one JSON object: load, evaluate and accumulate seconds, and the 12 stats.
Needs numpy and pycocotools (not part of detkit; used only when present).
"""
import contextlib, io, json, sys, time

import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

gt_file, dt_file = sys.argv[1], sys.argv[2]
with contextlib.redirect_stdout(io.StringIO()):
    t0 = time.perf_counter()
    gt = COCO(gt_file)
    t1 = time.perf_counter()
    dt = gt.loadRes(dt_file)
    t2 = time.perf_counter()
    ev = COCOeval(gt, dt, "bbox")
    ev.evaluate()
    t3 = time.perf_counter()
    ev.accumulate()
    t4 = time.perf_counter()
    ev.summarize()
if "--arrays" in sys.argv:
    out = sys.argv[sys.argv.index("--arrays") + 1]
    np.savez(out, precision=ev.eval["precision"], recall=ev.eval["recall"], scores=ev.eval["scores"])
print(json.dumps({
    "load_gt_s": t1 - t0, "load_dt_s": t2 - t1, "evaluate_s": t3 - t2, "accumulate_s": t4 - t3,
    "stats": [float(x) for x in ev.stats],
}))
