#!/usr/bin/env python3
"""A multi-session event of another shape than the benchmarks' generator, as MODEL.md JSON.

Tables of 8 seats (or a mix of 6, 8 and 10) with minSize capacity - 3, about 85 % of
seats taken; attendees with gender, seniority, region, sector and an organization
(sizes skewed, none larger than the tables less 3); 12 % attend some days only, 5 %
come as pairs, a few avoids; balance on gender 2, region 2, seniority 1, sector 1,
size 1, repeats 2; one per organization per table, 3 regions a table (soft, weight 4).
The benchmarks were not tuned on it. Same arguments, same file.

    python3 Benchmarks/workshop.py 150 5 3 mixed -o event.json
    swift run -c release --package-path Benchmarks roundtable-bench mixing event.json
"""
import argparse, json, random

def gen(n, S, seed, cap=8, mixed=False):
    R=random.Random(seed)
    sessions=[f"day{i+1}" for i in range(S)]
    seats=int(n/0.85)
    tables=[]; t=0; tot=0
    while tot<seats:
        c=R.choice([6,8,10]) if mixed else cap
        tables.append({"id":f"T{t+1}","capacity":c,"minSize":max(1,c-3)}); tot+=c; t+=1
    orgs=[f"org{k}" for k in range(max(5,n//6))]
    weights=[1.0/(k+1)**0.8 for k in range(len(orgs))]
    atts=[]; i=0; g=0
    while len(atts)<n:
        a={"id":f"x{i}","attributes":{
            "gender":R.choice(["f","m"]),
            "seniority":R.choices(["junior","mid","senior"],[3,4,2])[0],
            "region":R.choices(["north","south","east","west","intl"],[3,3,2,2,1])[0],
            "sector":R.choices(["public","private","ngo","academia","media","finance"],[4,5,2,2,1,2])[0],
            "organization":R.choices(orgs,weights)[0]}}
        while sum(1 for b in atts if b["attributes"].get("organization")==a["attributes"]["organization"])>=len(tables)-3:
            a["attributes"]["organization"]=R.choice(orgs)
        if S>1 and R.random()<0.12:
            a["sessions"]=[s for s in sessions if R.random()<0.6] or [sessions[0]]
        i+=1
        if R.random()<0.05 and len(atts)+1<n:
            a["group"]=f"pair{g}"; atts.append(a)
            b={"id":f"x{i}","attributes":{"gender":R.choice(["f","m"]),"region":a["attributes"]["region"]},"group":f"pair{g}"}
            if "sessions" in a: b["sessions"]=a["sessions"]
            atts.append(b); i+=1; g+=1; continue
        atts.append(a)
    solo=[a for a in atts if "group" not in a and "sessions" not in a]
    for _ in range(n//50):
        x,y=R.sample(solo,2); x.setdefault("avoid",[]).append(y["id"])
    return {"sessions":sessions,"tables":tables,"attendees":atts,
            "objective":{"balance":{"gender":2,"seniority":1,"region":2,"sector":1},"size":1,"repeats":2},
            "rules":[{"attribute":"organization","maxPerValue":1},{"attribute":"region","minDistinct":3,"weight":4}]}

def main():
    parser = argparse.ArgumentParser(description="Write a generated multi-session event (MODEL.md JSON)")
    parser.add_argument("attendees", type=int)
    parser.add_argument("sessions", type=int)
    parser.add_argument("seed", type=int)
    parser.add_argument("tables", nargs="?", choices=["mixed"], help="tables of 6, 8 and 10 seats (default: all 8)")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()
    with open(args.output, "w") as f:
        json.dump(gen(args.attendees, args.sessions, args.seed, mixed=args.tables == "mixed"), f)


if __name__ == "__main__":
    main()
