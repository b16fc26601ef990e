#!/usr/bin/env python3
"""One line per question of an exam's bank and drafts: id, domain, type, topic (or tags), the key's
text and the stem's opening, so a writer can see what is already covered without reading every file.
Draft questions are listed without their key (and their topic, which often names it), so that a
reviewer who runs this before answering a batch blind sees nothing of the answers.
Usage: tools/content/outline.py EXAM   (e.g. SAA-C03)
"""
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main(exam):
    files = sorted(glob.glob(os.path.join(ROOT, "question_banks", "*.json")))
    files += sorted(glob.glob(os.path.join(ROOT, "question_banks", "drafts", "**", "*.json"), recursive=True))
    for f in files:
        if f.endswith("catalog.json"):
            continue
        d = json.load(open(f, encoding="utf-8"))
        if d.get("exam", "").upper() != exam.upper():
            continue
        print(f"# {os.path.relpath(f, ROOT)}")
        draft = os.sep + "drafts" + os.sep in f
        for q in d["questions"]:
            opts = {o["id"]: o["text"] for o in q["options"]}
            a = q["answer"]
            if isinstance(a, str):
                key = opts.get(a, "")
            elif isinstance(a, list):
                key = " | ".join(opts.get(x, "") for x in a)
            else:
                key = "matching"
            stem = " ".join(q["stem"].split()[:28])
            topic = q.get("topic") or ",".join(q.get("tags", []))
            if draft:
                print(f"{q['id']} d{q.get('domain')} {q['type']} (draft: key and topic hidden) {stem} ...")
            else:
                print(f"{q['id']} d{q.get('domain')} {q['type']} [{topic}] {stem} ... => {key[:110]}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1])
