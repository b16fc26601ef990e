#!/usr/bin/env python3
"""Prints a bank file's questions without keys, explanations, references, topics or borderline values,
for a reviewer's blind first answer. Ordering steps and matching responses are shown in the file's
order, which the writer has shuffled. Usage: tools/content/blind.py FILE [QUESTION_ID ...]
"""
import json
import sys


def main(path, only):
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    scenarios = {s["id"]: s for s in d.get("scenarios", [])}
    for q in d["questions"]:
        if only and q["id"] not in only:
            continue
        t = q["type"]
        head = f"### {q['id']} (domain {q.get('domain')}, {t}"
        if t == "multiple":
            head += f", choose {len(q['answer'])}"
        print(head + ")")
        if "scenario" in q:
            s = scenarios.get(q["scenario"], {})
            print(f"Scenario {s.get('title', '')}: {s.get('text', '')}")
        print(q["stem"])
        if t == "matching":
            print("Prompts:")
            for p in q["prompts"]:
                print(f"  [{p['id']}] {p['text']}")
            print("Responses:")
        elif t == "ordering":
            print("Steps (put them in order):")
        for o in q["options"]:
            print(f"  {o['id']}) {o['text']}")
        print()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1], set(sys.argv[2:]))
