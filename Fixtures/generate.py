#!/usr/bin/env python3
"""Build Fixtures/conference.json (and its witness plan) from
seeds/make-it-with-mexico.json, deterministically, and check every fixture.

    python3 Fixtures/generate.py           # write conference.json + conference_witness.json, then check all
    python3 Fixtures/generate.py --check   # write nothing: regenerate in memory, compare with the files
                                           # on disk, and check every fixture in Fixtures/

Python 3 standard library only. Exits non-zero, saying why, when anything is off:
a counting condition of conference.json fails, the witness plan breaks a hard
constraint, a valid_* fixture has a request error or no plan, an infeasible_*
fixture has a request error or a plan, or an invalid_* fixture does not have
exactly its one named request error.

The request model is /work/shared/MODEL.md (v1). The validator, the exhaustive
feasibility search and the scorer below are an independent reading of it.
"""

import itertools
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED_FILE = os.path.join(ROOT, "seeds", "make-it-with-mexico.json")
OUT_REQUEST = os.path.join(HERE, "conference.json")
OUT_WITNESS = os.path.join(HERE, "conference_witness.json")
RNG_SEED = 20240919

# ---------------------------------------------------------------------------
# Request validation (MODEL.md "Precise points"), returns [(code, message)]
# ---------------------------------------------------------------------------


def _is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _int_check(x):
    """None if x is a usable non-negative-or-any integer, else an error kind."""
    if not _is_num(x):
        return "type"
    if isinstance(x, float):
        if not math.isfinite(x) or not x.is_integer():
            return "not-integer"
        if abs(x) > 2 ** 53:
            return "out-of-range"
        return None
    if abs(x) > 2 ** 63 - 1:
        return "out-of-range"
    return None


def _weight_errors(w, where):
    if w is None:
        return []
    if not _is_num(w) or not math.isfinite(w):
        return [("weight-type", where + ": weight must be a finite number")]
    if w < 0:
        return [("weight-negative", where + ": weight must be non-negative")]
    return []


def _str_list(x):
    return isinstance(x, list) and all(isinstance(v, str) for v in x)


def validate(req):
    errs = []
    if not isinstance(req, dict):
        return [("not-object", "request must be a JSON object")]

    # sessions
    sessions = ["main"]
    if "sessions" in req:
        s = req["sessions"]
        if not _str_list(s) or not s:
            errs.append(("sessions-type", "sessions must be a non-empty array of strings"))
        elif len(set(s)) != len(s):
            errs.append(("session-duplicate", "sessions lists a name twice"))
        else:
            sessions = list(s)
    sset = set(sessions)

    # tables
    tables = {}
    table_sessions = {}
    if "tables" not in req:
        errs.append(("tables-missing", "tables is required"))
    elif not isinstance(req["tables"], list):
        errs.append(("tables-type", "tables must be an array"))
    elif not req["tables"]:
        errs.append(("tables-empty", "tables must not be empty"))
    else:
        for i, t in enumerate(req["tables"]):
            where = "tables[%d]" % i
            if not isinstance(t, dict) or not isinstance(t.get("id"), str):
                errs.append(("table-id", where + ": table needs a string id"))
                continue
            tid = t["id"]
            where = "table " + tid
            if tid in tables:
                errs.append(("table-duplicate-id", where + ": duplicate table id"))
                continue
            tables[tid] = t
            cap = t.get("capacity")
            kind = _int_check(cap) if "capacity" in t else "missing"
            if kind == "missing":
                errs.append(("capacity-missing", where + ": capacity is required"))
            elif kind:
                errs.append(("capacity-" + kind, where + ": capacity %r is not a positive integer" % (cap,)))
            elif cap <= 0:
                errs.append(("capacity-not-positive", where + ": capacity must be positive"))
            if "minSize" in t:
                ms = t["minSize"]
                k = _int_check(ms)
                if k:
                    errs.append(("minsize-" + k, where + ": minSize %r is not an integer" % (ms,)))
                elif ms < 0 or (kind is None and ms > cap):
                    errs.append(("minsize-range", where + ": minSize must be in 0...capacity"))
            if "topic" in t and not isinstance(t["topic"], str):
                errs.append(("table-topic-type", where + ": topic must be a string"))
            if "sessions" in t:
                ts = t["sessions"]
                if not _str_list(ts):
                    errs.append(("table-sessions-type", where + ": sessions must be an array of strings"))
                else:
                    bad = [x for x in ts if x not in sset]
                    if bad:
                        errs.append(("table-unknown-session", where + ": unknown session %s" % bad))
                    table_sessions[tid] = set(ts) & sset
            else:
                table_sessions[tid] = set(sset)

    # attendees
    att = {}
    if "attendees" not in req:
        errs.append(("attendees-missing", "attendees is required"))
    elif not isinstance(req["attendees"], list):
        errs.append(("attendees-type", "attendees must be an array"))
    else:
        for i, a in enumerate(req["attendees"]):
            if not isinstance(a, dict) or not isinstance(a.get("id"), str):
                errs.append(("attendee-id", "attendees[%d]: attendee needs a string id" % i))
                continue
            if a["id"] in att:
                errs.append(("attendee-duplicate-id", "attendee %s: duplicate id" % a["id"]))
                continue
            att[a["id"]] = a
        for aid, a in att.items():
            where = "attendee " + aid
            if "name" in a and not isinstance(a["name"], str):
                errs.append(("attendee-name-type", where + ": name must be a string"))
            attrs = a.get("attributes", {})
            if not isinstance(attrs, dict):
                errs.append(("attributes-type", where + ": attributes must be an object"))
            else:
                for k, v in attrs.items():
                    if v is not None and not isinstance(v, str) and not _str_list(v):
                        errs.append(("attribute-type", where + ": attribute %s must be a string, array of strings or null" % k))
            if "group" in a and not isinstance(a["group"], str):
                errs.append(("group-type", where + ": group must be a string"))
            a_sess = set(sset)
            if "sessions" in a:
                if not _str_list(a["sessions"]):
                    errs.append(("attendee-sessions-type", where + ": sessions must be an array of strings"))
                else:
                    bad = [x for x in a["sessions"] if x not in sset]
                    if bad:
                        errs.append(("attendee-unknown-session", where + ": unknown session %s" % bad))
                    a_sess = set(a["sessions"]) & sset
            if "avoid" in a:
                if not _str_list(a["avoid"]):
                    errs.append(("avoid-type", where + ": avoid must be an array of ids"))
                else:
                    for o in a["avoid"]:
                        if o == aid:
                            errs.append(("avoid-self", where + ": avoids itself"))
                        elif o not in att:
                            errs.append(("avoid-unknown", where + ": avoids unknown attendee %s" % o))
            if "topics" in a and not _str_list(a["topics"]):
                errs.append(("topics-type", where + ": topics must be an array of strings"))
            if "pin" in a:
                p = a["pin"]
                if isinstance(p, str):
                    if p not in tables:
                        errs.append(("pin-unknown-table", where + ": pinned to unknown table %s" % p))
                elif isinstance(p, dict):
                    for s, tid in p.items():
                        if not isinstance(tid, str):
                            errs.append(("pin-type", where + ": pin values must be table ids"))
                        elif s not in sset:
                            errs.append(("pin-unknown-session", where + ": pin names unknown session %s" % s))
                        elif s not in a_sess:
                            errs.append(("pin-unattended-session", where + ": pinned in %s, which it does not attend" % s))
                        elif tid not in tables:
                            errs.append(("pin-unknown-table", where + ": pinned to unknown table %s" % tid))
                        elif s not in table_sessions.get(tid, set()):
                            errs.append(("pin-table-unavailable", where + ": table %s is not available in %s" % (tid, s)))
                else:
                    errs.append(("pin-type", where + ": pin must be a table id or an object"))
        # groups whose members avoid each other
        groups = {}
        for aid, a in att.items():
            if isinstance(a.get("group"), str):
                groups.setdefault(a["group"], []).append(aid)
        for g, members in groups.items():
            ms = set(members)
            for m in members:
                av = att[m].get("avoid")
                if _str_list(av) and any(o in ms and o != m for o in av):
                    errs.append(("group-members-avoid", "group %s: member %s avoids another member" % (g, m)))
                    break

    # objective
    obj = req.get("objective", {})
    if obj is None:
        obj = {}
    if not isinstance(obj, dict):
        errs.append(("objective-type", "objective must be an object"))
    else:
        bal = obj.get("balance")
        if bal is not None:
            if not isinstance(bal, dict):
                errs.append(("balance-type", "objective.balance must be an object"))
            else:
                for k, w in bal.items():
                    errs += _weight_errors(w, "objective.balance." + k)
        for k in ("size", "topics", "repeats"):
            errs += _weight_errors(obj.get(k), "objective." + k)

    # rules
    rules = req.get("rules", [])
    if not isinstance(rules, list):
        errs.append(("rules-type", "rules must be an array"))
        rules = []
    for i, r in enumerate(rules):
        where = "rules[%d]" % i
        if not isinstance(r, dict) or not isinstance(r.get("attribute"), str):
            errs.append(("rule-attribute", where + ": rule needs a string attribute"))
            continue
        if "value" in r and not isinstance(r["value"], str):
            errs.append(("rule-value-type", where + ": value must be a string"))
        bounds = [k for k in ("min", "max", "maxPerValue", "minDistinct") if k in r]
        if not bounds:
            errs.append(("rule-no-bounds", where + ": rule has none of min, max, maxPerValue, minDistinct"))
        for k in bounds:
            kind = _int_check(r[k])
            if kind or r[k] < 0:
                errs.append(("rule-bound-type", where + ": %s must be a non-negative integer" % k))
        if ("min" in r or "max" in r) and "value" not in r:
            errs.append(("rule-bound-without-value", where + ": min/max need a value"))
        errs += _weight_errors(r.get("weight"), where)
    return errs


# ---------------------------------------------------------------------------
# Normalised view of a (valid) request
# ---------------------------------------------------------------------------


class Req:
    def __init__(self, req):
        self.raw = req
        self.sessions = list(req.get("sessions") or ["main"])
        self.tables = [t["id"] for t in req["tables"]]
        self.cap = {t["id"]: int(t["capacity"]) for t in req["tables"]}
        self.minsize = {t["id"]: int(t.get("minSize") or 0) for t in req["tables"]}
        self.topic = {t["id"]: t.get("topic") for t in req["tables"]}
        self.tsess = {t["id"]: set(t.get("sessions", self.sessions)) for t in req["tables"]}
        self.ids = [a["id"] for a in req["attendees"]]
        self.a = {a["id"]: a for a in req["attendees"]}
        self.asess = {a["id"]: set(a.get("sessions", self.sessions)) for a in req["attendees"]}
        self.group = {a["id"]: a.get("group") for a in req["attendees"]}
        self.avoid = {i: set() for i in self.ids}
        for a in req["attendees"]:
            for o in a.get("avoid", []):
                self.avoid[a["id"]].add(o)
                self.avoid[o].add(a["id"])
        self.pin = {}
        for a in req["attendees"]:
            p = a.get("pin")
            if isinstance(p, str):
                for s in self.asess[a["id"]]:
                    self.pin[(a["id"], s)] = p
            elif isinstance(p, dict):
                for s, t in p.items():
                    self.pin[(a["id"], s)] = t
        obj = req.get("objective") or {}
        self.balance = {k: float(v) for k, v in (obj.get("balance") or {}).items() if v is not None}
        self.w_size = 1.0 if obj.get("size") is None else float(obj["size"])
        self.w_topics = 1.0 if obj.get("topics") is None else float(obj["topics"])
        self.w_repeats = 1.0 if obj.get("repeats") is None else float(obj["repeats"])
        self.rules = req.get("rules", [])

    def values(self, aid, attr):
        """Set of values attendee aid holds for attr (null = absent, duplicates once)."""
        v = (self.a[aid].get("attributes") or {}).get(attr)
        if v is None:
            return set()
        if isinstance(v, str):
            return {v}
        return set(v)

    def present(self, s):
        return [i for i in self.ids if s in self.asess[i]]

    def avail(self, s):
        return [t for t in self.tables if s in self.tsess[t]]


def rule_violation(R, rule, members):
    """Units of violation of one rule at one non-empty table."""
    attr = rule["attribute"]
    counts = {}
    for m in members:
        for v in R.values(m, attr):
            counts[v] = counts.get(v, 0) + 1
    viol = 0
    if "value" in rule:
        c = counts.get(rule["value"], 0)
        if "min" in rule:
            viol += max(0, rule["min"] - c)
        if "max" in rule:
            viol += max(0, c - rule["max"])
    if "maxPerValue" in rule:
        viol += sum(max(0, c - rule["maxPerValue"]) for c in counts.values())
    if "minDistinct" in rule:
        viol += max(0, rule["minDistinct"] - len(counts))
    return viol


def hard_rules(R):
    return [r for r in R.rules if r.get("weight") is None]


# ---------------------------------------------------------------------------
# Plan checking and scoring
# ---------------------------------------------------------------------------


def check_plan(R, plan):
    """plan: {session: {attendee: table}}. Returns a list of hard-constraint breaches."""
    bad = []
    for s in R.sessions:
        seat = plan.get(s, {})
        present = set(R.present(s))
        avail = set(R.avail(s))
        for i in present:
            if i not in seat:
                bad.append("%s: %s has no seat" % (s, i))
        for i, t in seat.items():
            if i not in present:
                bad.append("%s: %s seated but absent" % (s, i))
            if t not in avail:
                bad.append("%s: %s at unavailable table %s" % (s, i, t))
        at = {t: [] for t in avail}
        for i, t in seat.items():
            at.setdefault(t, []).append(i)
        for t, ms in at.items():
            if not ms:
                continue
            if len(ms) > R.cap[t]:
                bad.append("%s: %s over capacity (%d)" % (s, t, len(ms)))
            if len(ms) < R.minsize[t]:
                bad.append("%s: %s under minSize (%d)" % (s, t, len(ms)))
            for r in hard_rules(R):
                v = rule_violation(R, r, ms)
                if v:
                    bad.append("%s: %s breaks rule %s by %d" % (s, t, json.dumps(r), v))
            mset = set(ms)
            for i in ms:
                for o in R.avoid[i]:
                    if o in mset and i < o:
                        bad.append("%s: %s and %s avoid each other at %s" % (s, i, o, t))
        groups = {}
        for i in present:
            if R.group[i] is not None:
                groups.setdefault(R.group[i], set()).add(seat.get(i))
        for g, ts in groups.items():
            if len(ts) > 1:
                bad.append("%s: group %s split over %s" % (s, g, sorted(map(str, ts))))
        for (i, ps), t in R.pin.items():
            if ps == s and i in present and seat.get(i) != t:
                bad.append("%s: %s pinned to %s sits at %s" % (s, i, t, seat.get(i)))
    return bad


def score(R, plan):
    bal = size = topics = repeats = rules = 0.0
    for s in R.sessions:
        seat = plan[s]
        present = R.present(s)
        N = len(present)
        avail = R.avail(s)
        totcap = sum(R.cap[t] for t in avail)
        at = {t: [] for t in avail}
        for i in present:
            at[seat[i]].append(i)
        share = {}
        for a in R.balance:
            cnt = {}
            for i in present:
                for v in R.values(i, a):
                    cnt[v] = cnt.get(v, 0) + 1
            share[a] = {v: c / N for v, c in cnt.items()}
        for t in avail:
            ms = at[t]
            n = len(ms)
            for a, w in R.balance.items():
                for v, p in share[a].items():
                    c = sum(1 for i in ms if v in R.values(i, a))
                    bal += w * abs(c - p * n)
            q = N * R.cap[t] / totcap if totcap else 0.0
            size += abs(n - q)
            if n:
                for r in R.rules:
                    if r.get("weight") is not None:
                        rules += float(r["weight"]) * rule_violation(R, r, ms)
    for i in R.ids:
        lst = R.a[i].get("topics")
        if not lst:
            continue
        order = []
        for x in lst:
            if x not in order:
                order.append(x)
        L = len(order)
        visits = {}
        for s in R.sessions:
            if s in R.asess[i]:
                x = R.topic[plan[s][i]]
                if x is not None:
                    visits[x] = visits.get(x, 0) + 1
        for x, k in visits.items():
            rank = order.index(x) if x in order else L
            topics += rank + L * (k - 1)
    together = {}
    for s in R.sessions:
        by_t = {}
        for i, t in plan[s].items():
            by_t.setdefault(t, []).append(i)
        for ms in by_t.values():
            ms.sort()
            for x, y in itertools.combinations(ms, 2):
                together[(x, y)] = together.get((x, y), 0) + 1
    for (x, y), m in together.items():
        if R.group[x] is not None and R.group[x] == R.group[y]:
            continue
        repeats += max(0, m - 1)
    total = bal + R.w_size * size + R.w_topics * topics + R.w_repeats * repeats + rules
    return {"total": round(total, 9), "balance": round(bal, 9), "size": round(R.w_size * size, 9),
            "topics": round(R.w_topics * topics, 9), "repeats": round(R.w_repeats * repeats, 9),
            "rules": round(rules, 9)}


# ---------------------------------------------------------------------------
# Exhaustive feasibility (tiny requests only); hard constraints are per session
# ---------------------------------------------------------------------------


def units_of(R, s):
    present = R.present(s)
    units, seen = [], {}
    for i in present:
        g = R.group[i]
        if g is None:
            units.append([i])
        elif g in seen:
            units[seen[g]].append(i)
        else:
            seen[g] = len(units)
            units.append([i])
    return units


def feasible_session(R, s):
    avail = R.avail(s)
    units = units_of(R, s)
    hr = hard_rules(R)
    upper = [r for r in hr if "max" in r or "maxPerValue" in r]

    def unit_pin(u):
        ts = {R.pin[(i, s)] for i in u if (i, s) in R.pin}
        return ts

    units.sort(key=lambda u: (-len(unit_pin(u)), -len(u)))
    at = {t: [] for t in avail}

    def ok_upper(ms):
        for r in upper:
            r2 = {k: v for k, v in r.items() if k in ("attribute", "value", "max", "maxPerValue")}
            if ("max" in r2 or "maxPerValue" in r2) and rule_violation(R, r2, ms):
                return False
        return True

    def final_ok():
        for t, ms in at.items():
            if not ms:
                continue
            if len(ms) < R.minsize[t]:
                return False
            for r in hr:
                if rule_violation(R, r, ms):
                    return False
        return True

    def rec(k):
        if k == len(units):
            return final_ok()
        u = units[k]
        pins = unit_pin(u)
        if len(pins) > 1:
            return False
        cands = [t for t in avail if not pins or t in pins]
        tried_empty = set()
        for t in cands:
            ms = at[t]
            if len(ms) + len(u) > R.cap[t]:
                continue
            if not ms:
                sig = (R.cap[t], R.minsize[t], any(p == t for p in R.pin.values()))
                if sig in tried_empty:
                    continue
                tried_empty.add(sig)
            if any(o in ms for i in u for o in R.avoid[i]):
                continue
            new = ms + u
            if not ok_upper(new):
                continue
            at[t] = new
            if rec(k + 1):
                return True
            at[t] = ms
        return False

    if rec(0):
        return {i: t for t, ms in at.items() for i in ms}
    return None


def all_session_plans(R, s):
    """Every plan of one session that meets the hard constraints (tiny requests only)."""
    avail = R.avail(s)
    units = units_of(R, s)
    hr = hard_rules(R)
    at = {t: [] for t in avail}
    out = []

    def rec(k):
        if k == len(units):
            for t, ms in at.items():
                if ms and (len(ms) < R.minsize[t] or any(rule_violation(R, r, ms) for r in hr)):
                    return
            out.append({i: t for t, ms in at.items() for i in ms})
            return
        u = units[k]
        pins = {R.pin[(i, s)] for i in u if (i, s) in R.pin}
        for t in avail:
            if (pins and t not in pins) or len(at[t]) + len(u) > R.cap[t]:
                continue
            if any(o in at[t] for i in u for o in R.avoid[i]):
                continue
            ms = at[t]
            at[t] = ms + u
            rec(k + 1)
            at[t] = ms

    rec(0)
    return out


def optimum(R, limit=20000):
    """Minimum total over every valid plan, or None when there are more than limit plans."""
    per = [all_session_plans(R, s) for s in R.sessions]
    if math.prod(len(p) for p in per) > limit:
        return None
    best = None
    for combo in itertools.product(*per):
        t = score(R, dict(zip(R.sessions, combo)))["total"]
        if best is None or t < best:
            best = t
    return best


def feasible(R):
    plan = {}
    for s in R.sessions:
        p = feasible_session(R, s)
        if p is None:
            return None, s
        plan[s] = p
    return plan, None


# ---------------------------------------------------------------------------
# The conference
# ---------------------------------------------------------------------------

US_FIRST = ["Michael", "Sarah", "James", "Jennifer", "Robert", "Linda", "William", "Elizabeth",
            "Thomas", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Margaret",
            "Mark", "Sandra", "Steven", "Ashley", "Paul", "Kimberly", "Andrew", "Donna",
            "Joshua", "Michelle", "Kevin", "Laura", "Brian", "Rebecca", "George", "Sharon",
            "Edward", "Cynthia", "Ronald", "Amy", "Timothy", "Angela", "Jason", "Melissa"]
US_LAST = ["Whitaker", "Donnelly", "Harper", "Caldwell", "Brennan", "Fletcher", "Holloway",
           "McAllister", "Prescott", "Sutton", "Lindqvist", "Marsh", "Okafor", "Pruitt",
           "Reyes", "Galloway", "Hendricks", "Kowalski", "Lawson", "Navarro", "Ortega",
           "Pearson", "Quinlan", "Rhodes", "Sandoval", "Thornton", "Underwood", "Vaughn",
           "Wexler", "Yates", "Abbott", "Barlow", "Castillo", "Delgado", "Ellison", "Fuentes",
           "Garrison", "Hale", "Ingram", "Jimenez"]
MX_FIRST = ["José", "María", "Juan", "Guadalupe", "Luis", "Fernanda", "Carlos", "Alejandra",
            "Jorge", "Verónica", "Miguel", "Claudia", "Ricardo", "Patricia", "Alejandro",
            "Gabriela", "Francisco", "Adriana", "Eduardo", "Mariana", "Héctor", "Lucía",
            "Raúl", "Daniela", "Arturo", "Sofía", "Rodrigo", "Ximena", "Sergio", "Paola",
            "Armando", "Valeria", "Óscar", "Renata", "Enrique", "Brenda", "Javier", "Itzel",
            "Manuel", "Regina"]
MX_LAST = ["Hernández", "García", "Martínez", "López", "González", "Rodríguez", "Pérez",
           "Sánchez", "Ramírez", "Cruz", "Flores", "Gómez", "Morales", "Vázquez", "Reyes",
           "Jiménez", "Torres", "Ruiz", "Mendoza", "Aguilar", "Ortiz", "Castro", "Medina",
           "Guerrero", "Romero", "Estrada", "Salazar", "Cervantes", "Valenzuela", "Ibarra",
           "Zamora", "Beltrán", "Carrillo", "Espinoza", "Lozano", "Macías", "Núñez", "Orozco",
           "Quintero", "Villaseñor"]

US_CHAMBERS = [("California State Assembly", 6), ("California State Senate", 5),
               ("Arizona House of Representatives", 4), ("Arizona State Senate", 3),
               ("Texas House of Representatives", 4), ("Texas Senate", 2),
               ("New Mexico House of Representatives", 3), ("Nevada Assembly", 3)]
MX_CHAMBERS = [("Senado de la República", 5), ("Cámara de Diputados", 6),
               ("Congreso del Estado de Baja California", 5), ("Congreso del Estado de Sonora", 3),
               ("Congreso del Estado de Chihuahua", 3)]
MX_PARTY_CYCLE = ["MX-Morena", "MX-PAN", "MX-PRI", "MX-Morena", "MX-MC", "MX-PAN",
                  "MX-PVEM", "MX-Morena", "MX-PRI", "MX-PAN", "MX-MC"]
OFFICIALS = [("Secretaría de Economía", "MX"), ("Secretaría de Economía e Innovación de Baja California", "MX"),
             ("Ayuntamiento de Tijuana", "MX"), ("Consulado General de México en San Diego", "MX"),
             ("Agencia Nacional de Aduanas de México", "MX"), ("Secretaría de Infraestructura, Comunicaciones y Transportes", "MX"),
             ("Caltrans District 11", "US"), ("San Diego Association of Governments", "US")]
SPONSOR_STAFF = {"General Motors": 4, "SIMNSA": 3, "California Retailers Association": 3,
                 "National Enterprises Inc": 3, "Altria": 3, "PG&E": 4, "MexInsurance": 4,
                 "NADBank": 4}
# (organization, country, industry, staff count) -- fictional institutes
EXPERTS = [("Cross-Border Policy Institute", "US", "Policy research", 2),
           ("Instituto de Estudios Fronterizos", "MX", "Academia", 2),
           ("Binational Rail Study Group", "US", "Policy research", 1),
           ("Centro de Logística del Noroeste", "MX", "Policy research", 1),
           ("Supply Chain Security Lab", "US", "Academia", 2),
           ("Climate Trade Forum", "US", "Policy research", 1),
           ("Universidad del Pacífico Norte", "MX", "Academia", 2),
           ("Border Health Policy Center", "US", "Policy research", 1),
           ("Consejo Binacional de Manufactura", "MX", "Policy research", 2)]
IVP_STAFF = 6
# extra family members (spouse first, then children) of the 18 family heads
FAMILY_EXTRAS = [3, 2, 1, 3, 2, 3, 2, 3, 1, 3, 2, 3, 2, 3, 2, 3, 2, 2]
INDUSTRY_TOPICS = {
    "Automotive manufacturing": ["nearshoring", "rail-freight", "border-crossing"],
    "Health care": ["tech-supply-chains", "border-crossing"],
    "Retail": ["border-crossing", "nearshoring", "climate"],
    "Real estate and development": ["border-crossing", "rail-freight", "nearshoring"],
    "Consumer products": ["nearshoring", "border-crossing"],
    "Energy": ["climate", "nearshoring"],
    "Insurance": ["border-crossing", "tech-supply-chains"],
    "Development finance": ["rail-freight", "climate", "border-crossing"],
}


def build_conference(seed):
    rng = random.Random(RNG_SEED)
    sessions = [s["id"] for s in seed["event"]["sessions"]]
    topic_ids = [t["id"] for t in seed["topics"]]
    sponsors = {o["name"]: o for o in seed["sponsors"]["organizations"]}
    host = seed["event"]["host"]["name"]
    used_names = {h["name"] for h in seed["co_hosts"]}

    def person_name(country):
        while True:
            if country == "MX":
                n = "%s %s" % (rng.choice(MX_FIRST), rng.choice(MX_LAST))
            else:
                n = "%s %s" % (rng.choice(US_FIRST), rng.choice(US_LAST))
            if n not in used_names:
                used_names.add(n)
                return n

    people = []  # dicts in canonical attendee shape, ids assigned at the end

    def add(name, **attrs):
        p = {"name": name, "attributes": {k: v for k, v in attrs.items() if v is not None}}
        people.append(p)
        return p

    def langs(country, p_bilingual):
        if rng.random() < p_bilingual:
            return ["en", "es"] if country == "US" else ["es", "en"]
        return ["en"] if country == "US" else ["es"]

    # co-hosts
    cohosts = []
    for h in seed["co_hosts"]:
        cohosts.append(add(h["name"], party=h["party_code"], country=h["country"], industry="Government",
                           organization=h["chamber"], role="legislator",
                           language=list(h["languages"]["value"])))
    # US legislators
    us_leg = list(cohosts)
    parties = ["US-D", "US-R"]
    k = 0
    for chamber, n in US_CHAMBERS:
        n -= sum(1 for h in cohosts if h["attributes"]["organization"] == chamber)
        for _ in range(n):
            us_leg.append(add(person_name("US"), party=parties[k % 2], country="US", industry="Government",
                              organization=chamber, role="legislator", language=langs("US", 0.3)))
            k += 1
    # Mexican legislators
    mx_leg = []
    k = 0
    for chamber, n in MX_CHAMBERS:
        for _ in range(n):
            mx_leg.append(add(person_name("MX"), party=MX_PARTY_CYCLE[k % len(MX_PARTY_CYCLE)], country="MX",
                              industry="Government", organization=chamber, role="legislator",
                              language=langs("MX", 0.4)))
            k += 1
    # officials (no party)
    officials = []
    for org, country in OFFICIALS:
        officials.append(add(person_name(country), country=country, industry="Government", organization=org,
                             role="official", language=["es", "en"] if country == "MX" else langs("US", 0.5)))
    # sponsors' staff
    staff_by_org = {}
    for org, n in SPONSOR_STAFF.items():
        o = sponsors[org]
        staff_by_org[org] = []
        for j in range(n):
            if o["country"] == "binational":
                country = "US" if j % 2 == 0 else "MX"
            elif org == "General Motors" and j == n - 1:
                country = "MX"  # GM de México
            else:
                country = o["country"]
            if org in ("MexInsurance", "NADBank", "SIMNSA"):
                lang = ["en", "es"] if country == "US" else (["es", "en"] if j % 2 == 0 else ["es"])
            else:
                lang = langs(country, 0.35)
            staff_by_org[org].append(add(person_name(country), country=country, industry=o["industry"],
                                         organization=org, role="sponsor", language=lang))
    # policy experts
    experts = []
    for org, country, industry, n in EXPERTS:
        for _ in range(n):
            experts.append(add(person_name(country), country=country, industry=industry, organization=org,
                               role="expert", language=langs(country, 0.6)))
    # host staff
    ivp = []
    for j in range(IVP_STAFF):
        ivp.append(add(person_name("US"), country="US", industry="Nonprofit", organization=host, role="staff",
                       language=["en", "es"] if j < 3 else ["en"]))

    # partial attendance of professionals (co-hosts attend everything)
    profs = [p for p in people if p not in cohosts]
    order = list(profs)
    rng.shuffle(order)
    for p in order[:14]:
        p["sessions"] = ["Fri", "Sat"]  # arrive Friday
    for p in order[14:24]:
        p["sessions"] = ["Thu", "Fri"]  # leave after Friday
    for p in order[24:28]:
        p["sessions"] = ["Fri"]
    for p in order[28:30]:
        p["sessions"] = ["Sat"]

    # families: heads are 12 legislators (never the co-hosts) and 6 sponsors/experts
    heads_pool_leg = [p for p in us_leg[2:] + mx_leg]
    heads_pool_other = [p for org in SPONSOR_STAFF for p in staff_by_org[org]] + experts
    heads = rng.sample(heads_pool_leg, 12) + rng.sample(heads_pool_other, 6)
    families = []
    for fi, (head, extra) in enumerate(zip(heads, FAMILY_EXTRAS)):
        country = head["attributes"]["country"]
        surname = head["name"].split(" ", 1)[1]
        gid = "family-%02d" % (fi + 1)
        head["group"] = gid
        head_sess = head.get("sessions", sessions)
        members = [head]
        for j in range(extra):
            while True:
                first = rng.choice(MX_FIRST if country == "MX" else US_FIRST)
                n = "%s %s" % (first, surname)
                if n not in used_names:
                    used_names.add(n)
                    break
            lang = list(head["attributes"]["language"])
            if j > 0 and country == "MX" and rng.random() < 0.5:
                lang = ["es", "en"]  # bilingual children
            if j > 0 and country == "US" and rng.random() < 0.25:
                lang = ["en", "es"]
            m = add(n, country=country, role="family", language=lang)
            m["group"] = gid
            m["_family_of"] = head
            if j > 0 and "Thu" in head_sess and len(head_sess) == 3 and rng.random() < 0.5:
                m["sessions"] = ["Fri", "Sat"]  # children join for Friday and Saturday
            elif "sessions" in head:
                m["sessions"] = list(head["sessions"])
            members.append(m)
        families.append(members)

    # topics: about half of the professionals
    for p in profs + cohosts:
        if rng.random() < 0.5 or p in cohosts:
            pref = list(INDUSTRY_TOPICS.get(p["attributes"].get("industry"), []))
            rng.shuffle(pref)
            rest = [t for t in topic_ids if t not in pref]
            rng.shuffle(rest)
            n = rng.choice([2, 2, 3])
            p["topics"] = (pref + rest)[:n]
    cohosts[0]["topics"] = ["border-crossing", "rail-freight", "nearshoring"]
    cohosts[1]["topics"] = ["nearshoring", "border-crossing"]

    # avoid pairs
    def first_full(lst):
        return next(p for p in lst if "sessions" not in p)

    avoid_pairs = [
        (first_full(staff_by_org["SIMNSA"]), first_full(staff_by_org["MexInsurance"])),  # rival insurers
        (first_full(staff_by_org["Altria"]), next(p for p in experts if p["attributes"]["organization"] == "Border Health Policy Center")),
        # two legislators of rival chambers (the same chamber never shares a table anyway)
        (next(p for p in us_leg if p["attributes"]["organization"] == "Arizona House of Representatives"),
         next(p for p in us_leg if p["attributes"]["organization"] == "Arizona State Senate")),
    ]
    for x, y in avoid_pairs:
        x.setdefault("_avoid", []).append(y)

    # pins
    cohosts[0]["pin"] = {"Thu": "T1"}
    cohosts[1]["pin"] = {"Fri": "T2"}
    nad = first_full(staff_by_org["NADBank"])
    nad["pin"] = "T5"
    sen = next(p for p in mx_leg if p["attributes"]["organization"] == "Senado de la República" and "sessions" not in p)
    sen["pin"] = {"Fri": "T16", "Sat": "T3"}
    ivp_lead = ivp[0]
    ivp_lead.pop("sessions", None)
    ivp_lead["pin"] = {"Sat": "T15"}

    # order: co-hosts, legislators, officials, sponsors, experts, staff, each followed by family
    ordered = []
    for p in people:
        if p["attributes"]["role"] == "family":
            continue
        ordered.append(p)
        if "group" in p:
            ordered += [m for m in people if m.get("_family_of") is p]
    for n, p in enumerate(ordered):
        p["id"] = "a%03d" % (n + 1)
    renumber = {}
    for p in ordered:  # family-01, family-02, ... in order of appearance
        if "group" in p and p["group"] not in renumber:
            renumber[p["group"]] = "family-%02d" % (len(renumber) + 1)
    for p in ordered:
        if "group" in p:
            p["group"] = renumber[p["group"]]

    attendees = []
    for p in ordered:
        a = {"id": p["id"], "name": p["name"], "attributes": p["attributes"]}
        if "group" in p:
            a["group"] = p["group"]
        if "sessions" in p:
            a["sessions"] = p["sessions"]
        if "_avoid" in p:
            a["avoid"] = [q["id"] for q in p["_avoid"]]
        if "pin" in p:
            a["pin"] = p["pin"]
        if "topics" in p:
            a["topics"] = p["topics"]
        attendees.append(a)

    tables = []
    table_topics = topic_ids + topic_ids  # T1..T10
    for i in range(16):
        t = {"id": "T%d" % (i + 1), "capacity": 10, "minSize": 6}
        if i < len(table_topics):
            t["topic"] = table_topics[i]
        if i == 15:
            t["sessions"] = ["Fri", "Sat"]
        tables.append(t)

    return {
        "sessions": sessions,
        "tables": tables,
        "attendees": attendees,
        "objective": {"balance": {"party": 3, "country": 3, "industry": 1, "role": 1},
                      "size": 1, "topics": 1, "repeats": 2},
        "rules": [
            {"attribute": "organization", "maxPerValue": 1},
            {"attribute": "role", "value": "legislator", "min": 1},
            {"attribute": "language", "value": "es", "min": 1},
            {"attribute": "language", "value": "en", "min": 1},
            {"attribute": "party", "maxPerValue": 3, "weight": 5},
        ],
    }


def counting_checks(R):
    """Necessary conditions, checked per session; returns (problems, facts)."""
    probs, facts = [], {}
    for a in R.raw["attendees"]:
        if a["attributes"].get("role") == "family" and "organization" in a["attributes"]:
            probs.append("family member %s has an organization" % a["id"])
    groups = {}
    for i in R.ids:
        if R.group[i] is not None:
            groups.setdefault(R.group[i], []).append(i)
    for g, ms in groups.items():
        if not 2 <= len(ms) <= 4:
            probs.append("group %s has %d members, not 2-4" % (g, len(ms)))
        if len(ms) > min(R.cap.values()):
            probs.append("group %s larger than a table" % g)
        orgs = [v for m in ms for v in R.values(m, "organization")]
        if len(orgs) != len(set(orgs)):
            probs.append("group %s has two members of one organization" % g)
        if any(o in ms for m in ms for o in R.avoid[m]):
            probs.append("group %s members avoid each other" % g)
    for s in R.sessions:
        present = R.present(s)
        avail = R.avail(s)
        P, k = len(present), len(avail)
        seats = sum(R.cap[t] for t in avail)
        leg = sum(1 for i in present if "legislator" in R.values(i, "role"))
        es = sum(1 for i in present if "es" in R.values(i, "language"))
        en = sum(1 for i in present if "en" in R.values(i, "language"))
        facts[s] = {"present": P, "tables": k, "seats": seats, "legislators": leg, "es": es, "en": en}
        if P > seats:
            probs.append("%s: %d present, %d seats" % (s, P, seats))
        if math.ceil(P / 10) > k:
            probs.append("%s: need %d tables, %d available" % (s, math.ceil(P / 10), k))
        if P < 6 * k:
            probs.append("%s: %d present cannot fill all %d tables to minSize 6" % (s, P, k))
        for what, n in (("legislators", leg), ("Spanish speakers", es), ("English speakers", en)):
            if n < k:
                probs.append("%s: %d %s for %d tables" % (s, n, what, k))
        orgc = {}
        for i in present:
            for v in R.values(i, "organization"):
                orgc[v] = orgc.get(v, 0) + 1
        for v, c in orgc.items():
            if c > k:
                probs.append("%s: %d present from %s, more than %d tables" % (s, c, v, k))
        pinned = {}
        for (i, ps), t in R.pin.items():
            if ps != s:
                continue
            if i not in present:
                probs.append("%s: %s pinned but absent" % (s, i))
            if t not in avail:
                probs.append("%s: %s pinned to unavailable %s" % (s, i, t))
            pinned.setdefault(t, []).append(i)
        for t, ms in pinned.items():
            seated = set(ms)
            for m in ms:
                if R.group[m] is not None:
                    seated |= {x for x in groups[R.group[m]] if x in present}
            if len(seated) > R.cap[t]:
                probs.append("%s: pins overfill %s" % (s, t))
            if any(o in seated for m in seated for o in R.avoid[m]):
                probs.append("%s: pinned avoiders at %s" % (s, t))
            orgs = [v for m in seated for v in R.values(m, "organization")]
            if len(orgs) != len(set(orgs)):
                probs.append("%s: pins put one organization twice at %s" % (s, t))
    return probs, facts


def witness_session(R, s):
    """Greedy constructive plan for one session of the conference."""
    avail = R.avail(s)
    at = {t: [] for t in avail}
    units = units_of(R, s)

    def attrs(u, a):
        return [v for i in u for v in R.values(i, a)]

    def fits(t, u):
        ms = at[t]
        if len(ms) + len(u) > R.cap[t]:
            return False
        if any(o in ms for i in u for o in R.avoid[i]):
            return False
        have = set(attrs(ms, "organization"))
        if any(v in have for v in attrs(u, "organization")):
            return False
        return True

    def pin_of(u):
        ts = {R.pin[(i, s)] for i in u if (i, s) in R.pin}
        if len(ts) > 1:
            raise SystemExit("witness: %s: unit %s pinned to two tables" % (s, u))
        return ts.pop() if ts else None

    rest = []
    for u in units:
        t = pin_of(u)
        if t is None:
            rest.append(u)
        elif fits(t, u):
            at[t] += u
        else:
            raise SystemExit("witness: %s: pinned unit %s does not fit %s" % (s, u, t))

    # one legislator unit per table first (smallest units first)
    leg_units = sorted([u for u in rest if "legislator" in attrs(u, "role")], key=len)
    for t in avail:
        if "legislator" in attrs(at[t], "role"):
            continue
        for u in leg_units:
            if fits(t, u):
                at[t] += u
                leg_units.remove(u)
                rest.remove(u)
                break
        else:
            raise SystemExit("witness: %s: no legislator fits %s" % (s, t))

    rest.sort(key=lambda u: (-len(u), u[0]))
    for u in rest:
        ul = set(attrs(u, "language"))

        def key(t):
            langs = set(attrs(at[t], "language"))
            need = len({"es", "en"} - langs & ul)
            return (-need, len(at[t]), avail.index(t))

        cands = [t for t in avail if fits(t, u)]
        if not cands:
            raise SystemExit("witness: %s: no table fits unit %s" % (s, u))
        at[min(cands, key=key)] += u
    return {i: t for t, ms in at.items() for i in ms}


def dump_request(req):
    """Canonical JSON, one table / attendee / rule per line."""
    d = lambda x: json.dumps(x, ensure_ascii=False)
    out = ["{"]
    out.append('  "sessions": %s,' % d(req["sessions"]))
    out.append('  "tables": [')
    out.append(",\n".join("    " + d(t) for t in req["tables"]))
    out.append("  ],")
    out.append('  "attendees": [')
    out.append(",\n".join("    " + d(a) for a in req["attendees"]))
    out.append("  ],")
    out.append('  "objective": %s,' % d(req["objective"]))
    out.append('  "rules": [')
    out.append(",\n".join("    " + d(r) for r in req["rules"]))
    out.append("  ]")
    out.append("}")
    return "\n".join(out) + "\n"


def dump_plan(plan_json):
    d = lambda x: json.dumps(x, ensure_ascii=False)
    out = ["{"]
    for k in ("status", "objective", "note"):
        out.append('  "%s": %s,' % (k, d(plan_json[k])))
    out.append('  "assignments": [')
    out.append(",\n".join("    " + d(a) for a in plan_json["assignments"]))
    out.append("  ]")
    out.append("}")
    return "\n".join(out) + "\n"


def generate():
    with open(SEED_FILE, encoding="utf-8") as f:
        seed = json.load(f)
    req = build_conference(seed)
    text = dump_request(req)
    req = json.loads(text)
    errs = validate(req)
    if errs:
        raise SystemExit("conference.json: request errors: %s" % errs)
    R = Req(req)
    probs, facts = counting_checks(R)
    if probs:
        raise SystemExit("conference.json: counting conditions fail:\n  " + "\n  ".join(probs))
    plan = {s: witness_session(R, s) for s in R.sessions}
    bad = check_plan(R, plan)
    if bad:
        raise SystemExit("conference.json: witness plan breaks hard constraints:\n  " + "\n  ".join(bad[:20]))
    sc = score(R, plan)
    assignments = [{"attendee": i, "session": s, "table": plan[s][i]}
                   for s in R.sessions for i in R.ids if i in plan[s]]
    witness = {"status": "feasible", "objective": sc,
               "note": "Greedy witness built by Fixtures/generate.py: proves conference.json feasible; "
                       "objective computed from MODEL.md by generate.py (not optimal).",
               "assignments": assignments}
    return text, dump_plan(witness), R, facts, sc


def summary(R, facts, sc):
    roles = {}
    for i in R.ids:
        for v in R.values(i, "role"):
            roles[v] = roles.get(v, 0) + 1
    lines = ["conference.json: %d attendees; roles %s" % (len(R.ids), roles)]
    for s, f in facts.items():
        lines.append("  %s: present %d, tables %d (%d seats), legislators %d, es %d, en %d"
                     % (s, f["present"], f["tables"], f["seats"], f["legislators"], f["es"], f["en"]))
    lines.append("  witness objective: %s" % json.dumps(sc))
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Hand-written fixtures: expected outcome from the file name
# ---------------------------------------------------------------------------

EXPECTED_ERROR = {
    "invalid_duplicate_attendee_id.json": "attendee-duplicate-id",
    "invalid_unknown_pin_table.json": "pin-unknown-table",
    "invalid_unknown_avoid.json": "avoid-unknown",
    "invalid_avoid_self.json": "avoid-self",
    "invalid_negative_weight.json": "weight-negative",
    "invalid_capacity_zero.json": "capacity-not-positive",
    "invalid_minsize_above_capacity.json": "minsize-range",
    "invalid_empty_tables.json": "tables-empty",
    "invalid_rule_without_bounds.json": "rule-no-bounds",
    "invalid_rule_min_without_value.json": "rule-bound-without-value",
    "invalid_group_members_avoid.json": "group-members-avoid",
    "invalid_pin_unattended_session.json": "pin-unattended-session",
    "invalid_unknown_session.json": "attendee-unknown-session",
    "invalid_wrong_type_capacity.json": "capacity-type",
    "invalid_missing_attendees.json": "attendees-missing",
    "invalid_not_json.json": "not-json",
    "invalid_huge_capacity.json": "capacity-out-of-range",
    "invalid_fractional_capacity.json": "capacity-not-integer",
}


# Optimum totals of the valid fixtures, found by exhaustive search (optimum()), or,
# where there are too many plans, by a plan scoring 0 (every term is non-negative).
EXPECTED_OPTIMUM = {
    "valid_minimal.json": 0.0,
    "valid_families.json": 13.083333333,
    "valid_multi_session_repeats.json": 0.0,
    "valid_partial_attendance.json": 1.8,
    "valid_pins_per_session.json": 4.0,
    "valid_multivalued_language.json": 1.0,
    "valid_topics.json": 1.0,
    "valid_soft_rules.json": 12.0,
    "valid_table_sessions.json": 0.0,
    "valid_nulls_and_defaults.json": 4.0,
}
# rows, columns and diagonals of the 3x3 grid p1..p9: nobody meets anyone twice
ZERO_PLANS = {
    "valid_multi_session_repeats.json": {
        "Thu": {"p1": "T1", "p2": "T1", "p3": "T1", "p4": "T2", "p5": "T2", "p6": "T2", "p7": "T3", "p8": "T3", "p9": "T3"},
        "Fri": {"p1": "T1", "p4": "T1", "p7": "T1", "p2": "T2", "p5": "T2", "p8": "T2", "p3": "T3", "p6": "T3", "p9": "T3"},
        "Sat": {"p1": "T1", "p5": "T1", "p9": "T1", "p2": "T2", "p6": "T2", "p7": "T2", "p3": "T3", "p4": "T3", "p8": "T3"},
    },
}


def check_fixtures():
    failures = []
    names = sorted(n for n in os.listdir(HERE) if n.endswith(".json"))
    for n in names:
        if n in ("conference.json", "conference_witness.json"):
            continue
        path = os.path.join(HERE, n)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        try:
            req = json.loads(text)
            errs = validate(req)
        except json.JSONDecodeError:
            req, errs = None, [("not-json", "not JSON")]
        codes = sorted({c for c, _ in errs})
        if n.startswith("invalid_"):
            want = EXPECTED_ERROR.get(n)
            if want is None:
                failures.append("%s: no expected error listed in generate.py" % n)
            elif codes != [want]:
                failures.append("%s: expected only %s, got %s" % (n, want, errs))
            else:
                print("ok  %-40s invalid (%s)" % (n, want))
            continue
        if errs:
            failures.append("%s: unexpected request errors %s" % (n, errs))
            continue
        R = Req(req)
        if len(R.ids) > 12:
            failures.append("%s: more than 12 attendees" % n)
            continue
        plan, bad_session = feasible(R)
        if n.startswith("valid_"):
            if plan is None:
                failures.append("%s: no plan (session %s)" % (n, bad_session))
            else:
                breaches = check_plan(R, plan)
                if breaches:
                    failures.append("%s: search plan breaks %s" % (n, breaches))
                else:
                    if n in ZERO_PLANS:
                        zp = ZERO_PLANS[n]
                        opt = 0.0 if not check_plan(R, zp) and score(R, zp)["total"] == 0 else "zero plan fails"
                    else:
                        opt = optimum(R)
                    want = EXPECTED_OPTIMUM.get(n, "unlisted")
                    if not isinstance(opt, float) or abs(opt - want) > 1e-6 * max(1.0, abs(want)):
                        failures.append("%s: optimum %s, expected %s" % (n, opt, want))
                    else:
                        print("ok  %-40s valid, feasible, optimum total %s" % (n, opt))
        elif n.startswith("infeasible_"):
            if plan is not None:
                failures.append("%s: has a plan %s" % (n, plan))
            else:
                print("ok  %-40s infeasible (session %s)" % (n, bad_session))
        else:
            failures.append("%s: name must start with valid_, infeasible_ or invalid_" % n)
    for n in EXPECTED_ERROR:
        if n not in names:
            failures.append("%s: missing" % n)
    return failures


def main(argv):
    check_only = "--check" in argv
    text, wtext, R, facts, sc = generate()
    failures = []
    if check_only:
        for path, want in ((OUT_REQUEST, text), (OUT_WITNESS, wtext)):
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != want:
                        failures.append("%s differs from a fresh generation" % os.path.basename(path))
            except FileNotFoundError:
                failures.append("%s missing" % os.path.basename(path))
    else:
        with open(OUT_REQUEST, "w", encoding="utf-8") as f:
            f.write(text)
        with open(OUT_WITNESS, "w", encoding="utf-8") as f:
            f.write(wtext)
    print(summary(R, facts, sc))
    failures += check_fixtures()
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("all fixtures check out")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
