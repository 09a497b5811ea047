#!/usr/bin/env python3
"""Write the public vectors' envelopes as `now_ms<TAB>compact JSON` lines for RulesWasmBench.

usage: make-cases.py ../shared/ref/rules-vectors-public.json cases.txt
"""
import datetime, json, sys

cases = json.load(open(sys.argv[1]))
with open(sys.argv[2], "w") as out:
    for c in cases:
        env = {k: c[k] for k in ("flag", "company", "user", "options") if k in c}
        now = datetime.datetime.fromisoformat(c["now"].replace("Z", "+00:00"))
        out.write("%d\t%s\n" % (int(now.timestamp() * 1000), json.dumps(env, separators=(",", ":"), ensure_ascii=False)))
