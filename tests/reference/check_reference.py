#!/usr/bin/env python3
"""Re-verify every arithmetic relation claimed in the reference CSVs (standard library only).

Usage: python3 check_reference.py [SEEDS_DIR]

Prints one line per check (PASS / FAIL / INFO / SKIP) and exits 1 if any check fails.
Percentages are compared with the tolerance of one-decimal rounding: |exact - printed| <= 0.05.
If the source texts are found (sources/ in this folder, or SEEDS_DIR), every value marked as
printed is also looked up, in Dutch notation, in the extracted text.
"""
import csv
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
TOL = 0.05 + 1e-9
FAILS = []
COUNTS = {"PASS": 0, "FAIL": 0, "INFO": 0, "SKIP": 0}


def out(status, msg):
    COUNTS[status] += 1
    if status == "FAIL":
        FAILS.append(msg)
    print(f"{status} {msg}")


def check(ok, msg):
    out("PASS" if ok else "FAIL", msg)
    return ok


def load(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def num(s):
    if s is None or s == "":
        return None
    d = Decimal(s)
    return d


def rh(d):
    return int(Decimal(d).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def pct_ok(exact, printed):
    return abs(float(exact) - float(printed)) <= TOL


def nl_int(v):
    return f"{int(v):,}".replace(",", ".")


def nl_pct(v, signed=False):
    v = Decimal(v)
    s = f"{abs(v):.1f}".replace(".", ",") + "%"
    if signed:
        return ("-" if v < 0 else "+") + s
    return ("-" if v < 0 else "") + s


MEAS = load("measures.csv")
RUNG = load("rung_totals.csv")
REGS = load("regions.csv")
SECT = load("trede3_sectors.csv")
CTX = load("context.csv")
M = {r["id"]: r for r in MEAS}
FIELDS = ["wvl_2019", "wvl_2020", "vg_2019", "vg_2020", "share_2019_pct", "share_2020_pct", "evo_wvl_pct", "evo_vg_pct"]


def mv(i, reg, yr):
    return num(M[i][f"{'wvl' if reg == 'WVL' else 'vg'}_{yr}"])


def cv(i, reg, date):
    hits = [r for r in CTX if r["id"] == i and r["region"] == reg and r["date"] == date]
    if len(hits) != 1:
        raise KeyError((i, reg, date))
    return num(hits[0]["value"])


# ------------------------------------------------------------------ seeds (optional)
seed_dir = sys.argv[1] if len(sys.argv) > 1 else None
cands = [seed_dir] if seed_dir else [os.path.join(HERE, "sources")]
SEED = {}
for d in cands:
    if d and os.path.isdir(d):
        for fn, key in (("000_0c0d485adbb48adb.txt", "press"), ("001_28536ac4db0a3fba.txt", "info")):
            p = os.path.join(d, fn)
            if os.path.exists(p):
                SEED[key] = open(p, encoding="utf-8").read()
        if SEED:
            break
SEED_ALL = "\n".join(SEED.values())

# ------------------------------------------------------------------ 1. structure
print("== structure")
check(len({r["id"] for r in MEAS}) == len(MEAS), "measures.csv: ids unique")
codes = [r["code"] for r in MEAS if r["code"]]
check(len(set(codes)) == len(codes), "measures.csv: codes unique")
check(all(r["kind"] in ("measure", "aggregate") for r in MEAS), "measures.csv: kind in {measure, aggregate}")
check(all((r["kind"] == "measure") == (r["formula"] == "") for r in MEAS), "measures.csv: measures have no formula, aggregates have one")
check(all(r["kind"] == "aggregate" or r["code"] for r in MEAS), "measures.csv: every measure has a code")
for r in MEAS:
    p = r["provenance"]
    ok = len(p) == 8 and all(ch in "TPDA-" for ch in p) and all((p[k] == "-") == (r[f] == "") for k, f in enumerate(FIELDS))
    if not ok:
        check(False, f"measures.csv {r['id']}: provenance '{p}' matches filled cells")
check(True, "measures.csv: provenance codes consistent with filled cells (rows checked: %d)" % len(MEAS))

# ------------------------------------------------------------------ 2. shares and evolutions in measures.csv
print("== measures: shares (WVL / VG) and evolutions (new / old - 1)")
for r in MEAS:
    for yr in ("2019", "2020"):
        s = num(r[f"share_{yr}_pct"])
        w, v = num(r[f"wvl_{yr}"]), num(r[f"vg_{yr}"])
        if s is None:
            continue
        if w is None or v is None or v == 0:
            out("FAIL", f"share {r['id']} {yr}: printed {s} but counts missing")
            continue
        ex = 100 * w / v
        check(pct_ok(ex, s), f"share {r['id']} {yr}: {w}/{v} = {float(ex):.3f}% ~ printed {s}")
    for reg in ("wvl", "vg"):
        e = num(r[f"evo_{reg}_pct"])
        if e is None:
            continue
        o, n = num(r[f"{reg}_2019"]), num(r[f"{reg}_2020"])
        if o is None or n is None or o == 0:
            out("FAIL", f"evolution {r['id']} {reg}: printed {e} but counts missing or 2019 = 0")
            continue
        ex = 100 * (n / o - 1)
        check(pct_ok(ex, e), f"evolution {r['id']} {reg}: {n}/{o} - 1 = {float(ex):+.3f}% ~ printed {e}")

# ------------------------------------------------------------------ 3. derived cells in measures.csv
print("== measures: every derived (D) cell re-derived")


def s_(ids, reg, yr):
    vals = [mv(i, reg, yr) for i in ids]
    return None if any(x is None for x in vals) else sum(vals)


RULES = {}
for reg in ("WVL", "VG"):
    RULES[("CM", reg, "2019")] = (lambda reg=reg: mv("T5_COL", reg, "2019") - mv("g", reg, "2019"), "COLLECTIEVE INSCHAKELING - g")
    RULES[("WPI", reg, "2019")] = (lambda reg=reg: s_(list("lmnopqr"), reg, "2019"), "sum l..r")
    RULES[("DOOR", reg, "2019")] = (lambda reg=reg: s_(["a'", "b'", "c'", "d'"], reg, "2019"), "sum a'..d'")
    for i in ("k", "K_GRP"):
        RULES[(i, reg, "2020")] = (lambda reg=reg: mv("T4", reg, "2020") - s_(["WPI", "s", "DL", "z", "DOOR"], reg, "2020"),
                                   "trede 4 - (WPI + s + DL + z + DOOR)")
    for i in ("t", "u", "v"):
        RULES[(i, reg, "2020")] = (lambda reg=reg: mv("DL", reg, "2020") - s_(["w", "x", "y"], reg, "2020"),
                                   "duaal leren - (w + x + y), shared by t, u, v (each >= 0)")
    RULES[("d'", reg, "2020")] = (lambda reg=reg: mv("DOOR", reg, "2020") - s_(["a'", "b'", "c'"], reg, "2020"),
                                  "doorstroom - (a' + b' + c')")
RULES[("h", "VG", "2020")] = (lambda: mv("h", "VG", "2019") * (1 + num(M["h"]["evo_vg_pct"]) / 100), "6 x (1 - 100%) (printed VG evolution)")
RULES[("TOTAL", "VG", "2020")] = (lambda: s_(["T5", "T4", "T3"], "VG", "2020"), "trede 5 + trede 4 + trede 3 (VG)")
for r in MEAS:
    for k, f in enumerate(FIELDS[:4]):
        if r["provenance"][k] != "D":
            continue
        reg = "WVL" if f.startswith("wvl") else "VG"
        yr = f[-4:]
        rule = RULES.get((r["id"], reg, yr))
        if rule is None:
            out("FAIL", f"derived {r['id']} {f}: no derivation rule in this script")
            continue
        exp = rule[0]()
        check(exp is not None and rh(exp) == int(num(r[f])), f"derived {r['id']} {f} = {r[f]}: {rule[1]} = {exp}")
# d' and h: the -100,0% evolutions agree with the derived zeros (independent for d', t, u, v)
for i in ("d'", "t", "u", "v"):
    for reg in ("wvl", "vg"):
        e = num(M[i][f"evo_{reg}_pct"])
        if e is not None:
            check(mv(i, reg.upper(), "2020") == 0 and e == -100, f"derived zero {i} {reg} 2020 agrees with printed evolution {e}")
f_w, f_v = mv("f", "WVL", "2020"), mv("f", "VG", "2020")
check(mv("T5_IND", "WVL", "2020") - mv("DGK", "WVL", "2020") == f_w and mv("T5_IND", "VG", "2020") - mv("DGK", "VG", "2020") == f_v,
      f"SINE panel (f) = individueel - doelgroepkortingen: {f_w} / {f_v} (f counted at 100% in individueel)")
for reg, dexp in (("WVL", 861), ("VG", 4679)):
    gap = mv("DGK", reg, "2020") - s_(["a", "b", "c"], reg, "2020")
    check(gap == dexp, f"d + e 2020 {reg} = doelgroepkortingen - (a+b+c) = {gap} (claimed {dexp})")

# ------------------------------------------------------------------ 4. rung_totals.csv
print("== rung_totals: component sums, differences, rung distribution")
CTXKEY = {}
for r in CTX:
    CTXKEY[(r["id"], r["region"], r["date"])] = num(r["value"])


def term_value(t, reg, yr):
    coef = Decimal(1)
    if "*" in t:
        c, t = t.split("*")
        coef, t = Decimal(c.strip()), t.strip()
    if t.startswith("ctx:"):
        v = CTXKEY.get((t[4:], reg, yr))
    else:
        v = mv(t, reg, yr)
    return t, None if v is None else coef * v


def fmtd(d):
    return "" if d is None else (str(int(d)) if d == d.to_integral_value() else str(d.normalize()))


for r in RUNG:
    reg, yr = r["region"], r["year"]
    terms = [term_value(t.strip(), reg, yr) for t in r["components"].split(" + ")]
    unknown = [t for t, v in terms if v is None]
    known = [v for t, v in terms if v is not None]
    printed = num(r["printed_total"])
    tag = f"{r['group_id']} {reg} {yr} [{r['components']}]"
    if yr in ("2019", "2020") and printed is not None:
        check(mv(r["group_id"], reg, yr) == printed, f"{tag}: printed_total {printed} equals measures.csv")
    elif printed is not None:  # press text 2018
        cid = {"TOTAL": "kg_total", "T4+T3": "trede34_trajecten"}[r["group_id"]]
        check(cv(cid, reg, yr) == printed, f"{tag}: printed_total {printed} equals context.csv {cid}")
    if unknown:
        ok = r["status"] == "incomplete" and ";".join(unknown) == r["unknown_components"] and \
            fmtd(sum(known) if known else None) == r["known_partial_sum"] and r["component_sum"] == "" and r["diff"] == ""
        check(ok, f"{tag}: incomplete, unknown {unknown}, known part {fmtd(sum(known) if known else None)}")
        continue
    total = sum(known)
    if printed is None:
        check(r["status"] == "no_printed_total" and fmtd(total) == r["component_sum"] and r["diff"] == "",
              f"{tag}: no printed total; component sum {fmtd(total)}")
    else:
        diff = rh(total) - int(printed)
        status = "match" if diff == 0 else "differs"
        check(fmtd(total) == r["component_sum"] and str(diff) == r["diff"] and status == r["status"],
              f"{tag}: component sum {fmtd(total)} -> round {rh(total)} vs printed {printed}: diff {diff} ({status})")
    pct = num(r["pct_of_total_printed"])
    if pct is not None:
        tot = mv("TOTAL", reg, "2020")
        check(pct_ok(100 * printed / tot, pct), f"{tag}: {printed}/{tot} = {float(100 * printed / tot):.3f}% ~ printed {pct}")
# the explanation of the trede-5 gap: 60% of SINE
for reg in ("WVL", "VG"):
    row = [r for r in RUNG if r["group_id"] == "T5" and r["region"] == reg and r["components"] == "T5_IND + T5_COL"][0]
    sixty = Decimal("0.6") * mv("f", reg, "2020")
    check(int(row["diff"]) == rh(sixty), f"trede-5 gap {reg}: individueel + collectief - trede 5 = {row['diff']} = round(0,6 x SINE {mv('f', reg, '2020')} = {sixty})")
# distribution percentages add to more than 100 (because of the same gap)
for reg, exp in (("WVL", None), ("VG", Decimal("101.2"))):
    ps = [num(r["pct_of_total_printed"]) for r in RUNG if r["region"] == reg and r["pct_of_total_printed"]]
    if exp is not None:
        check(len(ps) == 4 and sum(ps) == exp, f"distribution {reg}: printed % add to {sum(ps)} (claimed {exp})")
    else:
        w3 = 100 * mv("T3", "WVL", "2020") / mv("TOTAL", "WVL", "2020")
        out("INFO", f"distribution WVL: printed {', '.join(str(p) for p in ps)} + trede 3 (not extracted) {float(w3):.2f}% = {float(sum(ps) + w3):.2f}")

# ------------------------------------------------------------------ 5. VG total: feasible interval from every printed % that uses it
print("== VG total 2020 (not printed): interval allowed by the printed percentages")
lo, hi = Decimal(0), Decimal(10) ** 9
cons = [(mv("TOTAL", "WVL", "2020"), num(M["TOTAL"]["share_2020_pct"]), "WVL total / VG total")]
for r in RUNG:
    if r["region"] == "VG" and r["pct_of_total_printed"]:
        cons.append((num(r["printed_total"]), num(r["pct_of_total_printed"]), f"{r['group_id']} / VG total"))
for n_, p_, what in cons:  # n / X = p  ->  X in [n/(p+.05), n/(p-.05)]
    lo, hi = max(lo, 100 * n_ / (p_ + Decimal("0.05"))), min(hi, 100 * n_ / (p_ - Decimal("0.05")))
p11 = cv("kansengroepen_pct_loontrekkenden", "VG", "2020")
loon = cv("loontrekkenden", "VG", "2019-12-31")
lo, hi = max(lo, (p11 - Decimal("0.05")) * loon / 100), min(hi, (p11 + Decimal("0.05")) * loon / 100)
vgt = mv("TOTAL", "VG", "2020")
check(lo <= vgt <= hi, f"VG total {vgt} lies in the interval [{float(lo):.1f}, {float(hi):.1f}] implied by {len(cons) + 1} printed percentages")

# ------------------------------------------------------------------ 6. regions.csv
print("== regions")
regrows = [r for r in REGS if r["row_type"] == "region"]
sumrow = [r for r in REGS if r["row_type"] == "sum_derived"][0]
totrow = [r for r in REGS if r["row_type"] == "total_printed"][0]
CLAIMED_DIFF = {"bezoldigde_tewerkstelling": 0, "wzw": 0, "kansengroepen_t543": -2}
for col, shcol in (("bezoldigde_tewerkstelling", "bezoldigde_share_pct"), ("wzw", "wzw_share_pct"), ("kansengroepen_t543", "kansengroepen_share_pct")):
    ssum = sum(num(r[col]) for r in regrows if r[col])
    check(ssum == num(sumrow[col]), f"regions {col}: sum of regions = {ssum} (row 'Som regio's')")
    d = ssum - num(totrow[col])
    check(d == CLAIMED_DIFF[col], f"regions {col}: sum - printed total {totrow[col]} = {d} (claimed {CLAIMED_DIFF[col]})")
    for r in regrows:
        if r[shcol]:
            ex = 100 * num(r[col]) / num(totrow[col])
            check(pct_ok(ex, num(r[shcol])), f"regions {col} {r['region']}: {r[col]}/{totrow[col]} = {float(ex):.3f}% ~ printed {r[shcol]}")
check(abs(CLAIMED_DIFF["kansengroepen_t543"]) <= 0.5 * 5, "regions kansengroepen: |-2| within the rounding error of 5 separately rounded regional figures (<= 2,5)")
check(num(totrow["bezoldigde_tewerkstelling"]) == cv("loontrekkenden", "WVL", "2019-12-31") and num(totrow["wzw"]) == cv("wzw", "WVL", "2020 (date not printed)")
      and num(totrow["kansengroepen_t543"]) == mv("TOTAL", "WVL", "2020"), "regions totals = context loontrekkenden, wzw and measures TOTAL")

# ------------------------------------------------------------------ 7. trede3_sectors.csv
print("== trede 3 by sector")
secs = [r for r in SECT if r["row_type"] == "sector"]
tot = [r for r in SECT if r["row_type"] == "total"][0]
for col, pcol, reg in (("wvl_2020", "wvl_pct", "WVL"), ("vg_2020", "vg_pct", "VG")):
    ssum = sum(num(r[col]) for r in secs)
    check(ssum == num(tot[col]) == mv("T3", reg, "2020"), f"trede 3 sectors {reg}: sum {ssum} = TOTAAL {tot[col]} = trede 3 2020")
    for r in secs:
        ex = 100 * num(r[col]) / num(tot[col])
        check(pct_ok(ex, num(r[pcol])), f"trede 3 sectors {reg} {r['sector']}: {float(ex):.3f}% ~ printed {r[pcol]}")

# ------------------------------------------------------------------ 8. context.csv relations
print("== context")
D20 = "2020 (date not printed)"


def share(i_num, date_num, printed_id, date_p, label):
    w, v = cv(i_num, "WVL", date_num), cv(i_num, "VG", date_num)
    p = cv(printed_id, "WVL", date_p)
    check(pct_ok(100 * w / v, p), f"{label}: {w}/{v} = {float(100 * w / v):.3f}% ~ printed {p}")


share("wzw", D20, "wzw_share", "2020", "aandeel wzw")
share("loontrekkenden", "2019-12-31", "loontrekkenden_share", "2019-12-31", "aandeel loontrekkenden")
share("zelfstandigen", "2019-12-31", "zelfstandigen_share", "2019-12-31", "aandeel zelfstandigen")
share("dienstencheques", "2020", "dienstencheques_share", "2020", "aandeel dienstencheques")
share("opgerichte_ondernemingen", "2020", "opgerichte_ondernemingen_share", "2020", "aandeel opgerichte ondernemingen")
for reg in ("WVL", "VG"):
    bb = cv("werkenden", reg, D20) + cv("werklozen", reg, D20)
    check(bb == cv("beroepsbevolking", reg, D20), f"beroepsbevolking {reg} = werkenden + werklozen = {bb}")
    lz = cv("langdurig_zieken_loontrekkenden", reg, "2020-06-30") + cv("langdurig_zieken_zelfstandigen", reg, "2020-06-30")
    check(lz == cv("langdurig_zieken", reg, "2020-06-30"), f"langdurig zieken {reg} = loontrekkenden + zelfstandigen = {lz}")
    p = cv("langdurig_zieken_pct_beroepsbevolking", reg, "2020-06-30")
    check(pct_ok(100 * lz / bb, p), f"langdurig zieken {reg} / beroepsbevolking = {float(100 * lz / bb):.3f}% ~ printed {p}")
    p = cv("kansengroepen_pct_loontrekkenden", reg, "2020")
    t_ = mv("TOTAL", reg, "2020")
    l_ = cv("loontrekkenden", reg, "2019-12-31")
    check(pct_ok(100 * t_ / l_, p), f"kansengroepen / loontrekkenden {reg}: {t_}/{l_} = {float(100 * t_ / l_):.3f}% ~ printed {p}")
for reg, claimed in (("WVL", 345), ("VG", -3356)):
    sm = cv("werkenden", reg, D20) + cv("werklozen", reg, D20) + cv("niet_beroepsactieven", reg, D20)
    d = sm - cv("pop_18_64", reg, D20)
    check(d == claimed, f"footnote (1) 'som wijkt af': werkenden+werklozen+niet-beroepsactieven {reg} = {sm}, minus bevolking 18-64 = {d} (claimed {claimed})")
for reg in ("WVL", "VG"):
    bb = cv("beroepsbevolking", reg, D20)
    ex = 100 * cv("werklozen", reg, D20) / bb
    p = cv("werkloosheidsgraad_18_64", reg, "2020")
    out("INFO", f"werkloosheidsgraad {reg}: printed counts give {float(ex):.2f}%, printed rate {p} (not claimed equal; other source)")
# press text 2018
w18, v18 = cv("kg_total", "WVL", "2018"), cv("kg_total", "VG", "2018")
check(pct_ok(100 * w18 / v18, cv("kg_share", "WVL", "2018")), f"2018 aandeel: {w18}/{v18} = {float(100 * w18 / v18):.3f}% ~ printed 20,5")
lt18 = cv("loontrekkenden", "WVL", "2018 (reference date not printed)")
check(pct_ok(100 * w18 / lt18, cv("kg_pct_loontrekkenden", "WVL", "2018")), f"2018 kansengroepen / loontrekkenden: {float(100 * w18 / lt18):.3f}% ~ printed 13,5 ('bijna 1 op 7' = 14,3%)")
lz18, nw18 = cv("langdurig_zieken", "WVL", "2018"), cv("nwwz", "WVL", "2018")
check(lz18 - nw18 == cv("langdurig_zieken_min_nwwz", "WVL", "2018"), f"2018 langdurig zieken - nwwz = {lz18 - nw18} (printed 14.193)")
check(100 * (lz18 / nw18 - 1) > 50, f"2018 'ruim de helft méér invaliden': {float(100 * (lz18 / nw18 - 1)):.1f}% more")
out("INFO", f"2018 'ruim een derde méér invaliden dan werklozen' does not hold as phrased: 14.193 is {float(100 * (lz18 - nw18) / nw18):.1f}% of the werklozen, {float(100 * (lz18 - nw18) / lz18):.1f}% of the invaliden")
check(lz18 / cv("niet_beroepsactieven", "WVL", "2018 (year implied)") > Decimal("0.25"), "2018 'ruim één op de vier niet-beroepsactieven langdurig ziek': %.1f%%" % float(100 * lz18 / cv("niet_beroepsactieven", "WVL", "2018 (year implied)")))
check(abs(cv("kg_trede5", "WVL", "2018") / lt18 - Decimal("0.1")) < Decimal("0.01"), "2018 trede 5 'ongeveer één op tien' loontrekkenden: %.1f%%" % float(100 * cv("kg_trede5", "WVL", "2018") / lt18))
iv = (100 * cv("kg_total", "WVL", "2014") / (cv("kg_share", "WVL", "2014") + Decimal("0.05")), 100 * cv("kg_total", "WVL", "2014") / (cv("kg_share", "WVL", "2014") - Decimal("0.05")))
out("INFO", f"2014 VG total (not printed) implied by 55.706 and 19,9%: {float(iv[0]):.0f} .. {float(iv[1]):.0f}")

# ------------------------------------------------------------------ 9. printed values present in the extracted text
print("== printed values found in the seed texts")
if not SEED:
    out("SKIP", "seed texts not found; transcription checks skipped")
else:
    def tokens_for(r, letters):
        toks = []
        for k, f in enumerate(FIELDS):
            if r["provenance"][k] in letters:
                v = num(r[f])
                toks.append(nl_int(v) if k < 4 else nl_pct(v, signed=k >= 6))
        return toks

    def occurs(t, text):  # whole token, not part of a longer number
        return re.search(r"(?<![\d.,])" + re.escape(t) + r"(?![\d])", text) is not None

    for r in MEAS:
        raw = r["raw_tokens"]
        if raw:
            for k, piece in enumerate(raw.split(" | ")):
                lead = r["code"] or r["formula"]
                line = f"{lead} {piece}" if k == 0 else piece
                check(occurs(line, SEED.get("info", "")), f"seed: '{line}' occurs in the infographic text")
            rawt = raw.replace(" | ", " ").split()
            want = tokens_for(r, "TA")
            it = iter(rawt)
            ok = all(any(t == x for x in it) for t in want)
            left = list(rawt)
            for t in want:
                if t in left:
                    left.remove(t)
            check(ok, f"seed: {r['id']} cells {want} appear in this order in the row tokens")
            if left:
                out("INFO", f"seed: {r['id']} row tokens not placed in any cell: {left}")
        elif tokens_for(r, "T"):
            out("FAIL", f"seed: {r['id']} has table (T) cells but no raw tokens")
        # panel values (P) and, for rows without table tokens, panel values attached by arithmetic (A)
        for t in tokens_for(r, "P") + ([] if raw else tokens_for(r, "A")):
            check(occurs(t, SEED.get("info", "")), f"seed: {r['id']} panel value '{t}' occurs in the infographic text")
    flat = " ".join(SEED.get("info", "").split())
    for r in MEAS:
        if r["label"] and "reconstructed" not in r["source_note"] and "[" not in r["label"]:
            check(" ".join(r["label"].split()) in flat, f"seed: label '{r['label']}' occurs in the infographic text")
        elif r["label"]:
            out("INFO", f"seed: label '{r['label']}' is reconstructed (not in the extraction)")
        if r["formula"] and r["id"] not in ("TOTAL",):
            check(" ".join(r["formula"].rstrip("…").split()) in flat, f"seed: formula '{r['formula']}' occurs in the infographic text")
    check("(trede 5 + trede 4 + trede 3)" in flat, "seed: TOTAL formula text '(trede 5 + trede 4 + trede 3)' occurs (regional panel)")
    for r in REGS + SECT:
        if r["row_type"] in ("sum_derived",):
            continue
        for k, v in r.items():
            if k.endswith("_pct") and v:
                check(occurs(nl_pct(v), SEED["info"]), f"seed: {nl_pct(v)} ({r.get('region') or r.get('sector')}) occurs")
            elif k not in ("source_note", "region", "row_type", "sector") and v:
                check(occurs(nl_int(v), SEED["info"]), f"seed: {nl_int(v)} ({r.get('region') or r.get('sector')}) occurs")
    for r in CTX:
        if r["confidence"] == "derived":
            continue
        v = num(r["value"])
        if r["unit"] == "%":
            t = (f"{int(v)}%" if v == v.to_integral_value() and "." not in r["value"] else nl_pct(v))
        elif v != v.to_integral_value() or "." in r["value"]:
            t = f"{v:.1f}".replace(".", ",")
        else:
            t = nl_int(v)
        src = SEED.get("press" if r["source"] == "press_2018" else "info", "")
        check(occurs(t, src), f"seed: context {r['id']} {r['region']} {r['date']} '{t}' occurs in the {r['source']} text")

print(f"== summary: {COUNTS['PASS']} pass, {COUNTS['FAIL']} fail, {COUNTS['INFO']} info, {COUNTS['SKIP']} skip")
if FAILS:
    print("FAILED CHECKS:")
    for f in FAILS:
        print("  " + f)
    sys.exit(1)
