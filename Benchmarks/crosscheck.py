#!/usr/bin/env python3
"""Cross-check of the command line against MODEL.md, written apart from the engine.

Generates random requests (1-5 sessions, 2-25 tables of 3-10 seats, minSize, topics,
tables open some sessions only, partial attendance, families, avoids, pins by table and
by session, balance, size, topic and repeat weights, hard and soft rules of every form),
plans each with `roundtable plan`, and checks every plan here, in Python: every hard
constraint, each term of the score and the total (to 1e-6, MODEL.md's tolerance), the
per-attendee `peopleMet` counts, and that the bound is not above the score. Infeasible
(exit 3) and no-plan (exit 4) answers are counted; any other exit is printed.

    python3 Benchmarks/crosscheck.py                # seeds 0-99, 2 s each
    python3 Benchmarks/crosscheck.py --seeds 1000:1080 --time-limit 3

Needs the release build of the command line (`make build`). Exits 1 on any mismatch.
"""
import argparse, collections, itertools, json, os, random, subprocess, sys, tempfile

def gen(seed):
    R=random.Random(seed)
    S=R.choice([1,1,2,3,4,5])
    sessions=[f"s{i}" for i in range(S)] if S>1 else ["main"]
    nt=R.randint(2,12) if R.random()<0.7 else R.randint(10,25)
    topics=["a","b","c","d"]
    tables=[]
    for t in range(nt):
        cap=R.randint(3,10)
        tb={"id":f"T{t}","capacity":cap}
        if R.random()<0.5: tb["minSize"]=R.randint(0,cap//2)
        if R.random()<0.3: tb["topic"]=R.choice(topics)
        if S>1 and R.random()<0.25: tb["sessions"]=R.sample(sessions,R.randint(1,S))
        tables.append(tb)
    capmin=min(sum(t['capacity'] for t in tables if s in t.get('sessions',sessions)) for s in sessions)
    n=R.randint(max(4,capmin//3), max(5,int(capmin*R.uniform(0.5,1.0))))
    atts=[]; g=0; i=0
    while len(atts)<n:
        a={"id":f"a{i}","attributes":{"party":R.choice(["D","R","M","P","X"]),"country":R.choice(["US","MX"]),
            "industry":R.choice(["gov","auto","energy","fin"]),"org":f"o{R.randint(0,max(1,n//3))}",
            "lang":R.sample(["es","en"],R.randint(1,2))}}
        if R.random()<0.1: del a["attributes"]["party"]
        if S>1 and R.random()<0.2: a["sessions"]=R.sample(sessions,R.randint(1,S))
        if R.random()<0.3: a["topics"]=R.sample(topics,R.randint(1,3))
        i+=1
        if R.random()<0.1 and len(atts)+2<n:
            a["group"]=f"g{g}"; atts.append(a)
            for _ in range(R.randint(1,2)):
                b={"id":f"a{i}","attributes":{"country":a["attributes"]["country"],"lang":a["attributes"]["lang"]},"group":f"g{g}"}
                if "sessions" in a: b["sessions"]=a["sessions"]
                atts.append(b); i+=1
            g+=1; continue
        atts.append(a)
    ids=[a["id"] for a in atts if "group" not in a]
    by_id={a["id"]:a for a in atts}
    for _ in range(R.randint(0,n//8)):
        x,y=R.sample(ids,2); ax=by_id[x]
        if y not in ax.setdefault("avoid",[]): ax["avoid"].append(y)
    for _ in range(R.randint(0,2)):
        x=by_id[R.choice(ids)]
        att=x.get("sessions",sessions)
        if R.random()<0.5:
            t=R.choice(tables)
            if all(s in t.get("sessions",sessions) for s in att): x["pin"]=t["id"]
        else:
            s=R.choice(att); opts=[t for t in tables if s in t.get("sessions",sessions)]
            if opts: x["pin"]={s:R.choice(opts)["id"]}
    obj={}
    bal={k:R.choice([1,2,3]) for k in ["party","country","industry"] if R.random()<0.7}
    if bal: obj["balance"]=bal
    for k in ["size","topics","repeats"]:
        if R.random()<0.6: obj[k]=R.choice([0,0.5,1,2,5])
    rules=[]
    if R.random()<0.5: rules.append({"attribute":"org","maxPerValue":1, **({"weight":3} if R.random()<0.5 else {})})
    if R.random()<0.4: rules.append({"attribute":"lang","value":"es","min":1, **({"weight":2} if R.random()<0.6 else {})})
    if R.random()<0.3: rules.append({"attribute":"party","minDistinct":2,"weight":1})
    if R.random()<0.3: rules.append({"attribute":"country","value":"US","max":R.randint(2,5)})
    req={"sessions":sessions,"tables":tables,"attendees":atts,"objective":obj,"rules":rules}
    if S==1 and R.random()<0.5: del req["sessions"]
    return req

def vals(a,attr):
    v=a.get("attributes",{}).get(attr)
    if v is None: return set()
    return set(v) if isinstance(v,list) else {v}

def score(req,plan):
    sessions=req.get("sessions",["main"]); tables={t["id"]:t for t in req["tables"]}
    A={a["id"]:a for a in req["attendees"]}
    obj=req.get("objective",{})
    w=lambda k: obj.get(k) if obj.get(k) is not None else 1
    seat={}
    errs=[]
    for x in plan["assignments"]:
        s=x.get("session", sessions[0] if len(sessions)==1 else None)
        key=(x["attendee"],s)
        if key in seat: errs.append(f"dup {key}")
        seat[key]=x["table"]
    tabs=collections.defaultdict(list)
    for (a,s),t in seat.items():
        if a not in A or s not in sessions or t not in tables: errs.append(f"unknown {a} {s} {t}"); continue
        if s not in A[a].get("sessions",sessions): errs.append(f"{a} not in {s}")
        if s not in tables[t].get("sessions",sessions): errs.append(f"table {t} closed in {s}")
        tabs[(s,t)].append(a)
    for a in A.values():
        for s in a.get("sessions",sessions):
            if (a["id"],s) not in seat: errs.append(f"{a['id']} unseated {s}")
            pin=a.get("pin")
            if pin is not None:
                pt=pin if isinstance(pin,str) else pin.get(s)
                if pt and seat.get((a["id"],s))!=pt: errs.append(f"pin {a['id']} {s}")
    for (s,t),ps in tabs.items():
        if len(ps)>tables[t]["capacity"] or len(ps)<tables[t].get("minSize",0): errs.append(f"size {s} {t} {len(ps)}")
        for x,y in itertools.combinations(ps,2):
            if y in A[x].get("avoid",[]) or x in A[y].get("avoid",[]): errs.append(f"avoid {x} {y}")
    for gname in set(a.get("group") for a in A.values() if a.get("group")):
        for s in sessions:
            ts={seat.get((a["id"],s)) for a in A.values() if a.get("group")==gname and (a["id"],s) in seat}
            if len(ts)>1: errs.append(f"group {gname} split {s}")
    # balance, size
    bal=0; size=0; rules=0
    for s in sessions:
        present=[a for a in A.values() if s in a.get("sessions",sessions)]
        N=len(present); avail=[t for t in tables.values() if s in t.get("sessions",sessions)]
        totcap=sum(t["capacity"] for t in avail)
        for attr,wa in obj.get("balance",{}).items():
            cnt=collections.Counter(v for a in present for v in vals(a,attr))
            for t in avail:
                ps=tabs.get((s,t["id"]),[]); n=len(ps)
                for v,c in cnt.items():
                    p=c/N
                    cv=sum(1 for x in ps if v in vals(A[x],attr))
                    bal+=wa*abs(cv-p*n)
        for t in avail:
            ps=tabs.get((s,t["id"]),[])
            size+=w("size")*abs(len(ps)-N*t["capacity"]/totcap)
            if not ps: continue
            for r in req.get("rules",[]):
                pen=0
                cnt=collections.Counter(v for x in ps for v in vals(A[x],r["attribute"]))
                if "value" in r:
                    c=cnt.get(r["value"],0)
                    if r.get("min") is not None and c<r["min"]: pen+=r["min"]-c
                    if r.get("max") is not None and c>r["max"]: pen+=c-r["max"]
                if r.get("maxPerValue") is not None: pen+=sum(max(0,c-r["maxPerValue"]) for c in cnt.values())
                if r.get("minDistinct") is not None: pen+=max(0,r["minDistinct"]-len(cnt))
                if "weight" in r: rules+=r["weight"]*pen
                elif pen>0: errs.append(f"rule {r} at {s} {t['id']}")
    top=0
    for a in A.values():
        L=list(dict.fromkeys(a.get("topics",[])))
        if not L: continue
        c=collections.Counter(tables[seat[(a["id"],s)]].get("topic") for s in sessions if (a["id"],s) in seat and seat[(a["id"],s)] in tables)
        for x,m in c.items():
            if x is None: continue
            top+=(L.index(x) if x in L else len(L))+len(L)*(m-1)
    top*=w("topics")
    meet=collections.Counter()
    for (s,t),ps in tabs.items():
        for x,y in itertools.combinations(sorted(ps),2):
            if A[x].get("group") and A[x].get("group")==A[y].get("group"): continue
            meet[(x,y)]+=1
    rep=w("repeats")*sum(max(0,m-1) for m in meet.values())
    met={a: len({y for s in sessions if (a,s) in seat for y in tabs[(s,seat[(a,s)])] if y!=a}) for a in A}
    return errs, dict(balance=bal,size=size,topics=top,repeats=rep,rules=rules,total=bal+size+top+rep+rules), met


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description="Cross-check roundtable plans against MODEL.md")
    parser.add_argument("--cli", default=os.path.join(here, "..", ".build", "release", "roundtable"))
    parser.add_argument("--seeds", default="0:100", help="FIRST:END (END excluded)")
    parser.add_argument("--time-limit", default="2")
    args = parser.parse_args()
    first, end = (int(x) for x in args.seeds.split(":"))
    if not os.path.exists(args.cli):
        sys.exit(f"{args.cli}: not found. Fix: build it with `make build`.")
    stat = collections.Counter()
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        for seed in range(first, end):
            request = gen(seed)
            path, out = os.path.join(work, f"r{seed}.json"), os.path.join(work, f"p{seed}.json")
            with open(path, "w") as f:
                json.dump(request, f)
            run = subprocess.run([args.cli, "plan", path, "--time-limit", args.time_limit, "-q", "-o", out],
                                 capture_output=True, text=True, timeout=float(args.time_limit) * 3 + 30)
            if run.returncode != 0:
                stat[{3: "infeasible (exit 3)", 4: "no plan (exit 4)"}.get(run.returncode, f"exit {run.returncode}")] += 1
                if run.returncode not in (3, 4):
                    failures += 1
                    print(f"seed {seed}: exit {run.returncode}: {run.stderr[-500:]}")
                continue
            with open(out) as f:
                plan = json.load(f)
            errors, score_here, met = score(request, plan)
            wrong = [k for k in score_here if abs(score_here[k] - plan["objective"][k]) > 1e-6 * max(1, abs(score_here[k]))]
            bound = plan.get("bound")
            problems = errors[:5] + [f"{k}: here {score_here[k]}, plan {plan['objective'][k]}" for k in wrong]
            if plan.get("peopleMet") is not None and plan["peopleMet"] != met:
                problems.append("peopleMet differs")
            if bound is not None and bound > score_here["total"] + 1e-6 * max(1, abs(score_here["total"])):
                problems.append(f"bound {bound} above the score {score_here['total']}")
            if plan["status"] == "optimal" and (bound is None or score_here["total"] - bound > 1e-6 * max(1, abs(score_here["total"]))):
                problems.append("optimal without a bound that meets the score")
            if problems:
                failures += 1
                print(f"seed {seed}: " + "; ".join(problems))
            stat[plan["status"]] += 1
    print(f"{end - first} requests: " + ", ".join(f"{k} {v}" for k, v in sorted(stat.items())) + f"; {failures} failing")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
