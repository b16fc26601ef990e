#!/usr/bin/env python3
"""Checks native bank files (shipped banks or drafts) against proctor's content rules.

A writer's and reviewer's aid, quicker than a build: the authoritative checks are the C++ tests
(tests/engine/shipped_banks_test.cc, tests/engine/bank_content_test.cc). Usage:

  tools/content/check_bank.py question_banks/drafts/saa-c03/batch-01.json [...]

It reports, per file: structural errors (exit 1), stem word counts, the answer-length cue among
single-answer items, topics, and near-identical stems against every shipped bank and draft.
"""
import glob
import json
import os
import re
import statistics
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ID_RE = re.compile(r'^[A-Za-z0-9._-]{1,64}$')
TOPIC_RE = re.compile(r'^[a-z0-9]+(-[a-z0-9]+)*$')
KNOWN = {"id", "exam", "domain", "type", "scenario", "stem", "options", "prompts", "answer", "explanation",
         "references", "tags", "borderline", "pilot", "topic"}


def words(text):
    return re.findall(r"[A-Za-z0-9]+", text)


def shingles(q):
    text = q.get("stem", "") + " " + " ".join(p.get("text", "") for p in q.get("prompts", []))
    w = [x.lower() for x in words(text)]
    return {w[i - 1] + " " + w[i] for i in range(1, len(w))}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def all_questions():
    files = sorted(glob.glob(os.path.join(ROOT, "question_banks", "*.json")))
    files += sorted(glob.glob(os.path.join(ROOT, "question_banks", "drafts", "**", "*.json"), recursive=True))
    out = []
    for f in files:
        if f.endswith("catalog.json"):
            continue
        try:
            d = load(f)
        except Exception:
            continue
        for q in d.get("questions", []):
            out.append((os.path.relpath(f, ROOT), d.get("exam", q.get("exam", "")), q))
    return out


def check_question(q, exam, domains, scenario_ids, errors):
    qid = q.get("id", "?")
    def err(msg):
        errors.append(f"{qid}: {msg}")
    for k in q:
        if k not in KNOWN:
            err(f"unknown field {k!r}")
    if not ID_RE.match(str(q.get("id", ""))):
        err("bad or missing id")
    d = q.get("domain")
    if not isinstance(d, int) or not (1 <= d <= domains):
        err(f"domain must be an integer 1..{domains}")
    t = q.get("type")
    if t not in ("single", "multiple", "ordering", "matching"):
        err("type must be single, multiple, ordering or matching")
    stem = q.get("stem", "")
    if not stem:
        err("no stem")
    if re.search(r"\(choose", stem, re.I):
        err("stem says (Choose N.): proctor adds it")
    opts = q.get("options", [])
    oids = [o.get("id") for o in opts]
    if len(set(oids)) != len(oids) or not all(ID_RE.match(str(i)) for i in oids):
        err("option ids missing or repeated")
    if len(opts) > 8:
        err("more than 8 options")
    texts = [o.get("text", "").strip().lower() for o in opts]
    if len(set(texts)) != len(texts):
        err("two options have the same text")
    a = q.get("answer")
    if t == "single":
        key = a if isinstance(a, str) else (a[0] if isinstance(a, list) and len(a) == 1 else None)
        if key not in oids or len(opts) < 4:
            err("single: answer must be one option id, with 4 or more options")
    elif t == "multiple":
        if not isinstance(a, list) or len(a) < 2 or len(a) >= len(opts) or any(x not in oids for x in a) or len(set(a)) != len(a):
            err("multiple: answer must list 2+ distinct option ids, fewer than the options")
        if len(opts) < 5:
            err("multiple: give 5 or more options")
    elif t == "ordering":
        if not (3 <= len(opts) <= 5) or not isinstance(a, list) or sorted(a) != sorted(oids):
            err("ordering: 3-5 steps, answer lists every option id in order")
        elif a == oids:
            err("ordering: options are listed in the key's order; list them shuffled")
    elif t == "matching":
        prompts = q.get("prompts", [])
        pids = [p.get("id") for p in prompts]
        if not (3 <= len(prompts) <= 7) or not isinstance(a, dict) or sorted(a.keys()) != sorted(pids) or any(v not in oids for v in a.values()):
            err("matching: 3-7 prompts, answer maps every prompt id to an option id")
        elif [a[p] for p in pids] == oids[:len(pids)]:
            err("matching: responses are listed in the prompts' order; shuffle them")
    if not q.get("explanation"):
        err("no explanation")
    for r in q.get("references", []):
        if not str(r).startswith("https://"):
            err(f"reference is not https: {r}")
    if "scenario" in q and q["scenario"] not in scenario_ids:
        err("scenario id not in this file's scenarios")
    topic = q.get("topic")
    if not isinstance(topic, str) or not TOPIC_RE.match(topic):
        err("topic missing or not kebab-case (e.g. s3-object-lock-compliance)")
    b = q.get("borderline")
    if b is not None and not (isinstance(b, (int, float)) and 0 < b < 1):
        err("borderline must be strictly between 0 and 1")


def length_cue(qs):
    singles = [q for q in qs if q.get("type") == "single" and isinstance(q.get("answer"), (str, list))]
    longest = shortest = 0
    for q in singles:
        key = q["answer"] if isinstance(q["answer"], str) else q["answer"][0]
        lens = {o["id"]: len(o["text"]) for o in q["options"]}
        k = lens.get(key, 0)
        others = [v for i, v in lens.items() if i != key]
        if others and k > max(others):
            longest += 1
        if others and k < min(others):
            shortest += 1
    n = max(1, len(singles))
    return len(singles), 100.0 * longest / n, 100.0 * shortest / n


def main(paths):
    catalog = {e["code"]: e for e in load(os.path.join(ROOT, "question_banks", "catalog.json"))["exams"]}
    everything = all_questions()
    failed = False
    for path in paths:
        d = load(path)
        exam = d.get("exam", "")
        if exam not in catalog:
            print(f"{path}: top-level exam {exam!r} is not in the catalog")
            failed = True
            continue
        blueprint = catalog[exam]
        qs = d.get("questions", [])
        scenario_ids = {s.get("id") for s in d.get("scenarios", [])}
        errors = []
        for q in qs:
            check_question(q, exam, len(blueprint["domains"]), scenario_ids, errors)
        rel = os.path.relpath(os.path.abspath(path), ROOT)
        # ids must be unique across the exam's bank and all its drafts
        same_exam = [(f, q) for f, e, q in everything if e == exam]
        seen = {}
        for f, q in same_exam:
            seen.setdefault(q.get("id"), []).append(f)
        for q in qs:
            where = seen.get(q.get("id"), [])
            if len(where) > 1:
                errors.append(f"{q.get('id')}: id also used in {sorted(set(where) - {rel}) or where}")
        stems = [len(words(q.get("stem", ""))) for q in qs]
        print(f"== {rel}: {exam}, {len(qs)} questions")
        for e in errors:
            print(f"  ERROR {e}")
        failed |= bool(errors)
        if stems:
            print(f"  stem words: median {statistics.median(stems)}, min {min(stems)}, max {max(stems)}")
        n, lp, sp = length_cue(qs)
        print(f"  single-answer items {n}: key strictly longest {lp:.0f}%, strictly shortest {sp:.0f}% (each must be <= 35% per bank)")
        bank_qs = [q for f, e, q in everything if e == exam]
        n, lp, sp = length_cue(bank_qs)
        print(f"  whole {exam} (bank + drafts, {len(bank_qs)} questions): longest {lp:.0f}%, shortest {sp:.0f}%")
        topics = {}
        for f, q in same_exam:
            if q.get("topic"):
                topics.setdefault(q["topic"], []).append(q.get("id"))
        for q in qs:
            ids = topics.get(q.get("topic"), [])
            if len(ids) > 2:
                print(f"  WARN topic {q.get('topic')} is used by {len(ids)} questions: {', '.join(ids)}")
        mine = {(rel, q.get("id")) for q in qs}
        replaced = set(d.get("replaces", {}).values())  # a rewrite may resemble the question it replaces
        for q in qs:
            a = shingles(q)
            for f, e, other in everything:
                if other.get("id") in replaced and e == exam:
                    continue
                if (f, other.get("id")) in mine and other is not q and f == rel and other.get("id") == q.get("id"):
                    continue
                if f == rel and other.get("id") == q.get("id"):
                    continue
                b = shingles(other)
                common = len(a & b)
                union = len(a) + len(b) - common
                j = common / union if union else 0
                if j >= 0.40:
                    print(f"  ERROR {q.get('id')} and {other.get('id')} ({f}) have near-identical stems (Jaccard {j:.2f} >= 0.40)")
                    failed = True
                elif j >= 0.33:
                    print(f"  WARN {q.get('id')} and {other.get('id')} ({f}) have similar stems (Jaccard {j:.2f})")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
